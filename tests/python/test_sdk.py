"""Tests of the generated Python SDK with Pulumi's mocks: what a Python program sends when it
declares the components, and what it reads back."""

import pulumi
import pytest
from google.protobuf import json_format
from pulumi.runtime import mocks as pulumi_mocks

HOST = "cache-1.westeurope.redis.azure.net"
registrations = []


def managed_redis_outputs(inputs):
    outputs = {
        "clusterId": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Cache/redisEnterprise/cache-1",
        "clusterName": "cache-1",
        "databaseId": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Cache/redisEnterprise/cache-1/databases/default",
        "resourceGroupName": inputs["resourceGroupName"],
        "hostName": HOST,
        "port": 10000,
        "authentication": inputs.get("authentication", "EntraId"),
        "connectionString": f"{HOST}:10000,ssl=true",
        "uri": f"rediss://{HOST}:10000",
        "redisVersion": "7.4",
        "environment": {"ConnectionStrings__cache": f"{HOST}:10000,ssl=true", "CACHE_HOST": HOST},
        # An output that does not apply is empty, as the provider sends it.
        "primaryAccessKey": "",
        "keyVaultId": "",
    }
    if inputs.get("authentication") == "AccessKey":
        outputs.update(keyVaultId=inputs["keyVaultId"], primaryAccessKey="key")
    return outputs


OUTPUTS_BY_TYPE = {
    "azure-managed-redis:index:ManagedRedis": managed_redis_outputs,
    "azure-managed-redis:index:ManagedRedisAccess": lambda inputs: {
        "accessPolicyAssignmentId": "/subscriptions/s/assignment",
        "roleAssignmentIds": [],
    },
}


class Mocks(pulumi.runtime.Mocks):
    def new_resource(self, args: pulumi.runtime.MockResourceArgs):
        outputs = OUTPUTS_BY_TYPE.get(args.typ, lambda _: {})(args.inputs)
        return (f"{args.name}-id" if args.custom else None), outputs

    def call(self, args: pulumi.runtime.MockCallArgs):
        return {}


class RecordingMonitor(pulumi_mocks.MockMonitor):
    """Records registration requests, which carry the remote flag the mocks do not show."""

    def RegisterResource(self, request):
        registrations.append(
            {
                "type": request.type,
                "name": request.name,
                "remote": request.remote,
                "custom": request.custom,
                "inputs": json_format.MessageToDict(request.object),
            }
        )
        return super().RegisterResource(request)


pulumi.runtime.set_mocks(Mocks(), preview=False, monitor=RecordingMonitor(Mocks()))

import pulumi_azure_managed_redis as redis  # noqa: E402  (after the mocks, as Pulumi requires)


def registration(name):
    found = [r for r in registrations if r["name"] == name]
    assert found, f"{name} was not registered"
    return found[0]


def check(output, check_value):
    """Runs check_value on the output's value; pulumi.runtime.test waits for it."""
    return output.apply(check_value)


@pulumi.runtime.test
def test_managed_redis_is_remote_with_schema_input_names():
    principal = pulumi.Output.from_input("11111111-1111-1111-1111-111111111111")
    cache = redis.ManagedRedis(
        "cache",
        resource_group_name="rg",
        sku=redis.SkuName.BALANCED_B1,
        tags={"env": "dev", "owner": pulumi.Output.from_input("team")},
        database=redis.DatabaseSettingsArgs(
            eviction_policy=redis.EvictionPolicy.ALL_KEYS_LRU,
            modules=[redis.DatabaseModuleArgs(name=redis.ModuleName.REDIS_JSON)],
        ),
        access_principals=[
            redis.AccessPrincipalArgs(name="api", object_id=principal, principal_type=redis.PrincipalType.USER)
        ],
    )

    def verify(values):
        host, port, connection_string, environment, key = values
        assert host == HOST
        assert port == 10000
        assert connection_string == f"{HOST}:10000,ssl=true"
        assert environment["CACHE_HOST"] == HOST
        assert key == ""
        r = registration("cache")
        assert r["type"] == "azure-managed-redis:index:ManagedRedis"
        assert r["remote"] is True
        assert r["custom"] is False
        assert sorted(r["inputs"]) == ["accessPrincipals", "database", "resourceGroupName", "sku", "tags"]
        assert r["inputs"]["database"] == {"evictionPolicy": "AllKeysLRU", "modules": [{"name": "RedisJSON"}]}
        assert r["inputs"]["accessPrincipals"] == [
            {"name": "api", "objectId": "11111111-1111-1111-1111-111111111111", "principalType": "User"}
        ]
        assert r["inputs"]["tags"] == {"env": "dev", "owner": "team"}

    return pulumi.Output.all(
        cache.host_name, cache.port, cache.connection_string, cache.environment, cache.primary_access_key
    ).apply(verify)


