package network

import (
	"context"
	"errors"
	"reflect"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumix"

	"github.com/managedredis/pulumi-azure-managed-redis/azure"
)

// PrivateDnsZoneGroup registers a private endpoint's address in private DNS zones.
type PrivateDnsZoneGroup struct {
	pulumi.CustomResourceState

	AzureApiVersion   pulumi.StringOutput    `pulumi:"azureApiVersion"`
	Etag              pulumi.StringOutput    `pulumi:"etag"`
	Name              pulumi.StringPtrOutput `pulumi:"name"`
	ProvisioningState pulumi.StringOutput    `pulumi:"provisioningState"`
}

// PrivateDnsZoneGroupArgs are the bound inputs of a PrivateDnsZoneGroup.
type PrivateDnsZoneGroupArgs struct {
	PrivateDnsZoneConfigs   PrivateDnsZoneConfigArrayInput
	PrivateDnsZoneGroupName pulumi.StringPtrInput
	PrivateEndpointName     pulumi.StringInput
	ResourceGroupName       pulumi.StringInput
}

type privateDnsZoneGroupArgs struct {
	PrivateDnsZoneConfigs   []PrivateDnsZoneConfig `pulumi:"privateDnsZoneConfigs"`
	PrivateDnsZoneGroupName *string                `pulumi:"privateDnsZoneGroupName"`
	PrivateEndpointName     string                 `pulumi:"privateEndpointName"`
	ResourceGroupName       string                 `pulumi:"resourceGroupName"`
}

func (PrivateDnsZoneGroupArgs) ElementType() reflect.Type {
	return reflect.TypeFor[privateDnsZoneGroupArgs]()
}

// NewPrivateDnsZoneGroup registers a private DNS zone group of an endpoint.
func NewPrivateDnsZoneGroup(ctx *pulumi.Context, name string, args *PrivateDnsZoneGroupArgs,
	opts ...pulumi.ResourceOption,
) (*PrivateDnsZoneGroup, error) {
	if args == nil {
		return nil, errors.New("missing one or more required arguments")
	}
	return azure.Register[PrivateDnsZoneGroup](ctx, "azure-native:network:PrivateDnsZoneGroup", name, args, map[string]any{
		"PrivateEndpointName": args.PrivateEndpointName,
		"ResourceGroupName":   args.ResourceGroupName,
	}, opts)
}

// PrivateDnsZoneConfig names a private DNS zone of the group.
type PrivateDnsZoneConfig struct {
	Name             *string `pulumi:"name"`
	PrivateDnsZoneId *string `pulumi:"privateDnsZoneId"`
}

// PrivateDnsZoneConfigArgs is the Input form of PrivateDnsZoneConfig.
type PrivateDnsZoneConfigArgs struct {
	Name             pulumi.StringPtrInput `pulumi:"name"`
	PrivateDnsZoneId pulumi.StringPtrInput `pulumi:"privateDnsZoneId"`
}

// PrivateDnsZoneConfigInput is satisfied by PrivateDnsZoneConfigArgs.
type PrivateDnsZoneConfigInput = pulumix.Input[PrivateDnsZoneConfig]

func (PrivateDnsZoneConfigArgs) ElementType() reflect.Type {
	return reflect.TypeFor[PrivateDnsZoneConfig]()
}
func (a PrivateDnsZoneConfigArgs) ToOutput(ctx context.Context) pulumix.Output[PrivateDnsZoneConfig] {
	return azure.ToOutput[PrivateDnsZoneConfig](ctx, a)
}

// PrivateDnsZoneConfigArray is a list of PrivateDnsZoneConfigInput.
type PrivateDnsZoneConfigArray = azure.Array[PrivateDnsZoneConfig]

// PrivateDnsZoneConfigArrayInput is satisfied by PrivateDnsZoneConfigArray.
type PrivateDnsZoneConfigArrayInput = pulumix.Input[[]PrivateDnsZoneConfig]
