package component

import (
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/azuremock"
	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
)

func TestDefaultNamesAreValidAndStable(t *testing.T) {
	names := []string{"cache", "My_Cache.v2", "ünïcode", "---", "9lives", strings.Repeat("long-name", 20)}
	for _, name := range names {
		s := testScope("rg", name)
		cluster := defaultClusterName(s)
		if err := clusterNameProblem(cluster); err != "" {
			t.Errorf("%q: default cluster name %q: %v", name, cluster, err)
		}
		vault := defaultKeyVaultName(s)
		if len(vault) < 3 || len(vault) > 24 || !unicode.IsLetter(rune(vault[0])) || !clusterNamePattern.MatchString(vault) {
			t.Errorf("%q: default vault name %q breaks Key Vault's rules", name, vault)
		}
		if connection := defaultConnectionName(name); connectionNameProblem(connection) != "" {
			t.Errorf("%q: default connection name %q is refused: %s", name, connection, connectionNameProblem(connection))
		}
		if again := defaultClusterName(testScope("rg", name)); again != cluster {
			t.Errorf("%q: cluster name changed from %q to %q", name, cluster, again)
		}
	}
	for name, want := range map[string]string{"cache": "cache", "session_cache": "session-cache", "My_Cache.v2": "My-Cache-v2",
		"9lives": "r9lives", "a--b-": "a--b-", "---": "redis"} {
		if got := defaultConnectionName(name); got != want {
			t.Errorf("default connection name of %q = %q, want %q", name, got, want)
		}
	}
	if got := defaultClusterName(testScope("rg", "My_Cache.v2")); !strings.HasPrefix(got, "My-Cache-v2-") {
		t.Errorf("cluster name %q does not start from the component name", got)
	}
}

// Host names and vault names are global: the same program in another subscription, resource
// group or stack must not collide. Resource group names compare without case, as in ARM.
func TestDefaultNamesDependOnWhereTheCacheLives(t *testing.T) {
	base := testScope("rg", "cache")
	others := map[string]scope{}
	for what, change := range map[string]func(*scope){
		"subscription":   func(s *scope) { s.subscriptionId = "00000000-0000-0000-0000-00000000cccc" },
		"resource group": func(s *scope) { s.resourceGroupName = "rg2" },
		"project":        func(s *scope) { s.project = "other" },
		"stack":          func(s *scope) { s.stack = "prod" },
	} {
		other := base
		change(&other)
		others[what] = other
	}
	for what, other := range others {
		if defaultClusterName(other) == defaultClusterName(base) || defaultKeyVaultName(other) == defaultKeyVaultName(base) {
			t.Errorf("another %s gives the same global names", what)
		}
	}
	upper := base
	upper.resourceGroupName = "RG"
	if defaultClusterName(upper) != defaultClusterName(base) {
		t.Error("the resource group's letter case renamed the cluster")
	}
}

// The component reads the subscription the provider deploys to and names the cluster and vault
// from it.
func TestDefaultNamesUseTheProvidersSubscription(t *testing.T) {
	names := func(subscription, resourceGroup string) (cluster, vault string) {
		fake := azuremock.New()
		fake.Subscription = subscription
		newCache(t, fake, &ManagedRedisArgs{ResourceGroupName: str(resourceGroup), Authentication: AccessKey})
		return azuremock.Input(fake.One(t, clusterToken), "clusterName").(string), azuremock.Input(fake.One(t, vaultToken), "vaultName").(string)
	}
	cluster, vault := names(fakearm.Subscription, "rg")
	want := testScope("rg", "cache")
	if cluster != defaultClusterName(want) || vault != defaultKeyVaultName(want) {
		t.Errorf("names %s, %s; want %s, %s", cluster, vault, defaultClusterName(want), defaultKeyVaultName(want))
	}
	for _, other := range [][2]string{{"00000000-0000-0000-0000-00000000cccc", "rg"}, {fakearm.Subscription, "rg2"}} {
		if c, v := names(other[0], other[1]); c == cluster || v == vault {
			t.Errorf("subscription %s, resource group %s: same names %s, %s", other[0], other[1], c, v)
		}
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

// Access policy assignment names follow the REST API's pattern, which the az CLI enforces, for
// any database and principal, and differ between principals and databases.
func TestAccessPolicyAssignmentNamesAreLettersAndDigits(t *testing.T) {
	pattern := regexp.MustCompile(`^[A-Za-z0-9]{1,60}$`)
	seen := map[string]bool{}
	for _, db := range [][3]string{{"rg", "cache", "default"}, {"RG-2", "other-cache", "default"}, {"rg", "cache", "db2"}} {
		for _, objectId := range []string{"00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000002"} {
			name := accessPolicyAssignmentName(db[0], db[1], db[2], objectId)
			if !pattern.MatchString(name) {
				t.Errorf("%v %s: %q does not match %s", db, objectId, name, pattern)
			}
			if name != accessPolicyAssignmentName(db[0], db[1], db[2], strings.ToUpper(objectId)) {
				t.Errorf("%v %s: the name depends on the object id's letter case", db, objectId)
			}
			if seen[name] {
				t.Errorf("%v %s: %q is another assignment's name", db, objectId, name)
			}
			seen[name] = true
		}
	}
}
