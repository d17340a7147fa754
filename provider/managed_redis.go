package provider

import (
	"reflect"

	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/component"
)

// ManagedRedis is how the provider constructs azure-managed-redis:index:ManagedRedis: it
// reads the inputs as the schema names them, hands them to the Go library, and returns the
// library's outputs. There is no second implementation of the component here.
type ManagedRedis struct{}

func (r *ManagedRedis) Annotate(a infer.Annotator) {
	a.Describe(r, "One Azure Managed Redis cache, as .NET Aspire's AddAzureManagedRedis creates it: a cluster, "+
		"its `default` database, Entra ID (default) or access-key authentication, access for consumers and, "+
		"with access keys, Key Vault secrets; or the same on top of an existing cache. Every input is checked "+
		"before anything is deployed.")
}

// Construct implements infer.ComponentResource.
func (ManagedRedis) Construct(ctx *pulumi.Context, name, typ string, args ManagedRedisArgs,
	opts pulumi.ResourceOption,
) (*ManagedRedisState, error) {
	redis, err := component.BuildManagedRedis(ctx, name, args.library(), opts)
	if err != nil {
		return nil, err
	}
	return newManagedRedisState(redis), nil
}

// ManagedRedisArgs are the component's inputs, as the schema names them. Plain Go fields are
// plain inputs (they shape the resources and are checked at preview); Input fields accept
// Outputs.
type ManagedRedisArgs struct {
	ResourceGroupName   pulumi.StringInput          `pulumi:"resourceGroupName"`
	Location            pulumi.StringInput          `pulumi:"location,optional"`
	ClusterName         pulumi.StringInput          `pulumi:"clusterName,optional"`
	Sku                 *SkuName                    `pulumi:"sku,optional"`
	HighAvailability    *bool                       `pulumi:"highAvailability,optional"`
	Capacity            *int                        `pulumi:"capacity,optional"`
	Zones               []string                    `pulumi:"zones,optional"`
	MinimumTlsVersion   *TlsVersion                 `pulumi:"minimumTlsVersion,optional"`
	PublicNetworkAccess *PublicNetworkAccess        `pulumi:"publicNetworkAccess,optional"`
	Tags                pulumi.StringMapInput       `pulumi:"tags,optional"`
	Database            *DatabaseSettings           `pulumi:"database,optional"`
	Authentication      *Authentication             `pulumi:"authentication,optional"`
	AccessPrincipals    []AccessPrincipal           `pulumi:"accessPrincipals,optional"`
	KeyVaultId          pulumi.StringInput          `pulumi:"keyVaultId,optional"`
	ConnectionName      string                      `pulumi:"connectionName,optional"`
	Existing            *ExistingCache              `pulumi:"existing,optional"`
	PrivateEndpoint     *PrivateEndpointSettings    `pulumi:"privateEndpoint,optional"`
	Diagnostics         *DiagnosticsSettings        `pulumi:"diagnostics,optional"`
	CustomerManagedKey  *CustomerManagedKeySettings `pulumi:"customerManagedKey,optional"`
	ProtectData         bool                        `pulumi:"protectData,optional"`
}

