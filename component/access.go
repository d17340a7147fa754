package component

import (
	"errors"
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// ManagedRedisAccessType is the type token of ManagedRedisAccess.
const ManagedRedisAccessType = "azure-managed-redis:index:ManagedRedisAccess"

// ManagedRedisAccess grants one principal access to a cache, the way Aspire's WithReference
// does for one app:
//
//   - EntraId: one data-plane access policy assignment of the "default" policy on the
//     database, for the principal's object id;
//   - AccessKey: the Key Vault Secrets User role on the cache's two secrets only (not on the
//     whole vault).
//
// The Azure names of what it creates are GUIDs of the cache, the principal and the role, so
// the same inputs always give the same names. In AccessKey mode the vault is read first: it
// must be in the subscription the component deploys to and use Azure RBAC.
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
	// PrincipalType is User, Group (AccessKey mode only, V22) or ServicePrincipal (the default).
	PrincipalType pulumi.StringInput
}

// NewManagedRedisAccess registers a ManagedRedisAccess and records its outputs. Its children
// inherit its dependsOn. In EntraId mode, the accesses a program registers are granted one
// after another, since Azure refuses parallel assignments on a database: build them from a
// cache's outputs and they also come after the cache's own principals.
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
	a.Authentication = orDefault(a.Authentication, EntraID)
	if a.DatabaseName == nil {
		a.DatabaseName = pulumi.String(DatabaseName)
	}
	if a.PrincipalType == nil {
		a.PrincipalType = pulumi.String(PrincipalServicePrincipal)
	}
	if err := validateAccess(&a); err != nil {
		return nil, fmt.Errorf("ManagedRedisAccess %q: %w", name, err)
	}

	access := &ManagedRedisAccess{}
	if err := ctx.RegisterComponentResource(ManagedRedisAccessType, name, access, opts...); err != nil {
		return nil, err
	}
	b, err := newBuilder(ctx, access, opts)
	if err != nil {
		return nil, err
	}

	objectId := checked(a.ObjectId, "objectId", checkObjectId)
	principalType := checked(a.PrincipalType, "principalType", principalTypeCheck(a.Authentication))
	access.AccessPolicyAssignmentId = pulumi.String("").ToStringOutput()
	access.RoleAssignmentIds = pulumi.StringArray{}.ToStringArrayOutput()
	if a.Authentication == EntraID {
		db := database{
			resourceGroupName: checked(a.ResourceGroupName, "resourceGroupName", checkNotEmpty),
			clusterName:       checked(a.ClusterName, "clusterName", checkClusterName),
			name:              checked(a.DatabaseName, "databaseName", checkDatabaseName),
		}
		// principalType is checked, not sent: make the assignment wait for the check.
		objectId = gate{pulumi.All(principalType)}.string(objectId)
		err = accessQueueOf(ctx).next(func(previous []pulumi.Resource) (pulumi.Resource, error) {
			assignment, err := grantAccessPolicy(ctx, name, db, objectId, b.child(pulumi.DependsOn(previous)))
			if err == nil {
				access.AccessPolicyAssignmentId = assignment.ID().ToStringOutput()
			}
			return assignment, err
		})
		return access, err
	}
	vault := b.givenVault(checked(a.KeyVaultId, "keyVaultId", checkKeyVaultId), "keyVaultId")
	_, access.RoleAssignmentIds, err = grantSecretsUser(ctx, name,
		secretsOf{vaultId: vault.id, connectionName: checked(a.ConnectionName, "connectionName", checkConnectionName)},
		objectId, principalType, b.child())
	return access, err
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
	for _, input := range []string{"clusterName", "resourceGroupName", "objectId", "keyVaultId", "connectionName"} {
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
	errs = append(errs, literalChecks("required",
		literalCheck{"clusterName", a.ClusterName, false, checkClusterName},
		literalCheck{"resourceGroupName", a.ResourceGroupName, false, checkNotEmpty},
		literalCheck{"databaseName", a.DatabaseName, false, checkDatabaseName},
		literalCheck{"objectId", a.ObjectId, false, checkObjectId},
		literalCheck{"principalType", a.PrincipalType, false, principalTypeCheck(a.Authentication)},
		literalCheck{"keyVaultId", a.KeyVaultId, false, checkKeyVaultId},
		literalCheck{"connectionName", a.ConnectionName, false, checkConnectionName})...)
	return errors.Join(errs...)
}

// principalTypeCheck checks a principal type for a mode: in EntraId mode no Group, which Azure
// Managed Redis does not support for data access (V22).
func principalTypeCheck(authentication string) valueCheck {
	return func(input, value string) error {
		if err := checkPrincipalType(input, value); err != nil {
			return err
		}
		if value == PrincipalGroup && authentication == EntraID {
			return inputError(input, "V22", "Azure Managed Redis does not support Entra groups for data access: "+
				"grant each user, service principal or managed identity, or use authentication AccessKey, where a "+
				"group may read the secrets")
		}
		return nil
	}
}
