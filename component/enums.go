package component

import (
	"slices"
	"strings"

	"github.com/managedredis/pulumi-azure-managed-redis/azure/enumvalues"
	"github.com/managedredis/pulumi-azure-managed-redis/azure/redisenterprise"
)

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

// Redis modules a database can enable.
const (
	ModuleRediSearch      = "RediSearch"
	ModuleRedisJSON       = "RedisJSON"
	ModuleRedisBloom      = "RedisBloom"
	ModuleRedisTimeSeries = "RedisTimeSeries"
)

// Defaults the component applies when an input is left empty.
const (
	DefaultSku               = "Balanced_B0"
	DefaultMinimumTlsVersion = string(redisenterprise.TlsVersion_TlsVersion_1_2)
	DefaultClientProtocol    = string(redisenterprise.ProtocolEncrypted)
	DefaultClusteringPolicy  = string(redisenterprise.ClusteringPolicyOSSCluster)
	DefaultEvictionPolicy    = string(redisenterprise.EvictionPolicyVolatileLRU)
	// Port is the only port Azure Managed Redis databases use.
	Port = 10000
	// DatabaseName is the only database name Azure Managed Redis uses.
	DatabaseName = "default"
)

// An Enum is the closed list of values of a plain string input (named by the input's `enum`
// tag): the rules accept only these, and every SDK offers them as an enum type.
type Enum struct {
	Name        string
	Description string
	Values      []EnumValue
	// Rule is the rule that refuses another value ("allowed values" when empty), and Allowed
	// says what is allowed in its message (the list of values when empty).
	Rule, Allowed string
}

// EnumValue is one value of an Enum; Name is its name in the SDKs.
type EnumValue struct {
	Name, Value, Description string
}

// Enums are the component's closed lists of values, by name: a copy, which the caller may change.
func Enums() map[string]Enum {
	copied := make(map[string]Enum, len(enums))
	for name, e := range enums {
		e.Values = slices.Clone(e.Values)
		copied[name] = e
	}
	return copied
}

// enums are the component's closed lists of values, by name.
var enums = map[string]Enum{
	"SkuName": {Name: "SkuName", Description: "Size and tier of a cache: Azure Managed Redis SKUs and the legacy Enterprise ones.",
		Values: named(enumvalues.RedisenterpriseSkuName, func(v string) string {
			if strings.HasPrefix(v, "Enterprise") {
				return "Legacy Azure Cache for Redis Enterprise SKU " + v + "."
			}
			return "Azure Managed Redis SKU " + v + "."
		}),
		Allowed: "the SKUs Azure offers: Balanced_B0-B1000, MemoryOptimized_M10-M2000, ComputeOptimized_X3-X700, " +
			"FlashOptimized_A250-A4500, or the legacy Enterprise_E1-E400 and EnterpriseFlash_F300-F1500"},
	"Authentication": {Name: "Authentication", Description: "How apps authenticate to the cache.", Values: []EnumValue{
		{EntraID, EntraID, "Microsoft Entra ID; access keys disabled (the default)."},
		{AccessKey, AccessKey, "Access keys, kept in Key Vault."},
	}},
	"PrincipalType": {Name: "PrincipalType", Description: "Kind of an Entra principal.",
		Values: named([]string{PrincipalUser, PrincipalGroup, PrincipalServicePrincipal}, nil)},
	"TlsVersion": {Name: "TlsVersion", Description: "Minimum TLS version clients must use.", Values: []EnumValue{
		{"Tls1_2", DefaultMinimumTlsVersion, "TLS 1.2, the only version Azure accepts."},
	}, Rule: "V15", Allowed: "1.2 only: TLS 1.0 and 1.1 are obsolete"},
	"PublicNetworkAccess": {Name: "PublicNetworkAccess", Description: "Whether the cache is reachable from public networks.",
		Values: named(enumvalues.RedisenterprisePublicNetworkAccess, nil), Rule: "V16"},
	"ClientProtocol":   {Name: "ClientProtocol", Description: "How clients talk to the database.", Values: named(enumvalues.RedisenterpriseProtocol, nil)},
	"ClusteringPolicy": {Name: "ClusteringPolicy", Description: "How the database is clustered.", Values: named(enumvalues.RedisenterpriseClusteringPolicy, nil)},
	"EvictionPolicy":   {Name: "EvictionPolicy", Description: "How keys are evicted when memory is full.", Values: named(enumvalues.RedisenterpriseEvictionPolicy, nil)},
	"ModuleName": {Name: "ModuleName", Description: "A Redis module.",
		Values: named([]string{ModuleRediSearch, ModuleRedisJSON, ModuleRedisBloom, ModuleRedisTimeSeries}, nil)},
	"AofFrequency": {Name: "AofFrequency", Description: "How often the append-only file is written.", Values: []EnumValue{
		{"OneSecond", string(redisenterprise.AofFrequency_AofFrequency_1s), "Every second."},
	}, Rule: "V6"},
	"RdbFrequency": {Name: "RdbFrequency", Description: "How often a snapshot is taken.", Values: []EnumValue{
		{"OneHour", string(redisenterprise.RdbFrequency_RdbFrequency_1h), "Every hour."},
		{"SixHours", string(redisenterprise.RdbFrequency_RdbFrequency_6h), "Every six hours."},
		{"TwelveHours", string(redisenterprise.RdbFrequency_RdbFrequency_12h), "Every twelve hours."},
	}, Rule: "V6"},
}

// ModuleNames are the Redis modules a database can enable. (The rules read the other closed
// lists from enums, by the args' `enum` tags.)
func ModuleNames() []string { return enums["ModuleName"].values() }

func (e Enum) values() []string {
	values := make([]string, len(e.Values))
	for i, v := range e.Values {
		values[i] = v.Value
	}
	return values
}

// named names each value after itself (these values are valid identifiers).
func named(values []string, describe func(string) string) []EnumValue {
	enum := make([]EnumValue, len(values))
	for i, v := range values {
		enum[i] = EnumValue{Name: v, Value: v}
		if describe != nil {
			enum[i].Description = describe(v)
		}
	}
	return slices.Clip(enum)
}