func (a *ManagedRedisArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.ResourceGroupName, "Resource group of the cache, and of the Key Vault the component creates in AccessKey mode.")
	an.Describe(&a.Location, "Azure region. Default (also when empty): the resource group's.")
	an.Describe(&a.ClusterName, "Cluster name: 1-60 letters, digits and single inner hyphens. Default: the component's "+
		"name and a hash of the subscription, resource group, project, stack and component name, so that the global "+
		"host name is unique and stable across updates.")
	an.Describe(&a.Sku, "Size and tier. Default: `Balanced_B0`.")
	an.Describe(&a.HighAvailability, "Replicate the data (Azure Managed Redis SKUs only). Default: Azure's, on.")
	an.Describe(&a.Capacity, "Node count, for the legacy Enterprise and EnterpriseFlash SKUs only.")
	an.Describe(&a.Zones, "Availability zones, for the legacy Enterprise and EnterpriseFlash SKUs only.")
	an.Describe(&a.MinimumTlsVersion, "Minimum TLS version. Default and only value: `1.2`.")
	an.Describe(&a.PublicNetworkAccess, "Whether the cache is reachable from public networks. Default: `Enabled`, or "+
		"`Disabled` with a private endpoint (an explicit `Enabled` keeps both ways open).")
	an.Describe(&a.Tags, "Tags for every Azure resource the component creates.")
	an.Describe(&a.Database, "Settings of the cache's database.")
	an.Describe(&a.Authentication, "`EntraId` (default): access keys disabled, each principal gets an access policy "+
		"assignment. `AccessKey`: access keys enabled and written to Key Vault.")
	an.Describe(&a.AccessPrincipals, "Entra principals that get access to the cache, as Aspire's WithReference gives an "+
		"app, each keyed by its name.")
	an.Describe(&a.KeyVaultId, "ARM id of an existing Key Vault in RBAC mode, in the subscription the component deploys "+
		"to, for the secrets (AccessKey mode); it is read and checked first. Default: a new vault.")
	an.Describe(&a.ConnectionName, "The name apps use for this cache (`ConnectionStrings:<connectionName>`); names the "+
		"secrets `connectionstrings--<connectionName>` and `primaryaccesskey--<connectionName>`. A letter, then letters, "+
		"digits and hyphens, at most 108 characters. Default: the component's name.")
	an.Describe(&a.Existing, "Use an existing cache instead of creating one: it is read, never modified or deleted.")
	an.Describe(&a.PrivateEndpoint, "Reach the cache from a subnet through a private endpoint (also for an existing cache).")
	an.Describe(&a.Diagnostics, "Send the database's connection logs and the cluster's metrics to a Log Analytics workspace.")
	an.Describe(&a.CustomerManagedKey, "Encrypt the cache with a key of yours, read with a user-assigned identity.")
	an.Describe(&a.ProtectData, "Protect the cluster and the database against replacement and deletion.")
}

// PrivateEndpointSettings place a private endpoint of the cache in a subnet.
type PrivateEndpointSettings struct {
	SubnetId         pulumi.StringInput `pulumi:"subnetId"`
	PrivateDnsZoneId pulumi.StringInput `pulumi:"privateDnsZoneId,optional"`
}

func (p *PrivateEndpointSettings) Annotate(a infer.Annotator) {
	a.Describe(p, "A private endpoint of the cache (group `redisEnterprise`) and its address in the private DNS zone "+
		"`privatelink.redis.azure.net`.")
	a.Describe(&p.SubnetId, "ARM id of the subnet the endpoint takes its address from.")
	a.Describe(&p.PrivateDnsZoneId, "ARM id of an existing private DNS zone `privatelink.redis.azure.net`. Default: the zone "+
		"is created in the cache's resource group with a link to the subnet's virtual network (create it once for "+
		"several caches of a resource group, and give it here).")
}

// DiagnosticsSettings send a cache's logs and metrics to a Log Analytics workspace.
type DiagnosticsSettings struct {
	WorkspaceId pulumi.StringInput `pulumi:"workspaceId"`
}

func (d *DiagnosticsSettings) Annotate(a infer.Annotator) {
	a.Describe(d, "Diagnostic settings: the database's `ConnectionEvents` logs and the cluster's `AllMetrics`.")
	a.Describe(&d.WorkspaceId, "ARM id of the Log Analytics workspace.")
}

// CustomerManagedKeySettings encrypt a cache with a key of the user's.
type CustomerManagedKeySettings struct {
	KeyUrl                 pulumi.StringInput `pulumi:"keyUrl"`
	UserAssignedIdentityId pulumi.StringInput `pulumi:"userAssignedIdentityId"`
	KeyVaultId             pulumi.StringInput `pulumi:"keyVaultId,optional"`
}

func (k *CustomerManagedKeySettings) Annotate(a infer.Annotator) {
	a.Describe(k, "A customer-managed key, read with a user-assigned identity.")
	a.Describe(&k.KeyUrl, "The key's versioned URL, `https://<vault>.vault.azure.net/keys/<name>/<version>`.")
	a.Describe(&k.UserAssignedIdentityId, "ARM id of the user-assigned identity the cache reads the key with.")
	a.Describe(&k.KeyVaultId, "ARM id of the key's vault (RBAC mode): with it, the component gives the identity the Key "+
		"Vault Crypto Service Encryption User role on the key before the cache is created.")
}

