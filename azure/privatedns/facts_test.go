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

	resources, _ := factcheck.Registered(t, func(ctx *pulumi.Context) error {
		if _, err := NewPrivateZone(ctx, "zone", &PrivateZoneArgs{ResourceGroupName: pulumi.String("rg")}); err != nil {
			return err
		}
		_, err := NewVirtualNetworkLink(ctx, "link", &VirtualNetworkLinkArgs{
			PrivateZoneName: pulumi.String("zone"), ResourceGroupName: pulumi.String("rg"),
		})
		return err
	})
	for _, name := range []string{"PrivateZone", "VirtualNetworkLink"} {
		if v := resources[f.Resources[name].Token]; v != azure.NativeVersion {
			t.Errorf("%s registered with plugin %q", name, v)
		}
	}
	factcheck.PluginJSON(t, azure.NativeVersion)
}
