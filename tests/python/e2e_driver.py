"""The end-to-end tests' Python driver (tests/e2e): reads a request on stdin, runs the program it
describes with the generated SDK through the Automation API (an inline program, so no Python
language host is needed), and prints the response as one JSON line."""

import json
import sys

import pulumi
import pulumi_azure_managed_redis as redis

from automation import open_stack, run_operation

OUTPUTS = {
    "clusterId": "cluster_id",
    "clusterName": "cluster_name",
    "databaseId": "database_id",
    "resourceGroupName": "resource_group_name",
    "hostName": "host_name",
    "port": "port",
    "authentication": "authentication",
    "connectionName": "connection_name",
    "connectionString": "connection_string",
    "uri": "uri",
    "primaryAccessKey": "primary_access_key",
    "keyVaultId": "key_vault_id",
    "connectionStringSecretUri": "connection_string_secret_uri",
    "primaryAccessKeySecretUri": "primary_access_key_secret_uri",
    "redisVersion": "redis_version",
    "environment": "environment",
    "privateEndpointId": "private_endpoint_id",
    "privateIpAddress": "private_ip_address",
    "secondaryAccessKey": "secondary_access_key",
    "roleAssignmentIds": "role_assignment_ids",
    "migration": "migration",
    "activeAccessKey": "active_access_key",
}


class UserAssignedIdentity(pulumi.CustomResource):
    """azure-native's user-assigned identity, declared by its token (the program needs only its
    principalId)."""

    principalId: pulumi.Output[str]

    def __init__(self, name, resource_group_name):
        super().__init__(
            "azure-native:managedidentity:UserAssignedIdentity",
            name,
            {"resourceGroupName": resource_group_name, "principalId": None},
            pulumi.ResourceOptions(version="3.28.0"),
        )


def private_endpoint(subnet_id, zone_id):
    """A private endpoint in the subnet and the zone (none: a new zone), or none without a subnet."""
    if not subnet_id:
        return None
    return redis.PrivateEndpointSettingsArgs(subnet_id=subnet_id, private_dns_zone_id=zone_id)


def program(spec):
    def run():
        identities = {name: UserAssignedIdentity(name, spec["resourceGroupName"]) for name in spec.get("identities") or []}
        principal_ids = {name: identity.principalId for name, identity in identities.items()}
        def access_principals(principals):
            return [
                redis.AccessPrincipalArgs(
                    name=p.get("name"),
                    object_id=principal_ids[p["identity"]] if p.get("identity") else p["objectId"],
                    principal_type=p.get("type"),
                    aliases=p.get("aliases"),
                    access_string=p.get("accessString"),
                )
                for p in principals or []
            ]

        database = None
        if spec.get("evictionPolicy") or spec.get("geoReplicationGroup"):
            database = redis.DatabaseSettingsArgs(eviction_policy=spec.get("evictionPolicy"))
            if spec.get("geoReplicationGroup"):
                database.geo_replication = redis.GeoReplicationSettingsArgs(
                    group_nickname=spec["geoReplicationGroup"], linked_database_ids=["/db/1"]
                )
        existing = None
        if spec.get("existingClusterName"):
            existing = redis.ExistingCacheArgs(cluster_name=spec["existingClusterName"])
        cache = redis.ManagedRedis(
            "cache",
            resource_group_name=spec["resourceGroupName"],
            authentication=spec.get("authentication"),
            sku=spec.get("sku"),
            tags=spec.get("tags"),
            database=database,
            access_principals=access_principals(spec.get("principals")),
            role_assignments=[
                redis.RoleAssignmentArgs(name=r.get("name"), role_definition_id=r["role"], principal_id=principal_ids[r["identity"]])
                for r in spec.get("roleAssignments") or []
            ],
            existing=existing,
            migrate_from=redis.MigrationSourceArgs(cache_id=spec["migrateFrom"], switch_dns=spec.get("switchDns"))
            if spec.get("migrateFrom") else None,
            access_key_rotation=spec.get("accessKeyRotation"),
            private_endpoint=private_endpoint(spec.get("subnetId"), spec.get("privateDnsZoneId")),
            diagnostics=redis.DiagnosticsSettingsArgs(workspace_id=spec["workspaceId"]) if spec.get("workspaceId") else None,
            customer_managed_key=redis.CustomerManagedKeySettingsArgs(
                key_url=spec["keyUrl"],
                user_assigned_identity_id=identities[spec["keyIdentity"]].id,
                key_vault_id=spec.get("keyVaultId"),
            )
            if spec.get("keyUrl")
            else None,
        )
        for name, attribute in OUTPUTS.items():
            pulumi.export(name, getattr(cache, attribute))
        def grant(cache, prefix, identities):
            for name in identities or []:
                redis.ManagedRedisAccess(
                    prefix + name,
                    cluster_name=cache.cluster_name,
                    resource_group_name=cache.resource_group_name,
                    object_id=principal_ids[name],
                    access_string=(spec.get("accessStrings") or {}).get(name),
                )

        grant(cache, "", spec.get("accesses"))
        for other in spec.get("others") or []:
            other_cache = redis.ManagedRedis(
                other["name"],
                resource_group_name=spec["resourceGroupName"],
                access_principals=access_principals(other.get("principals")),
                private_endpoint=private_endpoint(other.get("subnetId"), other.get("privateDnsZoneId")),
            )
            grant(other_cache, other["name"] + "-", other.get("accesses"))

    return run


def main():
    req = json.load(sys.stdin)
    stack = open_stack(req, program(req["spec"]))
    print(json.dumps(run_operation(stack, req["operation"])))


if __name__ == "__main__":
    main()
