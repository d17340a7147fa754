package e2e

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Every fenced block of the README runs here, or is checked, as its marker says: the line just
// before each block is `<!-- readme-test: KIND ARGS -->`, and a block without one fails the
// test, so nothing is left out silently. Kinds:
//
//   - typescript-program, python-program, yaml-program, go-program: a complete program, run
//     as users run it (a preview, then an up) against the fake Azure; TypeScript is also
//     type-checked strictly against the SDK and the real @pulumi/azure-native 3.28.0 (by
//     tests/nodejs/prepare.js and tsc), Go built against the library of this tree;
//   - typescript-typecheck: a complete TypeScript program, type-checked strictly (written to
//     tests/nodejs/readme/ by prepare.js, compiled with the Node.js tests) but not run;
//   - sandbox [<placeholder>=<value> ...]: shell commands, run with bash in `make sandbox`
//     (scripts/sandbox.sh) from a folder holding a copy of examples/, placeholders filled in;
//   - in <file>: a part of a file of the repository, which must hold it as written;
//   - skip <reason>: not run here (a real Azure login, a registry download, a fragment), and
//     the reason says what runs it instead.
//
// The Registry's docs/_index.md shows the same programs: its TypeScript, Python and YAML
// blocks must be the README's.

type readmeFence struct {
	line               int
	kind, args, lang   string
	text               string
	marker, readmeName string
}

var markerPattern = regexp.MustCompile(`^<!-- readme-test: ([a-z-]+)(?: (.*?))? -->$`)

// fences reads the fenced blocks of a Markdown file, each with the marker line before it.
func fences(t *testing.T, file string) []readmeFence {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repo, file))
	if err != nil {
		t.Fatal(err)
	}
	var out []readmeFence
	var current *readmeFence
	var body []string
	previous := ""
	scanner := bufio.NewScanner(strings.NewReader(string(data)))
	for n := 1; scanner.Scan(); n++ {
		line := scanner.Text()
		switch {
		case current == nil && strings.HasPrefix(line, "```"):
			current = &readmeFence{line: n, lang: strings.TrimPrefix(line, "```"), marker: previous, readmeName: file}
			if m := markerPattern.FindStringSubmatch(previous); m != nil {
				current.kind, current.args = m[1], m[2]
			}
			body = nil
		case current != nil && line == "```":
			current.text = strings.Join(body, "\n") + "\n"
			out = append(out, *current)
			current = nil
		case current != nil:
			body = append(body, line)
		}
		previous = line
	}
	if current != nil {
		t.Fatalf("%s:%d: a block is never closed", file, current.line)
	}
	return out
}

