package component

import (
	"errors"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// ManagedRedisAccessType is the type token of ManagedRedisAccess.
const ManagedRedisAccessType = "azure-managed-redis:index:ManagedRedisAccess"

// ManagedRedisAccess grants one Entra principal access to an Azure Managed Redis cache, the way
// Aspire's WithReference does for one app: an access policy assignment (`default` policy) in
// EntraId mode, or the Key Vault Secrets User role on the cache's two secrets in AccessKey mode.
// Its Azure names derive from its inputs, so the same inputs always give the same names.
//
// In EntraId mode the assignment takes its place in its database's line: the assignments of a
// program on one database are written one after another. In AccessKey mode the vault is read
// first: it must be in the subscription the component deploys to and use Azure RBAC.
//
//	access, err := component.NewManagedRedisAccess(ctx, "api", &component.ManagedRedisAccessArgs{
//		ClusterName:       cache.ClusterName,
//		ResourceGroupName: cache.ResourceGroupName,
//		ObjectId:          identity.PrincipalId,
//	})
type ManagedRedisAccess struct {
	pulumi.ResourceState
	childrenOf

	// AccessPolicyAssignmentId is the ARM id of the access policy assignment (EntraId mode;
	// empty otherwise).
	AccessPolicyAssignmentId pulumi.StringOutput `pulumi:"accessPolicyAssignmentId"`
	// RoleAssignmentIds are the ARM ids of the two role assignments (AccessKey mode; empty
	// otherwise).
	RoleAssignmentIds pulumi.StringArrayOutput `pulumi:"roleAssignmentIds"`
}

// Outputs is what the component records as its outputs, by schema name.
func (a *ManagedRedisAccess) Outputs() pulumi.Map { return outputsOf(a) }

// ManagedRedisAccessArgs are the inputs of a ManagedRedisAccess (tags and comments as in
// args.go).
type ManagedRedisAccessArgs struct {
	// ClusterName is the cache's cluster name (a ManagedRedis's clusterName output).
	ClusterName pulumi.StringInput `pulumi:"clusterName"`
	// ResourceGroupName is the cache's resource group.
	ResourceGroupName pulumi.StringInput `pulumi:"resourceGroupName"`
	// DatabaseName is the cache's database. Default and only value: `default`.
	DatabaseName pulumi.StringInput `pulumi:"databaseName,optional"`
	// Authentication is the cache's authentication mode. Default: `EntraId`.
	Authentication string `pulumi:"authentication,optional" enum:"Authentication"`
	// KeyVaultId is the Key Vault holding the cache's secrets (a ManagedRedis's keyVaultId
	// output); AccessKey mode only, where it is required.
	KeyVaultId pulumi.StringInput `pulumi:"keyVaultId,optional"`
	// ConnectionName is the cache's connection name, which names its two secrets; AccessKey
	// mode only, where it is required.
	ConnectionName pulumi.StringInput `pulumi:"connectionName,optional"`
	// ObjectId is the principal's Entra object id (for a managed identity, its principalId).
	ObjectId pulumi.StringInput `pulumi:"objectId"`
	// PrincipalType is `User`, `Group` (AccessKey mode only, V22) or `ServicePrincipal` (the
	// default).
	PrincipalType pulumi.StringInput `pulumi:"principalType,optional" enum:"PrincipalType"`
	// AccessString is the Redis ACL rules the principal gets (preview), as an access principal's
	// accessString (here the commands of any of the modules a database may enable pass, as the
	// database's modules are not known): EntraId mode only, written through Azure's
	// 2026-06-01-preview API. Default: full access (`default` policy).
	AccessString *string `pulumi:"accessString,optional"`
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
	return access, ctx.RegisterResourceOutputs(access, access.Outputs())
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
		return nil, &ComponentError{Kind: "ManagedRedisAccess", Name: name, Err: err}
	}

	access := &ManagedRedisAccess{}
	if err := ctx.RegisterComponentResource(ManagedRedisAccessType, name, access, opts...); err != nil {
		return nil, err
	}
	if a.AccessString != nil {
		if err := previewProviderErrors(&access.ResourceState, []string{"accessString"}); err != nil {
			return nil, &ComponentError{Kind: "ManagedRedisAccess", Name: name, Err: err}
		}
	}
	b, err := newBuilder(ctx, access, opts)
	if err != nil {
		return nil, err
	}

	in := func(path string) pulumi.StringOutput { return accessInputs.output(&a, path, 0) }
	objectId := in("objectId")
	access.AccessPolicyAssignmentId = pulumi.String("").ToStringOutput()
	access.RoleAssignmentIds = pulumi.StringArray{}.ToStringArrayOutput()
	if a.Authentication == EntraID {
		db := database{resourceGroupName: in("resourceGroupName"), clusterName: in("clusterName"), name: in("databaseName")}
		// principalType is checked, not sent: make the assignment wait for the check.
		objectId = gate{pulumi.All(in("principalType"))}.string(objectId)
		_, _, err = inLine(ctx, db, nil, func(wait pulumi.ResourceArrayOutput) (pulumi.Resource, error) {
			assignment, err := grantAccessPolicy(ctx, childName{name: name}, db, objectId, a.AccessString, b.child(pulumi.DependsOnInputs(wait)))
			if err == nil {
				access.AccessPolicyAssignmentId = assignment.ID().ToStringOutput()
				b.registered(assignment)
			}
			return assignment, err
		})
		return access, err
	}
	vault := b.givenVault(in("keyVaultId"), "keyVaultId")
	roles, ids, err := grantSecretsUser(ctx, childName{name: name},
		secretsOf{vaultId: vault.id, connectionName: in("connectionName")}, objectId, in("principalType"), b.child())
	access.RoleAssignmentIds = ids
	b.registered(roles...)
	return access, err
}

