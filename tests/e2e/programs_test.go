package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
)

// Programs as users write them, run as users run them: a preview first, then an up. The
// examples (examples/{go,nodejs,python,yaml,private-network,migrate}; the others in examples_test.go), and a
// program using every input (the README's blocks: readme_test.go): each must preview and deploy without an error against the fake Azure.

// operationRun is what one operation of a program reported.
type operationRun struct {
	Operation string            `json:"operation"`
	Steps     []step            `json:"steps"`
	Outputs   map[string]output `json:"outputs"`
	Error     string            `json:"error"`
}

// previewThenUp checks that a program's preview and up both succeeded, that the preview
// announced what the up did, and returns the up's outputs.
func previewThenUp(t *testing.T, runs []operationRun) map[string]output {
	t.Helper()
	if len(runs) != 2 || runs[0].Operation != "preview" || runs[1].Operation != "up" {
		t.Fatalf("want a preview then an up, got %+v", runs)
	}
	for _, run := range runs {
		if run.Error != "" {
			t.Fatalf("%s failed: %s", run.Operation, run.Error)
		}
	}
	if creates := countOps(runs[0].Steps, "create"); creates == 0 || creates != countOps(runs[1].Steps, "create") {
		t.Errorf("the preview announced %d creates, the up made %d", creates, countOps(runs[1].Steps, "create"))
	}
	return runs[1].Outputs
}

func countOps(steps []step, op string) int {
	n := 0
	for _, s := range steps {
		if s.Op == op {
			n++
		}
	}
	return n
}

// runner runs a program file of one language: a preview, then an up, with config.
type runner func(t *testing.T, w *world, program string, config map[string]string) []operationRun

// The languages' runners. TypeScript and Python programs run through the Automation API (no
// language host for them here), Go programs too, YAML programs with the CLI.
var runners = map[string]runner{
	"typescript": func(t *testing.T, w *world, module string, config map[string]string) []operationRun {
		return runDriver(t, w, []string{"node", filepath.Join(repo, "tests/nodejs/build/tests/nodejs/run-program.js")},
			map[string]any{"module": module, "config": config})
	},
	"python": func(t *testing.T, w *world, program string, config map[string]string) []operationRun {
		return runDriver(t, w, []string{filepath.Join(repo, ".cache/venv/bin/python"), filepath.Join(repo, "tests/python/run_program.py")},
			map[string]any{"program": program, "config": config})
	},
	"yaml": func(t *testing.T, w *world, program string, config map[string]string) []operationRun {
		dir := t.TempDir()
		data, err := os.ReadFile(program)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "Pulumi.yaml"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		w.cli(dir, "stack", "init", "dev", "--secrets-provider", "passphrase")
		for key, value := range config {
			w.cli(dir, "config", "set", key, value)
		}
		var runs []operationRun
		for _, args := range [][]string{{"preview", "--json"}, {"up", "--yes", "--json"}} {
			out, err := engine.Run(dir, w.Environment(), args...)
			run := operationRun{Operation: args[0]}
			var diagnostics []string
			run.Steps, diagnostics = readJSONEvents(t, args[0], out)
			if err != nil {
				run.Error = strings.Join(diagnostics, "; ")
				if run.Error == "" {
					run.Error = err.Error()
				}
			}
			if args[0] == "up" && err == nil {
				var outputs map[string]any
				if err := json.Unmarshal([]byte(w.cli(dir, "stack", "output", "--json", "--show-secrets")), &outputs); err != nil {
					t.Fatal(err)
				}
				run.Outputs = map[string]output{}
				for k, v := range outputs {
					run.Outputs[k] = output{Value: v}
				}
			}
			runs = append(runs, run)
		}
		return runs
	},
}

// readJSONEvents reads what `pulumi preview --json` (one document) and `pulumi up --json` (the
// preview's document, then the engine's events) report: the resource steps (an up's from its
// events), and the messages of error diagnostics.
func readJSONEvents(t *testing.T, operation, out string) ([]step, []string) {
	t.Helper()
	type metadata struct {
		Op   string `json:"op"`
		Type string `json:"type"`
		URN  string `json:"urn"`
	}
	type diagnostic struct{ Message, Severity string }
	var documentSteps, eventSteps []step
	var errors []string
	decoder := json.NewDecoder(strings.NewReader(out))
	for decoder.More() {
		var value struct {
			Steps            []metadata
			Diagnostics      []diagnostic
			ResourcePreEvent *struct{ Metadata metadata }
			DiagnosticEvent  *diagnostic
		}
		if err := decoder.Decode(&value); err != nil {
			t.Fatalf("pulumi %s --json: %v\n%s", operation, err, out)
		}
		for _, s := range value.Steps {
			documentSteps = append(documentSteps, step{Op: s.Op, Type: s.Type, URN: s.URN})
		}
		if pre := value.ResourcePreEvent; pre != nil {
			eventSteps = append(eventSteps, step{Op: pre.Metadata.Op, Type: pre.Metadata.Type, URN: pre.Metadata.URN})
		}
		for _, d := range append(value.Diagnostics, ptrValues(value.DiagnosticEvent)...) {
			if d.Severity == "error" {
				errors = append(errors, strings.TrimSpace(d.Message))
			}
		}
	}
	if operation == "up" {
		return eventSteps, errors
	}
	return documentSteps, errors
}

