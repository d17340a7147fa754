// Package fakearm is the one model of Azure Resource Manager and azure-native 3.28.0 that both
// test doubles of this project share: internal/testdouble/azuremock (behind Pulumi's mocks, for unit
// tests) and tests/fakeazure (an azure-native plugin, for engine tests). It says, per resource
// type, how ARM builds the id, which inputs are create-only, and what Azure adds to the
// outputs; and it answers the functions the component calls from whatever resources a double
// keeps. Because both doubles read this table, they give the same ids, host names, versions
// and keys.
//
// It is a test double's model, not Azure: it covers only what the component's behaviour
// depends on.
package fakearm

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/google/uuid"

	"github.com/managedredis/pulumi-azure-managed-redis/azure"
)

// The fake subscription, tenant and region.
const (
	Subscription = "00000000-0000-0000-0000-00000000aaaa"
	Tenant       = "00000000-0000-0000-0000-00000000bbbb"
	// DefaultLocation is every resource group's location, used when a resource names none.
	DefaultLocation = "westeurope"
	// RedisVersion is what every fake cache reports.
	RedisVersion = "7.4"
	// APIVersion is the Microsoft.Cache/redisEnterprise API version azure-native 3.28.0 uses.
	APIVersion = azure.RedisEnterpriseAPIVersion
)

// Tokens of the azure-native resources and functions the model knows.
const (
	ClusterType    = "azure-native:redisenterprise:RedisEnterprise"
	DatabaseType   = "azure-native:redisenterprise:Database"
	AssignmentType = "azure-native:redisenterprise:AccessPolicyAssignment"
	// PreviewAssignmentType is an access policy assignment at the preview API version
	// (2026-06-01-preview), of azure-native 3.28.0's package parameterized for it.
	PreviewAssignmentType = azure.RedisEnterprisePreviewPackage + ":redisenterprise:AccessPolicyAssignment"
	VaultType             = "azure-native:keyvault:Vault"
	SecretType            = "azure-native:keyvault:Secret"
	RoleAssignmentType    = "azure-native:authorization:RoleAssignment"
	IdentityType          = "azure-native:managedidentity:UserAssignedIdentity"
	ResourceGroupType     = "azure-native:resources:ResourceGroup"
	PrivateEndpointType   = "azure-native:network:PrivateEndpoint"
	ZoneGroupType         = "azure-native:network:PrivateDnsZoneGroup"
	PrivateZoneType       = "azure-native:privatedns:PrivateZone"
	NetworkLinkType       = "azure-native:privatedns:VirtualNetworkLink"
	DiagnosticType        = "azure-native:monitor:DiagnosticSetting"
	GetClientConfig       = "azure-native:authorization:getClientConfig"
	GetClientToken        = "azure-native:authorization:getClientToken"
	GetRedisEnterprise    = "azure-native:redisenterprise:getRedisEnterprise"
	GetDatabase           = "azure-native:redisenterprise:getDatabase"
	ListDatabaseKeys      = "azure-native:redisenterprise:listDatabaseKeys"
	GetVault              = "azure-native:keyvault:getVault"
	// ClassicCacheType is an Azure Cache for Redis (classic) cache, only ever seeded (the
	// component reads it with GetRedis, never writes it).
	ClassicCacheType = "azure-native:redis:Redis"
	GetRedis         = "azure-native:redis:getRedis"
	// ClassicAPIVersion is the Microsoft.Cache/redis API version of azure-native 3.28.0's getRedis.
	ClassicAPIVersion   = "2024-11-01"
	GetNetworkInterface = "azure-native:network:getNetworkInterface"
	GetIdentity         = "azure-native:managedidentity:getUserAssignedIdentity"
	resourceGroupPrefix = "/subscriptions/" + Subscription + "/resourceGroups/"
)

// PrimaryKey is the access key of the database with the ARM id. It holds characters a URI
// must escape; tests search state files and exports for it, where it must never appear in
// plain text.
func PrimaryKey(databaseId string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(databaseId)))
	return "FakeKey+" + hex.EncodeToString(sum[:12]) + "/=="
}

// KeysProperty is where a double keeps a database's access keys once they are no longer the ones
// derived from its id (PrimaryKey): regenerated, or new for a database created again.
const KeysProperty = "fakeAccessKeys"

