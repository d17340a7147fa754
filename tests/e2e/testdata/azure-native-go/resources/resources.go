// Package resources stands in for github.com/pulumi/pulumi-azure-native-sdk/resources/v3
// (see ../README.md): ResourceGroup as azure-native 3.28.0's Go SDK declares it.
package resources

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

type ResourceGroup struct {
	pulumi.CustomResourceState

	Location pulumi.StringOutput    `pulumi:"location"`
	Name     pulumi.StringOutput    `pulumi:"name"`
	Tags     pulumi.StringMapOutput `pulumi:"tags"`
}

type ResourceGroupArgs struct {
	Location          pulumi.StringPtrInput
	ResourceGroupName pulumi.StringPtrInput
	Tags              pulumi.StringMapInput
}

func NewResourceGroup(ctx *pulumi.Context, name string, args *ResourceGroupArgs, opts ...pulumi.ResourceOption) (*ResourceGroup, error) {
	if args == nil {
		args = &ResourceGroupArgs{}
	}
	props := pulumi.Map{}
	if args.Location != nil {
		props["location"] = args.Location
	}
	if args.ResourceGroupName != nil {
		props["resourceGroupName"] = args.ResourceGroupName
	}
	if args.Tags != nil {
		props["tags"] = args.Tags
	}
	var resource ResourceGroup
	opts = append([]pulumi.ResourceOption{pulumi.Version("3.28.0")}, opts...)
	if err := ctx.RegisterResource("azure-native:resources:ResourceGroup", name, props, &resource, opts...); err != nil {
		return nil, err
	}
	return &resource, nil
}
