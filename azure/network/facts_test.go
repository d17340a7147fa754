package network

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure"
	"github.com/managedredis/pulumi-azure-managed-redis/azure/enumvalues"
	"github.com/managedredis/pulumi-azure-managed-redis/internal/factcheck"
)

func TestBindingMatchesFacts(t *testing.T) {
	f := factcheck.Load(t, "testdata/azure-native-3.28.0-network.json")
	f.Module(t, map[string]factcheck.BoundResource{
		"PrivateEndpoint":     factcheck.ResourceOf[PrivateEndpoint, PrivateEndpointArgs, privateEndpointArgs](),
		"PrivateDnsZoneGroup": factcheck.ResourceOf[PrivateDnsZoneGroup, PrivateDnsZoneGroupArgs, privateDnsZoneGroupArgs](),
	}, map[string]factcheck.BoundFunction{
		"getNetworkInterface": factcheck.FunctionOf[LookupNetworkInterfaceArgs, LookupNetworkInterfaceOutputArgs, LookupNetworkInterfaceResult](),
	}, factcheck.Complete)
	f.EnumValues(t, map[string][]string{
		"network:ExtendedLocationTypes":                           enumvalues.NetworkExtendedLocationTypes,
		"network:RouteNextHopType":                                enumvalues.NetworkRouteNextHopType,
		"network:SecurityRuleAccess":                              enumvalues.NetworkSecurityRuleAccess,
		"network:SecurityRuleDirection":                           enumvalues.NetworkSecurityRuleDirection,
		"network:SecurityRuleProtocol":                            enumvalues.NetworkSecurityRuleProtocol,
		"network:SharingScope":                                    enumvalues.NetworkSharingScope,
		"network:VirtualNetworkPrivateEndpointNetworkPolicies":    enumvalues.NetworkVirtualNetworkPrivateEndpointNetworkPolicies,
		"network:VirtualNetworkPrivateLinkServiceNetworkPolicies": enumvalues.NetworkVirtualNetworkPrivateLinkServiceNetworkPolicies,
	})

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

// As the official SDK does, a subnet is sent with its network policy defaults (the facts'
// sdkDefaults), unless set.
func TestSubnetDefaults(t *testing.T) {
	id, disabled, enabled := "subnet", "Disabled", "Enabled"
	got := (&SubnetType{Id: &id}).Defaults()
	if *got.PrivateEndpointNetworkPolicies != disabled || *got.PrivateLinkServiceNetworkPolicies != enabled {
		t.Errorf("defaults %+v", got)
	}
	set := (&SubnetType{Id: &id, PrivateEndpointNetworkPolicies: &enabled}).Defaults()
	if *set.PrivateEndpointNetworkPolicies != enabled {
		t.Errorf("a set policy was overwritten: %+v", set)
	}
}