// DatabaseKeys are the access keys of the database with the ARM id, as the double keeps it.
func DatabaseKeys(id string, database map[string]any) (primary, secondary string) {
	if keys, ok := database[KeysProperty].(map[string]any); ok {
		return Str(keys, "primaryKey"), Str(keys, "secondaryKey")
	}
	return PrimaryKey(id), PrimaryKey(id + "/2")
}

// SecretFingerprintProperty is where the fake plugin keeps a Key Vault secret's fingerprint
// (SecretFingerprint of its value), for tests to see which value a secret holds without the
// value in plain text.
const SecretFingerprintProperty = "fakeValueSha256"

// SecretFingerprint is the fingerprint of a secret's value.
func SecretFingerprint(value string) string {
	sum := sha256.Sum256([]byte(value))
	return hex.EncodeToString(sum[:])
}

// Type is how ARM and azure-native treat one resource type.
type Type struct {
	// ID builds the ARM id from the inputs (names resolved).
	ID func(in map[string]any) string
	// NameInput is the input holding the resource's name; azure-native auto-names it when absent.
	NameInput string
	// CreateOnly inputs force a replacement when they change.
	CreateOnly []string
	// Outputs is what Azure adds to the inputs.
	Outputs func(id string, in map[string]any) map[string]any
	// SoftDelete: a deleted resource keeps its name, recoverable, as Key Vault vaults and
	// secrets do; azure-native 3.28.0 recovers it when one of that name is created again.
	SoftDelete bool
	// Required are the inputs azure-native 3.28.0 requires (its schema's requiredInputs).
	Required []string
	// Inputs, when set, are all the inputs the type has (its API version's spec): another is
	// refused.
	Inputs []string
}

// TypeOf is the model of a resource type, or an error naming a type the model does not know.
func TypeOf(token string) (Type, error) {
	t, known := Types[token]
	if !known {
		return Type{}, fmt.Errorf("the fake azure-native 3.28.0 does not model the resource type %s", token)
	}
	return t, nil
}

// Validate refuses what azure-native refuses before calling Azure: a type it does not know, and
// a required input that is missing, each error naming the type and the input. During a preview
// an input may be unknown, never absent.
func Validate(token string, in map[string]any) (Type, error) {
	t, err := TypeOf(token)
	if err != nil {
		return Type{}, err
	}
	for _, input := range t.Required {
		if _, given := in[input]; !given {
			return Type{}, fmt.Errorf("%s: the input %q is required", token, input)
		}
	}
	for input := range in {
		if t.Inputs != nil && !slices.Contains(t.Inputs, input) {
			return Type{}, fmt.Errorf("%s: %q is not an input of this API version's resource", token, input)
		}
	}
	return t, nil
}

// ResourceGroupId is the ARM id of a resource group of the fake subscription.
func ResourceGroupId(resourceGroupName string) string {
	return resourceGroupPrefix + resourceGroupName
}

// ClusterId and DatabaseId are the ARM ids of a cache's cluster and database.
func ClusterId(resourceGroupName, clusterName string) string {
	return ResourceGroupId(resourceGroupName) + "/providers/Microsoft.Cache/redisEnterprise/" + clusterName
}

func DatabaseId(resourceGroupName, clusterName, databaseName string) string {
	return ClusterId(resourceGroupName, clusterName) + "/databases/" + databaseName
}

// VaultId is the ARM id of a Key Vault.
func VaultId(resourceGroupName, vaultName string) string {
	return ResourceGroupId(resourceGroupName) + "/providers/Microsoft.KeyVault/vaults/" + vaultName
}

// HostName is a cluster's host name in a region.
func HostName(clusterName, location string) string {
	return fmt.Sprintf("%s.%s.redis.azure.net", clusterName, location)
}

// SecretUri is the URI of a Key Vault secret.
func SecretUri(vaultName, secretName string) string {
	return fmt.Sprintf("https://%s.vault.azure.net/secrets/%s", vaultName, secretName)
}

