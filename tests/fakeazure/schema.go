package fakeazure

// schema is the part of azure-native's schema that Pulumi YAML needs to type-check the
// programs of the examples, the README's quick start, the engine tests and the benchmark: the azure-native resources they
// declare directly, with the properties they use (names and types as azure-native 3.28.0).
const schema = `{
  "name": "azure-native",
  "version": "3.28.0",
  "resources": {
    "azure-native:resources:ResourceGroup": {
      "description": "A resource group (fake).",
      "inputProperties": {
        "resourceGroupName": {"type": "string"},
        "location": {"type": "string"},
        "tags": {"type": "object", "additionalProperties": {"type": "string"}}
      },
      "properties": {
        "name": {"type": "string"},
        "location": {"type": "string"},
        "type": {"type": "string"},
        "azureApiVersion": {"type": "string"}
      },
      "required": ["name", "location", "type", "azureApiVersion"]
    },
    "azure-native:managedidentity:UserAssignedIdentity": {
      "description": "A user-assigned managed identity (fake).",
      "inputProperties": {
        "resourceGroupName": {"type": "string"},
        "resourceName": {"type": "string"},
        "location": {"type": "string"},
        "tags": {"type": "object", "additionalProperties": {"type": "string"}}
      },
      "requiredInputs": ["resourceGroupName"],
      "properties": {
        "name": {"type": "string"},
        "location": {"type": "string"},
        "principalId": {"type": "string"},
        "clientId": {"type": "string"},
        "tenantId": {"type": "string"},
        "type": {"type": "string"},
        "azureApiVersion": {"type": "string"}
      },
      "required": ["name", "location", "principalId", "clientId", "tenantId", "type", "azureApiVersion"]
    },
    "azure-native:redisenterprise:RedisEnterprise": {
      "description": "A Redis Enterprise cluster (fake).",
      "inputProperties": {
        "clusterName": {"type": "string"},
        "resourceGroupName": {"type": "string"},
        "location": {"type": "string"},
        "sku": {"$ref": "#/types/azure-native:redisenterprise:Sku"},
        "minimumTlsVersion": {"type": "string"},
        "publicNetworkAccess": {"type": "string"},
        "tags": {"type": "object", "additionalProperties": {"type": "string"}}
      },
      "requiredInputs": ["resourceGroupName", "sku", "publicNetworkAccess"],
      "properties": {
        "name": {"type": "string"},
        "hostName": {"type": "string"},
        "redisVersion": {"type": "string"},
        "location": {"type": "string"}
      },
      "required": ["name", "hostName", "redisVersion", "location"]
    },
    "azure-native:redisenterprise:Database": {
      "description": "A Redis Enterprise database (fake).",
      "inputProperties": {
        "clusterName": {"type": "string"},
        "resourceGroupName": {"type": "string"},
        "databaseName": {"type": "string"},
        "port": {"type": "integer"},
        "accessKeysAuthentication": {"type": "string"},
        "clientProtocol": {"type": "string"},
        "clusteringPolicy": {"type": "string"},
        "evictionPolicy": {"type": "string"},
        "deferUpgrade": {"type": "string"}
      },
      "requiredInputs": ["clusterName", "resourceGroupName"],
      "properties": {
        "name": {"type": "string"}
      },
      "required": ["name"]
    },
    "azure-native:redisenterprise:AccessPolicyAssignment": {
      "description": "An access policy assignment (fake).",
      "inputProperties": {
        "accessPolicyAssignmentName": {"type": "string"},
        "accessPolicyName": {"type": "string"},
        "clusterName": {"type": "string"},
        "databaseName": {"type": "string"},
        "resourceGroupName": {"type": "string"},
        "user": {"$ref": "#/types/azure-native:redisenterprise:AccessPolicyAssignmentPropertiesUser"}
      },
      "requiredInputs": ["accessPolicyName", "clusterName", "databaseName", "resourceGroupName", "user"],
      "properties": {
        "name": {"type": "string"}
      },
      "required": ["name"]
    },
    "azure-native:privatedns:PrivateZone": {
      "description": "A private DNS zone (fake).",
      "inputProperties": {
        "privateZoneName": {"type": "string"},
        "resourceGroupName": {"type": "string"},
        "location": {"type": "string"},
        "tags": {"type": "object", "additionalProperties": {"type": "string"}}
      },
      "requiredInputs": ["resourceGroupName"],
      "properties": {
        "name": {"type": "string"},
        "location": {"type": "string"},
        "provisioningState": {"type": "string"},
        "type": {"type": "string"},
        "azureApiVersion": {"type": "string"}
      },
      "required": ["name", "provisioningState", "type", "azureApiVersion"]
    },
    "azure-native:privatedns:VirtualNetworkLink": {
      "description": "A link of a private DNS zone to a virtual network (fake).",
      "inputProperties": {
        "privateZoneName": {"type": "string"},
        "resourceGroupName": {"type": "string"},
        "virtualNetworkLinkName": {"type": "string"},
        "location": {"type": "string"},
        "registrationEnabled": {"type": "boolean"},
        "virtualNetwork": {"$ref": "#/types/azure-native:privatedns:SubResource"},
        "tags": {"type": "object", "additionalProperties": {"type": "string"}}
      },
      "requiredInputs": ["privateZoneName", "resourceGroupName"],
      "properties": {
        "name": {"type": "string"},
        "provisioningState": {"type": "string"},
        "virtualNetworkLinkState": {"type": "string"},
        "type": {"type": "string"},
        "azureApiVersion": {"type": "string"}
      },
      "required": ["name", "provisioningState", "virtualNetworkLinkState", "type", "azureApiVersion"]
    }
  },
  "types": {
    "azure-native:privatedns:SubResource": {
      "type": "object",
      "properties": {"id": {"type": "string"}}
    },
    "azure-native:redisenterprise:Sku": {
      "type": "object",
      "properties": {"name": {"type": "string"}, "capacity": {"type": "integer"}},
      "required": ["name"]
    },
    "azure-native:redisenterprise:AccessPolicyAssignmentPropertiesUser": {
      "type": "object",
      "properties": {"objectId": {"type": "string"}}
    }
  }
}`
