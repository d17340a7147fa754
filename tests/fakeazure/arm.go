package fakeazure

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/google/uuid"
)

// What ARM and azure-native 3.28.0 do, per resource type, where the component's behaviour
// depends on it.

const (
	Subscription = "00000000-0000-0000-0000-00000000aaaa"
	Tenant       = "00000000-0000-0000-0000-00000000bbbb"
	// DefaultLocation is the resource group's location, used when a resource names none.
	DefaultLocation = "westeurope"
	// RedisVersion is what every fake cache reports.
	RedisVersion = "7.4"
)

// PrimaryKey is the access key the fake gives the database with the ARM id. Tests search
// state files and exports for it: it must never appear in plain text.
func PrimaryKey(databaseId string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(databaseId)))
	return "FakeKey+" + hex.EncodeToString(sum[:12]) + "/=="
}

// armType is the behaviour of one azure-native resource type.
type armType struct {
	// id builds the ARM id from the inputs (names resolved).
	id func(in map[string]any) string
	// nameInput is the input holding the resource's name; azure-native auto-names it when
	// absent.
	nameInput string
	// createOnly inputs force a replacement when they change.
	createOnly []string
	// outputs adds what Azure computes.
	outputs func(id string, in map[string]any) map[string]any
}

func rgId(in map[string]any) string {
	return "/subscriptions/" + Subscription + "/resourceGroups/" + str(in, "resourceGroupName")
}

