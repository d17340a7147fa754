package provider

import (
	"strings"

	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/managedredis/pulumi-azure-managed-redis/azure/redisenterprise"
	"github.com/managedredis/pulumi-azure-managed-redis/component"
)

// The closed sets of values of the schema, each an enum in every SDK. The values come from the
// library and the binding, so the schema cannot drift from what the component accepts.

// SkuName is the size and tier of a cache.
type SkuName string

func (SkuName) Values() []infer.EnumValue[SkuName] {
	return enumValues[SkuName](redisenterprise.SkuNames, func(v string) string {
		if strings.HasPrefix(v, "Enterprise") {
			return "Legacy Azure Cache for Redis Enterprise SKU " + v + "."
		}
		return "Azure Managed Redis SKU " + v + "."
	})
}

// Authentication is how apps authenticate to the cache.
type Authentication string

func (Authentication) Values() []infer.EnumValue[Authentication] {
	return []infer.EnumValue[Authentication]{
		{Name: "EntraId", Value: component.EntraID, Description: "Microsoft Entra ID; access keys disabled (the default)."},
		{Name: "AccessKey", Value: component.AccessKey, Description: "Access keys, kept in Key Vault."},
	}
}

// PrincipalType is the kind of an Entra principal.
type PrincipalType string

func (PrincipalType) Values() []infer.EnumValue[PrincipalType] {
	return enumValues[PrincipalType](component.PrincipalTypes, nil)
}

// TlsVersion is the minimum TLS version clients must use.
type TlsVersion string

func (TlsVersion) Values() []infer.EnumValue[TlsVersion] {
	return []infer.EnumValue[TlsVersion]{{Name: "Tls1_2", Value: "1.2", Description: "TLS 1.2, the only version Azure accepts."}}
}

// PublicNetworkAccess says whether the cache is reachable from public networks.
type PublicNetworkAccess string

func (PublicNetworkAccess) Values() []infer.EnumValue[PublicNetworkAccess] {
	return enumValues[PublicNetworkAccess](redisenterprise.PublicNetworkAccesses, nil)
}

// ClientProtocol is how clients talk to the database.
type ClientProtocol string

func (ClientProtocol) Values() []infer.EnumValue[ClientProtocol] {
	return enumValues[ClientProtocol](redisenterprise.Protocols, nil)
}

// ClusteringPolicy is how the database is clustered.
type ClusteringPolicy string

func (ClusteringPolicy) Values() []infer.EnumValue[ClusteringPolicy] {
	return enumValues[ClusteringPolicy](redisenterprise.ClusteringPolicies, nil)
}

// EvictionPolicy is how keys are evicted when memory is full.
type EvictionPolicy string

func (EvictionPolicy) Values() []infer.EnumValue[EvictionPolicy] {
	return enumValues[EvictionPolicy](redisenterprise.EvictionPolicies, nil)
}

// ModuleName is a Redis module.
type ModuleName string

func (ModuleName) Values() []infer.EnumValue[ModuleName] {
	return enumValues[ModuleName](component.ModuleNames, nil)
}

// AofFrequency is how often the append-only file is written.
type AofFrequency string

func (AofFrequency) Values() []infer.EnumValue[AofFrequency] {
	return []infer.EnumValue[AofFrequency]{{Name: "OneSecond", Value: "1s", Description: "Every second."}}
}

// RdbFrequency is how often a snapshot is taken.
type RdbFrequency string

func (RdbFrequency) Values() []infer.EnumValue[RdbFrequency] {
	return []infer.EnumValue[RdbFrequency]{
		{Name: "OneHour", Value: "1h", Description: "Every hour."},
		{Name: "SixHours", Value: "6h", Description: "Every six hours."},
		{Name: "TwelveHours", Value: "12h", Description: "Every twelve hours."},
	}
}

// enumDescriptions describe the enum types in the schema (infer leaves them empty).
var enumDescriptions = map[string]string{
	"SkuName":             "Size and tier of a cache: Azure Managed Redis SKUs and the legacy Enterprise ones.",
	"Authentication":      "How apps authenticate to the cache.",
	"PrincipalType":       "Kind of an Entra principal.",
	"TlsVersion":          "Minimum TLS version clients must use.",
	"PublicNetworkAccess": "Whether the cache is reachable from public networks.",
	"ClientProtocol":      "How clients talk to the database.",
	"ClusteringPolicy":    "How the database is clustered.",
	"EvictionPolicy":      "How keys are evicted when memory is full.",
	"ModuleName":          "A Redis module.",
	"AofFrequency":        "How often the append-only file is written.",
	"RdbFrequency":        "How often a snapshot is taken.",
}

// enumValues names each value after itself (values here are valid identifiers).
func enumValues[T ~string](values []string, describe func(string) string) []infer.EnumValue[T] {
	result := make([]infer.EnumValue[T], len(values))
	for i, v := range values {
		result[i] = infer.EnumValue[T]{Name: v, Value: T(v)}
		if describe != nil {
			result[i].Description = describe(v)
		}
	}
	return result
}
