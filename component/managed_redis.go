package component

import (
	"fmt"
	"slices"

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
// with an InputError naming the input and the rule. Every output resolves only once all the
// component's children exist, so whatever is built from them comes after the cache and its
// access.
//
//	cache, err := component.NewManagedRedis(ctx, "cache", &component.ManagedRedisArgs{
//		ResourceGroupName: group.Name,
//		AccessPrincipals: []component.AccessPrincipal{
//			{Name: "api", ObjectId: identity.PrincipalId},
//		},
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
	// PrivateEndpointId and PrivateIpAddress are the private endpoint's ARM id and its address
	// in the subnet (with PrivateEndpoint; empty otherwise).
	PrivateEndpointId pulumi.StringOutput
	PrivateIpAddress  pulumi.StringOutput

	accessKeys, privateEndpoint bool
}

// Outputs that exist only with some inputs, by schema name: without them the component leaves
// them out (Go: empty strings).
var (
	// AccessKeyOutputs exist in AccessKey mode only.
	AccessKeyOutputs = []string{"primaryAccessKey", "keyVaultId", "connectionStringSecretUri", "primaryAccessKeySecretUri"}
	// PrivateEndpointOutputs exist with a PrivateEndpoint only.
	PrivateEndpointOutputs = []string{"privateEndpointId", "privateIpAddress"}
	// OptionalOutputs are all of them.
	OptionalOutputs = append(slices.Clone(AccessKeyOutputs), PrivateEndpointOutputs...)
)

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
	if err := validate(args, s); err != nil {
		return nil, fmt.Errorf("ManagedRedis %q: %w", name, err)
	}

	redis := &ManagedRedis{accessKeys: s.accessKeys, privateEndpoint: s.privateEndpoint != nil}
	if err := ctx.RegisterComponentResource(ManagedRedisType, name, redis, opts...); err != nil {
		return nil, err
	}
	b, err := newBuilder(ctx, redis, opts)
	if err != nil {
		return nil, err
	}

	// 1. The cache: created, or read when it exists.
	var c *cache
	if s.existing != nil {
		c = b.readExistingCache(s)
	} else if c, err = b.createCache(s); err != nil {
		return nil, err
	}

	// 2. With access keys: the key, and the two secrets in Key Vault.
	conn := newConnection(s.connectionName, c.hostName, pulumi.String("").ToStringOutput())
	var secrets *vaultSecrets
	if s.accessKeys {
		conn = newConnection(s.connectionName, c.hostName, b.primaryKey(c))
		if secrets, err = b.writeSecrets(s, conn); err != nil {
			return nil, err
		}
	}

	// 3. Access for each principal.
	if err := b.grantAll(s, c, secrets); err != nil {
		return nil, err
	}

	// 4. A private endpoint, diagnostics.
	var pe *endpoint
	if s.privateEndpoint != nil {
		if pe, err = b.privateEndpoint(s, c); err != nil {
			return nil, err
		}
	}
	if s.workspaceId != nil {
		if err := b.diagnostics(s, c); err != nil {
			return nil, err
		}
	}

	// 5. Connection details, once every child exists.
	redis.setOutputs(s, c, conn, secrets, pe, b.ready())
	return redis, nil
}

func (r *ManagedRedis) setOutputs(s *settings, c *cache, conn connection, secrets *vaultSecrets, pe *endpoint, ready gate) {
	empty := pulumi.String("").ToStringOutput()
	r.ClusterId, r.ClusterName, r.DatabaseId = ready.string(c.clusterId), ready.string(c.clusterName), ready.string(c.databaseId)
	r.ResourceGroupName, r.HostName = ready.string(c.resourceGroupName), ready.string(c.hostName)
	r.RedisVersion = ready.string(c.redisVersion)
	r.Port = ready.int(pulumi.Int(Port).ToIntOutput())
	r.Authentication = ready.string(pulumi.String(s.authentication).ToStringOutput())
	// The key makes every value that carries it secret.
	r.ConnectionString, r.Uri = ready.string(conn.connectionString), ready.string(conn.uri)
	r.Environment = ready.stringMap(conn.environment)
	r.PrimaryAccessKey, r.KeyVaultId, r.ConnectionStringSecretUri, r.PrimaryAccessKeySecretUri = empty, empty, empty, empty
	if secrets != nil {
		r.PrimaryAccessKey = ready.string(pulumi.ToSecret(conn.key).(pulumi.StringOutput))
		r.KeyVaultId = ready.string(secrets.keyVaultId)
		r.ConnectionStringSecretUri = ready.string(secrets.connectionStringUri)
		r.PrimaryAccessKeySecretUri = ready.string(secrets.primaryKeyUri)
	}
	r.PrivateEndpointId, r.PrivateIpAddress = empty, empty
	if pe != nil {
		r.PrivateEndpointId, r.PrivateIpAddress = ready.string(pe.id), ready.string(pe.privateIpAddress)
	}
}

// Outputs is what the component records as its outputs, by schema name. The optional outputs
// that do not apply (AccessKeyOutputs without access keys, PrivateEndpointOutputs without a
// private endpoint) are left out rather than empty.
func (r *ManagedRedis) Outputs() pulumi.Map {
	outputs := pulumi.Map{
		"clusterId": r.ClusterId, "clusterName": r.ClusterName, "databaseId": r.DatabaseId,
		"resourceGroupName": r.ResourceGroupName, "hostName": r.HostName, "port": r.Port,
		"authentication": r.Authentication, "connectionString": r.ConnectionString, "uri": r.Uri,
		"redisVersion": r.RedisVersion, "environment": r.Environment,
		"primaryAccessKey": r.PrimaryAccessKey, "keyVaultId": r.KeyVaultId,
		"connectionStringSecretUri": r.ConnectionStringSecretUri, "primaryAccessKeySecretUri": r.PrimaryAccessKeySecretUri,
		"privateEndpointId": r.PrivateEndpointId, "privateIpAddress": r.PrivateIpAddress,
	}
	for _, optional := range []struct {
		applies bool
		names   []string
	}{{r.accessKeys, AccessKeyOutputs}, {r.privateEndpoint, PrivateEndpointOutputs}} {
		if !optional.applies {
			for _, name := range optional.names {
				delete(outputs, name)
			}
		}
	}
	return outputs
}
