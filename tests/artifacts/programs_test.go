package artifacts

// The programs a user of each language writes: one cache with a named principal and an Output
// tag, run with the Automation API (the language hosts are not at hand here), printing the
// cache's host and cluster names as JSON on the last line. WORK_DIR is the stack's folder.

const typescriptProgram = `import * as pulumi from "@pulumi/pulumi";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import * as redis from "@managedredis/azure-managed-redis";

async function main(): Promise<void> {
    const stack = await LocalWorkspace.createOrSelectStack(
        {
            stackName: "dev",
            projectName: "fresh-ts",
            program: async () => {
                const cache = new redis.ManagedRedis("cache", {
                    resourceGroupName: "rg",
                    sku: redis.SkuName.Balanced_B1,
                    accessPrincipals: [{ name: "api", objectId: "11111111-1111-1111-1111-111111111111" }],
                    tags: { owner: pulumi.output("team") },
                });
                return { hostName: cache.hostName, clusterName: cache.clusterName };
            },
        },
        {
            workDir: process.env.WORK_DIR,
            secretsProvider: "passphrase",
            projectSettings: { name: "fresh-ts", runtime: "nodejs" },
        },
    );
    const up = await stack.up({ onOutput: (line) => process.stderr.write(line) });
    console.log(JSON.stringify({ hostName: up.outputs.hostName.value, clusterName: up.outputs.clusterName.value }));
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
`

const pythonProgram = `import json
import os
import sys

import pulumi
from pulumi import automation as auto

import pulumi_azure_managed_redis as redis


def program():
    cache = redis.ManagedRedis(
        "cache",
        resource_group_name="rg",
        authentication=redis.Authentication.ENTRA_ID,
        access_principals=[redis.AccessPrincipalArgs(name="api", object_id="11111111-1111-1111-1111-111111111111")],
        tags={"owner": pulumi.Output.from_input("team")},
    )
    pulumi.export("hostName", cache.host_name)
    pulumi.export("clusterName", cache.cluster_name)


stack = auto.create_or_select_stack(
    stack_name="dev",
    project_name="fresh-python",
    program=program,
    opts=auto.LocalWorkspaceOptions(
        work_dir=os.environ["WORK_DIR"],
        secrets_provider="passphrase",
        project_settings=auto.ProjectSettings(name="fresh-python", runtime="python"),
    ),
)
up = stack.up(on_output=lambda line: print(line, file=sys.stderr))
print(json.dumps({"hostName": up.outputs["hostName"].value, "clusterName": up.outputs["clusterName"].value}))
`

const goProgram = `// A program of the Go SDK: the component is served by the plugin.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	redis "github.com/managedredis/pulumi-azure-managed-redis/sdk/go/azuremanagedredis"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cache, err := redis.NewManagedRedis(ctx, "cache", &redis.ManagedRedisArgs{
			ResourceGroupName: pulumi.String("rg"),
			AccessPrincipals: []redis.AccessPrincipalArgs{{
				Name: pulumi.StringRef("api"), ObjectId: pulumi.String("11111111-1111-1111-1111-111111111111"),
			}},
		})
		if err != nil {
			return err
		}
		ctx.Export("hostName", cache.HostName)
		return nil
	})
}
`