// Types are the resource types the model knows, by token.
var Types = map[string]Type{
	ClusterType: {
		Required:  []string{"publicNetworkAccess", "resourceGroupName", "sku"},
		NameInput: "clusterName",
		// As azure-native 3.28.0: the path's names and location (read and create only in ARM's
		// TrackedResource) force a replacement; zones, the SKU and high availability are updated,
		// and Azure refuses what it cannot change (UpdateRefusal).
		CreateOnly: []string{"clusterName", "resourceGroupName", "location"},
		ID:         func(in map[string]any) string { return ClusterId(Str(in, "resourceGroupName"), Str(in, "clusterName")) },
		Outputs: func(id string, in map[string]any) map[string]any {
			location := orDefault(Str(in, "location"), DefaultLocation)
			out := map[string]any{
				"name": Str(in, "clusterName"), "location": location, "hostName": HostName(Str(in, "clusterName"), location),
				"redisVersion": RedisVersion, "provisioningState": "Succeeded", "resourceState": "Running",
				"kind": "v2", "redundancyMode": "ZR", "type": "Microsoft.Cache/redisEnterprise",
				"privateEndpointConnections": []any{},
			}
			if identity, ok := in["identity"].(map[string]any); ok {
				out["identity"] = identityResponse(identity)
			}
			return out
		},
	},
	DatabaseType: {
		Required:   []string{"clusterName", "resourceGroupName"},
		NameInput:  "databaseName",
		CreateOnly: []string{"clusterName", "resourceGroupName", "databaseName", "port", "modules", "geoReplication"},
		ID: func(in map[string]any) string {
			return DatabaseId(Str(in, "resourceGroupName"), Str(in, "clusterName"), orDefault(Str(in, "databaseName"), "default"))
		},
		Outputs: func(id string, in map[string]any) map[string]any {
			return map[string]any{
				"name": orDefault(Str(in, "databaseName"), "default"), "redisVersion": RedisVersion,
				"provisioningState": "Succeeded", "resourceState": "Running", "systemData": map[string]any{},
				"type": "Microsoft.Cache/redisEnterprise/databases",
			}
		},
	},
	AssignmentType: assignment(Type{
		Required: []string{"accessPolicyName", "clusterName", "databaseName", "resourceGroupName", "user"},
	}),
	// At the preview API version accessPolicyName is optional (deprecated: always "default") and
	// an access string may replace the full access.
	PreviewAssignmentType: assignment(Type{
		Required: []string{"clusterName", "databaseName", "resourceGroupName", "user"},
		Inputs: []string{"accessPolicyAssignmentName", "accessPolicyName", "accessString", "clusterName", "databaseName",
			"resourceGroupName", "user"},
		Outputs: func(id string, in map[string]any) map[string]any {
			return map[string]any{"accessPolicyName": "default", "accessString": orDefault(Str(in, "accessString"), "+@all ~*")}
		},
	}),
	VaultType: {
		Required:   []string{"properties", "resourceGroupName"},
		NameInput:  "vaultName",
		CreateOnly: []string{"vaultName", "resourceGroupName", "location"},
		SoftDelete: true,
		ID:         func(in map[string]any) string { return VaultId(Str(in, "resourceGroupName"), Str(in, "vaultName")) },
		Outputs: func(id string, in map[string]any) map[string]any {
			properties, _ := in["properties"].(map[string]any)
			properties = copyMap(properties)
			properties["vaultUri"] = "https://" + Str(in, "vaultName") + ".vault.azure.net/"
			return map[string]any{"name": Str(in, "vaultName"), "properties": properties,
				"location": orDefault(Str(in, "location"), DefaultLocation), "type": "Microsoft.KeyVault/vaults",
				"systemData": map[string]any{}}
		},
	},
	SecretType: {
		Required:   []string{"properties", "resourceGroupName", "vaultName"},
		NameInput:  "secretName",
		CreateOnly: []string{"secretName", "vaultName", "resourceGroupName"},
		SoftDelete: true,
		ID: func(in map[string]any) string {
			return VaultId(Str(in, "resourceGroupName"), Str(in, "vaultName")) + "/secrets/" + Str(in, "secretName")
		},
		Outputs: func(id string, in map[string]any) map[string]any {
			uri := SecretUri(Str(in, "vaultName"), Str(in, "secretName"))
			// ARM never returns a secret's value: this replaces the properties sent.
			return map[string]any{"name": Str(in, "secretName"), "location": DefaultLocation,
				"type": "Microsoft.KeyVault/vaults/secrets", "tags": map[string]any{},
				"properties": map[string]any{"secretUri": uri, "secretUriWithVersion": uri + "/1"}}
		},
	},
	RoleAssignmentType: {
		Required:   []string{"principalId", "roleDefinitionId", "scope"},
		NameInput:  "roleAssignmentName",
		CreateOnly: []string{"roleAssignmentName", "scope", "principalId", "roleDefinitionId", "principalType"},
		ID: func(in map[string]any) string {
			return Str(in, "scope") + "/providers/Microsoft.Authorization/roleAssignments/" + Str(in, "roleAssignmentName")
		},
		Outputs: func(id string, in map[string]any) map[string]any {
			return map[string]any{"name": Str(in, "roleAssignmentName"), "type": "Microsoft.Authorization/roleAssignments",
				"createdBy": "fake", "createdOn": "2026-11-25T00:00:00Z", "updatedBy": "fake",
				"updatedOn": "2026-11-25T00:00:00Z", "systemData": map[string]any{}}
		},
	},
	PrivateEndpointType: {
		Required:   []string{"resourceGroupName"},
		NameInput:  "privateEndpointName",
		CreateOnly: []string{"privateEndpointName", "resourceGroupName", "location", "subnet", "privateLinkServiceConnections"},
		ID: func(in map[string]any) string {
			return PrivateEndpointId(Str(in, "resourceGroupName"), Str(in, "privateEndpointName"))
		},
		Outputs: func(id string, in map[string]any) map[string]any {
			// customDnsConfigs stays empty when a DNS zone group serves the endpoint.
			return map[string]any{"name": Str(in, "privateEndpointName"), "location": orDefault(Str(in, "location"), DefaultLocation),
				"etag": "W/\"1\"", "provisioningState": "Succeeded", "type": "Microsoft.Network/privateEndpoints",
				"customDnsConfigs": []any{}, "networkInterfaces": []any{map[string]any{"id": networkInterfaceOf(id)}}}
		},
	},
	ZoneGroupType: {
		Required:   []string{"privateEndpointName", "resourceGroupName"},
		NameInput:  "privateDnsZoneGroupName",
		CreateOnly: []string{"privateDnsZoneGroupName", "privateEndpointName", "resourceGroupName"},
		ID: func(in map[string]any) string {
			return PrivateEndpointId(Str(in, "resourceGroupName"), Str(in, "privateEndpointName")) + "/privateDnsZoneGroups/" +
				Str(in, "privateDnsZoneGroupName")
		},
		Outputs: func(id string, in map[string]any) map[string]any {
			return map[string]any{"name": Str(in, "privateDnsZoneGroupName"), "etag": "W/\"1\"", "provisioningState": "Succeeded"}
		},
	},
	PrivateZoneType: {
		Required:   []string{"resourceGroupName"},
		NameInput:  "privateZoneName",
		CreateOnly: []string{"privateZoneName", "resourceGroupName"},
		ID: func(in map[string]any) string {
			return ResourceGroupId(Str(in, "resourceGroupName")) + "/providers/Microsoft.Network/privateDnsZones/" + Str(in, "privateZoneName")
		},
		Outputs: func(id string, in map[string]any) map[string]any {
			return map[string]any{"name": Str(in, "privateZoneName"), "location": "global", "provisioningState": "Succeeded",
				"type": "Microsoft.Network/privateDnsZones", "internalId": GuidOf(id)}
		},
	},
	NetworkLinkType: {
		Required:   []string{"privateZoneName", "resourceGroupName"},
		NameInput:  "virtualNetworkLinkName",
		CreateOnly: []string{"virtualNetworkLinkName", "privateZoneName", "resourceGroupName", "virtualNetwork"},
		ID: func(in map[string]any) string {
			return ResourceGroupId(Str(in, "resourceGroupName")) + "/providers/Microsoft.Network/privateDnsZones/" +
				Str(in, "privateZoneName") + "/virtualNetworkLinks/" + Str(in, "virtualNetworkLinkName")
		},
		Outputs: func(id string, in map[string]any) map[string]any {
			return map[string]any{"name": Str(in, "virtualNetworkLinkName"), "location": "global", "provisioningState": "Succeeded",
				"virtualNetworkLinkState": "Completed", "type": "Microsoft.Network/privateDnsZones/virtualNetworkLinks"}
		},
	},
	DiagnosticType: {
		Required:   []string{"resourceUri"},
		NameInput:  "name",
		CreateOnly: []string{"name", "resourceUri"},
		ID: func(in map[string]any) string {
			return Str(in, "resourceUri") + "/providers/Microsoft.Insights/diagnosticSettings/" + Str(in, "name")
		},
		Outputs: func(id string, in map[string]any) map[string]any {
			return map[string]any{"name": Str(in, "name"), "type": "Microsoft.Insights/diagnosticSettings", "systemData": map[string]any{}}
		},
	},
	IdentityType: {
		Required:   []string{"resourceGroupName"},
		NameInput:  "resourceName",
		CreateOnly: []string{"resourceName", "resourceGroupName", "location"},
		ID: func(in map[string]any) string {
			return IdentityId(Str(in, "resourceGroupName"), Str(in, "resourceName"))
		},
		Outputs: func(id string, in map[string]any) map[string]any {
			return map[string]any{"name": Str(in, "resourceName"), "location": orDefault(Str(in, "location"), DefaultLocation),
				"principalId": PrincipalIdOf(id), "clientId": GuidOf(id, "client"), "tenantId": Tenant,
				"type": "Microsoft.ManagedIdentity/userAssignedIdentities"}
		},
	},
}

