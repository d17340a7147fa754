package component

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// The inputs of the components, defined once: the multi-language provider's types, the schema
// and the SDKs are generated from these (tools/gen-provider, `make generate`). A field's
// `pulumi` tag is its schema name (",optional" unless required); `enum` names the closed list of
// values (Enums) of a plain string; its doc comment, without the leading field name, is its
// description in the schema and the SDKs. Plain Go fields (strings, bools, slices and structs of
// plain values) shape the resources the component registers and are checked before anything is
// registered; Input fields may be Outputs of other resources and are checked as soon as their
// values are known. `cache:"new"` marks an input that configures a new cache, refused with
// `existing` (an existing cache is read, never modified).

// ManagedRedisArgs are the inputs of a ManagedRedis cache.
type ManagedRedisArgs struct {
	// ResourceGroupName is the resource group of the cache, and of the Key Vault the component
	// creates in AccessKey mode.
	ResourceGroupName pulumi.StringInput `pulumi:"resourceGroupName"`
	// Location is the Azure region. Default (also when empty): the resource group's.
	Location pulumi.StringInput `pulumi:"location,optional" cache:"new"`
	// ClusterName is the cluster's name: 1-60 letters, digits and single inner hyphens. Default:
	// the component's name and a hash of the subscription, resource group, project, stack and
	// component name, so that the global host name is unique and stable across updates.
	ClusterName pulumi.StringInput `pulumi:"clusterName,optional" cache:"new"`
	// Sku is the size and tier. Default: `Balanced_B0`.
	Sku string `pulumi:"sku,optional" enum:"SkuName" cache:"new"`
	// HighAvailability replicates the data (Azure Managed Redis SKUs only). Default: Azure's, on.
	HighAvailability *bool `pulumi:"highAvailability,optional" cache:"new"`
	// Capacity is the node count, for the legacy Enterprise and EnterpriseFlash SKUs only.
	Capacity *int `pulumi:"capacity,optional" cache:"new"`
	// Zones are the availability zones, for the legacy Enterprise and EnterpriseFlash SKUs only.
	Zones []string `pulumi:"zones,optional" cache:"new"`
	// MinimumTlsVersion is the minimum TLS version. Default and only value: `1.2`.
	MinimumTlsVersion string `pulumi:"minimumTlsVersion,optional" enum:"TlsVersion" cache:"new"`
	// PublicNetworkAccess says whether the cache is reachable from public networks. Default:
	// `Enabled`, or `Disabled` with a `privateEndpoint` (an explicit `Enabled` keeps both ways
	// open).
	PublicNetworkAccess string `pulumi:"publicNetworkAccess,optional" enum:"PublicNetworkAccess" cache:"new"`
	// Tags go on every Azure resource the component creates that takes tags.
	Tags pulumi.StringMapInput `pulumi:"tags,optional"`
	// Database configures the cache's database.
	Database *DatabaseSettings `pulumi:"database,optional" cache:"new"`
	// Authentication is `EntraId` (default): access keys disabled, each principal gets an
	// access policy assignment; or `AccessKey`: access keys enabled and written to Key Vault.
	// With migrateFrom and no authentication, the source decides: `AccessKey` when it allows
	// access keys (its clients keep working), `EntraId` when it has them disabled; once the
	// cache exists, its database decides.
	Authentication string `pulumi:"authentication,optional" enum:"Authentication"`
	// AccessPrincipals are the Entra principals that get access to the cache, as Aspire's
	// WithReference gives an app, each keyed by its name: reordering the list changes nothing,
	// removing or adding one touches only that one.
	AccessPrincipals []AccessPrincipal `pulumi:"accessPrincipals,optional"`
	// KeyVaultId is the ARM id of an existing Key Vault in RBAC mode, in the subscription the
	// component deploys to, for the secrets (AccessKey mode); it is read and checked first.
	// Default: a new vault.
	KeyVaultId pulumi.StringInput `pulumi:"keyVaultId,optional"`
	// ConnectionName is the name apps use for this cache (`ConnectionStrings:<connectionName>`);
	// it names the secrets `connectionstrings--<connectionName>` and
	// `primaryaccesskey--<connectionName>`. A letter, then letters, digits and hyphens, at most
	// 108 characters. Default (also when empty): the component's name, cleaned the way the
	// default cluster name is when it is not a valid connection name (`session_cache` gives
	// `session-cache`).
	ConnectionName string `pulumi:"connectionName,optional"`
	// Existing uses an existing cache instead of creating one: it is read, never modified or
	// deleted, and access and secrets are added on top of it.
	Existing *ExistingCache `pulumi:"existing,optional"`
	// PrivateEndpoint reaches the cache from a subnet through a private endpoint (also for an
	// existing cache).
	PrivateEndpoint *PrivateEndpointSettings `pulumi:"privateEndpoint,optional"`
	// Diagnostics sends the database's connection logs and the cluster's metrics to a Log
	// Analytics workspace.
	Diagnostics *DiagnosticsSettings `pulumi:"diagnostics,optional"`
	// CustomerManagedKey encrypts the cache with a key of yours, read with a user-assigned
	// identity (V20).
	CustomerManagedKey *CustomerManagedKeySettings `pulumi:"customerManagedKey,optional" cache:"new"`
	// ProtectData protects the cluster and the database against replacement and deletion.
	ProtectData bool `pulumi:"protectData,optional" cache:"new"`
	// AcceptDataLoss allows a change that Azure can make only by creating the database or the
	// cluster again (a SKU outside the scale targets Azure offers, high availability turned off,
	// a clustering policy other than away from NoCluster, modules, geo-replication, location,
	// zones, less capacity): the database, or the cluster with it, is then replaced, deleting
	// it first, and its data is lost; the secrets and connection outputs carry the new access
	// keys in the same update. Without it such a change is refused before anything is written,
	// naming the input and the cache's current value. A standing permission while it is set:
	// remove it after the change. Not with protectData. Default: false.
	AcceptDataLoss bool `pulumi:"acceptDataLoss,optional" cache:"new"`
	// RoleAssignments give principals control-plane roles on the cluster (Azure RBAC), as Bicep
	// AVM's roleAssignments, each keyed by its name like accessPrincipals.
	RoleAssignments []RoleAssignment `pulumi:"roleAssignments,optional"`
	// MigrateFrom creates this cache as the successor of an Azure Cache for Redis (classic)
	// cache, which retires (Basic, Standard and Premium on 2028-09-30): the source is read as
	// soon as its id is known (at preview too), never written, and every setting not given is
	// derived from it (the SKU by Microsoft's mapping table, location, high availability,
	// public network access, authentication, clustering and eviction policies, tags); what
	// cannot be carried is listed in the `migration` output. With `switchDns`, Azure's migration
	// then points the source's host name at the new cache in the same `up`. Once the cache
	// exists its own values win, so a changed or deleted source changes nothing.
	MigrateFrom *MigrationSource `pulumi:"migrateFrom,optional" cache:"new"`
	// AccessKeyRotation is a label of the current generation of access keys (AccessKey mode),
	// e.g. `2026-q4`, or a rotating timer's output: setting it the first time regenerates
	// nothing; each later change regenerates the key apps are not using and moves the secrets,
	// `connectionString`, `uri`, `environment` and `activeAccessKey` to it in the same `up`,
	// while apps still holding the previous key keep working until the next change.
	AccessKeyRotation pulumi.StringInput `pulumi:"accessKeyRotation,optional" cache:"new"`
}

