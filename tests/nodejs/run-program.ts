// The engine tests' runner of TypeScript programs as users write them (examples/nodejs, the
// README's quick start): reads a request on stdin, runs the compiled program module as an inline
// program through the Automation API (no Node.js language host is needed), a preview and then an
// up, and prints one JSON line per operation: its steps, outputs and error.
import * as fs from "fs";
import { openStack, runOperation, StackRequest } from "./automation";

interface Request extends StackRequest {
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
    const stack = await openStack(req, program(req.module));
    for (const [key, value] of Object.entries(req.config)) {
        await stack.setConfig(key, { value });
    }
    for (const operation of req.operations) {
        console.log(JSON.stringify(await runOperation(stack, operation)));
    }
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
