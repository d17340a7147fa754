package privatedns

import (
	"context"
	"errors"
	"reflect"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumix"

	"github.com/managedredis/pulumi-azure-managed-redis/azure"
)

// VirtualNetworkLink lets a virtual network resolve the names of a private DNS zone.
type VirtualNetworkLink struct {
	pulumi.CustomResourceState

	AzureApiVersion         pulumi.StringOutput    `pulumi:"azureApiVersion"`
	Etag                    pulumi.StringPtrOutput `pulumi:"etag"`
	Location                pulumi.StringPtrOutput `pulumi:"location"`
	Name                    pulumi.StringOutput    `pulumi:"name"`
	ProvisioningState       pulumi.StringOutput    `pulumi:"provisioningState"`
	RegistrationEnabled     pulumi.BoolPtrOutput   `pulumi:"registrationEnabled"`
	Tags                    pulumi.StringMapOutput `pulumi:"tags"`
	Type                    pulumi.StringOutput    `pulumi:"type"`
	VirtualNetworkLinkState pulumi.StringOutput    `pulumi:"virtualNetworkLinkState"`
}

// VirtualNetworkLinkArgs are the bound inputs of a VirtualNetworkLink.
type VirtualNetworkLinkArgs struct {
	Location               pulumi.StringPtrInput
	PrivateZoneName        pulumi.StringInput
	RegistrationEnabled    pulumi.BoolPtrInput
	ResourceGroupName      pulumi.StringInput
	Tags                   pulumi.StringMapInput
	VirtualNetwork         SubResourcePtrInput
	VirtualNetworkLinkName pulumi.StringPtrInput
}

type virtualNetworkLinkArgs struct {
	Location               *string           `pulumi:"location"`
	PrivateZoneName        string            `pulumi:"privateZoneName"`
	RegistrationEnabled    *bool             `pulumi:"registrationEnabled"`
	ResourceGroupName      string            `pulumi:"resourceGroupName"`
	Tags                   map[string]string `pulumi:"tags"`
	VirtualNetwork         *SubResource      `pulumi:"virtualNetwork"`
	VirtualNetworkLinkName *string           `pulumi:"virtualNetworkLinkName"`
}

func (VirtualNetworkLinkArgs) ElementType() reflect.Type {
	return reflect.TypeFor[virtualNetworkLinkArgs]()
}

// NewVirtualNetworkLink registers a link of a private DNS zone to a virtual network.
func NewVirtualNetworkLink(ctx *pulumi.Context, name string, args *VirtualNetworkLinkArgs,
	opts ...pulumi.ResourceOption,
) (*VirtualNetworkLink, error) {
	if args == nil {
		return nil, errors.New("missing one or more required arguments")
	}
	return azure.Register[VirtualNetworkLink](ctx, "azure-native:privatedns:VirtualNetworkLink", name, args, map[string]any{
		"PrivateZoneName": args.PrivateZoneName, "ResourceGroupName": args.ResourceGroupName,
	}, opts)
}

// SubResource is a reference to another resource, by id.
type SubResource struct {
	Id *string `pulumi:"id"`
}

// SubResourceArgs is the Input form of SubResource.
type SubResourceArgs struct {
	Id pulumi.StringPtrInput `pulumi:"id"`
}

// SubResourcePtrInput is satisfied by SubResourceArgs.
type SubResourcePtrInput = pulumix.Input[SubResource]

func (SubResourceArgs) ElementType() reflect.Type { return reflect.TypeFor[SubResource]() }
func (a SubResourceArgs) ToOutput(ctx context.Context) pulumix.Output[SubResource] {
	return azure.ToOutput[SubResource](ctx, a)
}
