package component

import (
	"github.com/managedredis/pulumi-azure-managed-redis/internal/azuremock"
	"strings"
	"testing"
	"unicode"
)

func TestDefaultNamesAreValidAndStable(t *testing.T) {
	names := []string{"cache", "My_Cache.v2", "ünïcode", "---", "9lives", strings.Repeat("long-name", 20)}
	for _, name := range names {
		cluster := defaultClusterName("project", "stack", name)
		if err := checkClusterName("clusterName", cluster); err != nil {
			t.Errorf("%q: default cluster name %q: %v", name, cluster, err)
		}
		vault := defaultKeyVaultName("project", "stack", name)
		if len(vault) < 3 || len(vault) > 24 || !unicode.IsLetter(rune(vault[0])) || !clusterNamePattern.MatchString(vault) {
			t.Errorf("%q: default vault name %q breaks Key Vault's rules", name, vault)
		}
		if again := defaultClusterName("project", "stack", name); again != cluster {
			t.Errorf("%q: cluster name changed from %q to %q", name, cluster, again)
		}
	}
	if defaultClusterName("project", "dev", "cache") == defaultClusterName("project", "prod", "cache") {
		t.Error("two stacks get the same global cluster name")
	}
	if got := defaultClusterName("p", "s", "My_Cache.v2"); !strings.HasPrefix(got, "My-Cache-v2-") {
		t.Errorf("cluster name %q does not start from the component name", got)
	}
}

func TestDeterministicGuid(t *testing.T) {
	a := deterministicGuid("db", azuremock.PrincipalA, "default")
	if a != deterministicGuid("DB", azuremock.PrincipalA, "default") || !guidPattern.MatchString(a) {
		t.Errorf("guid %q is not stable or not a GUID", a)
	}
	if a == deterministicGuid("db", azuremock.PrincipalB, "default") {
		t.Error("two principals share a GUID")
	}
}
