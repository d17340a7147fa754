// Tests of the generated Node.js SDK with Pulumi's mocks: what a TypeScript program sends when
// it declares the components, and what it reads back.
import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import * as redis from "../../sdk/nodejs";

interface Registration {
    type: string;
    name: string;
    remote: boolean;
    custom: boolean;
    inputs: Record<string, any>;
}

const registrations: Registration[] = [];

const host = "cache-1.westeurope.redis.azure.net";

// What the provider would answer for each component, keyed by type token.
const outputsByType: Record<string, (inputs: Record<string, any>) => Record<string, any>> = {
    "azure-managed-redis:index:ManagedRedis": (inputs) => ({
        clusterId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Cache/redisEnterprise/cache-1",
        clusterName: "cache-1",
        databaseId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Cache/redisEnterprise/cache-1/databases/default",
        resourceGroupName: inputs.resourceGroupName,
        hostName: host,
        port: 10000,
        authentication: inputs.authentication ?? "EntraId",
        connectionString: `${host}:10000,ssl=true`,
        uri: `rediss://${host}:10000`,
        redisVersion: "7.4",
        environment: { ConnectionStrings__cache: `${host}:10000,ssl=true`, CACHE_HOST: host },
        // An output that does not apply is empty, as the provider sends it.
        primaryAccessKey: "",
        ...(inputs.authentication === "AccessKey" ? { keyVaultId: inputs.keyVaultId, primaryAccessKey: "key" } : {}),
    }),
    "azure-managed-redis:index:ManagedRedisAccess": () => ({
        accessPolicyAssignmentId: "/subscriptions/s/assignment",
        roleAssignmentIds: [],
    }),
};

class Mocks implements pulumi.runtime.Mocks {
    newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, any> } {
        const outputs = outputsByType[args.type];
        return { id: args.custom ? `${args.name}-id` : undefined, state: outputs ? outputs(args.inputs) : {} };
    }
    call(): Record<string, any> {
        return {};
    }
}

// Records the registration requests, which carry the remote flag the mocks do not show.
class RecordingMonitor extends MockMonitor {
    async registerResource(req: any, callback: (err: any, resp: any) => void) {
        registrations.push({
            type: req.getType(),
            name: req.getName(),
            remote: req.getRemote(),
            custom: req.getCustom(),
            inputs: req.getObject().toJavaScript(),
        });
        return super.registerResource(req, callback);
    }
}

before(() => {
    pulumi.runtime.setMockOptions(new RecordingMonitor(new Mocks()), "project", "stack", false);
});

function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((v) => resolve(v)));
}

function registration(name: string): Registration {
    const found = registrations.find((r) => r.name === name);
    assert.ok(found, `${name} was not registered`);
    return found;
}

test("ManagedRedis is a remote component with the schema's input names", async () => {
    const identityPrincipalId = pulumi.output("11111111-1111-1111-1111-111111111111");
    const cache = new redis.ManagedRedis("cache", {
        resourceGroupName: "rg",
        sku: redis.SkuName.Balanced_B1,
        // A tag value may be an Output, as tags usually are in TypeScript programs.
        tags: { env: "dev", owner: pulumi.output("team") },
        database: { evictionPolicy: redis.EvictionPolicy.AllKeysLRU, modules: [{ name: redis.ModuleName.RedisJSON }] },
        accessPrincipals: [{ name: "api", objectId: identityPrincipalId, principalType: redis.PrincipalType.ServicePrincipal }],
    });

    assert.equal(await valueOf(cache.hostName), host);
    assert.equal(await valueOf(cache.port), 10000);
    assert.equal(await valueOf(cache.connectionString), `${host}:10000,ssl=true`);
    assert.equal(await valueOf(cache.authentication), "EntraId");
    assert.deepEqual(await valueOf(cache.environment), { ConnectionStrings__cache: `${host}:10000,ssl=true`, CACHE_HOST: host });
    assert.equal(await valueOf(cache.primaryAccessKey), "");

    const r = registration("cache");
    assert.equal(r.type, "azure-managed-redis:index:ManagedRedis");
    assert.equal(r.remote, true);
    assert.equal(r.custom, false);
    assert.deepEqual(Object.keys(r.inputs).sort(), ["accessPrincipals", "database", "resourceGroupName", "sku", "tags"]);
    assert.equal(r.inputs.sku, "Balanced_B1");
    assert.deepEqual(r.inputs.database, { evictionPolicy: "AllKeysLRU", modules: [{ name: "RedisJSON" }] });
    assert.deepEqual(r.inputs.accessPrincipals, [
        { name: "api", objectId: "11111111-1111-1111-1111-111111111111", principalType: "ServicePrincipal" },
    ]);
    assert.deepEqual(r.inputs.tags, { env: "dev", owner: "team" });
});

test("ManagedRedis in AccessKey mode with a given vault", async () => {
    const vaultId = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv";
    const cache = new redis.ManagedRedis("keyed", {
        resourceGroupName: "rg",
        authentication: redis.Authentication.AccessKey,
        keyVaultId: vaultId,
        connectionName: "sessions",
    });
    assert.equal(await valueOf(cache.keyVaultId), vaultId);
    assert.equal(await valueOf(cache.primaryAccessKey), "key");
    const r = registration("keyed");
    assert.deepEqual(Object.keys(r.inputs).sort(), ["authentication", "connectionName", "keyVaultId", "resourceGroupName"]);
    assert.equal(r.inputs.authentication, "AccessKey");
});

test("ManagedRedisAccess is a remote component with the schema's input names", async () => {
    const access = new redis.ManagedRedisAccess("api", {
        clusterName: "cache-1",
        resourceGroupName: "rg",
        objectId: "22222222-2222-2222-2222-222222222222",
        principalType: "User",
    });
    assert.equal(await valueOf(access.accessPolicyAssignmentId), "/subscriptions/s/assignment");
    const r = registration("api");
    assert.equal(r.type, "azure-managed-redis:index:ManagedRedisAccess");
    assert.equal(r.remote, true);
    assert.deepEqual(Object.keys(r.inputs).sort(), ["clusterName", "objectId", "principalType", "resourceGroupName"]);
});
