package component

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/azuremock"
	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
)

// Whatever a Go program builds from a cache's outputs comes after every child of the cache,
// as it does over the wire, where Construct returns once the children exist.
func TestEveryOutputWaitsForEveryChild(t *testing.T) {
	for _, mode := range []string{EntraID, AccessKey} {
		t.Run(mode, func(t *testing.T) {
			fake := azuremock.New()
			var outputs pulumi.Map
			err := azuremock.Run(fake, func(ctx *pulumi.Context) error {
				cache, err := NewManagedRedis(ctx, "cache", &ManagedRedisArgs{
					ResourceGroupName: str("rg"), Authentication: mode,
					AccessPrincipals: []AccessPrincipal{{ObjectId: str(azuremock.PrincipalA)}, {ObjectId: str(azuremock.PrincipalB)}},
				})
				if err != nil {
					return err
				}
				outputs = cache.Outputs()
				// One consumer per output, each taking that output as an input.
				for name, value := range outputs {
					if err := ctx.RegisterResource("test:index:Consumer", name, pulumi.Map{"value": value}, &consumer{}); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			var children []pulumi.MockResourceArgs
			for _, r := range fake.Resources() {
				if strings.HasPrefix(r.TypeToken, "azure-native:") {
					children = append(children, r)
				}
			}
			consumers := fake.Registered("test:index:Consumer")
			if len(consumers) != len(outputs) || len(children) < 4 {
				t.Fatalf("%d consumers of %d outputs, %d children", len(consumers), len(outputs), len(children))
			}
			for _, c := range consumers {
				for _, child := range children {
					if !dependsOn(c, child) {
						t.Errorf("a consumer of output %s does not wait for %s %s", c.Name, child.TypeToken, child.Name)
					}
				}
			}
		})
	}
}

type consumer struct{ pulumi.CustomResourceState }

// The component's dependsOn reaches every child and every invoke: nothing it creates or reads
// starts before what it depends on exists.
func TestDependsOnReachesEveryChildAndInvoke(t *testing.T) {
	for _, mode := range []string{EntraID, AccessKey} {
		t.Run(mode, func(t *testing.T) {
			fake := azuremock.New(fakearm.ExistingCache("rg", "legacy", "eastus", "Enabled")...)
			fake.Slow = map[string]func(pulumi.MockResourceArgs){"test:index:Slow": func(pulumi.MockResourceArgs) { time.Sleep(300 * time.Millisecond) }}
			for _, existing := range []bool{false, true} {
				args := &ManagedRedisArgs{ResourceGroupName: str("rg"), Authentication: mode,
					AccessPrincipals: []AccessPrincipal{{ObjectId: str(azuremock.PrincipalA)}}}
				name := "created"
				if existing {
					args.Existing, name = &ExistingCache{ClusterName: str("legacy")}, "existing"
				}
				err := azuremock.Run(fake, func(ctx *pulumi.Context) error {
					var first consumer
					if err := ctx.RegisterResource("test:index:Slow", "first", pulumi.Map{}, &first); err != nil {
						return err
					}
					_, err := NewManagedRedis(ctx, name, args, pulumi.DependsOn([]pulumi.Resource{&first}))
					return err
				})
				if err != nil {
					t.Fatal(err)
				}
			}
			events := fake.Events()
			slow := slices.Index(events, "register test:index:Slow first")
			if slow < 0 {
				t.Fatalf("events %v", events)
			}
			for _, e := range events[:slow] {
				if strings.HasPrefix(e, "invoke ") || strings.Contains(e, "azure-native:") {
					t.Errorf("%q happened before the resource the component depends on existed", e)
				}
			}
			first := fake.Registered("test:index:Slow")[0]
			for _, r := range fake.Resources() {
				if strings.HasPrefix(r.TypeToken, "azure-native:") && !dependsOn(r, first) {
					t.Errorf("%s %s does not list the component's dependsOn", r.TypeToken, r.Name)
				}
			}
		})
	}
}

func TestAGivenVaultIsCheckedBeforeSecretsGoThere(t *testing.T) {
	otherSubscription := strings.Replace(azuremock.GivenVaultId, fakearm.Subscription, "00000000-0000-0000-0000-00000000cccc", 1)
	accessPolicies := fakearm.VaultId("shared-rg", "policies-kv")
	tests := []struct {
		name, vaultId, want string
	}{
		{"another subscription", otherSubscription, "the component deploys to subscription " + fakearm.Subscription},
		{"access policies", accessPolicies, "authorizes with access policies, not Azure RBAC"},
		{"missing", fakearm.VaultId("shared-rg", "missing-kv"), "ResourceNotFound"},
	}
	for _, tt := range tests {
		for _, given := range []struct {
			how string
			id  pulumi.StringInput
		}{{"literal", str(tt.vaultId)}, {"output", output(tt.vaultId)}} {
			t.Run(tt.name+" "+given.how, func(t *testing.T) {
				fake := azuremock.New(fakearm.ExistingVault("shared-rg", "policies-kv", false)...)
				err := runCache(fake, &ManagedRedisArgs{ResourceGroupName: str("rg"), Authentication: AccessKey,
					KeyVaultId: given.id, AccessPrincipals: []AccessPrincipal{{ObjectId: str(azuremock.PrincipalA)}}})
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("want an error saying %q, got %v", tt.want, err)
				}
				if tt.name != "missing" && !hasInputError(err, "keyVaultId", "key vault") {
					t.Errorf("the error does not name keyVaultId: %v", err)
				}
				if n := len(fake.Registered(secretToken)) + len(fake.Registered(roleToken)); n != 0 {
					t.Errorf("%d secrets or roles registered for a vault that cannot hold them", n)
				}
			})
		}
	}
}

// An empty location is the resource group's, as an unset one is, not an empty value for Azure;
// tags may be Outputs.
func TestEmptyLocationIsLeftOutAndTagsMayBeOutputs(t *testing.T) {
	for _, location := range []pulumi.StringInput{str(""), output("")} {
		fake := azuremock.New()
		newCache(t, fake, &ManagedRedisArgs{ResourceGroupName: str("rg"), Location: location, Authentication: AccessKey,
			Tags: pulumi.StringMap{"owner": output("team")}})
		for _, token := range []string{clusterToken, vaultToken} {
			r := fake.One(t, token)
			if got := azuremock.Input(r, "location"); got != nil {
				t.Errorf("%s location %v, want it left out", token, got)
			}
			if got := azuremock.Input(r, "tags.owner"); got != "team" {
				t.Errorf("%s tags.owner %v", token, got)
			}
		}
	}
}
