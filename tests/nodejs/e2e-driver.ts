// The end-to-end tests' TypeScript driver (tests/e2e): reads a request on stdin, runs the
// program it describes with the generated SDK through the Automation API (an inline program,
// so no Node.js language host is needed), and prints the response as one JSON line.
import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";
import { EngineEvent, LocalWorkspace } from "@pulumi/pulumi/automation";
import * as redis from "../../sdk/nodejs";

interface Spec {
    resourceGroupName: string;
    authentication?: string;
    principals?: string[];
    tags?: Record<string, string>;
    evictionPolicy?: string;
    sku?: string;
    existingClusterName?: string;
    geoReplicationGroup?: string;
}

const outputNames = [
    "clusterId", "clusterName", "databaseId", "resourceGroupName", "hostName", "port", "authentication",
    "connectionString", "uri", "primaryAccessKey", "keyVaultId", "connectionStringSecretUri",
    "primaryAccessKeySecretUri", "redisVersion", "environment",
] as const;

function program(spec: Spec) {
    return async () => {
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
            accessPrincipals: spec.principals?.map((objectId) => ({ objectId })),
            existing: spec.existingClusterName ? { clusterName: spec.existingClusterName } : undefined,
        });
        const outputs: Record<string, pulumi.Output<unknown>> = {};
        for (const name of outputNames) {
            outputs[name] = cache[name];
        }
        return outputs;
    };
}

async function main() {
    const req = JSON.parse(fs.readFileSync(0, "utf8"));
    const stack = await LocalWorkspace.createOrSelectStack(
        { stackName: req.stack, projectName: req.project, program: program(req.spec) },
        {
            workDir: req.workDir,
            envVars: req.env,
            secretsProvider: "passphrase",
            projectSettings: { name: req.project, runtime: "nodejs" },
        },
    );
    const steps: { op: string; type: string; urn: string }[] = [];
    const onEvent = (event: EngineEvent) => {
        const pre = event.resourcePreEvent;
        if (pre) {
            steps.push({ op: pre.metadata.op, type: pre.metadata.type, urn: pre.metadata.urn });
        }
    };
    const resp: Record<string, unknown> = { steps };
    try {
        switch (req.operation) {
            case "up": {
                const result = await stack.up({ onEvent });
                resp.outputs = result.outputs;
                break;
            }
            case "preview":
                await stack.preview({ onEvent });
                break;
            case "destroy":
                await stack.destroy({ onEvent });
                break;
            default:
                throw new Error(`unknown operation ${req.operation}`);
        }
    } catch (e) {
        resp.error = String(e);
    }
    console.log(JSON.stringify(resp));
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
