package redisenterprise

// The closed sets of values azure-native 3.28.0 offers for this module's enum-typed inputs.
// The SDK accepts any string for them (oneOf string/enum); these lists are what Azure knows.

// SkuNames lists every SKU, legacy Enterprise ones first, in the SDK's order.
var SkuNames = []string{
	"Enterprise_E1", "Enterprise_E5", "Enterprise_E10", "Enterprise_E20", "Enterprise_E50",
	"Enterprise_E100", "Enterprise_E200", "Enterprise_E400",
	"EnterpriseFlash_F300", "EnterpriseFlash_F700", "EnterpriseFlash_F1500",
	"Balanced_B0", "Balanced_B1", "Balanced_B3", "Balanced_B5", "Balanced_B10", "Balanced_B20",
	"Balanced_B50", "Balanced_B100", "Balanced_B150", "Balanced_B250", "Balanced_B350",
	"Balanced_B500", "Balanced_B700", "Balanced_B1000",
	"MemoryOptimized_M10", "MemoryOptimized_M20", "MemoryOptimized_M50", "MemoryOptimized_M100",
	"MemoryOptimized_M150", "MemoryOptimized_M250", "MemoryOptimized_M350", "MemoryOptimized_M500",
	"MemoryOptimized_M700", "MemoryOptimized_M1000", "MemoryOptimized_M1500", "MemoryOptimized_M2000",
	"ComputeOptimized_X3", "ComputeOptimized_X5", "ComputeOptimized_X10", "ComputeOptimized_X20",
	"ComputeOptimized_X50", "ComputeOptimized_X100", "ComputeOptimized_X150", "ComputeOptimized_X250",
	"ComputeOptimized_X350", "ComputeOptimized_X500", "ComputeOptimized_X700",
	"FlashOptimized_A250", "FlashOptimized_A500", "FlashOptimized_A700", "FlashOptimized_A1000",
	"FlashOptimized_A1500", "FlashOptimized_A2000", "FlashOptimized_A4500",
}

// Values the component names, as the official SDK's constants name them.
const (
	AccessPolicyNameDefault           = "default"
	AccessKeysAuthenticationDisabled  = "Disabled"
	AccessKeysAuthenticationEnabled   = "Enabled"
	AofFrequency1s                    = "1s"
	ClusteringPolicyEnterpriseCluster = "EnterpriseCluster"
	ClusteringPolicyOSSCluster        = "OSSCluster"
	ClusteringPolicyNoCluster         = "NoCluster"
	DeferUpgradeDeferred              = "Deferred"
	DeferUpgradeNotDeferred           = "NotDeferred"
	EvictionPolicyNoEviction          = "NoEviction"
	HighAvailabilityEnabled           = "Enabled"
	HighAvailabilityDisabled          = "Disabled"
	EvictionPolicyVolatileLRU         = "VolatileLRU"
	ProtocolEncrypted                 = "Encrypted"
	ProtocolPlaintext                 = "Plaintext"
	PublicNetworkAccessEnabled        = "Enabled"
	PublicNetworkAccessDisabled       = "Disabled"
	RdbFrequency1h                    = "1h"
	RdbFrequency6h                    = "6h"
	RdbFrequency12h                   = "12h"
	TlsVersion1_2                     = "1.2"
)

var (
	// AccessKeysAuthentications are the values of Database.accessKeysAuthentication.
	AccessKeysAuthentications = []string{AccessKeysAuthenticationDisabled, AccessKeysAuthenticationEnabled}
	// AofFrequencies are the values of Persistence.aofFrequency.
	AofFrequencies = []string{AofFrequency1s, "always"}
	// ClusteringPolicies are the values of Database.clusteringPolicy.
	ClusteringPolicies = []string{ClusteringPolicyEnterpriseCluster, ClusteringPolicyOSSCluster, ClusteringPolicyNoCluster}
	// CmkIdentityTypes are the values of ClusterPropertiesKeyEncryptionKeyIdentity.identityType.
	CmkIdentityTypes = []string{"systemAssignedIdentity", "userAssignedIdentity"}
	// DeferUpgradeSettings are the values of Database.deferUpgrade.
	DeferUpgradeSettings = []string{DeferUpgradeDeferred, DeferUpgradeNotDeferred}
	// EvictionPolicies are the values of Database.evictionPolicy.
	EvictionPolicies = []string{"AllKeysLFU", "AllKeysLRU", "AllKeysRandom", EvictionPolicyVolatileLRU,
		"VolatileLFU", "VolatileTTL", "VolatileRandom", EvictionPolicyNoEviction}
	// HighAvailabilities are the values of RedisEnterprise.highAvailability.
	HighAvailabilities = []string{HighAvailabilityEnabled, HighAvailabilityDisabled}
	// ManagedServiceIdentityTypes are the values of ManagedServiceIdentity.type.
	ManagedServiceIdentityTypes = []string{"None", "SystemAssigned", "UserAssigned", "SystemAssigned, UserAssigned"}
	// Protocols are the values of Database.clientProtocol.
	Protocols = []string{ProtocolEncrypted, ProtocolPlaintext}
	// PublicNetworkAccesses are the values of RedisEnterprise.publicNetworkAccess.
	PublicNetworkAccesses = []string{PublicNetworkAccessEnabled, PublicNetworkAccessDisabled}
	// RdbFrequencies are the values of Persistence.rdbFrequency.
	RdbFrequencies = []string{RdbFrequency1h, RdbFrequency6h, RdbFrequency12h}
	// TlsVersions are the values of RedisEnterprise.minimumTlsVersion.
	TlsVersions = []string{"1.0", "1.1", TlsVersion1_2}
)