// DatabaseSettings configure the cache's database; its port is always 10000.
type DatabaseSettings struct {
	ClientProtocol   *ClientProtocol         `pulumi:"clientProtocol,optional"`
	ClusteringPolicy *ClusteringPolicy       `pulumi:"clusteringPolicy,optional"`
	EvictionPolicy   *EvictionPolicy         `pulumi:"evictionPolicy,optional"`
	Modules          []DatabaseModule        `pulumi:"modules,optional"`
	Persistence      *PersistenceSettings    `pulumi:"persistence,optional"`
	GeoReplication   *GeoReplicationSettings `pulumi:"geoReplication,optional"`
	DeferUpgrade     bool                    `pulumi:"deferUpgrade,optional"`
}

func (d *DatabaseSettings) Annotate(a infer.Annotator) {
	a.Describe(d, "Settings of the cache's database. Its name is `default` and its port 10000.")
	a.Describe(&d.ClientProtocol, "`Encrypted` (TLS, default) or `Plaintext` (not with Entra ID).")
	a.Describe(&d.ClusteringPolicy, "Default: `OSSCluster`, or `EnterpriseCluster` with RediSearch. `NoCluster` is for "+
		"caches of 25 GB or less.")
	a.Describe(&d.EvictionPolicy, "Default: `VolatileLRU`, or `NoEviction` with RediSearch.")
	a.Describe(&d.Modules, "Redis modules to enable; they cannot be changed after creation.")
	a.Describe(&d.Persistence, "AOF or RDB persistence, not both. Default: off.")
	a.Describe(&d.GeoReplication, "Join an active geo-replication group.")
	a.Describe(&d.DeferUpgrade, "Defer Redis version upgrades.")
}

// DatabaseModule is a Redis module to enable.
type DatabaseModule struct {
	Name ModuleName `pulumi:"name"`
	Args string     `pulumi:"args,optional"`
}

func (m *DatabaseModule) Annotate(a infer.Annotator) {
	a.Describe(m, "A Redis module to enable on the database.")
	a.Describe(&m.Name, "The module.")
	a.Describe(&m.Args, "The module's configuration options, e.g. `ERROR_RATE 0.01`.")
}

// PersistenceSettings turn on AOF or RDB persistence.
type PersistenceSettings struct {
	AofFrequency *AofFrequency `pulumi:"aofFrequency,optional"`
	RdbFrequency *RdbFrequency `pulumi:"rdbFrequency,optional"`
}

func (p *PersistenceSettings) Annotate(a infer.Annotator) {
	a.Describe(p, "Persistence of the database: set one of aofFrequency and rdbFrequency.")
	a.Describe(&p.AofFrequency, "Append-only-file persistence, written every second.")
	a.Describe(&p.RdbFrequency, "Snapshot persistence, every 1, 6 or 12 hours.")
}

// GeoReplicationSettings join the database to an active geo-replication group.
type GeoReplicationSettings struct {
	GroupNickname     string                  `pulumi:"groupNickname"`
	LinkedDatabaseIds pulumi.StringArrayInput `pulumi:"linkedDatabaseIds"`
}

func (g *GeoReplicationSettings) Annotate(a infer.Annotator) {
	a.Describe(g, "An active geo-replication group (not on Balanced_B0/B1 or Flash Optimized SKUs).")
	a.Describe(&g.GroupNickname, "Name of the group: 1-63 letters, digits and hyphens; create-only.")
	a.Describe(&g.LinkedDatabaseIds, "ARM ids of the group's databases, this one included; at most 5.")
}

// AccessPrincipal is an Entra principal that gets access to the cache.
type AccessPrincipal struct {
	Name          string             `pulumi:"name,optional"`
	ObjectId      pulumi.StringInput `pulumi:"objectId"`
	PrincipalType *PrincipalType     `pulumi:"principalType,optional"`
}

func (p *AccessPrincipal) Annotate(a infer.Annotator) {
	a.Describe(p, "An Entra principal that gets access to the cache.")
	a.Describe(&p.Name, "The principal's stable key, such as the consuming app's name (as Aspire keys each "+
		"WithReference(app)): it names the principal's resources, so reordering the list changes nothing and removing "+
		"or adding a principal touches only that one. Letters, digits and hyphens, unique in the list. Required when "+
		"objectId is taken from another resource (a managed identity's principalId); default: the objectId.")
	a.Describe(&p.ObjectId, "The principal's Entra object id (for a managed identity, its principalId), not its client id.")
	a.Describe(&p.PrincipalType, "Default: `ServicePrincipal` (managed identities and apps). `Group` only with "+
		"`AccessKey`: Azure Managed Redis does not support Entra groups for data access.")
}

