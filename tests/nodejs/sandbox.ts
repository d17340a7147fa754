// pulumi-ts of `make sandbox` (scripts/sandbox.sh): runs a user's TypeScript program from its
// folder, as `pulumi preview|up|destroy` would with a Node.js language host, which this machine
// lacks. The folder's .ts files are type-checked strictly against the generated SDK
// (@managedredis/azure-managed-redis) and the real @pulumi/azure-native 3.28.0, compiled next to
// this driver (so they import this folder's node_modules), and the program runs as an inline
// program of the Automation API, with the folder as the work dir: its Pulumi.yaml (name) and
// Pulumi.<stack>.yaml (config) are the ones the CLI reads. The stack is the folder's selected
// one: PULUMI_STACK, else the folder's selected stack, else "dev".
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { LocalWorkspace } from "@pulumi/pulumi/automation";

const usage = "usage: pulumi-ts preview|up|destroy|refresh [folder]";

function compile(dir: string, outDir: string): string {
    const files = fs.readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts")).map((f) => path.join(dir, f));
    if (!files.some((f) => path.basename(f) === "index.ts")) {
        throw new Error(`${dir} has no index.ts`);
    }
    const nodejs = path.resolve(__dirname, "../../.."); // tests/nodejs, from build/tests/nodejs
    const options: ts.CompilerOptions = {
        strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS,
        moduleResolution: ts.ModuleResolutionKind.Node10, skipLibCheck: true, noEmit: true, types: ["node"],
        typeRoots: [path.join(nodejs, "node_modules/@types")], baseUrl: nodejs,
        paths: {
            "@pulumi/*": ["node_modules/@pulumi/*"],
            "@managedredis/azure-managed-redis": ["../../sdk/nodejs"],
        },
    };
    const program = ts.createProgram(files, options);
    const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error);
    if (diagnostics.length > 0) {
        const host: ts.FormatDiagnosticsHost = {
            getCanonicalFileName: (f) => f, getCurrentDirectory: () => dir, getNewLine: () => "\n",
        };
        throw new Error("the program does not type-check:\n" + ts.formatDiagnostics(diagnostics, host));
    }
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.mkdirSync(outDir, { recursive: true });
    for (const file of files) {
        const out = ts.transpileModule(fs.readFileSync(file, "utf8"), {
            compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, esModuleInterop: true },
            fileName: file,
        });
        fs.writeFileSync(path.join(outDir, path.basename(file, ".ts") + ".js"), out.outputText);
    }
    return path.join(outDir, "index.js");
}

async function main() {
    const [operation, folder = "."] = process.argv.slice(2);
    if (!["preview", "up", "destroy", "refresh"].includes(operation)) {
        throw new Error(usage);
    }
    const dir = path.resolve(folder);
    if (!fs.existsSync(path.join(dir, "Pulumi.yaml"))) {
        throw new Error(`${dir} has no Pulumi.yaml (name: <project>, runtime: nodejs)`);
    }
    const outDir = path.join(__dirname, "..", "..", "sandbox", Buffer.from(dir).toString("hex").slice(-40));
    const module = compile(dir, outDir);
    const program = async () => {
        delete require.cache[require.resolve(module)];
        return { ...require(module) };
    };
    const ws = await LocalWorkspace.create({ workDir: dir, program });
    const settings = await ws.projectSettings();
    const stackName = process.env.PULUMI_STACK || (await ws.stack())?.name || "dev";
    const stack = await LocalWorkspace.createOrSelectStack(
        { stackName, projectName: settings.name, program },
        { workDir: dir },
    );
    const onOutput = (out: string) => process.stdout.write(out);
    switch (operation) {
        case "preview":
            await stack.preview({ onOutput });
            break;
        case "up":
            await stack.up({ onOutput });
            break;
        case "destroy":
            await stack.destroy({ onOutput });
            break;
        case "refresh":
            await stack.refresh({ onOutput });
            break;
    }
}

main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
});
