package redisenterprise

import (
	"errors"
	"reflect"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumix"

	"github.com/managedredis/pulumi-azure-managed-redis/azure"
)

// AccessPolicyAssignment gives an Entra principal a data-plane access policy on a database.
// Azure fails when two assignments on one database are written at the same time.
type AccessPolicyAssignment struct {
	pulumi.CustomResourceState

	AccessPolicyName  pulumi.StringOutput                                          `pulumi:"accessPolicyName"`
	AzureApiVersion   pulumi.StringOutput                                          `pulumi:"azureApiVersion"`
	Name              pulumi.StringOutput                                          `pulumi:"name"`
	ProvisioningState pulumi.StringOutput                                          `pulumi:"provisioningState"`
	Type              pulumi.StringOutput                                          `pulumi:"type"`
	User              pulumix.Output[AccessPolicyAssignmentPropertiesResponseUser] `pulumi:"user"`
}

// AccessPolicyAssignmentArgs are the inputs of an AccessPolicyAssignment.
type AccessPolicyAssignmentArgs struct {
	AccessPolicyAssignmentName pulumi.StringPtrInput
	// AccessPolicyName is the policy granted; Azure offers only "default".
	AccessPolicyName  pulumi.StringInput
	ClusterName       pulumi.StringInput
	DatabaseName      pulumi.StringInput
	ResourceGroupName pulumi.StringInput
	User              AccessPolicyAssignmentPropertiesUserInput
}

type accessPolicyAssignmentArgs struct {
	AccessPolicyAssignmentName *string                              `pulumi:"accessPolicyAssignmentName"`
	AccessPolicyName           string                               `pulumi:"accessPolicyName"`
	ClusterName                string                               `pulumi:"clusterName"`
	DatabaseName               string                               `pulumi:"databaseName"`
	ResourceGroupName          string                               `pulumi:"resourceGroupName"`
	User                       AccessPolicyAssignmentPropertiesUser `pulumi:"user"`
}

func (AccessPolicyAssignmentArgs) ElementType() reflect.Type {
	return reflect.TypeFor[accessPolicyAssignmentArgs]()
}

// NewAccessPolicyAssignment registers an access policy assignment.
func NewAccessPolicyAssignment(ctx *pulumi.Context, name string, args *AccessPolicyAssignmentArgs,
	opts ...pulumi.ResourceOption,
) (*AccessPolicyAssignment, error) {
	if args == nil {
		return nil, errors.New("missing one or more required arguments")
	}
	return azure.Register[AccessPolicyAssignment](ctx, "azure-native:redisenterprise:AccessPolicyAssignment", name, args, map[string]any{
		"AccessPolicyName":  args.AccessPolicyName,
		"ClusterName":       args.ClusterName,
		"DatabaseName":      args.DatabaseName,
		"ResourceGroupName": args.ResourceGroupName,
		"User":              args.User,
	}, opts)
}
