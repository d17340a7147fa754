package component

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// Authentication modes of a cache.
const (
	// EntraID is the default: access keys are disabled and every principal gets a data-plane
	// access policy assignment.
	EntraID = "EntraId"
	// AccessKey enables access keys, writes the connection string and the primary key to Key
	// Vault and gives every principal the Key Vault Secrets User role on those two secrets.
	AccessKey = "AccessKey"
)

// Principal types of an AccessPrincipal.
const (
	PrincipalUser             = "User"
	PrincipalGroup            = "Group"
	PrincipalServicePrincipal = "ServicePrincipal"
)

// The closed sets of values of the component's own inputs; the provider's enums list them too.
var (
	// Authentications are the values of Authentication.
	Authentications = []string{EntraID, AccessKey}
	// PrincipalTypes are the values of AccessPrincipal.PrincipalType.
	PrincipalTypes = []string{PrincipalUser, PrincipalGroup, PrincipalServicePrincipal}
	// ModuleNames are the Redis modules a database can enable.
	ModuleNames = []string{"RediSearch", "RedisJSON", "RedisBloom", "RedisTimeSeries"}
)

// Defaults the component applies when an input is left empty.
const (
	DefaultSku               = "Balanced_B0"
	DefaultMinimumTlsVersion = "1.2"
	DefaultClientProtocol    = "Encrypted"
	DefaultClusteringPolicy  = "OSSCluster"
	DefaultEvictionPolicy    = "VolatileLRU"
	// Port is the only port Azure Managed Redis databases use.
	Port = 10000
	// DatabaseName is the only database name Azure Managed Redis uses.
	DatabaseName = "default"
)

// ManagedRedisArgs are the inputs of a ManagedRedis cache.
//
// Plain Go fields (strings, bools, slices of plain values) shape the resources the component
// registers and are checked before anything is registered; Input fields may be Outputs of other
// resources and are checked as soon as their values are known.
type ManagedRedisArgs struct {
	// ResourceGroupName is the resource group of the cache and of a Key Vault the component
	// creates. Required.
	ResourceGroupName pulumi.StringInput
	// Location is the Azure region; the resource group's when nil or empty.
	Location pulumi.StringInput
	// ClusterName names the cluster (1-60 letters, digits and single inner hyphens). When
	// empty it is "<name>-<hash>": the hash of the subscription, resource group, project, stack
	// and component name keeps the global host name unique and the name stable.
	ClusterName pulumi.StringInput
	// Sku is the size and tier, e.g. Balanced_B0 (the default), MemoryOptimized_M10 or the
	// legacy Enterprise_E10.
	Sku string
	// HighAvailability turns replication on or off (Azure Managed Redis SKUs only); Azure's
	// default, on, when nil.
	HighAvailability *bool
	// Capacity applies to the legacy Enterprise and EnterpriseFlash SKUs only.
	Capacity *int
	// Zones applies to the legacy Enterprise and EnterpriseFlash SKUs only.
	Zones []string
	// MinimumTlsVersion is "1.2", the default and the only version Azure still accepts.
	MinimumTlsVersion string
	// PublicNetworkAccess is Enabled or Disabled: Enabled by default, Disabled by default with
	// a PrivateEndpoint (an explicit Enabled keeps both ways open).
	PublicNetworkAccess string
	// Tags go on every Azure resource the component creates.
	Tags pulumi.StringMapInput
	// Database configures the cache's database.
	Database *DatabaseSettings
	// Authentication is EntraID (the default) or AccessKey.
	Authentication string
	// AccessPrincipals each get access to the cache: an access policy assignment in EntraID
	// mode, the Key Vault Secrets User role on the two secrets in AccessKey mode. Each is keyed
	// by its Name: reordering the list changes nothing, removing or adding one touches only it.
	AccessPrincipals []AccessPrincipal
	// KeyVaultId is the ARM id of an existing Key Vault in RBAC mode, in the subscription the
	// component deploys to, to hold the secrets (AccessKey mode only). The vault is read before
	// anything is written to it. When nil in AccessKey mode, a vault is created.
	KeyVaultId pulumi.StringInput
	// ConnectionName is the name apps use for this cache (ConnectionStrings:<connectionName>)
	// and names the two secrets: a letter, then letters, digits and hyphens, at most 108
	// characters (Key Vault secret names have 127). The component's name when empty.
	ConnectionName string
	// Existing uses an existing cache instead of creating one: it is read, never modified.
	Existing *ExistingCache
	// PrivateEndpoint reaches the cache from a subnet, through a private endpoint and the
	// private DNS zone privatelink.redis.azure.net (also for an existing cache).
	PrivateEndpoint *PrivateEndpointSettings
	// Diagnostics sends the database's connection logs and the cluster's metrics to a Log
	// Analytics workspace.
	Diagnostics *DiagnosticsSettings
	// CustomerManagedKey encrypts the cache's data with a key of the user's (V20).
	CustomerManagedKey *CustomerManagedKeySettings
	// ProtectData protects the cluster and the database against replacement and deletion.
	ProtectData bool
}

