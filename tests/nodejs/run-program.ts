// The engine tests' runner of TypeScript programs as users write them (examples/nodejs, the
// README's quick start): reads a request on stdin, runs the compiled program module as an inline
// program through the Automation API (no Node.js language host is needed), a preview and then an
// up, and prints one JSON line per operation: its steps, outputs and error.
import * as fs from "fs";
import { EngineEvent, LocalWorkspace } from "@pulumi/pulumi/automation";

interface Request {
    project: string;
    stack: string;
    workDir: string;
    env: Record<string, string>;
    config: Record<string, string>;
    module: string; // the compiled program
    operations: string[]; // "preview", "up"
}

// program loads the module afresh on each run, as a new process would: its top-level code
// declares the resources, its exports are the stack's outputs.
function program(module: string) {
    return async () => {
        const resolved = require.resolve(module);
        delete require.cache[resolved];
        return { ...require(resolved) };
    };
}

async function main() {
    const req: Request = JSON.parse(fs.readFileSync(0, "utf8"));
    const stack = await LocalWorkspace.createOrSelectStack(
        { stackName: req.stack, projectName: req.project, program: program(req.module) },
        { workDir: req.workDir, envVars: req.env, secretsProvider: "passphrase", projectSettings: { name: req.project, runtime: "nodejs" } },
    );
    for (const [key, value] of Object.entries(req.config)) {
        await stack.setConfig(key, { value });
    }
    for (const operation of req.operations) {
        const steps: { op: string; type: string; urn: string }[] = [];
        const onEvent = (event: EngineEvent) => {
            const pre = event.resourcePreEvent;
            if (pre) {
                steps.push({ op: pre.metadata.op, type: pre.metadata.type, urn: pre.metadata.urn });
            }
        };
        const resp: Record<string, unknown> = { operation, steps };
        try {
            if (operation === "preview") {
                await stack.preview({ onEvent });
            } else if (operation === "up") {
                resp.outputs = (await stack.up({ onEvent })).outputs;
            } else {
                throw new Error(`unknown operation ${operation}`);
            }
        } catch (e) {
            resp.error = String(e);
        }
        console.log(JSON.stringify(resp));
    }
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
