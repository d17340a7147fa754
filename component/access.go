package component

import (
	"errors"
	"fmt"

	"github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure"
	"github.com/managedredis/pulumi-azure-managed-redis/azure/redisenterprise"
)

// ManagedRedisAccessType is the type token of ManagedRedisAccess.
const ManagedRedisAccessType = "azure-managed-redis:index:ManagedRedisAccess"

// KeyVaultSecretsUserRole is the id of Azure's built-in "Key Vault Secrets User" role.
const KeyVaultSecretsUserRole = "4633458b-17de-408a-b874-0445c86b69e6"

// ManagedRedisAccess grants one principal access to a cache, the way Aspire's WithReference
// does for one app:
//
//   - EntraId: one data-plane access policy assignment of the "default" policy on the
//     database, for the principal's object id;
//   - AccessKey: the Key Vault Secrets User role on the cache's two secrets only (not on the
//     whole vault).
//
// The Azure names of what it creates are GUIDs of the cache, the principal and the role, so
// the same inputs always give the same names.
//
//	access, err := component.NewManagedRedisAccess(ctx, "api", &component.ManagedRedisAccessArgs{
//		ClusterName:       cache.ClusterName,
//		ResourceGroupName: cache.ResourceGroupName,
//		ObjectId:          identity.PrincipalId,
//	})
type ManagedRedisAccess struct {
	pulumi.ResourceState

	// AccessPolicyAssignmentId is the assignment's ARM id (EntraId mode; empty otherwise).
	AccessPolicyAssignmentId pulumi.StringOutput
	// RoleAssignmentIds are the two role assignments' ARM ids (AccessKey mode; empty otherwise).
	RoleAssignmentIds pulumi.StringArrayOutput
}

// ManagedRedisAccessArgs are the inputs of a ManagedRedisAccess.
type ManagedRedisAccessArgs struct {
	// ClusterName is the cache's cluster. Required.
	ClusterName pulumi.StringInput
	// ResourceGroupName is the cache's resource group. Required.
	ResourceGroupName pulumi.StringInput
	// DatabaseName is "default", the only database Azure Managed Redis has.
	DatabaseName pulumi.StringInput
	// Authentication is EntraID (the default) or AccessKey, as the cache uses.
	Authentication string
	// KeyVaultId is the vault holding the cache's secrets (AccessKey mode, required there).
	KeyVaultId pulumi.StringInput
	// ConnectionName names the cache's two secrets (AccessKey mode, required there).
	ConnectionName pulumi.StringInput
	// ObjectId is the principal's Entra object id. Required.
	ObjectId pulumi.StringInput
	// PrincipalType is User, Group or ServicePrincipal (the default).
	PrincipalType pulumi.StringInput
}

// NewManagedRedisAccess registers a ManagedRedisAccess and records its outputs. Its children
// inherit its dependsOn, so an access that depends on another is created after it.
func NewManagedRedisAccess(ctx *pulumi.Context, name string, args *ManagedRedisAccessArgs,
	opts ...pulumi.ResourceOption,
) (*ManagedRedisAccess, error) {
	access, err := BuildManagedRedisAccess(ctx, name, args, opts...)
	if err != nil {
		return nil, err
	}
	return access, ctx.RegisterResourceOutputs(access, pulumi.Map{
		"accessPolicyAssignmentId": access.AccessPolicyAssignmentId,
		"roleAssignmentIds":        access.RoleAssignmentIds,
	})
}

// BuildManagedRedisAccess is NewManagedRedisAccess without recording the outputs, for a host
// that records them itself (see BuildManagedRedis).
func BuildManagedRedisAccess(ctx *pulumi.Context, name string, args *ManagedRedisAccessArgs,
	opts ...pulumi.ResourceOption,
) (*ManagedRedisAccess, error) {
	if args == nil {
		args = &ManagedRedisAccessArgs{}
	}
	a := *args
	if a.Authentication == "" {
		a.Authentication = EntraID
	}
	if a.DatabaseName == nil {
		a.DatabaseName = pulumi.String(DatabaseName)
	}
	if a.PrincipalType == nil {
		a.PrincipalType = pulumi.String(PrincipalServicePrincipal)
	}
	if err := validateAccess(&a); err != nil {
		return nil, err
	}

	access := &ManagedRedisAccess{}
	if err := ctx.RegisterComponentResource(ManagedRedisAccessType, name, access, opts...); err != nil {
		return nil, err
	}
	childOpts, err := inheritDependencies(access, opts)
	if err != nil {
		return nil, err
	}

	objectId := checked(a.ObjectId, "objectId", checkObjectId)
	principalType := checked(a.PrincipalType, "principalType", checkPrincipalType)
	access.AccessPolicyAssignmentId = pulumi.String("").ToStringOutput()
	access.RoleAssignmentIds = pulumi.StringArray{}.ToStringArrayOutput()
	if a.Authentication == EntraID {
		access.AccessPolicyAssignmentId, err = assignAccessPolicy(ctx, name, &a, objectId, childOpts)
	} else {
		access.RoleAssignmentIds, err = assignSecretsUser(ctx, name, &a, objectId, principalType, childOpts)
	}
	if err != nil {
		return nil, err
	}
	return access, nil
}

