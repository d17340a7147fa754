package component

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// ManagedRedisType is the type token of ManagedRedis.
const ManagedRedisType = "azure-managed-redis:index:ManagedRedis"

// ManagedRedis is one Azure Managed Redis cache, as .NET Aspire's AddAzureManagedRedis creates
// it: a cluster, its `default` database, Entra ID (default) or access-key authentication, access
// for consumers and, with access keys, Key Vault secrets; or the same on top of an existing
// cache. Every input is checked before anything is deployed.
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
	childrenOf

	// The outputs, defined once like the inputs (see args.go): a field's `pulumi` tag is its
	// schema name, `provider:"secret"` marks it secret everywhere, and its doc comment is its
	// description. An output that does not apply (AccessKey mode only, say) is empty, in Go
	// and in every SDK.

	// ClusterId is the ARM id of the cluster.
	ClusterId pulumi.StringOutput `pulumi:"clusterId"`
	// ClusterName is the name of the cluster.
	ClusterName pulumi.StringOutput `pulumi:"clusterName"`
	// DatabaseId is the ARM id of the database.
	DatabaseId pulumi.StringOutput `pulumi:"databaseId"`
	// ResourceGroupName is the resource group of the cluster.
	ResourceGroupName pulumi.StringOutput `pulumi:"resourceGroupName"`
	// HostName is the host name, `<cluster>.<region>.redis.azure.net`.
	HostName pulumi.StringOutput `pulumi:"hostName"`
	// Port is always 10000.
	Port pulumi.IntOutput `pulumi:"port"`
	// Authentication is `EntraId` or `AccessKey`.
	Authentication pulumi.StringOutput `pulumi:"authentication"`
	// ConnectionName is the connection name in use (the given one, or the default derived from
	// the component's name), for consumer stacks: a `ManagedRedisAccess` in AccessKey mode, or
	// an app's `ConnectionStrings:<connectionName>` setting.
	ConnectionName pulumi.StringOutput `pulumi:"connectionName"`
	// ConnectionString is the StackExchange.Redis connection string `<host>:10000,ssl=true`,
	// plus `,password=<key>` in AccessKey mode, where it is secret.
	ConnectionString pulumi.StringOutput `pulumi:"connectionString"`
	// Uri is `rediss://<host>:10000`, or `rediss://:<url-encoded key>@<host>:10000` in AccessKey
	// mode, where it is secret.
	Uri pulumi.StringOutput `pulumi:"uri"`
	// PrimaryAccessKey is the database's primary access key (AccessKey mode; empty otherwise).
	PrimaryAccessKey pulumi.StringOutput `pulumi:"primaryAccessKey" provider:"secret"`
	// SecondaryAccessKey is the database's secondary access key, for rotating keys (AccessKey
	// mode; empty otherwise).
	SecondaryAccessKey pulumi.StringOutput `pulumi:"secondaryAccessKey" provider:"secret"`
	// KeyVaultId is the ARM id of the Key Vault holding the secrets (AccessKey mode; empty
	// otherwise).
	KeyVaultId pulumi.StringOutput `pulumi:"keyVaultId"`
	// ConnectionStringSecretUri is the URI of the connection string secret (AccessKey mode;
	// empty otherwise).
	ConnectionStringSecretUri pulumi.StringOutput `pulumi:"connectionStringSecretUri"`
	// PrimaryAccessKeySecretUri is the URI of the primary access key secret (AccessKey mode;
	// empty otherwise).
	PrimaryAccessKeySecretUri pulumi.StringOutput `pulumi:"primaryAccessKeySecretUri"`
	// RedisVersion is the Redis version, as Azure reports it.
	RedisVersion pulumi.StringOutput `pulumi:"redisVersion"`
	// Environment is what Aspire's WithReference hands an app, ready for App Service or
	// Container Apps settings: `ConnectionStrings__<connectionName>`, `<CONNECTIONNAME>_HOST`,
	// `_PORT`, `_URI`, and `_PASSWORD` in AccessKey mode, where it is secret.
	Environment pulumi.StringMapOutput `pulumi:"environment"`
	// PrivateEndpointId is the ARM id of the private endpoint (with privateEndpoint; empty
	// otherwise).
	PrivateEndpointId pulumi.StringOutput `pulumi:"privateEndpointId"`
	// PrivateIpAddress is the private endpoint's address in the subnet (with privateEndpoint;
	// empty otherwise).
	PrivateIpAddress pulumi.StringOutput `pulumi:"privateIpAddress"`
	// RoleAssignmentIds are the ARM ids of the roleAssignments on the cluster, in their order.
	RoleAssignmentIds pulumi.StringArrayOutput `pulumi:"roleAssignmentIds"`
	// ActiveAccessKey is the access key the secrets and the connection outputs carry: `Primary`,
	// or, with accessKeyRotation, the one the last rotation moved to (AccessKey mode; empty
	// otherwise).
	ActiveAccessKey pulumi.StringOutput `pulumi:"activeAccessKey"`
	// Migration is what migrateFrom derived from the source (`sourceHostName`, `sourceSku`, the
	// `sku` chosen), the `state` of the host name switch (`NotStarted` without switchDns, else
	// Azure's, with its `statusDetails` and `rollbackEligibleUntil`) and `notCarried`, the
	// source's settings the new cache does not have; empty without migrateFrom. Before removing
	// migrateFrom, write sku, location, highAvailability, publicNetworkAccess, tags,
	// authentication and the database's clusteringPolicy and evictionPolicy with the cache's
	// values.
	Migration MigrationStatusOutput `pulumi:"migration"`
}

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
	refused := func(err error) error { return &ComponentError{Kind: "ManagedRedis", Name: name, Err: err} }
	// With migrateFrom, the source decides what is not given: it is read first (by the
	// component, so after registering it), then every rule runs (migration.go).
	fromSource := args.Existing == nil && readable(args)
	var s *settings
	var err error
	switch {
	case fromSource:
	case args.MigrateFrom != nil && args.Authentication == "":
		// A source that cannot be read decides nothing: refused, in either authentication.
		return nil, refused(validateWhateverTheAuthentication(name, args))
	default:
		if s, err = checked(ctx, name, args); err != nil {
			return nil, refused(err)
		}
	}

	redis := &ManagedRedis{}
	if err := ctx.RegisterComponentResource(ManagedRedisType, name, redis, opts...); err != nil {
		return nil, err
	}
	b, err := newBuilder(ctx, redis, opts)
	if err != nil {
		return nil, err
	}
	if fromSource {
		if s, err = b.settingsFromSource(name, args); err != nil {
			return nil, refused(err)
		}
	}
	if err := previewProviderErrors(&redis.ResourceState, s.previewInputs()); err != nil {
		return nil, refused(err)
	}
	// Before any child is registered: the private DNS zone claimed once the subnet is known, and
	// the changes of an existing cache sorted (a recreation refused without acceptDataLoss; only
	// the engine's stash of its names may be registered first).
	if err := b.claimZoneWhenKnown(s); err != nil {
		return nil, refused(err)
	}
	var plan dayTwoPlan
	if s.existing == nil {
		if plan, err = b.dayTwo(s); err != nil {
			return nil, refused(err)
		}
	}

	parts, err := b.build(s, plan)
	if err != nil {
		return nil, err
	}
	redis.setOutputs(s, parts, b.ready())
	return redis, nil
}

