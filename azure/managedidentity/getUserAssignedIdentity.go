// Package managedidentity is a small, typed Go binding of the azure-native provider v3.28.0's
// "managedidentity" module: getUserAssignedIdentity, which reads the principal of the identity
// a customer-managed key is read with. Like package network, it is shaped like the official
// module github.com/pulumi/pulumi-azure-native-sdk/managedidentity/v3, which cannot be
// downloaded here, checked against the facts in testdata/.
package managedidentity

import (
	"reflect"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure"
)

// LookupUserAssignedIdentityArgs names the identity to read.
type LookupUserAssignedIdentityArgs struct {
	ResourceGroupName string `pulumi:"resourceGroupName"`
	ResourceName      string `pulumi:"resourceName"`
}

// LookupUserAssignedIdentityResult is a user-assigned identity.
type LookupUserAssignedIdentityResult struct {
	AzureApiVersion string            `pulumi:"azureApiVersion"`
	ClientId        string            `pulumi:"clientId"`
	Id              string            `pulumi:"id"`
	Location        string            `pulumi:"location"`
	Name            string            `pulumi:"name"`
	PrincipalId     string            `pulumi:"principalId"`
	Tags            map[string]string `pulumi:"tags"`
	TenantId        string            `pulumi:"tenantId"`
	Type            string            `pulumi:"type"`
}

// LookupUserAssignedIdentity reads an identity (getUserAssignedIdentity).
func LookupUserAssignedIdentity(ctx *pulumi.Context, args *LookupUserAssignedIdentityArgs, opts ...pulumi.InvokeOption,
) (*LookupUserAssignedIdentityResult, error) {
	var result LookupUserAssignedIdentityResult
	err := ctx.Invoke("azure-native:managedidentity:getUserAssignedIdentity", args, &result, azure.InvokeOptions(opts...)...)
	if err != nil {
		return nil, err
	}
	return &result, nil
}

// LookupUserAssignedIdentityOutputArgs is LookupUserAssignedIdentityArgs whose values may be
// Outputs.
type LookupUserAssignedIdentityOutputArgs struct {
	ResourceGroupName pulumi.StringInput `pulumi:"resourceGroupName"`
	ResourceName      pulumi.StringInput `pulumi:"resourceName"`
}

func (LookupUserAssignedIdentityOutputArgs) ElementType() reflect.Type {
	return reflect.TypeFor[LookupUserAssignedIdentityArgs]()
}

// LookupUserAssignedIdentityResultOutput is the Output of LookupUserAssignedIdentityOutput.
type LookupUserAssignedIdentityResultOutput struct{ *pulumi.OutputState }

func (LookupUserAssignedIdentityResultOutput) ElementType() reflect.Type {
	return reflect.TypeFor[LookupUserAssignedIdentityResult]()
}

// PrincipalId is the identity's Entra object id.
func (o LookupUserAssignedIdentityResultOutput) PrincipalId() pulumi.StringOutput {
	return azure.Field(o, func(r LookupUserAssignedIdentityResult) string { return r.PrincipalId })
}

// LookupUserAssignedIdentityOutput reads an identity once its arguments are known
// (getUserAssignedIdentity).
func LookupUserAssignedIdentityOutput(ctx *pulumi.Context, args LookupUserAssignedIdentityOutputArgs,
	opts ...pulumi.InvokeOption,
) LookupUserAssignedIdentityResultOutput {
	return azure.InvokeOutput[LookupUserAssignedIdentityResultOutput](ctx,
		"azure-native:managedidentity:getUserAssignedIdentity", args, opts)
}

func init() {
	pulumi.RegisterOutputType(LookupUserAssignedIdentityResultOutput{})
}