// ResourceGroupType is not among the facts the bindings are checked against (the component
// creates no resource group); programs that declare one (the README's quick starts) get this.
func init() {
	Types[ResourceGroupType] = Type{
		NameInput:  "resourceGroupName",
		CreateOnly: []string{"resourceGroupName", "location"},
		ID:         func(in map[string]any) string { return ResourceGroupId(Str(in, "resourceGroupName")) },
		Outputs: func(id string, in map[string]any) map[string]any {
			return map[string]any{"name": Str(in, "resourceGroupName"), "location": orDefault(Str(in, "location"), DefaultLocation),
				"type": "Microsoft.Resources/resourceGroups", "properties": map[string]any{"provisioningState": "Succeeded"}}
		},
	}
}

// identityResponse is a managed identity as Azure answers it: the user-assigned identities sent
// as a list of ids come back as a map of each id to its principal and client ids.
func identityResponse(in map[string]any) map[string]any {
	out := map[string]any{"type": Str(in, "type")}
	if ids, ok := in["userAssignedIdentities"].([]any); ok {
		assigned := map[string]any{}
		for _, id := range ids {
			if id, ok := id.(string); ok {
				assigned[id] = map[string]any{"principalId": PrincipalIdOf(id), "clientId": GuidOf(id, "client")}
			}
		}
		out["userAssignedIdentities"] = assigned
	}
	return out
}

