// What the engine tests' TypeScript drivers share: a stack of an inline program opened from a
// request, and one operation run on it, reported as the Go tests read it.
import { EngineEvent, LocalWorkspace, PulumiFn, Stack } from "@pulumi/pulumi/automation";

// The part of a request that names the stack and its world.
export interface StackRequest {
    project: string;
    stack: string;
    workDir: string;
    env: Record<string, string>;
}

export function openStack(req: StackRequest, program: PulumiFn): Promise<Stack> {
    return LocalWorkspace.createOrSelectStack(
        { stackName: req.stack, projectName: req.project, program },
        { workDir: req.workDir, envVars: req.env, secretsProvider: "passphrase", projectSettings: { name: req.project, runtime: "nodejs" } },
    );
}

// runOperation runs preview, up or destroy and reports its resource steps, the up's outputs and
// the error, if any.
export async function runOperation(stack: Stack, operation: string): Promise<Record<string, unknown>> {
    const steps: { op: string; type: string; urn: string }[] = [];
    const onEvent = (event: EngineEvent) => {
        const pre = event.resourcePreEvent;
        if (pre) {
            steps.push({ op: pre.metadata.op, type: pre.metadata.type, urn: pre.metadata.urn });
        }
    };
    const resp: Record<string, unknown> = { operation, steps };
    try {
        switch (operation) {
            case "up":
                resp.outputs = (await stack.up({ onEvent })).outputs;
                break;
            case "preview":
                await stack.preview({ onEvent });
                break;
            case "destroy":
                await stack.destroy({ onEvent });
                break;
            default:
                throw new Error(`unknown operation ${operation}`);
        }
    } catch (e) {
        resp.error = String(e);
    }
    return resp;
}