// ExistingCache names an existing cache.
type ExistingCache struct {
	ClusterName       pulumi.StringInput `pulumi:"clusterName"`
	ResourceGroupName pulumi.StringInput `pulumi:"resourceGroupName,optional"`
}

func (e *ExistingCache) Annotate(a infer.Annotator) {
	a.Describe(e, "An existing cache to use instead of creating one.")
	a.Describe(&e.ClusterName, "The existing cluster's name.")
	a.Describe(&e.ResourceGroupName, "The existing cluster's resource group. Default: the component's.")
}

// ManagedRedisState are the component's outputs. It shares the library component's
// registration (the embedded ResourceState), so no second resource exists. Output tags carry
// no ",optional": the SDK would take it for part of the name when it sends the outputs; the
// outputs that exist only with some inputs (component.OptionalOutputs), Ptr outputs here, are
// made optional in the schema instead (see markOptionalOutputs).
type ManagedRedisState struct {
	*pulumi.ResourceState

	ClusterId                 pulumi.StringOutput    `pulumi:"clusterId"`
	ClusterName               pulumi.StringOutput    `pulumi:"clusterName"`
	DatabaseId                pulumi.StringOutput    `pulumi:"databaseId"`
	ResourceGroupName         pulumi.StringOutput    `pulumi:"resourceGroupName"`
	HostName                  pulumi.StringOutput    `pulumi:"hostName"`
	Port                      pulumi.IntOutput       `pulumi:"port"`
	Authentication            pulumi.StringOutput    `pulumi:"authentication"`
	ConnectionString          pulumi.StringOutput    `pulumi:"connectionString"`
	Uri                       pulumi.StringOutput    `pulumi:"uri"`
	PrimaryAccessKey          pulumi.StringPtrOutput `pulumi:"primaryAccessKey" provider:"secret"`
	KeyVaultId                pulumi.StringPtrOutput `pulumi:"keyVaultId"`
	ConnectionStringSecretUri pulumi.StringPtrOutput `pulumi:"connectionStringSecretUri"`
	PrimaryAccessKeySecretUri pulumi.StringPtrOutput `pulumi:"primaryAccessKeySecretUri"`
	RedisVersion              pulumi.StringOutput    `pulumi:"redisVersion"`
	Environment               pulumi.StringMapOutput `pulumi:"environment"`
	PrivateEndpointId         pulumi.StringPtrOutput `pulumi:"privateEndpointId"`
	PrivateIpAddress          pulumi.StringPtrOutput `pulumi:"privateIpAddress"`
}

func (s *ManagedRedisState) Annotate(a infer.Annotator) {
	shareable(&s.ResourceState)
	a.Describe(&s.ClusterId, "ARM id of the cluster.")
	a.Describe(&s.ClusterName, "Name of the cluster.")
	a.Describe(&s.DatabaseId, "ARM id of the database.")
	a.Describe(&s.ResourceGroupName, "Resource group of the cluster.")
	a.Describe(&s.HostName, "Host name, `<cluster>.<region>.redis.azure.net`.")
	a.Describe(&s.Port, "Port: always 10000.")
	a.Describe(&s.Authentication, "`EntraId` or `AccessKey`.")
	a.Describe(&s.ConnectionString, "StackExchange.Redis connection string `<host>:10000,ssl=true`, plus "+
		"`,password=<key>` in AccessKey mode, where it is secret.")
	a.Describe(&s.Uri, "`rediss://<host>:10000`, or `rediss://:<url-encoded key>@<host>:10000` in AccessKey mode, "+
		"where it is secret.")
	a.Describe(&s.PrimaryAccessKey, "The database's primary access key (AccessKey mode only).")
	a.Describe(&s.KeyVaultId, "ARM id of the Key Vault holding the secrets (AccessKey mode only).")
	a.Describe(&s.ConnectionStringSecretUri, "URI of the connection string secret (AccessKey mode only).")
	a.Describe(&s.PrimaryAccessKeySecretUri, "URI of the primary access key secret (AccessKey mode only).")
	a.Describe(&s.RedisVersion, "Redis version, as Azure reports it.")
	a.Describe(&s.Environment, "What Aspire's WithReference hands an app, ready for App Service or Container Apps "+
		"settings: `ConnectionStrings__<connectionName>`, `<CONNECTIONNAME>_HOST`, `_PORT`, `_URI`, and `_PASSWORD` "+
		"in AccessKey mode, where it is secret.")
	a.Describe(&s.PrivateEndpointId, "ARM id of the private endpoint (with privateEndpoint only).")
	a.Describe(&s.PrivateIpAddress, "The private endpoint's address in the subnet (with privateEndpoint only).")
}