func validateAccess(a *ManagedRedisAccessArgs) error {
	var errs []error
	required := map[string]bool{
		"clusterName": a.ClusterName == nil, "resourceGroupName": a.ResourceGroupName == nil, "objectId": a.ObjectId == nil,
	}
	if a.Authentication == AccessKey {
		required["keyVaultId"] = a.KeyVaultId == nil
		required["connectionName"] = a.ConnectionName == nil
	}
	for _, input := range sortedKeys(required) {
		if required[input] {
			errs = append(errs, inputError(input, "required", "%s is required in %s mode", input, a.Authentication))
		}
	}
	if problem := oneOf(a.Authentication, Authentications); problem != "" {
		errs = append(errs, inputError("authentication", "allowed values", "%s", problem))
	}
	if a.KeyVaultId != nil && a.Authentication != AccessKey {
		errs = append(errs, inputError("keyVaultId", "key vault", "applies only to authentication AccessKey"))
	}
	literalChecks := []struct {
		input string
		value pulumi.StringInput
		check valueCheck
	}{
		{"clusterName", a.ClusterName, checkClusterName},
		{"databaseName", a.DatabaseName, checkDatabaseName},
		{"objectId", a.ObjectId, checkObjectId},
		{"principalType", a.PrincipalType, checkPrincipalType},
		{"keyVaultId", a.KeyVaultId, checkKeyVaultId},
		{"connectionName", a.ConnectionName, checkConnectionName},
	}
	for _, c := range literalChecks {
		if value, ok := literal(c.value); ok {
			errs = append(errs, c.check(c.input, value))
		}
	}
	return errors.Join(errs...)
}

func checkPrincipalType(input, value string) error {
	if problem := oneOf(value, PrincipalTypes); problem != "" {
		return inputError(input, "allowed values", "%s", problem)
	}
	return nil
}

// assignAccessPolicy gives the principal the "default" access policy, Azure's only one (V17).
func assignAccessPolicy(ctx *pulumi.Context, name string, a *ManagedRedisAccessArgs, objectId pulumi.StringOutput,
	opts []pulumi.ResourceOption,
) (pulumi.StringOutput, error) {
	databaseName := checked(a.DatabaseName, "databaseName", checkDatabaseName)
	assignmentName := pulumi.All(a.ResourceGroupName, a.ClusterName, databaseName, objectId).ApplyT(
		func(v []any) string {
			return deterministicGuid(v[0].(string), v[1].(string), v[2].(string), v[3].(string), "default")
		}).(pulumi.StringOutput)
	assignment, err := redisenterprise.NewAccessPolicyAssignment(ctx, name, &redisenterprise.AccessPolicyAssignmentArgs{
		AccessPolicyAssignmentName: assignmentName,
		AccessPolicyName:           pulumi.String("default"),
		ClusterName:                a.ClusterName,
		DatabaseName:               databaseName,
		ResourceGroupName:          a.ResourceGroupName,
		User:                       redisenterprise.AccessPolicyAssignmentPropertiesUserArgs{ObjectId: objectId},
	}, opts...)
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	return assignment.ID().ToStringOutput(), nil
}

// assignSecretsUser gives the principal Key Vault Secrets User on each of the cache's secrets.
func assignSecretsUser(ctx *pulumi.Context, name string, a *ManagedRedisAccessArgs,
	objectId, principalType pulumi.StringOutput, opts []pulumi.ResourceOption,
) (pulumi.StringArrayOutput, error) {
	vaultId := checked(a.KeyVaultId, "keyVaultId", checkKeyVaultId)
	connectionName := checked(a.ConnectionName, "connectionName", checkConnectionName)
	roleDefinitionId := vaultId.ApplyT(func(id string) (string, error) {
		vault, err := parseKeyVaultId(id)
		return fmt.Sprintf("/subscriptions/%s/providers/Microsoft.Authorization/roleDefinitions/%s",
			vault.subscriptionId, KeyVaultSecretsUserRole), err
	}).(pulumi.StringOutput)

	secrets := []struct {
		suffix string
		name   func(string) string
	}{
		{"connectionstring", connectionStringSecretName},
		{"primaryaccesskey", primaryAccessKeySecretName},
	}
	var ids pulumi.StringArray
	for _, secret := range secrets {
		scope := pulumi.All(vaultId, connectionName).ApplyT(func(v []any) string {
			return v[0].(string) + "/secrets/" + secret.name(v[1].(string))
		}).(pulumi.StringOutput)
		assignmentName := pulumi.All(scope, objectId, roleDefinitionId).ApplyT(func(v []any) string {
			return deterministicGuid(v[0].(string), v[1].(string), v[2].(string))
		}).(pulumi.StringOutput)
		role, err := authorization.NewRoleAssignment(ctx, name+"-"+secret.suffix, &authorization.RoleAssignmentArgs{
			RoleAssignmentName: assignmentName,
			PrincipalId:        objectId,
			// Explicit: the SDK would default to "User", wrong for managed identities.
			PrincipalType:    principalType,
			RoleDefinitionId: roleDefinitionId,
			Scope:            scope,
			Description:      pulumi.String("Read the Azure Managed Redis " + secret.suffix + " secret"),
		}, azure.ResourceOptions(opts...)...)
		if err != nil {
			return pulumi.StringArrayOutput{}, err
		}
		ids = append(ids, role.ID().ToStringOutput())
	}
	return ids.ToStringArrayOutput(), nil
}

// inheritDependencies gives a component's children its parent and its dependsOn, so that
// "depends on the component" also holds for what the component creates.
func inheritDependencies(parent pulumi.Resource, opts []pulumi.ResourceOption) ([]pulumi.ResourceOption, error) {
	given, err := pulumi.NewResourceOptions(opts...)
	if err != nil {
		return nil, err
	}
	childOpts := []pulumi.ResourceOption{pulumi.Parent(parent)}
	if len(given.DependsOn) > 0 {
		childOpts = append(childOpts, pulumi.DependsOn(given.DependsOn))
	}
	for _, deps := range given.DependsOnInputs {
		childOpts = append(childOpts, pulumi.DependsOnInputs(deps))
	}
	return childOpts, nil
}
