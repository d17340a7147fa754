package privatedns

import (
	"errors"
	"reflect"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure"
)

// PrivateZone is a private DNS zone, such as privatelink.redis.azure.net.
type PrivateZone struct {
	pulumi.CustomResourceState

	AzureApiVersion   pulumi.StringOutput    `pulumi:"azureApiVersion"`
	Etag              pulumi.StringPtrOutput `pulumi:"etag"`
	Location          pulumi.StringPtrOutput `pulumi:"location"`
	Name              pulumi.StringOutput    `pulumi:"name"`
	ProvisioningState pulumi.StringOutput    `pulumi:"provisioningState"`
	Tags              pulumi.StringMapOutput `pulumi:"tags"`
	Type              pulumi.StringOutput    `pulumi:"type"`
}

// PrivateZoneArgs are the inputs of a PrivateZone.
type PrivateZoneArgs struct {
	// Location of a private DNS zone is "global".
	Location          pulumi.StringPtrInput
	PrivateZoneName   pulumi.StringPtrInput
	ResourceGroupName pulumi.StringInput
	Tags              pulumi.StringMapInput
}

type privateZoneArgs struct {
	Location          *string           `pulumi:"location"`
	PrivateZoneName   *string           `pulumi:"privateZoneName"`
	ResourceGroupName string            `pulumi:"resourceGroupName"`
	Tags              map[string]string `pulumi:"tags"`
}

func (PrivateZoneArgs) ElementType() reflect.Type { return reflect.TypeFor[privateZoneArgs]() }

// NewPrivateZone registers a private DNS zone.
func NewPrivateZone(ctx *pulumi.Context, name string, args *PrivateZoneArgs, opts ...pulumi.ResourceOption) (*PrivateZone, error) {
	if args == nil {
		return nil, errors.New("missing one or more required arguments")
	}
	return azure.Register[PrivateZone](ctx, "azure-native:privatedns:PrivateZone", name, args,
		map[string]any{"ResourceGroupName": args.ResourceGroupName}, opts)
}
