// Before the TypeScript build of the tests: the README's TypeScript quick start is written to
// readme/quickstart.ts, so that tsc type-checks it against the SDK and the real
// @pulumi/azure-native (it cannot drift from either), and the engine tests run it; and the
// compiled SDK is made the package "@managedredis/azure-managed-redis" for the compiled programs
// (examples/nodejs, the quick start) to import as users do.
const fs = require("fs");
const path = require("path");

const readme = fs.readFileSync(path.join(__dirname, "../../README.md"), "utf8");
const snippet = /<!-- readme-test: typescript-program -->\n```ts\n([\s\S]*?)```/.exec(readme);
if (!snippet) {
    throw new Error("README.md: no ```ts block marked <!-- readme-test: typescript-program -->");
}
fs.rmSync(path.join(__dirname, "readme"), { recursive: true, force: true });
fs.mkdirSync(path.join(__dirname, "readme"), { recursive: true });
fs.writeFileSync(path.join(__dirname, "readme", "quickstart.ts"),
    "// Written by prepare.js from README.md's TypeScript quick start: edit the README.\n" + snippet[1]);
// The README's other TypeScript programs, type-checked only (tests/e2e/readme_test.go checks
// that each is here).
let n = 0;
for (const m of readme.matchAll(/<!-- readme-test: typescript-typecheck -->\n```ts\n([\s\S]*?)```/g)) {
    fs.writeFileSync(path.join(__dirname, "readme", `typecheck-${++n}.ts`),
        "// Written by prepare.js from a TypeScript block of README.md: edit the README.\n" + m[1]);
}

const link = path.join(__dirname, "build", "node_modules", "@managedredis", "azure-managed-redis");
fs.mkdirSync(path.dirname(link), { recursive: true });
fs.rmSync(link, { force: true, recursive: true });
fs.symlinkSync(path.join("..", "..", "sdk", "nodejs"), link);