// newManagedRedisState is the library's outputs, by schema name (component.Outputs), in the
// state's fields of the same tag. The optional outputs the library leaves out are absent:
// resolved nil, undefined or None in the SDKs.
func newManagedRedisState(r *component.ManagedRedis) *ManagedRedisState {
	state := &ManagedRedisState{ResourceState: &r.ResourceState}
	outputs := r.Outputs()
	absent := r.Authentication.ApplyT(func(string) *string { return nil }).(pulumi.StringPtrOutput)
	fields := reflect.ValueOf(state).Elem()
	for i := range fields.NumField() {
		field := fields.Type().Field(i)
		name, ok := field.Tag.Lookup("pulumi")
		if !ok || field.Anonymous {
			continue
		}
		value, given := outputs[name]
		switch {
		case !given:
			fields.FieldByIndex(field.Index).Set(reflect.ValueOf(absent))
		case field.Type == reflect.TypeFor[pulumi.StringPtrOutput]():
			fields.FieldByIndex(field.Index).Set(reflect.ValueOf(value.(pulumi.StringOutput).ToStringPtrOutput()))
		default:
			fields.FieldByIndex(field.Index).Set(reflect.ValueOf(value))
		}
	}
	return state
}

// library converts the wire inputs to the library's.
func (a ManagedRedisArgs) library() *component.ManagedRedisArgs {
	args := &component.ManagedRedisArgs{
		ResourceGroupName:   a.ResourceGroupName,
		Location:            a.Location,
		ClusterName:         a.ClusterName,
		Sku:                 value(a.Sku),
		HighAvailability:    a.HighAvailability,
		Capacity:            a.Capacity,
		Zones:               a.Zones,
		MinimumTlsVersion:   value(a.MinimumTlsVersion),
		PublicNetworkAccess: value(a.PublicNetworkAccess),
		Tags:                a.Tags,
		Authentication:      value(a.Authentication),
		KeyVaultId:          a.KeyVaultId,
		ConnectionName:      a.ConnectionName,
		ProtectData:         a.ProtectData,
	}
	if d := a.Database; d != nil {
		db := &component.DatabaseSettings{
			ClientProtocol:   value(d.ClientProtocol),
			ClusteringPolicy: value(d.ClusteringPolicy),
			EvictionPolicy:   value(d.EvictionPolicy),
			DeferUpgrade:     d.DeferUpgrade,
		}
		for _, m := range d.Modules {
			db.Modules = append(db.Modules, component.Module{Name: string(m.Name), Args: m.Args})
		}
		if p := d.Persistence; p != nil {
			db.Persistence = &component.Persistence{AofFrequency: value(p.AofFrequency), RdbFrequency: value(p.RdbFrequency)}
		}
		if g := d.GeoReplication; g != nil {
			db.GeoReplication = &component.GeoReplication{GroupNickname: g.GroupNickname, LinkedDatabaseIds: g.LinkedDatabaseIds}
		}
		args.Database = db
	}
	for _, p := range a.AccessPrincipals {
		args.AccessPrincipals = append(args.AccessPrincipals,
			component.AccessPrincipal{Name: p.Name, ObjectId: p.ObjectId, PrincipalType: value(p.PrincipalType)})
	}
	if e := a.Existing; e != nil {
		args.Existing = &component.ExistingCache{ClusterName: e.ClusterName, ResourceGroupName: e.ResourceGroupName}
	}
	if pe := a.PrivateEndpoint; pe != nil {
		args.PrivateEndpoint = &component.PrivateEndpointSettings{SubnetId: pe.SubnetId, PrivateDnsZoneId: pe.PrivateDnsZoneId}
	}
	if d := a.Diagnostics; d != nil {
		args.Diagnostics = &component.DiagnosticsSettings{WorkspaceId: d.WorkspaceId}
	}
	if k := a.CustomerManagedKey; k != nil {
		args.CustomerManagedKey = &component.CustomerManagedKeySettings{
			KeyUrl: k.KeyUrl, UserAssignedIdentityId: k.UserAssignedIdentityId, KeyVaultId: k.KeyVaultId,
		}
	}
	return args
}

// value is the string of an optional enum, "" (the library's "use the default") when unset.
func value[T ~string](v *T) string {
	if v == nil {
		return ""
	}
	return string(*v)
}
