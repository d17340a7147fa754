package component

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// ManagedRedisType is the type token of ManagedRedis.
const ManagedRedisType = "azure-managed-redis:index:ManagedRedis"

// ManagedRedis is one Azure Managed Redis cache: a cluster, its "default" database,
// authentication, access for consumers and, with access keys, Key Vault secrets. It is what
// .NET Aspire's AddAzureManagedRedis gives a .NET app host.
//
// By default the cache uses Microsoft Entra ID: access keys are disabled and each principal
// in AccessPrincipals gets an access policy assignment, one after another (Azure refuses
// parallel ones). With Authentication AccessKey the primary key and a connection string are
// written to Key Vault and each principal may read those two secrets. With Existing, an
// existing cache is read instead of created, and access and secrets are added on top of it.
//
// Every input is checked before anything is registered; a refused input fails the preview
// with an InputError naming the input and the rule.
//
//	cache, err := component.NewManagedRedis(ctx, "cache", &component.ManagedRedisArgs{
//		ResourceGroupName: group.Name,
//		AccessPrincipals:  []component.AccessPrincipal{{ObjectId: identity.PrincipalId}},
//	})
//	ctx.Export("redisHost", cache.HostName)
type ManagedRedis struct {
	pulumi.ResourceState

	// ClusterId and DatabaseId are ARM ids; ClusterName and ResourceGroupName name the cluster.
	ClusterId         pulumi.StringOutput
	ClusterName       pulumi.StringOutput
	DatabaseId        pulumi.StringOutput
	ResourceGroupName pulumi.StringOutput
	// HostName is <cluster>.<region>.redis.azure.net.
	HostName pulumi.StringOutput
	// Port is always 10000.
	Port pulumi.IntOutput
	// Authentication is EntraId or AccessKey.
	Authentication pulumi.StringOutput
	// ConnectionString is "<host>:10000,ssl=true", plus ",password=<key>" (then secret) in
	// AccessKey mode.
	ConnectionString pulumi.StringOutput
	// Uri is "rediss://<host>:10000", or "rediss://:<key>@<host>:10000" (then secret).
	Uri pulumi.StringOutput
	// PrimaryAccessKey is the database's primary key, secret (AccessKey mode; empty otherwise).
	PrimaryAccessKey pulumi.StringOutput
	// KeyVaultId is the vault holding the secrets (AccessKey mode; empty otherwise).
	KeyVaultId pulumi.StringOutput
	// ConnectionStringSecretUri and PrimaryAccessKeySecretUri are the Key Vault secret URIs
	// (AccessKey mode; empty otherwise).
	ConnectionStringSecretUri pulumi.StringOutput
	PrimaryAccessKeySecretUri pulumi.StringOutput
	// RedisVersion is the Redis version Azure reports.
	RedisVersion pulumi.StringOutput
	// Environment is what Aspire's WithReference hands an app: ConnectionStrings__<name>,
	// <NAME>_HOST, _PORT, _URI and, in AccessKey mode, _PASSWORD (then secret).
	Environment pulumi.StringMapOutput

	accessKeys bool
}

// AccessKeys says whether the cache uses access keys, so that the AccessKey-only outputs
// (PrimaryAccessKey, KeyVaultId and the secret URIs) carry values.
func (r *ManagedRedis) AccessKeys() bool { return r.accessKeys }

// NewManagedRedis checks args, then registers the cache and everything around it, and
// records the component's outputs.
func NewManagedRedis(ctx *pulumi.Context, name string, args *ManagedRedisArgs,
	opts ...pulumi.ResourceOption,
) (*ManagedRedis, error) {
	redis, err := BuildManagedRedis(ctx, name, args, opts...)
	if err != nil {
		return nil, err
	}
	return redis, ctx.RegisterResourceOutputs(redis, redis.Outputs())
}

// BuildManagedRedis is NewManagedRedis without recording the outputs, for a host that records
// them itself, such as the multi-language provider: the engine accepts a component's outputs
// only once. Programs use NewManagedRedis.
func BuildManagedRedis(ctx *pulumi.Context, name string, args *ManagedRedisArgs,
	opts ...pulumi.ResourceOption,
) (*ManagedRedis, error) {
	if args == nil {
		args = &ManagedRedisArgs{}
	}
	s := resolve(name, *args)
	if err := validate(s); err != nil {
		return nil, fmt.Errorf("ManagedRedis %q: %w", name, err)
	}

	redis := &ManagedRedis{}
	if err := ctx.RegisterComponentResource(ManagedRedisType, name, redis, opts...); err != nil {
		return nil, err
	}
	childOpts, err := inheritDependencies(redis, opts)
	if err != nil {
		return nil, err
	}

	// 1. The cache: created, or read when it exists.
	var c *cache
	if args.Existing != nil {
		c = readExistingCache(ctx, s, pulumi.Parent(redis))
	} else if c, err = createCache(ctx, s, childOpts...); err != nil {
		return nil, err
	}

	// 2. With access keys: the key, and the two secrets in Key Vault.
	key := pulumi.String("").ToStringOutput()
	var secrets *vaultSecrets
	if s.authentication == AccessKey {
		key = primaryKey(ctx, c, redis)
		if secrets, err = writeSecrets(ctx, s, c, key, redis); err != nil {
			return nil, err
		}
	}

	// 3. Access for each principal.
	if err := grantAccess(ctx, s, c, secrets, childOpts); err != nil {
		return nil, err
	}

	// 4. Connection details.
	redis.setOutputs(s, c, key, secrets)
	return redis, nil
}

