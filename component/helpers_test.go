package component

import (
	"slices"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/azuremock"
	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
)

const (
	clusterToken    = fakearm.ClusterType
	databaseToken   = fakearm.DatabaseType
	assignmentToken = fakearm.AssignmentType
	vaultToken      = fakearm.VaultType
	secretToken     = fakearm.SecretType
	roleToken       = fakearm.RoleAssignmentType
	listKeysToken   = fakearm.ListDatabaseKeys
)

// newCache runs NewManagedRedis named "cache" against fake and fails the test on error.
func newCache(t *testing.T, fake *azuremock.Fake, args *ManagedRedisArgs, opts ...pulumi.ResourceOption) *ManagedRedis {
	t.Helper()
	var redis *ManagedRedis
	err := azuremock.Run(fake, func(ctx *pulumi.Context) error {
		var err error
		redis, err = NewManagedRedis(ctx, "cache", args, opts...)
		return err
	})
	if err != nil {
		t.Fatalf("NewManagedRedis: %v", err)
	}
	return redis
}

// runCache runs NewManagedRedis named "cache" and returns its error.
func runCache(fake *azuremock.Fake, args *ManagedRedisArgs) error {
	return azuremock.Run(fake, func(ctx *pulumi.Context) error {
		_, err := NewManagedRedis(ctx, "cache", args)
		return err
	})
}

func str(s string) pulumi.StringInput { return pulumi.String(s) }

// output is s as an Output: not a literal, as a value taken from another resource.
func output(s string) pulumi.StringInput { return pulumi.String(s).ToStringOutput() }

// testScope is where the tests' components live (see Run: project "project", stack "stack").
func testScope(resourceGroupName, name string) scope {
	return scope{subscriptionId: fakearm.Subscription, resourceGroupName: resourceGroupName,
		project: "project", stack: "stack", name: name}
}

// dependsOn says whether a registration lists the resource among its dependencies.
func dependsOn(r pulumi.MockResourceArgs, on pulumi.MockResourceArgs) bool {
	return slices.Contains(r.RegisterRPC.GetDependencies(), string(azuremock.URNOf(on)))
}

func hasInputError(err error, input, rule string) bool {
	for _, e := range InputErrors(err) {
		if e.Input == input && e.Rule == rule {
			return true
		}
	}
	return false
}