// DatabaseSettings are the settings of the cache's database. Its name is `default` and its port
// 10000.
type DatabaseSettings struct {
	// ClientProtocol is `Encrypted` (TLS, default) or `Plaintext` (not with Entra ID).
	ClientProtocol string `pulumi:"clientProtocol,optional" enum:"ClientProtocol"`
	// ClusteringPolicy defaults to `OSSCluster`, or `EnterpriseCluster` with RediSearch.
	// `NoCluster` is for caches of 25 GB or less.
	ClusteringPolicy string `pulumi:"clusteringPolicy,optional" enum:"ClusteringPolicy"`
	// EvictionPolicy defaults to `VolatileLRU`, or `NoEviction` with RediSearch.
	EvictionPolicy string `pulumi:"evictionPolicy,optional" enum:"EvictionPolicy"`
	// Modules are the Redis modules to enable; they cannot be changed after creation.
	Modules []DatabaseModule `pulumi:"modules,optional"`
	// Persistence is AOF or RDB persistence, not both. Default: off.
	Persistence *PersistenceSettings `pulumi:"persistence,optional"`
	// GeoReplication joins an active geo-replication group.
	GeoReplication *GeoReplicationSettings `pulumi:"geoReplication,optional"`
	// DeferUpgrade defers Redis version upgrades.
	DeferUpgrade bool `pulumi:"deferUpgrade,optional"`
}