// checked is args resolved, once every rule passed and the private DNS zone is claimed.
func checked(ctx *pulumi.Context, name string, args *ManagedRedisArgs) (*settings, error) {
	s := resolve(name, *args)
	if err := validate(args, s); err != nil {
		return nil, err
	}
	if err := claimZoneNow(ctx, args, s); err != nil {
		return nil, err
	}
	return s, nil
}

func (b *builder) checked(name string, args *ManagedRedisArgs) (*settings, error) {
	return checked(b.ctx, name, args)
}

// parts are what a ManagedRedis is made of, as its outputs need them.
type parts struct {
	cache             *cache
	connection        connection
	keys              accessKeys
	secrets           *vaultSecrets // AccessKey mode only
	endpoint          *endpoint     // with privateEndpoint only
	roleAssignmentIds pulumi.StringArrayOutput
	migration         *MigrationStatusOutput // with migrateFrom only
}

// build registers the component's children, part by part; plan says what acceptDataLoss lets
// it replace.
func (b *builder) build(s *settings, plan dayTwoPlan) (*parts, error) {
	p := &parts{}
	var err error
	// 1. The cache: created, or read when it exists.
	if s.existing != nil {
		p.cache = b.readExistingCache(s)
	} else if p.cache, err = b.createCache(s, plan); err != nil {
		return nil, err
	}
	// 2. With access keys: the key, and the two secrets in Key Vault.
	if err := b.keysAndSecrets(s, p); err != nil {
		return nil, err
	}
	// 3. Access for each principal; control-plane roles on the cluster.
	if err := b.grantAll(s, p.cache, p.secrets); err != nil {
		return nil, err
	}
	if p.roleAssignmentIds, err = b.assignRoles(s, p.cache); err != nil {
		return nil, err
	}
	// 4. The network and monitoring: a private endpoint, diagnostics.
	if s.privateEndpoint != nil {
		if p.endpoint, err = b.privateEndpoint(s, p.cache); err != nil {
			return nil, err
		}
	}
	if s.workspaceId != nil {
		if err := b.diagnostics(s, p.cache); err != nil {
			return nil, err
		}
	}
	// 5. With migrateFrom: the host name switch, after everything else.
	if s.migration != nil {
		status, err := b.migrate(s, p.cache)
		if err != nil {
			return nil, err
		}
		p.migration = &status
	}
	return p, nil
}

