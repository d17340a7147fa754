package component

import (
	"slices"
	"strings"

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
	DefaultMinimumTlsVersion = redisenterprise.TlsVersion1_2
	DefaultClientProtocol    = redisenterprise.ProtocolEncrypted
	DefaultClusteringPolicy  = redisenterprise.ClusteringPolicyOSSCluster
	DefaultEvictionPolicy    = redisenterprise.EvictionPolicyVolatileLRU
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
}

// EnumValue is one value of an Enum; Name is its name in the SDKs.
type EnumValue struct {
	Name, Value, Description string
}

// Enums are the component's closed lists of values, by name.
var Enums = map[string]Enum{
	"SkuName": {"SkuName", "Size and tier of a cache: Azure Managed Redis SKUs and the legacy Enterprise ones.",
		named(redisenterprise.SkuNames, func(v string) string {
			if strings.HasPrefix(v, "Enterprise") {
				return "Legacy Azure Cache for Redis Enterprise SKU " + v + "."
			}
			return "Azure Managed Redis SKU " + v + "."
		})},
	"Authentication": {"Authentication", "How apps authenticate to the cache.", []EnumValue{
		{EntraID, EntraID, "Microsoft Entra ID; access keys disabled (the default)."},
		{AccessKey, AccessKey, "Access keys, kept in Key Vault."},
	}},
	"PrincipalType": {"PrincipalType", "Kind of an Entra principal.",
		named([]string{PrincipalUser, PrincipalGroup, PrincipalServicePrincipal}, nil)},
	"TlsVersion": {"TlsVersion", "Minimum TLS version clients must use.", []EnumValue{
		{"Tls1_2", DefaultMinimumTlsVersion, "TLS 1.2, the only version Azure accepts."},
	}},
	"PublicNetworkAccess": {"PublicNetworkAccess", "Whether the cache is reachable from public networks.",
		named(redisenterprise.PublicNetworkAccesses, nil)},
	"ClientProtocol":   {"ClientProtocol", "How clients talk to the database.", named(redisenterprise.Protocols, nil)},
	"ClusteringPolicy": {"ClusteringPolicy", "How the database is clustered.", named(redisenterprise.ClusteringPolicies, nil)},
	"EvictionPolicy":   {"EvictionPolicy", "How keys are evicted when memory is full.", named(redisenterprise.EvictionPolicies, nil)},
	"ModuleName": {"ModuleName", "A Redis module.",
		named([]string{ModuleRediSearch, ModuleRedisJSON, ModuleRedisBloom, ModuleRedisTimeSeries}, nil)},
	"AofFrequency": {"AofFrequency", "How often the append-only file is written.", []EnumValue{
		{"OneSecond", redisenterprise.AofFrequency1s, "Every second."},
	}},
	"RdbFrequency": {"RdbFrequency", "How often a snapshot is taken.", []EnumValue{
		{"OneHour", redisenterprise.RdbFrequency1h, "Every hour."},
		{"SixHours", redisenterprise.RdbFrequency6h, "Every six hours."},
		{"TwelveHours", redisenterprise.RdbFrequency12h, "Every twelve hours."},
	}},
}

// The values of the enums the rules and the builders read.
var (
	// Authentications are the values of Authentication.
	Authentications = Enums["Authentication"].values()
	// PrincipalTypes are the values of AccessPrincipal.PrincipalType.
	PrincipalTypes = Enums["PrincipalType"].values()
	// ModuleNames are the Redis modules a database can enable.
	ModuleNames = Enums["ModuleName"].values()
	// AofFrequencies and RdbFrequencies are the persistence frequencies the component offers.
	AofFrequencies = Enums["AofFrequency"].values()
	RdbFrequencies = Enums["RdbFrequency"].values()
)

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