func ptrValues[T any](p *T) []T {
	if p == nil {
		return nil
	}
	return []T{*p}
}

// runDriver runs a language's program runner with a request on stdin: one JSON line per
// operation on its stdout.
func runDriver(t *testing.T, w *world, command []string, request map[string]any) []operationRun {
	t.Helper()
	if request["config"] == nil || len(request["config"].(map[string]string)) == 0 {
		request["config"] = map[string]string{}
	}
	request["project"], request["stack"], request["workDir"] = "program", "dev", t.TempDir()
	request["env"], request["operations"] = w.Environment(), []string{"preview", "up"}
	in, err := json.Marshal(request)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(command[0], command[1:]...)
	cmd.Dir, cmd.Env, cmd.Stdin = repo, env, strings.NewReader(string(in))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s\n%s", strings.Join(command, " "), err, out, stderr.String())
	}
	var runs []operationRun
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var run operationRun
		if json.Unmarshal([]byte(line), &run) == nil && run.Operation != "" {
			runs = append(runs, run)
		}
	}
	return runs
}

// exampleWorld is a world holding what the examples are given: a vault (RBAC mode).
func exampleWorld(t *testing.T) (*world, map[string]string) {
	t.Helper()
	w := newWorld(t)
	vault := fakearm.ExistingVault("shared", "shared-kv", true)
	if err := w.Store.Seed(vault...); err != nil {
		t.Fatal(err)
	}
	return w, map[string]string{"resourceGroupName": "rg", "keyVaultId": vault[0].ID, "subnetId": subnetId, "workspaceId": workspaceId}
}

// Each example previews, then deploys, as a user runs it.
func TestExamplesPreviewThenUp(t *testing.T) {
	examples := map[string]string{
		"typescript": filepath.Join(repo, "tests/nodejs/build/examples/nodejs/index.js"),
		"python":     filepath.Join(repo, "examples/python/__main__.py"),
		"yaml":       filepath.Join(repo, "examples/yaml/Pulumi.yaml"),
	}
	for language, program := range examples {
		t.Run(language, func(t *testing.T) {
			w, config := exampleWorld(t)
			outputs := previewThenUp(t, runners[language](t, w, program, config))
			if host, _ := outputs["hostName"].Value.(string); !strings.HasSuffix(host, ".westeurope.redis.azure.net") {
				t.Errorf("hostName %v", outputs["hostName"].Value)
			}
			if uri, _ := outputs["sessionsSecretUri"].Value.(string); uri != "https://shared-kv.vault.azure.net/secrets/connectionstrings--sessions" {
				t.Errorf("sessionsSecretUri %v", outputs["sessionsSecretUri"].Value)
			}
			if ip, _ := outputs["privateIpAddress"].Value.(string); !strings.HasPrefix(ip, "10.0.") {
				t.Errorf("privateIpAddress %v", outputs["privateIpAddress"].Value)
			}
		})
	}
	// Two private caches in one virtual network, sharing the zone the program creates once.
	t.Run("private-network", func(t *testing.T) {
		// The README's recipe quotes the example's resources.
		example, err := os.ReadFile(filepath.Join(repo, "examples/private-network/Pulumi.yaml"))
		recipe := strings.TrimPrefix(readmeBlock(t, "### Two private caches in one virtual network", "yaml"), "resources:\n")
		if err != nil || !strings.Contains(string(example), recipe) {
			t.Errorf("the README's recipe is not examples/private-network's resources (%v):\n%s", err, recipe)
		}
		w := newWorld(t)
		outputs := previewThenUp(t, runners["yaml"](t, w, filepath.Join(repo, "examples/private-network/Pulumi.yaml"),
			map[string]string{"resourceGroupName": "rg", "subnetId": subnetId}))
		for _, cache := range []string{"sessions", "jobs"} {
			if ip, _ := outputs[cache+"PrivateIp"].Value.(string); !strings.HasPrefix(ip, "10.0.") {
				t.Errorf("%sPrivateIp %v", cache, outputs[cache+"PrivateIp"].Value)
			}
		}
		for typ, want := range map[string]int{fakearm.PrivateZoneType: 1, fakearm.NetworkLinkType: 1, fakearm.PrivateEndpointType: 2} {
			if n := resourcesOfType(t, w, typ); n != want {
				t.Errorf("%d of %s, want %d", n, typ, want)
			}
		}
	})
	// examples/migrate: a cache that succeeds a Standard C1 classic cache and takes its host
	// name over in the same up.
	t.Run("migrate", func(t *testing.T) {
		w := newWorld(t)
		source := fakearm.ClassicCache("legacy", "sessions-old", "westeurope", "Standard", "C", 1, 0, nil)
		if err := w.Store.Seed(source); err != nil {
			t.Fatal(err)
		}
		outputs := previewThenUp(t, runners["yaml"](t, w, filepath.Join(repo, "examples/migrate/Pulumi.yaml"),
			map[string]string{"resourceGroupName": "rg", "sourceCacheId": source.ID}))
		if migration, _ := outputs["migration"].Value.(map[string]any); migration["sku"] != "Balanced_B1" ||
			migration["sourceHostName"] != "sessions-old.redis.cache.windows.net" || migration["state"] != "Completed" {
			t.Errorf("migration %v", outputs["migration"].Value)
		}
		if outputs["authentication"].Value != "AccessKey" {
			t.Errorf("authentication %v, want AccessKey from a source that allows keys", outputs["authentication"].Value)
		}
	})
	// examples/go is package main: its own test runs it with the engine (a preview, then an up),
	// in this world.
	t.Run("go", func(t *testing.T) {
		w, _ := exampleWorld(t)
		cmd := exec.Command("go", "test", "-count=1", "-run", "^TestExampleWithTheEngine$", "-v", "./examples/go")
		cmd.Dir, cmd.Env = repo, append(append([]string{}, env...), pairs(w.Environment())...)
		cmd.Env = append(cmd.Env, "AMR_ENGINE_TESTS=1")
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "--- PASS: TestExampleWithTheEngine") {
			t.Fatalf("examples/go with the engine: %v\n%s", err, out)
		}
	})
}

