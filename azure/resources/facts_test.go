package resources

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure"
	"github.com/managedredis/pulumi-azure-managed-redis/internal/factcheck"
)

// ResourceGroup is bound for the fake azure-native plugin's schema, which the YAML programs of
// the examples and engine tests declare resource groups with.
func TestBindingMatchesFacts(t *testing.T) {
	f := factcheck.Load(t, "testdata/azure-native-3.28.0-resources.json")
	f.Module(t, map[string]factcheck.BoundResource{
		"ResourceGroup": factcheck.ResourceOf[ResourceGroup, ResourceGroupArgs, resourceGroupArgs](),
	}, nil, factcheck.Complete)
	f.Tokens(t, azure.NativeVersion, func(ctx *pulumi.Context) error {
		_, err := NewResourceGroup(ctx, "rg", &ResourceGroupArgs{})
		return err
	}, []string{"ResourceGroup"}, nil)

	factcheck.PluginJSON(t, azure.NativeVersion)
}
