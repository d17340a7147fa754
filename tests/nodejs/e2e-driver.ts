// The end-to-end tests' TypeScript driver (tests/e2e): reads a request on stdin, runs the
// program it describes with the generated SDK through the Automation API (an inline program,
// so no Node.js language host is needed), and prints the response as one JSON line.
import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";
import { openStack, runOperation } from "./automation";
import * as redis from "../../sdk/nodejs";

interface Principal {
    name?: string;
    objectId?: string;
    identity?: string;
    type?: string;
    aliases?: string[];
    accessString?: string;
}

interface RoleAssignment {
    name?: string;
    role: string;
    identity: string;
}

interface OtherCache {
    name: string;
    principals?: Principal[];
    accesses?: string[];
    subnetId?: string;
    privateDnsZoneId?: string;
}

interface Spec {
    resourceGroupName: string;
    identities?: string[];
    authentication?: string;
    principals?: Principal[];
    tags?: Record<string, string>;
    evictionPolicy?: string;
    sku?: string;
    existingClusterName?: string;
    migrateFrom?: string;
    switchDns?: boolean;
    accessKeyRotation?: string;
    geoReplicationGroup?: string;
    accesses?: string[];
    accessStrings?: Record<string, string>;
    subnetId?: string;
    privateDnsZoneId?: string;
    workspaceId?: string;
    keyUrl?: string;
    keyIdentity?: string;
    keyVaultId?: string;
    roleAssignments?: RoleAssignment[];
    others?: OtherCache[];
}

// azure-native's user-assigned identity, declared by its token (the program needs only its
// principalId).
class UserAssignedIdentity extends pulumi.CustomResource {
    declare public readonly principalId: pulumi.Output<string>;
    constructor(name: string, args: { resourceGroupName: pulumi.Input<string> }) {
        super("azure-native:managedidentity:UserAssignedIdentity", name, { ...args, principalId: undefined },
            { version: "3.28.0" });
    }
}

const outputNames = [
    "clusterId", "clusterName", "databaseId", "resourceGroupName", "hostName", "port", "authentication", "connectionName",
    "connectionString", "uri", "primaryAccessKey", "keyVaultId", "connectionStringSecretUri",
    "primaryAccessKeySecretUri", "redisVersion", "environment", "privateEndpointId", "privateIpAddress",
    "secondaryAccessKey", "roleAssignmentIds", "migration", "activeAccessKey",
] as const;

// A private endpoint in the subnet and the zone (none: a new zone), or none without a subnet.
function privateEndpoint(subnetId?: string, privateDnsZoneId?: string) {
    return subnetId ? { subnetId, privateDnsZoneId } : undefined;
}

function program(spec: Spec) {
    return async () => {
        const principalIds: Record<string, pulumi.Output<string>> = {};
        const identityIds: Record<string, pulumi.Output<string>> = {};
        for (const name of spec.identities ?? []) {
            const identity = new UserAssignedIdentity(name, { resourceGroupName: spec.resourceGroupName });
            principalIds[name] = identity.principalId;
            identityIds[name] = identity.id;
        }
        const accessPrincipals = (principals?: Principal[]) => principals?.map((p) => ({
            name: p.name,
            objectId: p.identity ? principalIds[p.identity] : p.objectId!,
            principalType: p.type as redis.PrincipalType | undefined,
            aliases: p.aliases,
            accessString: p.accessString,
        }));
        const database: redis.types.input.DatabaseSettingsArgs = {};
        if (spec.evictionPolicy) {
            database.evictionPolicy = spec.evictionPolicy as redis.EvictionPolicy;
        }
        if (spec.geoReplicationGroup) {
            database.geoReplication = { groupNickname: spec.geoReplicationGroup, linkedDatabaseIds: ["/db/1"] };
        }
        const cache = new redis.ManagedRedis("cache", {
            resourceGroupName: spec.resourceGroupName,
            authentication: spec.authentication as redis.Authentication | undefined,
            sku: spec.sku as redis.SkuName | undefined,
            tags: spec.tags,
            database: Object.keys(database).length > 0 ? database : undefined,
            accessPrincipals: accessPrincipals(spec.principals),
            roleAssignments: spec.roleAssignments?.map((r) => ({
                name: r.name, roleDefinitionId: r.role, principalId: principalIds[r.identity],
            })),
            existing: spec.existingClusterName ? { clusterName: spec.existingClusterName } : undefined,
            migrateFrom: spec.migrateFrom ? { cacheId: spec.migrateFrom, switchDns: spec.switchDns } : undefined,
            accessKeyRotation: spec.accessKeyRotation,
            privateEndpoint: privateEndpoint(spec.subnetId, spec.privateDnsZoneId),
            diagnostics: spec.workspaceId ? { workspaceId: spec.workspaceId } : undefined,
            customerManagedKey: spec.keyUrl
                ? { keyUrl: spec.keyUrl, userAssignedIdentityId: identityIds[spec.keyIdentity!], keyVaultId: spec.keyVaultId }
                : undefined,
        });
        const grant = (cache: redis.ManagedRedis, prefix: string, identities?: string[]) => {
            for (const name of identities ?? []) {
                new redis.ManagedRedisAccess(prefix + name, {
                    clusterName: cache.clusterName,
                    resourceGroupName: cache.resourceGroupName,
                    objectId: principalIds[name],
                    accessString: spec.accessStrings?.[name],
                });
            }
        };
        grant(cache, "", spec.accesses);
        for (const other of spec.others ?? []) {
            const otherCache = new redis.ManagedRedis(other.name, {
                resourceGroupName: spec.resourceGroupName,
                accessPrincipals: accessPrincipals(other.principals),
                privateEndpoint: privateEndpoint(other.subnetId, other.privateDnsZoneId),
            });
            grant(otherCache, other.name + "-", other.accesses);
        }
        const outputs: Record<string, pulumi.Output<unknown>> = {};
        for (const name of outputNames) {
            outputs[name] = cache[name];
        }
        return outputs;
    };
}

async function main() {
    const req = JSON.parse(fs.readFileSync(0, "utf8"));
    const stack = await openStack(req, program(req.spec));
    console.log(JSON.stringify(await runOperation(stack, req.operation)));
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
