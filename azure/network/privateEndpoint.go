package network

import (
	"context"
	"errors"
	"reflect"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumix"

	"github.com/managedredis/pulumi-azure-managed-redis/azure"
)

// PrivateEndpoint gives a service (a cache) a private IP address in a subnet.
type PrivateEndpoint struct {
	pulumi.CustomResourceState

	AzureApiVersion   pulumi.StringOutput                                       `pulumi:"azureApiVersion"`
	CustomDnsConfigs  pulumix.Output[[]CustomDnsConfigPropertiesFormatResponse] `pulumi:"customDnsConfigs"`
	Etag              pulumi.StringOutput                                       `pulumi:"etag"`
	Name              pulumi.StringOutput                                       `pulumi:"name"`
	NetworkInterfaces pulumix.Output[[]NetworkInterfaceResponse]                `pulumi:"networkInterfaces"`
	ProvisioningState pulumi.StringOutput                                       `pulumi:"provisioningState"`
	Type              pulumi.StringOutput                                       `pulumi:"type"`
}

// PrivateEndpointArgs are the bound inputs of a PrivateEndpoint.
type PrivateEndpointArgs struct {
	Location                      pulumi.StringPtrInput
	PrivateEndpointName           pulumi.StringPtrInput
	PrivateLinkServiceConnections PrivateLinkServiceConnectionArrayInput
	ResourceGroupName             pulumi.StringInput
	Subnet                        SubnetTypePtrInput
	Tags                          pulumi.StringMapInput
}

type privateEndpointArgs struct {
	Location                      *string                        `pulumi:"location"`
	PrivateEndpointName           *string                        `pulumi:"privateEndpointName"`
	PrivateLinkServiceConnections []PrivateLinkServiceConnection `pulumi:"privateLinkServiceConnections"`
	ResourceGroupName             string                         `pulumi:"resourceGroupName"`
	Subnet                        *SubnetType                    `pulumi:"subnet"`
	Tags                          map[string]string              `pulumi:"tags"`
}

func (PrivateEndpointArgs) ElementType() reflect.Type { return reflect.TypeFor[privateEndpointArgs]() }

// NewPrivateEndpoint registers a private endpoint. As the generated SDK does, it sends the
// subnet with its network policy defaults.
func NewPrivateEndpoint(ctx *pulumi.Context, name string, args *PrivateEndpointArgs,
	opts ...pulumi.ResourceOption,
) (*PrivateEndpoint, error) {
	if args == nil {
		return nil, errors.New("missing one or more required arguments")
	}
	withDefaults := *args
	if args.Subnet != nil {
		withDefaults.Subnet = pulumix.Apply(args.Subnet.ToOutput(ctx.Context()), SubnetType.Defaults)
	}
	return azure.Register[PrivateEndpoint](ctx, "azure-native:network:PrivateEndpoint", name, withDefaults,
		map[string]any{"ResourceGroupName": args.ResourceGroupName}, opts)
}

// SubnetType is the subnet of a private endpoint, by id (Subnet in the schema; Go adds Type
// because a resource of this module is named Subnet).
type SubnetType struct {
	Id                                *string `pulumi:"id"`
	PrivateEndpointNetworkPolicies    *string `pulumi:"privateEndpointNetworkPolicies"`
	PrivateLinkServiceNetworkPolicies *string `pulumi:"privateLinkServiceNetworkPolicies"`
}

// Defaults fills what the generated SDK fills when a subnet is given: private endpoint network
// policies Disabled, private link service network policies Enabled.
func (s SubnetType) Defaults() SubnetType {
	if s.PrivateEndpointNetworkPolicies == nil {
		disabled := "Disabled"
		s.PrivateEndpointNetworkPolicies = &disabled
	}
	if s.PrivateLinkServiceNetworkPolicies == nil {
		enabled := "Enabled"
		s.PrivateLinkServiceNetworkPolicies = &enabled
	}
	return s
}

// SubnetTypeArgs is the Input form of SubnetType.
type SubnetTypeArgs struct {
	Id                                pulumi.StringPtrInput `pulumi:"id"`
	PrivateEndpointNetworkPolicies    pulumi.StringPtrInput `pulumi:"privateEndpointNetworkPolicies"`
	PrivateLinkServiceNetworkPolicies pulumi.StringPtrInput `pulumi:"privateLinkServiceNetworkPolicies"`
}

// SubnetTypePtrInput is satisfied by SubnetTypeArgs.
type SubnetTypePtrInput = pulumix.Input[SubnetType]

func (SubnetTypeArgs) ElementType() reflect.Type { return reflect.TypeFor[SubnetType]() }
func (a SubnetTypeArgs) ToOutput(ctx context.Context) pulumix.Output[SubnetType] {
	return azure.ToOutput[SubnetType](ctx, a)
}

// PrivateLinkServiceConnection connects the endpoint to a group of a service (a cache's
// "redisEnterprise").
type PrivateLinkServiceConnection struct {
	GroupIds             []string `pulumi:"groupIds"`
	Name                 *string  `pulumi:"name"`
	PrivateLinkServiceId *string  `pulumi:"privateLinkServiceId"`
}

// PrivateLinkServiceConnectionArgs is the Input form of PrivateLinkServiceConnection.
type PrivateLinkServiceConnectionArgs struct {
	GroupIds             pulumi.StringArrayInput `pulumi:"groupIds"`
	Name                 pulumi.StringPtrInput   `pulumi:"name"`
	PrivateLinkServiceId pulumi.StringPtrInput   `pulumi:"privateLinkServiceId"`
}

// PrivateLinkServiceConnectionInput is satisfied by PrivateLinkServiceConnectionArgs.
type PrivateLinkServiceConnectionInput = pulumix.Input[PrivateLinkServiceConnection]

func (PrivateLinkServiceConnectionArgs) ElementType() reflect.Type {
	return reflect.TypeFor[PrivateLinkServiceConnection]()
}
func (a PrivateLinkServiceConnectionArgs) ToOutput(ctx context.Context) pulumix.Output[PrivateLinkServiceConnection] {
	return azure.ToOutput[PrivateLinkServiceConnection](ctx, a)
}

// PrivateLinkServiceConnectionArray is a list of PrivateLinkServiceConnectionInput.
type PrivateLinkServiceConnectionArray = azure.Array[PrivateLinkServiceConnection]

// PrivateLinkServiceConnectionArrayInput is satisfied by PrivateLinkServiceConnectionArray.
type PrivateLinkServiceConnectionArrayInput = pulumix.Input[[]PrivateLinkServiceConnection]

// NetworkInterfaceResponse is a network interface of an endpoint, by id.
type NetworkInterfaceResponse struct {
	Id *string `pulumi:"id"`
}

// CustomDnsConfigPropertiesFormatResponse is a name and the private addresses it resolves to.
type CustomDnsConfigPropertiesFormatResponse struct {
	Fqdn        *string  `pulumi:"fqdn"`
	IpAddresses []string `pulumi:"ipAddresses"`
}