func pairs(m map[string]string) []string {
	var out []string
	for k, v := range m {
		out = append(out, k+"="+v)
	}
	return out
}

// readmeBlock is the code block of a language under a README heading.
func readmeBlock(t *testing.T, heading, language string) string {
	t.Helper()
	readme, err := os.ReadFile(filepath.Join(repo, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	start := strings.Index(string(readme), heading)
	if start < 0 {
		t.Fatalf("README.md has no %q", heading)
	}
	block := regexp.MustCompile("(?s)```" + language + "\n(.*?)```").FindStringSubmatch(string(readme)[start:])
	if block == nil {
		t.Fatalf("README.md has no ```%s block under %q", language, heading)
	}
	return block[1]
}

func expectAppSettings(t *testing.T, settings any) {
	t.Helper()
	m, _ := settings.(map[string]any)
	if host, _ := m["CACHE_HOST"].(string); !strings.HasSuffix(host, ".redis.azure.net") || m["ConnectionStrings__cache"] != host+":10000,ssl=true" {
		t.Errorf("appSettings %v", settings)
	}
}

// A program using every input of both components previews and deploys on the fake, and a
// second up changes nothing: the fake answers everything the component asks of it.
func TestTheFakeTakesEveryInput(t *testing.T) {
	w := newWorld(t)
	seeds := append(fakearm.ExistingVault("shared", "shared-kv", true), fakearm.ExistingVault("keys", "keys-kv", true)...)
	seeds = append(seeds, fakearm.ExistingCache("shared", "legacy-cache", "westeurope", "Enabled")...)
	if err := w.Store.Seed(seeds...); err != nil {
		t.Fatal(err)
	}
	config := map[string]string{"keyVaultId": seeds[0].ID, "keysVaultId": seeds[1].ID, "keyUrl": keyUrl, "subnetId": subnetId,
		"workspaceId": workspaceId, "zoneId": zoneId}
	program := filepath.Join(repo, "tests/e2e/testdata/every-input/Pulumi.yaml")
	outputs := previewThenUp(t, runners["yaml"](t, w, program, config))
	for _, name := range []string{"fullHost", "legacyHost", "aofHost", "existingHost"} {
		if host, _ := outputs[name].Value.(string); !strings.HasSuffix(host, ".redis.azure.net") {
			t.Errorf("%s %v", name, outputs[name].Value)
		}
	}
}