// DatabaseModule is a Redis module to enable on the database.
type DatabaseModule struct {
	// Name is the module.
	Name string `pulumi:"name" enum:"ModuleName"`
	// Args are the module's configuration options, e.g. `ERROR_RATE 0.01`.
	Args string `pulumi:"args,optional"`
}

// PersistenceSettings are the persistence of the database: set one of aofFrequency and
// rdbFrequency.
type PersistenceSettings struct {
	// AofFrequency turns on append-only-file persistence, written every second.
	AofFrequency string `pulumi:"aofFrequency,optional" enum:"AofFrequency"`
	// RdbFrequency turns on snapshot persistence, every 1, 6 or 12 hours.
	RdbFrequency string `pulumi:"rdbFrequency,optional" enum:"RdbFrequency"`
}

// GeoReplicationSettings are an active geo-replication group (not on Balanced_B0/B1 or Flash
// Optimized SKUs).
type GeoReplicationSettings struct {
	// GroupNickname names the group: 1-63 letters, digits and hyphens; create-only.
	GroupNickname string `pulumi:"groupNickname"`
	// LinkedDatabaseIds are the ARM ids of the group's databases, this one included; at most 5.
	LinkedDatabaseIds pulumi.StringArrayInput `pulumi:"linkedDatabaseIds"`
}

// AccessPrincipal is an Entra principal that gets access to the cache.
type AccessPrincipal struct {
	// Name is the principal's stable key, such as the consuming app's name (as Aspire keys each
	// WithReference(app)): it names the principal's resources, so reordering the list changes
	// nothing and removing or adding a principal touches only that one. Letters, digits and
	// hyphens, unique in the list. Required when objectId is not a literal (taken from another
	// resource, such as a managed identity's principalId); default: the objectId, in lower case.
	Name string `pulumi:"name,optional"`
	// ObjectId is the principal's Entra object id (for a managed identity, its principalId), not
	// its client id.
	ObjectId pulumi.StringInput `pulumi:"objectId"`
	// PrincipalType defaults to `ServicePrincipal` (managed identities and apps). `Group` only
	// with `AccessKey`: Azure Managed Redis does not support Entra groups for data access (V22).
	PrincipalType string `pulumi:"principalType,optional" enum:"PrincipalType"`
	// Aliases are the principal's earlier names, so that renaming it changes nothing in Azure:
	// give the old name here (for a principal that had no name, its object id in lower case).
	// Without them, a rename replaces the principal's resources, and since their Azure names do
	// not depend on the principal's name the new ones clash with the old ones ("already
	// exists"). Rules as names; each unique in the list.
	Aliases []string `pulumi:"aliases,optional"`
	// AccessString is the Redis ACL rules the principal gets instead of the full access of the
	// `default` policy (preview), e.g. `+@read +@connection ~cache:*`: categories (`+@read`,
	// `-@write`), commands (`+get`, `-flushall`, `+client|setname`, `-config|set`), key patterns
	// (`~cache:*`, `%R~*`) and channel patterns (`&events:*`), checked before deploying as Redis's
	// ACL SETUSER takes them; a module's commands (`+ft.search`) need that module in
	// `database.modules`; rules about the user itself (`on`, `>password`, `reset`, ...) are
	// refused, as Azure owns it. Entra ID only. Written through Azure's 2026-06-01-preview API
	// (the package azure-native_redisenterprise_v20260601preview): expect it to change when
	// Azure's stable API settles. Default: full access.
	AccessString *string `pulumi:"accessString,optional"`
}

