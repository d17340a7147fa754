package fakeazure

// schema is the part of azure-native's schema that Pulumi YAML needs to type-check the
// examples: the one azure-native resource they declare directly.
const schema = `{
  "name": "azure-native",
  "version": "3.28.0",
  "resources": {
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
    }
  }
}`