// accessInputs are the checks of ManagedRedisAccess's String Inputs (checks.go), each with its
// rule, the closed lists of its `enum` tags included.
var accessInputs = append(inputChecks[ManagedRedisAccessArgs]{
	{path: "clusterName", rule: "V1", required: alwaysForAccess,
		inputs: accessField(func(a *ManagedRedisAccessArgs) *pulumi.StringInput { return &a.ClusterName }), problem: accessProblem(clusterNameProblem)},
	{path: "resourceGroupName", rule: "required", required: alwaysForAccess,
		inputs: accessField(func(a *ManagedRedisAccessArgs) *pulumi.StringInput { return &a.ResourceGroupName }), problem: accessProblem(notEmpty)},
	{path: "databaseName", rule: "V2",
		inputs: accessField(func(a *ManagedRedisAccessArgs) *pulumi.StringInput { return &a.DatabaseName }), problem: accessProblem(databaseNameProblem)},
	{path: "objectId", rule: "principals", required: alwaysForAccess,
		inputs: accessField(func(a *ManagedRedisAccessArgs) *pulumi.StringInput { return &a.ObjectId }), problem: accessProblem(objectIdProblem)},
	{path: "principalType", rule: "V22",
		inputs: accessField(func(a *ManagedRedisAccessArgs) *pulumi.StringInput { return &a.PrincipalType }),
		problem: func(a *ManagedRedisAccessArgs, value string) string {
			return noGroupsForEntraIdProblem(a.Authentication, value)
		}},
	{path: "keyVaultId", rule: "key vault", required: accessKeyMode, missing: "required in AccessKey mode: it names the cache's secrets",
		inputs: accessField(func(a *ManagedRedisAccessArgs) *pulumi.StringInput { return &a.KeyVaultId }), problem: accessProblem(keyVaultIdProblem)},
	{path: "connectionName", rule: "connection name", required: accessKeyMode, missing: "required in AccessKey mode: it names the cache's secrets",
		inputs: accessField(func(a *ManagedRedisAccessArgs) *pulumi.StringInput { return &a.ConnectionName }), problem: accessProblem(connectionNameProblem)},
}, enumInputChecks[ManagedRedisAccessArgs]()...)

var (
	accessField     = field[ManagedRedisAccessArgs]
	accessProblem   = valueProblem[ManagedRedisAccessArgs]
	alwaysForAccess = always[ManagedRedisAccessArgs]
)

func accessKeyMode(a *ManagedRedisAccessArgs) bool { return a.Authentication == AccessKey }

// validateAccess checks the String Inputs and the closed lists of values, that a vault is given
// only in AccessKey mode, and the access string (any module's commands: the database's modules
// are not known here).
func validateAccess(a *ManagedRedisAccessArgs) error {
	errs := append(accessInputs.literalErrors(a), enumErrors(a)...)
	if a.KeyVaultId != nil && a.Authentication != AccessKey {
		errs = append(errs, inputError("keyVaultId", "key vault", "applies only to authentication AccessKey"))
	}
	for _, refused := range accessStringRefusals("accessString", a.Authentication, a.AccessString, anyModule) {
		errs = append(errs, inputError(refused.input, "access string", "%s", refused.problem))
	}
	return errors.Join(errs...)
}