// grantAccess registers a ManagedRedisAccess per principal. In EntraId mode each depends on
// the previous one, because Azure fails parallel access policy assignments on one database;
// in AccessKey mode each waits for the secrets it is given access to.
func grantAccess(ctx *pulumi.Context, s *settings, c *cache, secrets *vaultSecrets,
	childOpts []pulumi.ResourceOption,
) error {
	var previous pulumi.Resource
	for i, p := range s.principals {
		args := &ManagedRedisAccessArgs{
			ClusterName:       c.clusterName,
			ResourceGroupName: c.resourceGroupName,
			DatabaseName:      c.databaseName,
			Authentication:    s.authentication,
			ObjectId:          p.ObjectId,
			PrincipalType:     pulumi.String(p.PrincipalType),
		}
		opts := append([]pulumi.ResourceOption{}, childOpts...)
		if secrets != nil {
			args.KeyVaultId = secrets.keyVaultId
			args.ConnectionName = pulumi.String(s.connectionName)
			opts = append(opts, pulumi.DependsOn(secrets.written))
		} else if previous != nil {
			opts = append(opts, pulumi.DependsOn([]pulumi.Resource{previous}))
		}
		access, err := NewManagedRedisAccess(ctx, accessName(s.name, i, p), args, opts...)
		if err != nil {
			return err
		}
		previous = access
	}
	return nil
}

// accessName names a principal's ManagedRedisAccess. A literal object id names it, so
// reordering principals renames nothing; an Output object id cannot name anything before it
// is known, so its position does.
func accessName(name string, index int, p AccessPrincipal) string {
	if id, ok := literal(p.ObjectId); ok {
		return fmt.Sprintf("%s-access-%s", name, id)
	}
	return fmt.Sprintf("%s-access-%d", name, index)
}

func (r *ManagedRedis) setOutputs(s *settings, c *cache, key pulumi.StringOutput, secrets *vaultSecrets) {
	empty := pulumi.String("").ToStringOutput()
	r.ClusterId, r.ClusterName, r.DatabaseId = c.clusterId, c.clusterName, c.databaseId
	r.ResourceGroupName, r.HostName, r.RedisVersion = c.resourceGroupName, c.hostName, c.redisVersion
	r.Port = pulumi.Int(Port).ToIntOutput()
	r.Authentication = pulumi.String(s.authentication).ToStringOutput()
	r.PrimaryAccessKey, r.KeyVaultId, r.ConnectionStringSecretUri, r.PrimaryAccessKeySecretUri = empty, empty, empty, empty

	// A key makes every value that carries it secret (pulumi.All keeps secretness).
	withKey := pulumi.All(c.hostName, key)
	r.ConnectionString = withKey.ApplyT(func(v []any) string {
		return connectionString(v[0].(string), v[1].(string))
	}).(pulumi.StringOutput)
	r.Uri = withKey.ApplyT(func(v []any) string { return redisUri(v[0].(string), v[1].(string)) }).(pulumi.StringOutput)
	r.Environment = withKey.ApplyT(func(v []any) map[string]string {
		return environment(s.connectionName, v[0].(string), v[1].(string))
	}).(pulumi.StringMapOutput)

	if secrets != nil {
		r.accessKeys = true
		r.PrimaryAccessKey = pulumi.ToSecret(key).(pulumi.StringOutput)
		r.KeyVaultId = secrets.keyVaultId
		r.ConnectionStringSecretUri = secrets.connectionStringUri
		r.PrimaryAccessKeySecretUri = secrets.primaryKeyUri
	}
}

// Outputs is what the component records as its outputs, by schema name. In EntraId mode the
// AccessKey-only outputs are left out rather than empty.
func (r *ManagedRedis) Outputs() pulumi.Map {
	outputs := pulumi.Map{
		"clusterId": r.ClusterId, "clusterName": r.ClusterName, "databaseId": r.DatabaseId,
		"resourceGroupName": r.ResourceGroupName, "hostName": r.HostName, "port": r.Port,
		"authentication": r.Authentication, "connectionString": r.ConnectionString, "uri": r.Uri,
		"redisVersion": r.RedisVersion, "environment": r.Environment,
	}
	if r.accessKeys {
		outputs["primaryAccessKey"] = r.PrimaryAccessKey
		outputs["keyVaultId"] = r.KeyVaultId
		outputs["connectionStringSecretUri"] = r.ConnectionStringSecretUri
		outputs["primaryAccessKeySecretUri"] = r.PrimaryAccessKeySecretUri
	}
	return outputs
}
