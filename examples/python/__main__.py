"""Azure Managed Redis from Python: an Entra ID cache for an app's managed identity, and an
access-key cache whose secrets live in an existing Key Vault."""

import pulumi
import pulumi_azure_managed_redis as redis

config = pulumi.Config()
resource_group_name = config.require("resourceGroupName")


class UserAssignedIdentity(pulumi.CustomResource):
    """The app's identity. With pulumi-azure-native installed this is
    managedidentity.UserAssignedIdentity; declared here by its token to keep the example's
    dependencies small. Any principal id works."""

    principalId: pulumi.Output[str]

    def __init__(self, name, resource_group_name, opts=None):
        opts = pulumi.ResourceOptions.merge(pulumi.ResourceOptions(version="3.28.0"), opts)
        super().__init__(
            "azure-native:managedidentity:UserAssignedIdentity",
            name,
            {"resourceGroupName": resource_group_name, "principalId": None, "clientId": None},
            opts,
        )


app = UserAssignedIdentity("app", resource_group_name)

# Entra ID (the default): access keys off, the identity gets an access policy assignment. A
# principal taken from another resource needs a name: it keys the principal's resources, so
# reordering the list changes nothing, and removing or adding one touches only that one.
# Private: reachable from the app's subnet only; logs and metrics go to a workspace.
cache = redis.ManagedRedis(
    "cache",
    resource_group_name=resource_group_name,
    sku=redis.SkuName.BALANCED_B1,
    database=redis.DatabaseSettingsArgs(eviction_policy=redis.EvictionPolicy.ALL_KEYS_LRU),
    access_principals=[redis.AccessPrincipalArgs(name="app", object_id=app.principalId)],
    private_endpoint=redis.PrivateEndpointSettingsArgs(subnet_id=config.require("subnetId")),
    diagnostics=redis.DiagnosticsSettingsArgs(workspace_id=config.require("workspaceId")),
    tags={"app": "example"},
)

# Access keys, kept in an existing vault (RBAC mode); the identity may read the two secrets.
sessions = redis.ManagedRedis(
    "sessions",
    resource_group_name=resource_group_name,
    authentication=redis.Authentication.ACCESS_KEY,
    key_vault_id=config.require("keyVaultId"),
    access_principals=[redis.AccessPrincipalArgs(name="app", object_id=app.principalId)],
)

pulumi.export("hostName", cache.host_name)
pulumi.export("privateIpAddress", cache.private_ip_address)
pulumi.export("appSettings", cache.environment)
pulumi.export("sessionsSecretUri", sessions.connection_string_secret_uri)