@pulumi.runtime.test
def test_managed_redis_access_key_mode():
    vault_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"
    cache = redis.ManagedRedis(
        "keyed",
        resource_group_name="rg",
        authentication=redis.Authentication.ACCESS_KEY,
        key_vault_id=vault_id,
        connection_name="sessions",
    )

    def verify(values):
        key_vault_id, key = values
        assert key_vault_id == vault_id
        assert key == "key"
        r = registration("keyed")
        assert sorted(r["inputs"]) == ["authentication", "connectionName", "keyVaultId", "resourceGroupName"]

    return pulumi.Output.all(cache.key_vault_id, cache.primary_access_key).apply(verify)


@pulumi.runtime.test
def test_managed_redis_access_is_remote():
    access = redis.ManagedRedisAccess(
        "api",
        cluster_name="cache-1",
        resource_group_name="rg",
        object_id="22222222-2222-2222-2222-222222222222",
    )

    def verify(assignment_id):
        assert assignment_id == "/subscriptions/s/assignment"
        r = registration("api")
        assert r["type"] == "azure-managed-redis:index:ManagedRedisAccess"
        assert r["remote"] is True
        assert sorted(r["inputs"]) == ["clusterName", "objectId", "resourceGroupName"]

    return access.access_policy_assignment_id.apply(verify)


def test_enums_are_the_schema_values():
    assert redis.TlsVersion.TLS1_2 == "1.2"
    assert len(list(redis.SkuName)) == 55
    with pytest.raises(TypeError):
        redis.ManagedRedis("no-group")  # resource_group_name is required


@pulumi.runtime.test
def test_python_example_runs_with_mocks():
    import pathlib
    import runpy

    vault_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"
    pulumi.runtime.set_all_config(
        {
            "project:resourceGroupName": "rg",
            "project:keyVaultId": vault_id,
            "project:subnetId": "/subscriptions/s/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v/subnets/apps",
            "project:workspaceId": "/subscriptions/s/resourceGroups/ops/providers/Microsoft.OperationalInsights/workspaces/logs",
        }
    )
    example = pathlib.Path(__file__).parents[2] / "examples" / "python" / "__main__.py"
    program = runpy.run_path(str(example))

    def verify(_):
        types = sorted((r["type"], r["name"]) for r in registrations if r["name"] in ("app", "cache", "sessions"))
        assert ("azure-managed-redis:index:ManagedRedis", "sessions") in types
        assert ("azure-native:managedidentity:UserAssignedIdentity", "app") in types
        sessions = registration("sessions")
        assert sessions["inputs"]["keyVaultId"] == vault_id
        example_cache = [r for r in registrations if r["name"] == "cache"][-1]  # the example's, the last
        assert example_cache["inputs"]["privateEndpoint"]["subnetId"].endswith("/subnets/apps")
        assert sessions["inputs"]["authentication"] == "AccessKey"

    return pulumi.Output.all(*(program[name].urn for name in ("app", "cache", "sessions"))).apply(verify)
