// Package managedidentity stands in for
// github.com/pulumi/pulumi-azure-native-sdk/managedidentity/v3 (see ../README.md):
// UserAssignedIdentity as azure-native 3.28.0's Go SDK declares it.
package managedidentity

import (
	"errors"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

type UserAssignedIdentity struct {
	pulumi.CustomResourceState

	ClientId    pulumi.StringOutput    `pulumi:"clientId"`
	Location    pulumi.StringOutput    `pulumi:"location"`
	Name        pulumi.StringOutput    `pulumi:"name"`
	PrincipalId pulumi.StringOutput    `pulumi:"principalId"`
	Tags        pulumi.StringMapOutput `pulumi:"tags"`
	TenantId    pulumi.StringOutput    `pulumi:"tenantId"`
}

type UserAssignedIdentityArgs struct {
	Location          pulumi.StringPtrInput
	ResourceGroupName pulumi.StringInput
	ResourceName      pulumi.StringPtrInput
	Tags              pulumi.StringMapInput
}

func NewUserAssignedIdentity(ctx *pulumi.Context, name string, args *UserAssignedIdentityArgs, opts ...pulumi.ResourceOption) (*UserAssignedIdentity, error) {
	if args == nil || args.ResourceGroupName == nil {
		return nil, errors.New("missing one or more required arguments")
	}
	props := pulumi.Map{"resourceGroupName": args.ResourceGroupName}
	if args.Location != nil {
		props["location"] = args.Location
	}
	if args.ResourceName != nil {
		props["resourceName"] = args.ResourceName
	}
	if args.Tags != nil {
		props["tags"] = args.Tags
	}
	var resource UserAssignedIdentity
	opts = append([]pulumi.ResourceOption{pulumi.Version("3.28.0")}, opts...)
	if err := ctx.RegisterResource("azure-native:managedidentity:UserAssignedIdentity", name, props, &resource, opts...); err != nil {
		return nil, err
	}
	return &resource, nil
}
