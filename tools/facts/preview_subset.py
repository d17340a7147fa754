"""Writes azure/schema/azure-native_redisenterprise_v20260601preview-3.28.0.json: the schema of
the parameterized package `pulumi package add azure-native redisenterprise 2026-06-01-preview`
makes with the azure-native 3.28.0 plugin, for the resource the access-string issue needs
(AccessPolicyAssignment; azure-native has no Migration resource, see build()). `make generate`
generates it into azure/redisenterprise/v20260601preview/.

The REST facts come from tools/facts/rest/redisenterprise-2026-06-01-preview.json (read from
Azure/azure-rest-api-specs, 2026-06-01-preview; its _source says which files and commits); the
package's name, parameter and token format from
tools/facts/rest/azure-native-parameterized-redisenterprise-v20260601preview.json (derived from
pulumi-azure-native's source; its _about says which files). They are shaped as azure-native
3.28.0 shapes the stable module (the reference facts of AccessPolicyAssignment): flattened
`properties` (the spec flattens them, x-ms-client-flatten), the path parameters as required
string inputs but the last, optional (azure-native names the resource when absent), read-only
properties as outputs only, `azureApiVersion` added. That shaping is this tool's, from
azure-native's conventions: no generated azure-native schema of this package was available to
compare with (PULUMI_DEBUG_PARAMETERIZE=1 makes the provider write one).

    python3 tools/facts/preview_subset.py
"""
import base64, json, os

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.join(HERE, "..", "..")
NAME = "azure-native_redisenterprise_v20260601preview"
PARAMETER = json.dumps({"module": "redisenterprise", "version": "v20260601preview"}, separators=(",", ":"))


def tok(name):
    return f"{NAME}:redisenterprise:{name}"


def ref(name):
    return {"$ref": "#/types/" + tok(name)}


def string():
    return {"type": "string"}


def boolean():
    return {"type": "boolean"}


def build(rest, derived):
    assert derived["packageName"] == NAME
    wire = derived["parameterization"]["wireValueBytesAscii"]
    assert base64.b64decode(wire).decode() == PARAMETER and derived["parameterization"]["parameterDecoded"] == PARAMETER
    assert derived["parameterization"]["schemaJsonParameterField"] == base64.b64encode(wire.encode()).decode()
    # No Migration: azure-native discovers a PUT+GET path as a resource only with a DELETE (or a
    # default state), and migrations/default has none, so azure-native has no Migration resource
    # at any version (derived from its source, not seen in a generated schema). Were it there, it
    # would be azure-native_redisenterprise_v20260601preview:redisenterprise:Migration with
    # inputs clusterName, resourceGroupName and a `properties` object
    # (AzureCacheForRedisMigrationProperties: sourceType, sourceResourceId, switchDns,
    # skipDataMigration, forceMigrate?): the swagger does not flatten it.
    assert derived["migration"]["generated"] is False
    assert rest["apiVersion"] == "2026-06-01-preview"
    apa = rest["AccessPolicyAssignment"]
    description = "Uses Azure REST API version 2026-06-01-preview."

    # AccessPolicyAssignment: path parameters, then the flattened properties.
    assert set(apa["pathParameters"]) == {"subscriptionId", "resourceGroupName", "clusterName", "databaseName",
                                          "accessPolicyAssignmentName"}
    assert set(apa["inputs"]) == {"accessPolicyName", "accessString", "user"}
    assert apa["inputs"]["user"]["required"] and not apa["inputs"]["accessPolicyName"]["required"]
    assignment = {
        "description": description,
        "inputProperties": {
            "accessPolicyAssignmentName": string(), "clusterName": string(), "databaseName": string(),
            "resourceGroupName": string(),
            "accessPolicyName": string(), "accessString": string(), "user": ref("AccessPolicyAssignmentPropertiesUser"),
        },
        "requiredInputs": ["clusterName", "databaseName", "resourceGroupName", "user"],
        "properties": {
            "accessPolicyName": string(), "accessString": string(), "azureApiVersion": string(), "name": string(),
            "provisioningError": ref("AccessPolicyAssignmentProvisioningErrorResponse"),
            "provisioningState": string(), "systemData": ref("SystemDataResponse"), "type": string(),
            "user": ref("AccessPolicyAssignmentPropertiesResponseUser"),
        },
        "required": ["azureApiVersion", "name", "provisioningState", "systemData", "type", "user"],
    }
    err = apa["outputs"]["provisioningError"]["properties"]
    assert {k for k, v in err.items() if v["required"]} == {"code", "message"}

    types = {
        tok("AccessPolicyAssignmentPropertiesUser"): {"type": "object", "properties": {"objectId": string()}},
        tok("AccessPolicyAssignmentPropertiesResponseUser"): {"type": "object", "properties": {"objectId": string()}},
        tok("AccessPolicyAssignmentProvisioningErrorResponse"): {
            "type": "object", "properties": {"code": string(), "message": string(), "target": string()},
            "required": ["code", "message"]},
        tok("SystemDataResponse"): {"type": "object", "properties": {
            p: string() for p in ("createdAt", "createdBy", "createdByType", "lastModifiedAt", "lastModifiedBy",
                                  "lastModifiedByType")}},
    }
    return {
        "name": NAME,
        "description": "azure-native 3.28.0's redisenterprise module at API version 2026-06-01-preview: the "
                       "resource pulumi-azure-managed-redis needs. Written by tools/facts/preview_subset.py "
                       "from tools/facts/rest/redisenterprise-2026-06-01-preview.json. Do not edit by hand.",
        "version": "3.28.0",
        "parameterization": {"baseProvider": {"name": "azure-native", "version": "3.28.0"},
                             # The provider's parameter bytes are the base64 text of PARAMETER, and the
                             # schema, like any JSON of Go []byte, holds their base64.
                             "parameter": base64.b64encode(base64.b64encode(PARAMETER.encode())).decode()},
        "meta": {"moduleFormat": "(.*)"},
        "language": {"go": {
            "importBasePath": "github.com/managedredis/pulumi-azure-managed-redis/azure/redisenterprise/v20260601preview",
            "rootPackageName": "v20260601preview",
            "moduleToPackage": {"redisenterprise": ""},
            "internalModuleName": "utilities",
            "respectSchemaVersion": True,
            "disableInputTypeRegistrations": True,
        }},
        "resources": {tok("AccessPolicyAssignment"): assignment},
        "types": types,
    }


if __name__ == "__main__":
    rest = json.load(open(os.path.join(HERE, "rest", "redisenterprise-2026-06-01-preview.json")))
    derived = json.load(open(os.path.join(HERE, "rest", "azure-native-parameterized-redisenterprise-v20260601preview.json")))
    spec = build(rest, derived)
    path = os.path.join(REPO, "azure", "schema", f"{NAME}-3.28.0.json")
    with open(path, "w") as f:
        json.dump(spec, f, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote", path)