// PrivateEndpointId is the ARM id of a private endpoint.
func PrivateEndpointId(resourceGroupName, name string) string {
	return ResourceGroupId(resourceGroupName) + "/providers/Microsoft.Network/privateEndpoints/" + name
}

// IdentityId is the ARM id of a user-assigned identity.
func IdentityId(resourceGroupName, name string) string {
	return ResourceGroupId(resourceGroupName) + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/" + name
}

// networkInterfaceOf is the network interface Azure gives a private endpoint, as
// "<endpoint>.nic.<guid>" in the endpoint's resource group; PrivateIpAddress its address. An id
// that is not a private endpoint's (not known yet, in a preview) has none.
func networkInterfaceOf(endpointId string) string {
	rg, _, ok := strings.Cut(endpointId, "/providers/")
	if !ok {
		return ""
	}
	name := endpointId[strings.LastIndex(endpointId, "/")+1:]
	return rg + "/providers/Microsoft.Network/networkInterfaces/" + name + ".nic." + GuidOf(endpointId, "nic")
}

// PrivateIpAddress is the address the fake gives the private endpoint with the ARM id.
func PrivateIpAddress(endpointId string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(endpointId)))
	return fmt.Sprintf("10.0.%d.%d", sum[0], 4+sum[1]%250)
}