// DatabaseSettings configures the cache's database. Port is always 10000.
type DatabaseSettings struct {
	// ClientProtocol is Encrypted (TLS, the default) or Plaintext.
	ClientProtocol string
	// ClusteringPolicy is OSSCluster (the default), EnterpriseCluster or NoCluster.
	ClusteringPolicy string
	// EvictionPolicy is one of Azure's eight policies; VolatileLRU by default.
	EvictionPolicy string
	// Modules to enable: RediSearch, RedisJSON, RedisBloom, RedisTimeSeries.
	Modules []Module
	// Persistence turns on AOF or RDB persistence.
	Persistence *Persistence
	// GeoReplication joins the database to an active geo-replication group.
	GeoReplication *GeoReplication
	// DeferUpgrade defers Redis version upgrades.
	DeferUpgrade bool
}

// Module is a Redis module to enable on the database.
type Module struct {
	// Name is RediSearch, RedisJSON, RedisBloom or RedisTimeSeries.
	Name string
	// Args are the module's configuration options, e.g. "ERROR_RATE 0.01".
	Args string
}

// Persistence selects AOF or RDB persistence, not both.
type Persistence struct {
	// AofFrequency "1s" turns on append-only-file persistence.
	AofFrequency string
	// RdbFrequency "1h", "6h" or "12h" turns on snapshot persistence.
	RdbFrequency string
}

// GeoReplication joins the database to an active geo-replication group.
type GeoReplication struct {
	// GroupNickname names the group (1-63 letters, digits and hyphens).
	GroupNickname string
	// LinkedDatabaseIds are the ARM ids of the group's databases, this one included; at most 5.
	LinkedDatabaseIds pulumi.StringArrayInput
}

// AccessPrincipal is an Entra principal that gets access to the cache.
type AccessPrincipal struct {
	// Name is the principal's stable key, such as the consuming app's name, as Aspire keys each
	// WithReference(app): it names the principal's child resources, so they keep their names
	// whatever the order of the list. Letters, digits and hyphens, unique in the list. Required
	// when ObjectId is not a literal (an Output, such as a managed identity's PrincipalId, whose
	// value is not known when names are chosen); the object id, in lower case, when empty.
	Name string
	// ObjectId is the principal's Entra object id (for a managed identity, its principalId),
	// not its client id.
	ObjectId pulumi.StringInput
	// PrincipalType is User, Group or ServicePrincipal (the default). Group only with
	// AccessKey: Azure Managed Redis does not support Entra groups for data access (V22).
	PrincipalType string
}

// PrivateEndpointSettings place a private endpoint of the cache (group redisEnterprise) in a
// subnet, and register its address in a private DNS zone.
type PrivateEndpointSettings struct {
	// SubnetId is the ARM id of the subnet the endpoint takes its address from. Required.
	SubnetId pulumi.StringInput
	// PrivateDnsZoneId is the ARM id of an existing private DNS zone privatelink.redis.azure.net.
	// When nil, the zone is created in the cache's resource group, with a link to the subnet's
	// virtual network (create it once for several caches of a resource group, and give it here).
	PrivateDnsZoneId pulumi.StringInput
}

// DiagnosticsSettings send a cache's logs and metrics to a Log Analytics workspace.
type DiagnosticsSettings struct {
	// WorkspaceId is the ARM id of the Log Analytics workspace. Required.
	WorkspaceId pulumi.StringInput
}

// CustomerManagedKeySettings encrypt a cache with a key of the user's, read with a
// user-assigned identity (V20).
type CustomerManagedKeySettings struct {
	// KeyUrl is the key's versioned URL, https://<vault>.vault.azure.net/keys/<name>/<version>.
	// Required.
	KeyUrl pulumi.StringInput
	// UserAssignedIdentityId is the ARM id of the user-assigned identity the cache reads the key
	// with. Required.
	UserAssignedIdentityId pulumi.StringInput
	// KeyVaultId is the ARM id of the key's vault (in RBAC mode): with it, the component gives
	// the identity the Key Vault Crypto Service Encryption User role on the key before the cache
	// is created. Without it, the identity must have get, wrapKey and unwrapKey on the key.
	KeyVaultId pulumi.StringInput
}

// ExistingCache names an existing cache to use instead of creating one.
type ExistingCache struct {
	// ClusterName is the existing cluster's name. Required.
	ClusterName pulumi.StringInput
	// ResourceGroupName is the existing cluster's resource group; the component's when empty.
	ResourceGroupName pulumi.StringInput
}
