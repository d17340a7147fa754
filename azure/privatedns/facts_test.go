package privatedns

import (
	"reflect"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure"
	"github.com/managedredis/pulumi-azure-managed-redis/azure/internal/factcheck"
)

func TestBindingMatchesFacts(t *testing.T) {
	f := factcheck.Load(t, "testdata/azure-native-3.28.0-privatedns.json")
	f.Resource(t, "PrivateZone", reflect.TypeFor[PrivateZone](), reflect.TypeFor[PrivateZoneArgs](),
		reflect.TypeFor[privateZoneArgs](), factcheck.Subset)
	f.Resource(t, "VirtualNetworkLink", reflect.TypeFor[VirtualNetworkLink](), reflect.TypeFor[VirtualNetworkLinkArgs](),
		reflect.TypeFor[virtualNetworkLinkArgs](), factcheck.Subset)

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