// PrincipalIdOf is the object id Entra gives the managed identity with the ARM id.
func PrincipalIdOf(identityId string) string { return GuidOf(identityId, "principal") }

// Replaces lists the create-only inputs that differ between olds and news.
func (t Type) Replaces(olds, news map[string]any) []string {
	var keys []string
	for _, key := range t.CreateOnly {
		if !reflect.DeepEqual(olds[key], news[key]) {
			keys = append(keys, key)
		}
	}
	return keys
}

// Resources is what a double keeps: the resource with an ARM id, as its outputs, or nil.
type Resources interface {
	Get(id string) (map[string]any, error)
}

// Invoke answers a function call from the resources a double keeps. A non-empty failure is the
// error Azure (through azure-native) would report.
func Invoke(resources Resources, token string, args map[string]any) (result map[string]any, failure string) {
	rg, cluster := Str(args, "resourceGroupName"), Str(args, "clusterName")
	read := func(id string) (map[string]any, string) {
		r, err := resources.Get(id)
		if err != nil {
			return nil, err.Error()
		}
		if r == nil {
			return nil, NotFoundText(id, parentMissing(resources, id))
		}
		r = copyMap(r)
		r["azureApiVersion"] = APIVersion
		return r, ""
	}
	switch token {
	case GetClientConfig:
		return map[string]any{"clientId": GuidOf("client"), "objectId": GuidOf("deployer"),
			"subscriptionId": Subscription, "tenantId": Tenant}, ""
	case GetRedisEnterprise:
		return read(ClusterId(rg, cluster))
	case GetDatabase:
		return read(DatabaseId(rg, cluster, Str(args, "databaseName")))
	case ListDatabaseKeys:
		id := DatabaseId(rg, cluster, Str(args, "databaseName"))
		database, failure := read(id)
		if failure != "" {
			return nil, failure
		}
		if Str(database, "accessKeysAuthentication") != "Enabled" {
			return nil, ResponseErrorText("POST", id+"/listKeys", 400, "BadRequest",
				fmt.Sprintf("Access keys authentication is disabled on %s: keys cannot be listed", id))
		}
		primary, secondary := DatabaseKeys(id, database)
		return map[string]any{"primaryKey": primary, "secondaryKey": secondary}, ""
	case ListSkusForScaling:
		cluster, failure := read(ClusterId(rg, cluster))
		if failure != "" {
			return nil, failure
		}
		return skusForScaling(cluster), ""
	case GetVault:
		return read(VaultId(rg, Str(args, "vaultName")))
	case GetRedis:
		r, failure := read(ClassicCacheId(rg, Str(args, "name")))
		if r != nil {
			r["azureApiVersion"] = ClassicAPIVersion
		}
		return r, failure
	case GetIdentity:
		return read(IdentityId(rg, Str(args, "resourceName")))
	case GetNetworkInterface:
		// A private endpoint's network interface, which Azure makes with the endpoint.
		nic := Str(args, "networkInterfaceName")
		endpoint, _, ok := strings.Cut(nic, ".nic.")
		pe, failure := read(PrivateEndpointId(rg, endpoint))
		if !ok || failure != "" || networkInterfaceOf(Str(pe, "id")) != ResourceGroupId(rg)+"/providers/Microsoft.Network/networkInterfaces/"+nic {
			return nil, NotFoundText(ResourceGroupId(rg)+"/providers/Microsoft.Network/networkInterfaces/"+nic, false)
		}
		return map[string]any{"id": networkInterfaceOf(Str(pe, "id")), "name": nic, "azureApiVersion": "2024-05-01",
			"ipConfigurations": []any{map[string]any{"name": "privateEndpointIpConfig", "privateIPAddress": PrivateIpAddress(Str(pe, "id"))}}}, ""
	}
	return nil, fmt.Sprintf("the fake azure-native does not implement %s", token)
}

