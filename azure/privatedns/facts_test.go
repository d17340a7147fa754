package privatedns

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure"
	"github.com/managedredis/pulumi-azure-managed-redis/azure/enumvalues"
	"github.com/managedredis/pulumi-azure-managed-redis/internal/factcheck"
)

func TestBindingMatchesFacts(t *testing.T) {
	f := factcheck.Load(t, "testdata/azure-native-3.28.0-privatedns.json")
	f.Module(t, map[string]factcheck.BoundResource{
		"PrivateZone":        factcheck.ResourceOf[PrivateZone, PrivateZoneArgs, privateZoneArgs](),
		"VirtualNetworkLink": factcheck.ResourceOf[VirtualNetworkLink, VirtualNetworkLinkArgs, virtualNetworkLinkArgs](),
	}, nil, factcheck.Complete)
	f.EnumValues(t, map[string][]string{"privatedns:ResolutionPolicy": enumvalues.PrivatednsResolutionPolicy})

	f.Tokens(t, azure.NativeVersion, func(ctx *pulumi.Context) error {
		if _, err := NewPrivateZone(ctx, "zone", &PrivateZoneArgs{ResourceGroupName: pulumi.String("rg")}); err != nil {
			return err
		}
		_, err := NewVirtualNetworkLink(ctx, "link", &VirtualNetworkLinkArgs{
			PrivateZoneName: pulumi.String("zone"), ResourceGroupName: pulumi.String("rg"),
		})
		return err
	}, []string{"PrivateZone", "VirtualNetworkLink"}, nil)

	factcheck.PluginJSON(t, azure.NativeVersion)
}
