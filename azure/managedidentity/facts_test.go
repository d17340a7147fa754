package managedidentity

import (
	"reflect"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure"
	"github.com/managedredis/pulumi-azure-managed-redis/azure/internal/factcheck"
)

func TestBindingMatchesFacts(t *testing.T) {
	f := factcheck.Load(t, "testdata/azure-native-3.28.0-managedidentity.json")
	f.Function(t, "getUserAssignedIdentity", reflect.TypeFor[LookupUserAssignedIdentityArgs](),
		reflect.TypeFor[LookupUserAssignedIdentityOutputArgs](), reflect.TypeFor[LookupUserAssignedIdentityResult](), factcheck.Subset)
	f.Tokens(t, azure.NativeVersion, func(ctx *pulumi.Context) error {
		// Exported, so that the run waits for the invoke.
		ctx.Export("identity", LookupUserAssignedIdentityOutput(ctx, LookupUserAssignedIdentityOutputArgs{
			ResourceGroupName: pulumi.String("rg"), ResourceName: pulumi.String("id"),
		}))
		return nil
	}, nil, []string{"getUserAssignedIdentity"})

	factcheck.PluginJSON(t, azure.NativeVersion)
}