// parentMissing says whether the parent of a nested resource (a database's cluster) is missing
// too, for ARM's ParentResourceNotFound.
func parentMissing(resources Resources, id string) bool {
	const clusters = "/providers/microsoft.cache/redisenterprise/"
	i := strings.Index(strings.ToLower(id), clusters)
	if i < 0 {
		return false
	}
	rest := id[i+len(clusters):]
	if !strings.Contains(rest, "/") {
		return false
	}
	cluster := id[:i+len(clusters)+strings.Index(rest, "/")]
	r, err := resources.Get(cluster)
	return err == nil && r == nil
}

// Seed is a resource that existed before any stack, for a double to hold from the start.
type Seed struct {
	ID, Type   string
	Properties map[string]any
}

// ExistingCache is a pre-existing cache: its cluster and its "default" database.
func ExistingCache(resourceGroupName, clusterName, location, accessKeys string) []Seed {
	id := ClusterId(resourceGroupName, clusterName)
	return []Seed{
		{ID: id, Type: ClusterType, Properties: map[string]any{"name": clusterName,
			"hostName": HostName(clusterName, location), "redisVersion": RedisVersion, "location": location,
			"sku": map[string]any{"name": "Balanced_B1"}}},
		{ID: id + "/databases/default", Type: DatabaseType, Properties: map[string]any{"name": "default",
			"accessKeysAuthentication": accessKeys, "port": 10000}},
	}
}

// ClassicCacheId is the ARM id of an Azure Cache for Redis (classic) cache.
func ClassicCacheId(resourceGroupName, name string) string {
	return ResourceGroupId(resourceGroupName) + "/providers/Microsoft.Cache/Redis/" + name
}

// ClassicCache is a pre-existing Azure Cache for Redis (classic) cache as getRedis (API
// 2024-11-01) returns it: sku name Basic, Standard or Premium, family C or P, capacity 0-6,
// shards (a clustered Premium cache's shardCount; 0: not clustered), access keys allowed, TLS
// only, maxmemory-policy volatile-lru; extra properties replace or add to those.
func ClassicCache(resourceGroupName, name, location, skuName, family string, capacity, shards int, extra map[string]any) Seed {
	id := ClassicCacheId(resourceGroupName, name)
	properties := map[string]any{"id": id, "name": name, "type": "Microsoft.Cache/Redis", "location": location,
		"hostName": name + ".redis.cache.windows.net", "port": 6379, "sslPort": 6380, "provisioningState": "Succeeded",
		"sku":              map[string]any{"name": skuName, "family": family, "capacity": capacity},
		"enableNonSslPort": false, "disableAccessKeyAuthentication": false, "publicNetworkAccess": "Enabled",
		"minimumTlsVersion": "1.2", "redisVersion": "6.0",
		"redisConfiguration": map[string]any{"maxmemoryPolicy": "volatile-lru", "maxclients": "1000"},
		"tags":               map[string]any{"source": name},
		"accessKeys":         map[string]any{"primaryKey": PrimaryKey(id), "secondaryKey": PrimaryKey(id + "/2")},
	}
	if shards > 0 {
		properties["shardCount"] = shards
	}
	for k, v := range extra {
		properties[k] = v
	}
	return Seed{ID: id, Type: ClassicCacheType, Properties: properties}
}

// ExistingVault is a pre-existing Key Vault; rbac says whether it authorizes data access with
// Azure RBAC (true) or with access policies.
func ExistingVault(resourceGroupName, vaultName string, rbac bool) []Seed {
	return []Seed{{ID: VaultId(resourceGroupName, vaultName), Type: VaultType, Properties: map[string]any{
		"name": vaultName, "location": DefaultLocation,
		"properties": map[string]any{"enableRbacAuthorization": rbac, "tenantId": Tenant,
			"vaultUri": "https://" + vaultName + ".vault.azure.net/"},
	}}}
}

// Str reads a string from a plain map.
func Str(m map[string]any, key string) string {
	s, _ := m[key].(string)
	return s
}

func orDefault(value, fallback string) string {
	if value == "" {
		return fallback
	}
	return value
}

