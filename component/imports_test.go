package component

import (
	"os/exec"
	"strings"
	"testing"
)

// The library is usable from Go alone: it imports the Pulumi SDK and azure-native's v2 modules,
// never the provider framework, the Pulumi engine's packages (pkg/v3), the plugin's Azure client
// (azcore) nor the project's provider; so a program's `go mod tidy` records none of them.
func TestLibraryDoesNotDependOnTheProviderFramework(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.HasPrefix(dep, "github.com/pulumi/pulumi-go-provider") || strings.HasPrefix(dep, "github.com/pulumi/pulumi/pkg/v3") ||
			strings.HasPrefix(dep, "github.com/Azure/azure-sdk-for-go/sdk/azcore") ||
			strings.HasPrefix(dep, "github.com/managedredis/pulumi-azure-managed-redis/provider") {
			t.Errorf("component depends on %s", dep)
		}
	}
}
