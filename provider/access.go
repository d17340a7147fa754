package provider

import (
	"sync"

	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/component"
)

// ManagedRedisAccess is how the provider constructs azure-managed-redis:index:ManagedRedisAccess.
type ManagedRedisAccess struct{}

func (r *ManagedRedisAccess) Annotate(a infer.Annotator) {
	a.Describe(r, "Grants one Entra principal access to an Azure Managed Redis cache, the way Aspire's WithReference "+
		"does for one app: an access policy assignment (`default` policy) in EntraId mode, or the Key Vault Secrets "+
		"User role on the cache's two secrets in AccessKey mode. Its Azure names derive from its inputs, so the same "+
		"inputs always give the same names.")
}

// entraIdAccesses is the line of the EntraId accesses this plugin constructs. The engine asks
// for each Construct on its own, each with a context of its own, so the library's per-program
// queue does not see them together; Azure refuses parallel assignments on a database, and a
// program may grant several apps access to one cache. Each access depends on the one before,
// so the engine creates, and deletes, them one after another.
var entraIdAccesses struct {
	sync.Mutex
	last pulumi.Resource
}

// Construct implements infer.ComponentResource.
func (ManagedRedisAccess) Construct(ctx *pulumi.Context, name, typ string, args ManagedRedisAccessArgs,
	opts pulumi.ResourceOption,
) (*ManagedRedisAccessState, error) {
	options := []pulumi.ResourceOption{opts}
	if value(args.Authentication) != component.AccessKey {
		entraIdAccesses.Lock()
		defer entraIdAccesses.Unlock()
		if entraIdAccesses.last != nil {
			options = append(options, pulumi.DependsOn([]pulumi.Resource{entraIdAccesses.last}))
		}
	}
	access, err := component.BuildManagedRedisAccess(ctx, name, &component.ManagedRedisAccessArgs{
		ClusterName:       args.ClusterName,
		ResourceGroupName: args.ResourceGroupName,
		DatabaseName:      args.DatabaseName,
		Authentication:    value(args.Authentication),
		KeyVaultId:        args.KeyVaultId,
		ConnectionName:    args.ConnectionName,
		ObjectId:          args.ObjectId,
		PrincipalType:     args.PrincipalType,
	}, options...)
	if err != nil {
		return nil, err
	}
	if value(args.Authentication) != component.AccessKey {
		entraIdAccesses.last = access
	}
	return &ManagedRedisAccessState{
		ResourceState:            &access.ResourceState,
		AccessPolicyAssignmentId: access.AccessPolicyAssignmentId,
		RoleAssignmentIds:        access.RoleAssignmentIds,
	}, nil
}

// ManagedRedisAccessArgs are the inputs of a ManagedRedisAccess.
type ManagedRedisAccessArgs struct {
	ClusterName       pulumi.StringInput `pulumi:"clusterName"`
	ResourceGroupName pulumi.StringInput `pulumi:"resourceGroupName"`
	DatabaseName      pulumi.StringInput `pulumi:"databaseName,optional"`
	Authentication    *Authentication    `pulumi:"authentication,optional"`
	KeyVaultId        pulumi.StringInput `pulumi:"keyVaultId,optional"`
	ConnectionName    pulumi.StringInput `pulumi:"connectionName,optional"`
	ObjectId          pulumi.StringInput `pulumi:"objectId"`
	PrincipalType     pulumi.StringInput `pulumi:"principalType,optional"`
}

func (a *ManagedRedisAccessArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.ClusterName, "The cache's cluster name (a ManagedRedis's clusterName output).")
	an.Describe(&a.ResourceGroupName, "The cache's resource group.")
	an.Describe(&a.DatabaseName, "The cache's database. Default and only value: `default`.")
	an.Describe(&a.Authentication, "The cache's authentication mode. Default: `EntraId`.")
	an.Describe(&a.KeyVaultId, "AccessKey mode: the Key Vault holding the cache's secrets (a ManagedRedis's keyVaultId output).")
	an.Describe(&a.ConnectionName, "AccessKey mode: the cache's connection name, which names its two secrets.")
	an.Describe(&a.ObjectId, "The principal's Entra object id (for a managed identity, its principalId).")
	an.Describe(&a.PrincipalType, "`User`, `Group` or `ServicePrincipal`. Default: `ServicePrincipal`.")
}

// ManagedRedisAccessState are the outputs of a ManagedRedisAccess.
type ManagedRedisAccessState struct {
	*pulumi.ResourceState

	AccessPolicyAssignmentId pulumi.StringOutput      `pulumi:"accessPolicyAssignmentId"`
	RoleAssignmentIds        pulumi.StringArrayOutput `pulumi:"roleAssignmentIds"`
}

func (s *ManagedRedisAccessState) Annotate(a infer.Annotator) {
	shareable(&s.ResourceState)
	a.Describe(&s.AccessPolicyAssignmentId, "ARM id of the access policy assignment (EntraId mode; empty otherwise).")
	a.Describe(&s.RoleAssignmentIds, "ARM ids of the two role assignments (AccessKey mode; empty otherwise).")
}