// documents are the README and the docs/ pages it links to for details; the Registry's
// _index.md is checked against the README below.
func documents(t *testing.T) []string {
	t.Helper()
	pages, err := filepath.Glob(filepath.Join(repo, "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	files := []string{"README.md"}
	for _, page := range pages {
		if filepath.Base(page) != "_index.md" {
			files = append(files, filepath.Join("docs", filepath.Base(page)))
		}
	}
	return files
}

func TestReadmeBlocks(t *testing.T) {
	var blocks []readmeFence
	for _, file := range documents(t) {
		blocks = append(blocks, fences(t, file)...)
	}
	programs := map[string]string{}
	for _, b := range blocks {
		if strings.HasSuffix(b.kind, "-program") {
			programs[b.kind] = b.text
		}
	}
	for _, b := range blocks {
		name := strings.ReplaceAll(b.readmeName+"-"+b.kind+"-line-"+itoa(b.line), " ", "-")
		t.Run(name, func(t *testing.T) {
			switch b.kind {
			case "":
				t.Fatalf("%s:%d: a ```%s block without a <!-- readme-test: KIND --> line before it (the line is %q)", b.readmeName, b.line, b.lang, b.marker)
			case "skip":
				if len(strings.Fields(b.args)) < 3 {
					t.Fatalf("%s:%d: skip needs a reason that says what runs it instead, got %q", b.readmeName, b.line, b.args)
				}
			case "in":
				checkBlockIn(t, b)
			case "typescript-typecheck":
				checkTypeChecked(t, b)
			case "sandbox":
				runSandboxBlock(t, b)
			case "typescript-program", "python-program", "yaml-program", "go-program":
				runReadmeProgram(t, b)
			default:
				t.Fatalf("%s:%d: unknown kind %q", b.readmeName, b.line, b.kind)
			}
		})
	}
	for _, kind := range []string{"typescript-program", "python-program", "yaml-program", "go-program"} {
		if programs[kind] == "" {
			t.Errorf("README.md has no %s block: the quick start shows one program in every language", kind)
		}
	}
	// The Registry page shows the same programs.
	want := map[string]string{"typescript": programs["typescript-program"], "python": programs["python-program"], "yaml": programs["yaml-program"]}
	seen := map[string]bool{}
	for _, b := range fences(t, "docs/_index.md") {
		if text, ok := want[b.lang]; ok && !seen[b.lang] { // the first of each language is the example
			seen[b.lang] = true
			if b.text != text {
				t.Errorf("docs/_index.md:%d: its %s program is not the README's quick start:\n%s\nREADME.md:\n%s", b.line, b.lang, b.text, text)
			}
		}
	}
	for lang := range want {
		if !seen[lang] {
			t.Errorf("docs/_index.md has no %s program", lang)
		}
	}
}

// checkTypeChecked: prepare.js wrote the block into tests/nodejs/readme/, which tsc compiled
// (strictly) when the Node.js tests were built.
func checkTypeChecked(t *testing.T, b readmeFence) {
	files, _ := filepath.Glob(filepath.Join(repo, "tests/nodejs/readme/typecheck-*.ts"))
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		compiled := filepath.Join(repo, "tests/nodejs/build/tests/nodejs/readme", strings.TrimSuffix(filepath.Base(file), ".ts")+".js")
		if _, err := os.Stat(compiled); err == nil && strings.HasSuffix(string(data), b.text) {
			return
		}
	}
	t.Fatalf("%s:%d: no compiled tests/nodejs/readme/typecheck-*.ts holds the block (make test_nodejs_build)", b.readmeName, b.line)
}

func itoa(n int) string {
	data, _ := json.Marshal(n)
	return string(data)
}

// checkBlockIn: the file holds the block as written. A block that starts with a top-level key
// (`resources:`, `outputs:`) may show it for context: the file has the key, and the rest.
func checkBlockIn(t *testing.T, b readmeFence) {
	data, err := os.ReadFile(filepath.Join(repo, strings.TrimSpace(b.args)))
	if err != nil {
		t.Fatalf("%s:%d: %v", b.readmeName, b.line, err)
	}
	file, text := string(data), b.text
	if first, rest, ok := strings.Cut(text, "\n"); ok && regexp.MustCompile(`^[a-z]+:$`).MatchString(first) &&
		strings.Contains(file, "\n"+first+"\n") {
		text = rest
	}
	if !strings.Contains(file, text) {
		t.Errorf("%s:%d: %s does not hold the block as written:\n%s", b.readmeName, b.line, b.args, b.text)
	}
}

// runSandboxBlock runs the block's commands in the sandbox, from a folder with a copy of
// examples/, with the marker's placeholders filled in.
func runSandboxBlock(t *testing.T, b readmeFence) {
	dir := t.TempDir()
	if out, err := exec.Command("cp", "-r", filepath.Join(repo, "examples"), dir).CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	script := b.text
	for _, pair := range strings.Fields(b.args) {
		placeholder, value, ok := strings.Cut(pair, "=")
		if !ok || !strings.Contains(script, placeholder) {
			t.Fatalf("%s:%d: placeholder %q is not in the block", b.readmeName, b.line, pair)
		}
		script = strings.ReplaceAll(script, placeholder, value)
	}
	if strings.ContainsAny(script, "<>") {
		t.Fatalf("%s:%d: a placeholder without a value in the marker:\n%s", b.readmeName, b.line, script)
	}
	state := t.TempDir()
	// The fake holds what the sandbox says it holds (a vault, a cache), as for users.
	out, err := sandboxCommand(dir, state, "bash", "-euo", "pipefail", "-c", script).CombinedOutput()
	if err != nil {
		t.Fatalf("%s:%d: the block failed in the sandbox: %v\n%s", b.readmeName, b.line, err, out)
	}
	if !strings.Contains(string(out), "created") {
		t.Errorf("%s:%d: the block created nothing:\n%s", b.readmeName, b.line, out)
	}
}

// runReadmeProgram runs a quick start as written: a preview, then an up, against the fake.
func runReadmeProgram(t *testing.T, b readmeFence) {
	var outputs map[string]output
	switch b.kind {
	case "typescript-program":
		// tests/nodejs/prepare.js wrote the block to readme/quickstart.ts, type-checked and
		// compiled when the Node.js tests were built.
		written, err := os.ReadFile(filepath.Join(repo, "tests/nodejs/readme/quickstart.ts"))
		if err != nil || !strings.HasSuffix(string(written), b.text) {
			t.Fatalf("tests/nodejs/readme/quickstart.ts is not the README's block (make test_nodejs_build): %v", err)
		}
		outputs = previewThenUp(t, runners["typescript"](t, newWorld(t),
			filepath.Join(repo, "tests/nodejs/build/tests/nodejs/readme/quickstart.js"), nil))
	case "python-program":
		program := filepath.Join(t.TempDir(), "__main__.py")
		if err := os.WriteFile(program, []byte(b.text), 0o644); err != nil {
			t.Fatal(err)
		}
		outputs = previewThenUp(t, runners["python"](t, newWorld(t), program, nil))
	case "yaml-program":
		file := filepath.Join(t.TempDir(), "Pulumi.yaml")
		if err := os.WriteFile(file, []byte(b.text), 0o644); err != nil {
			t.Fatal(err)
		}
		outputs = previewThenUp(t, runners["yaml"](t, newWorld(t), file, nil))
	case "go-program":
		outputs = runGoQuickStart(t, b.text)
	}
	expectAppSettings(t, outputs["appSettings"].Value)
	if host, _ := outputs["hostName"].Value.(string); !strings.HasSuffix(host, ".redis.azure.net") {
		t.Errorf("hostName %v", outputs["hostName"].Value)
	}
}

// runGoQuickStart builds the README's Go program as its own module, against the library of
// this tree and stand-ins of azure-native's Go SDK modules it imports (which cannot be
// downloaded here: testdata/azure-native-go), and runs its program function with the engine
// through the Automation API (there is no Go language host here), a preview then an up.
func runGoQuickStart(t *testing.T, program string) map[string]output {
	t.Helper()
	if !strings.Contains(program, "func program(ctx *pulumi.Context) error {") {
		t.Fatal("the Go quick start has no func program(ctx *pulumi.Context) error: the test runs it")
	}
	dir := t.TempDir()
	goMod := goModuleWithStandIns("readme-quickstart", "github.com/managedredis/pulumi-azure-managed-redis", repo)
	sum, err := os.ReadFile(filepath.Join(repo, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{"go.mod": goMod, "go.sum": string(sum), "main.go": program,
		"engine_test.go": goQuickStartEngineTest})
	cmd := exec.Command("go", "test", "-mod=mod", "-count=1", "-v", "-run", "^TestQuickStart$", ".")
	cmd.Dir = dir
	w := newWorld(t)
	cmd.Env = append(append(append([]string{}, env...), pairs(w.Environment())...), "QUICKSTART_WORKDIR="+t.TempDir())
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the README's Go program: %v\n%s", err, out)
	}
	_, report, found := strings.Cut(string(out), "QUICKSTART ")
	report, _, _ = strings.Cut(report, "\n")
	var runs []operationRun
	if !found || json.Unmarshal([]byte(report), &runs) != nil {
		t.Fatalf("no report from the README's Go program:\n%s", out)
	}
	return previewThenUp(t, runs)
}

// The README's Go program's companion: its program function, run with the engine.
const goQuickStartEngineTest = `package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/events"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
)

type step struct {
	Op   string ` + "`json:\"op\"`" + `
	Type string ` + "`json:\"type\"`" + `
	URN  string ` + "`json:\"urn\"`" + `
}

type run struct {
	Operation string                    ` + "`json:\"operation\"`" + `
	Steps     []step                    ` + "`json:\"steps\"`" + `
	Outputs   map[string]map[string]any ` + "`json:\"outputs\"`" + `
	Error     string                    ` + "`json:\"error\"`" + `
}

func collect() (chan events.EngineEvent, chan []step) {
	in, out := make(chan events.EngineEvent), make(chan []step)
	go func() {
		var steps []step
		for e := range in {
			if pre := e.ResourcePreEvent; pre != nil {
				steps = append(steps, step{Op: string(pre.Metadata.Op), Type: pre.Metadata.Type, URN: pre.Metadata.URN})
			}
		}
		out <- steps
	}()
	return in, out
}

func TestQuickStart(t *testing.T) {
	ctx := context.Background()
	stack, err := auto.UpsertStackInlineSource(ctx, "dev", "quickstart", program, auto.WorkDir(os.Getenv("QUICKSTART_WORKDIR")),
		auto.SecretsProvider("passphrase"),
		auto.Project(workspace.Project{Name: "quickstart", Runtime: workspace.NewProjectRuntimeInfo("go", nil)}))
	if err != nil {
		t.Fatal(err)
	}
	var runs []run
	for _, operation := range []string{"preview", "up"} {
		in, steps := collect()
		r := run{Operation: operation, Outputs: map[string]map[string]any{}}
		if operation == "preview" {
			_, err = stack.Preview(ctx, optpreview.EventStreams(in))
		} else {
			var res auto.UpResult
			res, err = stack.Up(ctx, optup.EventStreams(in))
			for k, v := range res.Outputs {
				r.Outputs[k] = map[string]any{"value": v.Value, "secret": v.Secret}
			}
		}
		r.Steps = <-steps
		if err != nil {
			r.Error = err.Error()
		}
		runs = append(runs, r)
	}
	report, _ := json.Marshal(runs)
	fmt.Println("QUICKSTART " + string(report))
}
`

// The Registry page's Go program (docs/_index.md) uses the generated SDK: it builds as a module
// of its own against sdk/ of this tree and the stand-ins of azure-native's v3 Go modules.
func TestRegistryDocsGoProgramBuilds(t *testing.T) {
	var program string
	for _, b := range fences(t, "docs/_index.md") {
		if b.lang == "go" {
			program = b.text
		}
	}
	if program == "" {
		t.Fatal("docs/_index.md has no Go program")
	}
	dir := t.TempDir()
	goMod := goModuleWithStandIns("registry-docs", "github.com/managedredis/pulumi-azure-managed-redis/sdk", filepath.Join(repo, "sdk"))
	sum, err := os.ReadFile(filepath.Join(repo, "sdk/go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{"go.mod": goMod, "go.sum": string(sum), "main.go": program})
	cmd := exec.Command("go", "vet", "-mod=mod", ".")
	cmd.Dir, cmd.Env = dir, env
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("docs/_index.md's Go program does not build: %v\n%s", err, out)
	}
}

// goModuleWithStandIns is the go.mod of a module that uses ours (the module path, replaced by
// the folder dir of this tree), the Pulumi SDK, and the stand-ins of azure-native's v3 Go
// modules (testdata/azure-native-go) the programs import.
func goModuleWithStandIns(module, ours, dir string) string {
	stubs := filepath.Join(repo, "tests/e2e/testdata/azure-native-go")
	return `module ` + module + `

go 1.26.6

require (
	` + ours + ` v0.0.0-00010101000000-000000000000
	github.com/pulumi/pulumi-azure-native-sdk/managedidentity/v3 v3.28.0
	github.com/pulumi/pulumi-azure-native-sdk/resources/v3 v3.28.0
	github.com/pulumi/pulumi/sdk/v3 v3.274.1
)

replace ` + ours + ` => ` + dir + `

replace github.com/pulumi/pulumi-azure-native-sdk/managedidentity/v3 => ` + filepath.Join(stubs, "managedidentity") + `

replace github.com/pulumi/pulumi-azure-native-sdk/resources/v3 => ` + filepath.Join(stubs, "resources") + "\n"
}
