package component

import (
	"os/exec"
	"strings"
	"testing"
)

// The library is usable from Go alone: it never depends on the provider framework nor on the
// project's provider.
func TestLibraryDoesNotDependOnTheProviderFramework(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.HasPrefix(dep, "github.com/pulumi/pulumi-go-provider") ||
			strings.HasPrefix(dep, "github.com/managedredis/pulumi-azure-managed-redis/provider") {
			t.Errorf("component depends on %s", dep)
		}
	}
}
