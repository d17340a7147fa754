import * as pulumi from "@pulumi/pulumi";
import * as redis from "@managedredis/azure-managed-redis";

const config = new pulumi.Config();
const resourceGroupName = config.require("resourceGroupName");

// The app's identity. With @pulumi/azure-native installed this is
// `new managedidentity.UserAssignedIdentity(...)`; declared here by its token to keep the
// example's dependencies small. Any principal id works.
class UserAssignedIdentity extends pulumi.CustomResource {
    declare public readonly principalId: pulumi.Output<string>;
    constructor(name: string, args: { resourceGroupName: pulumi.Input<string> }, opts?: pulumi.CustomResourceOptions) {
        super("azure-native:managedidentity:UserAssignedIdentity", name,
            { ...args, principalId: undefined, clientId: undefined }, { version: "3.28.0", ...opts });
    }
}
const app = new UserAssignedIdentity("app", { resourceGroupName });

// Entra ID (the default): access keys off, the identity gets an access policy assignment. A
// principal taken from another resource needs a name: it keys the principal's resources, so
// reordering the list changes nothing, and removing or adding one touches only that one.
// Private: reachable from the app's subnet only; logs and metrics go to a workspace.
const cache = new redis.ManagedRedis("cache", {
    resourceGroupName,
    sku: redis.SkuName.Balanced_B1,
    database: { evictionPolicy: redis.EvictionPolicy.AllKeysLRU },
    accessPrincipals: [{ name: "app", objectId: app.principalId }],
    privateEndpoint: { subnetId: config.require("subnetId") },
    diagnostics: { workspaceId: config.require("workspaceId") },
    tags: { app: "example", owner: pulumi.getStack() },
});

// Access keys, kept in an existing vault (RBAC mode); the identity may read the two secrets.
const sessions = new redis.ManagedRedis("sessions", {
    resourceGroupName,
    authentication: redis.Authentication.AccessKey,
    keyVaultId: config.require("keyVaultId"),
    accessPrincipals: [{ name: "app", objectId: app.principalId }],
});

export const hostName = cache.hostName;
export const privateIpAddress = cache.privateIpAddress;
export const appSettings = cache.environment;
export const sessionsSecretUri = sessions.connectionStringSecretUri;