// keysAndSecrets lists the keys and writes the secrets in AccessKey mode; the connection details
// carry the active key then (rotation.go).
func (b *builder) keysAndSecrets(s *settings, p *parts) error {
	p.connection = newConnection(s.connectionName, p.cache.hostName, pulumi.String("").ToStringOutput())
	if !s.accessKeys {
		return nil
	}
	var err error
	if p.keys, err = b.rotatedKeys(s, p.cache); err != nil {
		return err
	}
	p.connection = newConnection(s.connectionName, p.cache.hostName, p.keys.active())
	p.secrets, err = b.writeSecrets(s, p.connection)
	return err
}

// setOutputs sets every output, each once every child exists (ready).
func (r *ManagedRedis) setOutputs(s *settings, p *parts, ready gate) {
	c, conn := p.cache, p.connection
	// An output that does not apply is empty, and waits for the children like the others.
	empty := ready.string(pulumi.String("").ToStringOutput())
	r.ClusterId, r.ClusterName, r.DatabaseId = ready.string(c.clusterId), ready.string(c.clusterName), ready.string(c.databaseId)
	r.ResourceGroupName, r.HostName = ready.string(c.resourceGroupName), ready.string(c.hostName)
	r.RedisVersion = ready.string(c.redisVersion)
	r.Port = ready.int(pulumi.Int(Port).ToIntOutput())
	r.Authentication = ready.string(pulumi.String(s.authentication).ToStringOutput())
	r.ConnectionName = ready.string(pulumi.String(s.connectionName).ToStringOutput())
	// The key makes every value that carries it secret.
	r.ConnectionString, r.Uri = ready.string(conn.connectionString), ready.string(conn.uri)
	r.Environment = ready.stringMap(conn.environment)
	r.PrimaryAccessKey, r.SecondaryAccessKey, r.KeyVaultId, r.ActiveAccessKey = empty, empty, empty, empty
	r.ConnectionStringSecretUri, r.PrimaryAccessKeySecretUri = empty, empty
	if secrets := p.secrets; secrets != nil {
		r.PrimaryAccessKey, r.SecondaryAccessKey = ready.string(p.keys.primary), ready.string(p.keys.secondary)
		r.ActiveAccessKey = ready.string(p.keys.activeKey)
		r.KeyVaultId = ready.string(secrets.keyVaultId)
		r.ConnectionStringSecretUri = ready.string(secrets.connectionStringUri)
		r.PrimaryAccessKeySecretUri = ready.string(secrets.primaryKeyUri)
	}
	r.PrivateEndpointId, r.PrivateIpAddress = empty, empty
	if pe := p.endpoint; pe != nil {
		r.PrivateEndpointId, r.PrivateIpAddress = ready.string(pe.id), ready.string(pe.privateIpAddress)
	}
	r.RoleAssignmentIds = ready.stringArray(p.roleAssignmentIds)
	r.Migration = ready.migration(noMigration())
	if p.migration != nil {
		r.Migration = ready.migration(*p.migration)
	}
}

// Outputs is what the component records as its outputs, by schema name: every output field.
func (r *ManagedRedis) Outputs() pulumi.Map { return outputsOf(r) }
