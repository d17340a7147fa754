package managedidentity

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure"
	"github.com/managedredis/pulumi-azure-managed-redis/internal/factcheck"
)

func TestBindingMatchesFacts(t *testing.T) {
	f := factcheck.Load(t, "testdata/azure-native-3.28.0-managedidentity.json")
	f.Module(t, map[string]factcheck.BoundResource{
		"UserAssignedIdentity": factcheck.ResourceOf[UserAssignedIdentity, UserAssignedIdentityArgs, userAssignedIdentityArgs](),
	}, map[string]factcheck.BoundFunction{
		"getUserAssignedIdentity": factcheck.FunctionOf[LookupUserAssignedIdentityArgs, LookupUserAssignedIdentityOutputArgs, LookupUserAssignedIdentityResult](),
	}, factcheck.Complete)
	f.Tokens(t, azure.NativeVersion, func(ctx *pulumi.Context) error {
		if _, err := NewUserAssignedIdentity(ctx, "id", &UserAssignedIdentityArgs{ResourceGroupName: pulumi.String("rg")}); err != nil {
			return err
		}
		// Exported, so that the run waits for the invoke.
		ctx.Export("identity", LookupUserAssignedIdentityOutput(ctx, LookupUserAssignedIdentityOutputArgs{
			ResourceGroupName: pulumi.String("rg"), ResourceName: pulumi.String("id"),
		}))
		return nil
	}, []string{"UserAssignedIdentity"}, []string{"getUserAssignedIdentity"})

	factcheck.PluginJSON(t, azure.NativeVersion)
}