var armTypes = map[string]armType{
	"azure-native:redisenterprise:RedisEnterprise": {
		nameInput:  "clusterName",
		createOnly: []string{"clusterName", "resourceGroupName", "location", "zones"},
		id: func(in map[string]any) string {
			return rgId(in) + "/providers/Microsoft.Cache/redisEnterprise/" + str(in, "clusterName")
		},
		outputs: func(id string, in map[string]any) map[string]any {
			location := orDefault(str(in, "location"), DefaultLocation)
			return map[string]any{
				"name": str(in, "clusterName"), "location": location,
				"hostName":     fmt.Sprintf("%s.%s.redis.azure.net", str(in, "clusterName"), location),
				"redisVersion": RedisVersion, "provisioningState": "Succeeded", "resourceState": "Running",
				"kind": "v2", "redundancyMode": "ZR", "type": "Microsoft.Cache/redisEnterprise",
				"privateEndpointConnections": []any{},
			}
		},
	},
	"azure-native:redisenterprise:Database": {
		nameInput:  "databaseName",
		createOnly: []string{"clusterName", "resourceGroupName", "databaseName", "port", "modules", "geoReplication"},
		id: func(in map[string]any) string {
			return rgId(in) + "/providers/Microsoft.Cache/redisEnterprise/" + str(in, "clusterName") + "/databases/" +
				orDefault(str(in, "databaseName"), "default")
		},
		outputs: func(id string, in map[string]any) map[string]any {
			return map[string]any{
				"name": orDefault(str(in, "databaseName"), "default"), "redisVersion": RedisVersion,
				"provisioningState": "Succeeded", "resourceState": "Running", "systemData": map[string]any{},
				"type": "Microsoft.Cache/redisEnterprise/databases",
			}
		},
	},
	"azure-native:redisenterprise:AccessPolicyAssignment": {
		nameInput:  "accessPolicyAssignmentName",
		createOnly: []string{"accessPolicyAssignmentName", "clusterName", "databaseName", "resourceGroupName", "user"},
		id: func(in map[string]any) string {
			return rgId(in) + "/providers/Microsoft.Cache/redisEnterprise/" + str(in, "clusterName") + "/databases/" +
				str(in, "databaseName") + "/accessPolicyAssignments/" + str(in, "accessPolicyAssignmentName")
		},
		outputs: func(id string, in map[string]any) map[string]any {
			return map[string]any{"name": str(in, "accessPolicyAssignmentName"), "provisioningState": "Succeeded",
				"type": "Microsoft.Cache/redisEnterprise/databases/accessPolicyAssignments"}
		},
	},
	"azure-native:keyvault:Vault": {
		nameInput:  "vaultName",
		createOnly: []string{"vaultName", "resourceGroupName", "location"},
		id: func(in map[string]any) string {
			return rgId(in) + "/providers/Microsoft.KeyVault/vaults/" + str(in, "vaultName")
		},
		outputs: func(id string, in map[string]any) map[string]any {
			properties, _ := in["properties"].(map[string]any)
			properties = copyMap(properties)
			properties["vaultUri"] = "https://" + str(in, "vaultName") + ".vault.azure.net/"
			return map[string]any{"name": str(in, "vaultName"), "properties": properties,
				"location": orDefault(str(in, "location"), DefaultLocation), "type": "Microsoft.KeyVault/vaults",
				"systemData": map[string]any{}}
		},
	},
	"azure-native:keyvault:Secret": {
		nameInput:  "secretName",
		createOnly: []string{"secretName", "vaultName", "resourceGroupName"},
		id: func(in map[string]any) string {
			return rgId(in) + "/providers/Microsoft.KeyVault/vaults/" + str(in, "vaultName") + "/secrets/" + str(in, "secretName")
		},
		outputs: func(id string, in map[string]any) map[string]any {
			uri := fmt.Sprintf("https://%s.vault.azure.net/secrets/%s", str(in, "vaultName"), str(in, "secretName"))
			// ARM never returns a secret's value.
			return map[string]any{"name": str(in, "secretName"), "location": DefaultLocation,
				"type": "Microsoft.KeyVault/vaults/secrets", "tags": map[string]any{},
				"properties": map[string]any{"secretUri": uri, "secretUriWithVersion": uri + "/1"}}
		},
	},
	"azure-native:authorization:RoleAssignment": {
		nameInput:  "roleAssignmentName",
		createOnly: []string{"roleAssignmentName", "scope", "principalId", "roleDefinitionId", "principalType"},
		id: func(in map[string]any) string {
			return str(in, "scope") + "/providers/Microsoft.Authorization/roleAssignments/" + str(in, "roleAssignmentName")
		},
		outputs: func(id string, in map[string]any) map[string]any {
			return map[string]any{"name": str(in, "roleAssignmentName"), "type": "Microsoft.Authorization/roleAssignments",
				"createdBy": "fake", "createdOn": "2026-11-25T00:00:00Z", "updatedBy": "fake",
				"updatedOn": "2026-11-25T00:00:00Z", "systemData": map[string]any{}}
		},
	},
	"azure-native:managedidentity:UserAssignedIdentity": {
		nameInput:  "resourceName",
		createOnly: []string{"resourceName", "resourceGroupName", "location"},
		id: func(in map[string]any) string {
			return rgId(in) + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/" + str(in, "resourceName")
		},
		outputs: func(id string, in map[string]any) map[string]any {
			return map[string]any{"name": str(in, "resourceName"), "location": orDefault(str(in, "location"), DefaultLocation),
				"principalId": guidOf(id, "principal"), "clientId": guidOf(id, "client"), "tenantId": Tenant,
				"type": "Microsoft.ManagedIdentity/userAssignedIdentities"}
		},
	},
}

// replaces lists the create-only inputs that differ between olds and news.
func (t armType) replaces(typ string, olds, news map[string]any) []string {
	var keys []string
	for _, key := range t.createOnly {
		if !reflect.DeepEqual(olds[key], news[key]) {
			keys = append(keys, key)
		}
	}
	// A clustering policy can change only away from NoCluster.
	if typ == "azure-native:redisenterprise:Database" && str(olds, "clusteringPolicy") != "NoCluster" &&
		!reflect.DeepEqual(olds["clusteringPolicy"], news["clusteringPolicy"]) {
		keys = append(keys, "clusteringPolicy")
	}
	return keys
}

// changed lists every input that differs between olds and news.
func changed(olds, news map[string]any) []string {
	var keys []string
	for key := range union(olds, news) {
		if !reflect.DeepEqual(olds[key], news[key]) {
			keys = append(keys, key)
		}
	}
	slices.Sort(keys)
	return keys
}

func union(a, b map[string]any) map[string]bool {
	keys := map[string]bool{}
	for k := range a {
		keys[k] = true
	}
	for k := range b {
		keys[k] = true
	}
	return keys
}

func str(m map[string]any, key string) string {
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

func guidOf(parts ...string) string {
	return uuid.NewSHA1(guidNamespace, []byte(strings.ToLower(strings.Join(parts, "/")))).String()
}