func copyMap(m map[string]any) map[string]any {
	c := make(map[string]any, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

var guidNamespace = uuid.MustParse("0b1c6a2e-4f7d-4a53-9d5e-8f0c2b7a4e11")

// GuidOf is a stable GUID of parts, for the ids Entra would make up.
func GuidOf(parts ...string) string {
	return uuid.NewSHA1(guidNamespace, []byte(strings.ToLower(strings.Join(parts, "/")))).String()
}

// Changed lists every key whose value differs between olds and news.
func Changed(olds, news map[string]any) []string {
	var keys []string
	for key := range olds {
		if !reflect.DeepEqual(olds[key], news[key]) {
			keys = append(keys, key)
		}
	}
	for key := range news {
		if _, had := olds[key]; !had {
			keys = append(keys, key)
		}
	}
	slices.Sort(keys)
	return keys
}

// assignment is an access policy assignment type, at any API version: t's inputs, and what
// every version shares (its name, id, create-only inputs and outputs, t's own outputs added).
func assignment(t Type) Type {
	own := t.Outputs
	t.NameInput = "accessPolicyAssignmentName"
	t.CreateOnly = []string{"accessPolicyAssignmentName", "clusterName", "databaseName", "resourceGroupName", "user"}
	t.ID = func(in map[string]any) string {
		return DatabaseId(Str(in, "resourceGroupName"), Str(in, "clusterName"), Str(in, "databaseName")) +
			"/accessPolicyAssignments/" + Str(in, "accessPolicyAssignmentName")
	}
	t.Outputs = func(id string, in map[string]any) map[string]any {
		outputs := map[string]any{"name": Str(in, "accessPolicyAssignmentName"), "provisioningState": "Succeeded",
			"type": "Microsoft.Cache/redisEnterprise/databases/accessPolicyAssignments"}
		if own != nil {
			for k, v := range own(id, in) {
				outputs[k] = v
			}
		}
		return outputs
	}
	return t
}

// IsAssignment says whether a type is an access policy assignment, at any API version: they
// share one line of writes per database and one assignment per object id.
func IsAssignment(token string) bool {
	return token == AssignmentType || token == PreviewAssignmentType
}

// aclCategories are Redis 7's ACL categories, and all.
var aclCategories = []string{"all", "keyspace", "read", "write", "set", "sortedset", "list", "hash", "string", "bitmap",
	"hyperloglog", "geo", "stream", "pubsub", "admin", "fast", "slow", "blocking", "dangerous", "connection", "transaction",
	"scripting"}

// InvalidAccessString is Azure's refusal of an access string Redis does not take (its ACL
// SETUSER fails), as redis-server 7.0 words it: a category it does not know, or a key or channel
// pattern after one that grants them all (~* or allkeys, &* or allchannels). Redis takes rules
// about the user (on, nopass, >password), and so does this fake: whether Azure refuses them is
// not known (the component refuses them before any write). Azure reports the refusal as the
// assignment's provisioningError, code InvalidAccessString.
func InvalidAccessString(accessString string) error {
	refuse := func(rule, why string) error {
		return fmt.Errorf("(InvalidAccessString) Failed to provision access string '%s': ERR Error in ACL SETUSER modifier "+
			"'%s': %s", accessString, rule, why)
	}
	allKeys, allChannels := false, false
	for _, rule := range strings.Fields(accessString) {
		lower := strings.ToLower(rule)
		category, isCategory := strings.CutPrefix(lower, "+@")
		if !isCategory {
			category, isCategory = strings.CutPrefix(lower, "-@")
		}
		switch {
		case isCategory && !slices.Contains(aclCategories, category):
			return refuse(rule, "Unknown command or category name in ACL")
		case lower == "~*" || lower == "allkeys":
			allKeys = true
		case lower == "&*" || lower == "allchannels":
			allChannels = true
		case lower == "resetkeys":
			allKeys = false
		case lower == "resetchannels":
			allChannels = false
		case allKeys && (rule[0] == '~' || rule[0] == '%'):
			return refuse(rule, "Adding a pattern after the * pattern (or the 'allkeys' flag) is not valid and does not have "+
				"any effect. Try 'resetkeys' to start with an empty list of patterns")
		case allChannels && rule[0] == '&':
			return refuse(rule, "Adding a pattern after the * pattern (or the 'allchannels' flag) is not valid and does not "+
				"have any effect. Try 'resetchannels' to start with an empty list of channels")
		}
	}
	return nil
}
