package network

import (
	"reflect"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure"
	"github.com/managedredis/pulumi-azure-managed-redis/azure/internal/factcheck"
)

func TestBindingMatchesFacts(t *testing.T) {
	f := factcheck.Load(t, "testdata/azure-native-3.28.0-network.json")
	f.Resource(t, "PrivateEndpoint", reflect.TypeFor[PrivateEndpoint](), reflect.TypeFor[PrivateEndpointArgs](),
		reflect.TypeFor[privateEndpointArgs](), factcheck.Subset)
	f.Resource(t, "PrivateDnsZoneGroup", reflect.TypeFor[PrivateDnsZoneGroup](), reflect.TypeFor[PrivateDnsZoneGroupArgs](),
		reflect.TypeFor[privateDnsZoneGroupArgs](), factcheck.Subset)
	f.Function(t, "getNetworkInterface", reflect.TypeFor[LookupNetworkInterfaceArgs](),
		reflect.TypeFor[LookupNetworkInterfaceOutputArgs](), reflect.TypeFor[LookupNetworkInterfaceResult](), factcheck.Subset)

	f.Tokens(t, azure.NativeVersion, func(ctx *pulumi.Context) error {
		if _, err := NewPrivateEndpoint(ctx, "pe", &PrivateEndpointArgs{ResourceGroupName: pulumi.String("rg")}); err != nil {
			return err
		}
		if _, err := NewPrivateDnsZoneGroup(ctx, "group", &PrivateDnsZoneGroupArgs{
			PrivateEndpointName: pulumi.String("pe"), ResourceGroupName: pulumi.String("rg"),
		}); err != nil {
			return err
		}
		// Exported, so that the run waits for the invoke.
		ctx.Export("nic", LookupNetworkInterfaceOutput(ctx, LookupNetworkInterfaceOutputArgs{
			NetworkInterfaceName: pulumi.String("nic"), ResourceGroupName: pulumi.String("rg"),
		}))
		return nil
	}, []string{"PrivateEndpoint", "PrivateDnsZoneGroup"}, []string{"getNetworkInterface"})

	factcheck.PluginJSON(t, azure.NativeVersion)
}

// As the generated SDK does, a subnet is sent with its network policy defaults, unless set.
func TestSubnetDefaults(t *testing.T) {
	id, disabled, enabled := "subnet", "Disabled", "Enabled"
	got := SubnetType{Id: &id}.Defaults()
	if *got.PrivateEndpointNetworkPolicies != disabled || *got.PrivateLinkServiceNetworkPolicies != enabled {
		t.Errorf("defaults %+v", got)
	}
	set := SubnetType{Id: &id, PrivateEndpointNetworkPolicies: &enabled}.Defaults()
	if *set.PrivateEndpointNetworkPolicies != enabled {
		t.Errorf("a set policy was overwritten: %+v", set)
	}
}