// RoleAssignment is a control-plane role on the cache's cluster for a principal.
type RoleAssignment struct {
	// Name is the assignment's stable key, rules as accessPrincipals' names: it names the
	// assignment's resource. Required when principalId is not a literal; default: the
	// principalId, in lower case.
	Name string `pulumi:"name,optional"`
	// RoleDefinitionId is the role: a role definition's ARM id or GUID, or one of the built-in
	// names `Owner`, `Contributor`, `Reader`, `Role Based Access Control Administrator` and
	// `User Access Administrator`.
	RoleDefinitionId pulumi.StringInput `pulumi:"roleDefinitionId"`
	// PrincipalId is the Entra object id of the principal that gets the role.
	PrincipalId pulumi.StringInput `pulumi:"principalId"`
	// PrincipalType defaults to `ServicePrincipal` (managed identities and apps).
	PrincipalType string `pulumi:"principalType,optional" enum:"PrincipalType"`
}

// PrivateEndpointSettings are a private endpoint of the cache (group `redisEnterprise`) in a
// subnet, and its address in the private DNS zone `privatelink.redis.azure.net`.
type PrivateEndpointSettings struct {
	// SubnetId is the ARM id of the subnet the endpoint takes its address from.
	SubnetId pulumi.StringInput `pulumi:"subnetId"`
	// PrivateDnsZoneId is the ARM id of an existing private DNS zone
	// `privatelink.redis.azure.net`. Default: the zone is created in the cache's resource group
	// with a link to the subnet's virtual network (create it once for several caches, and give
	// it here).
	PrivateDnsZoneId pulumi.StringInput `pulumi:"privateDnsZoneId,optional"`
}

// DiagnosticsSettings send the database's `ConnectionEvents` logs and the cluster's
// `AllMetrics` to a Log Analytics workspace.
type DiagnosticsSettings struct {
	// WorkspaceId is the ARM id of the Log Analytics workspace.
	WorkspaceId pulumi.StringInput `pulumi:"workspaceId"`
}

// CustomerManagedKeySettings are a customer-managed key, read with a user-assigned identity
// (V20).
type CustomerManagedKeySettings struct {
	// KeyUrl is the key's versioned URL, `https://<vault>.vault.azure.net/keys/<name>/<version>`.
	KeyUrl pulumi.StringInput `pulumi:"keyUrl"`
	// UserAssignedIdentityId is the ARM id of the user-assigned identity the cache reads the key
	// with.
	UserAssignedIdentityId pulumi.StringInput `pulumi:"userAssignedIdentityId"`
	// KeyVaultId is the ARM id of the key's vault (RBAC mode): with it, the component gives the
	// identity the Key Vault Crypto Service Encryption User role on the key before the cache is
	// created; without it, the identity must already have get, wrapKey and unwrapKey on the key.
	KeyVaultId pulumi.StringInput `pulumi:"keyVaultId,optional"`
}

// ExistingCache is an existing cache to use instead of creating one.
type ExistingCache struct {
	// ClusterName is the existing cluster's name.
	ClusterName pulumi.StringInput `pulumi:"clusterName"`
	// ResourceGroupName is the existing cluster's resource group. Default: the component's.
	ResourceGroupName pulumi.StringInput `pulumi:"resourceGroupName,optional"`
}

// Earlier names of the settings types, kept so that programs written against them still build.
type (
	// Deprecated: Module is DatabaseModule.
	Module = DatabaseModule
	// Deprecated: Persistence is PersistenceSettings.
	Persistence = PersistenceSettings
	// Deprecated: GeoReplication is GeoReplicationSettings.
	GeoReplication = GeoReplicationSettings
)
