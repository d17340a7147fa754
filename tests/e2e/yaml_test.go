package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
)

// yamlProject copies a YAML program into a folder of its own.
func yamlProject(t *testing.T, program string) string {
	t.Helper()
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join(repo, program))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "Pulumi.yaml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// examples/yaml runs with a plain `pulumi preview`, then `pulumi up`, in its folder (a copy), on
// the YAML language host built by `make cli`.
func TestYamlExampleWithPlainPulumiUp(t *testing.T) {
	w := newWorld(t)
	dir := yamlProject(t, "examples/yaml/Pulumi.yaml")
	given := fakearm.ExistingVault("shared", "shared-kv", true)
	if err := w.Store.Seed(given...); err != nil {
		t.Fatal(err)
	}
	vault := given[0].ID
	w.cli(dir, "stack", "init", "dev", "--secrets-provider", "passphrase")
	w.cli(dir, "config", "set", "resourceGroupName", "rg")
	w.cli(dir, "config", "set", "keyVaultId", vault)
	w.cli(dir, "config", "set", "subnetId", subnetId)
	w.cli(dir, "config", "set", "workspaceId", workspaceId)

	w.cli(dir, "preview")
	w.cli(dir, "up", "--yes")
	var outputs map[string]any
	if err := json.Unmarshal([]byte(w.cli(dir, "stack", "output", "--json")), &outputs); err != nil {
		t.Fatal(err)
	}
	host, _ := outputs["hostName"].(string)
	if !strings.HasSuffix(host, ".westeurope.redis.azure.net") {
		t.Errorf("hostName %q", host)
	}
	settings, _ := outputs["appSettings"].(map[string]any)
	if settings["ConnectionStrings__cache"] != host+":10000,ssl=true" {
		t.Errorf("appSettings %v", settings)
	}
	if uri, _ := outputs["sessionsSecretUri"].(string); uri != "https://shared-kv.vault.azure.net/secrets/connectionstrings--sessions" {
		t.Errorf("sessionsSecretUri %q", uri)
	}
	if assignments := resourcesOfType(t, w, assignmentType); assignments != 2 {
		t.Errorf("%d access policy assignments for the two identities, want 2", assignments)
	}
	if ip, _ := outputs["privateIpAddress"].(string); !strings.HasPrefix(ip, "10.") {
		t.Errorf("privateIpAddress %q", ip)
	}
	if n := resourcesOfType(t, w, fakearm.DiagnosticType); n != 2 {
		t.Errorf("%d diagnostic settings, want 2", n)
	}

	// A second up changes nothing.
	w.cli(dir, "up", "--yes", "--skip-preview", "--expect-no-changes")

	w.cli(dir, "destroy", "--yes", "--skip-preview")
	if left, _ := w.Store.All(); len(left) != 1 || left[0].ID != vault {
		t.Errorf("destroy left %v, want only the given vault", left)
	}
}

func resourcesOfType(t *testing.T, w *world, typ string) int {
	t.Helper()
	all, err := w.Store.All()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range all {
		if r.Type == typ {
			n++
		}
	}
	return n
}

// The program that showed Aspire's parallel-assignment bug, in YAML: a cache and two
// ManagedRedisAccess built from its outputs.
func TestYamlTwoStandaloneAccesses(t *testing.T) {
	w := newWorld(t)
	dir := yamlProject(t, "tests/e2e/testdata/two-accesses/Pulumi.yaml")
	w.cli(dir, "stack", "init", "dev", "--secrets-provider", "passphrase")
	w.cli(dir, "up", "--yes", "--skip-preview")
	if assignments := resourcesOfType(t, w, assignmentType); assignments != 3 {
		t.Errorf("%d access policy assignments, want 3", assignments)
	}
	if conflicts := conflictsIn(w); len(conflicts) > 0 {
		t.Errorf("Azure saw parallel access policy assignments: %v", conflicts)
	}
	w.cli(dir, "destroy", "--yes", "--skip-preview")
}

// In YAML: one line of assignments per database (two caches, their principals and an access
// each), control-plane roles and the secondary key as outputs, a rename with aliases that
// writes nothing, and deletes in line too.
func TestYamlAccessThatHoldsOnEveryEdit(t *testing.T) {
	w := newWorld(t)
	w.Latency = assignmentLatency
	dir := yamlProject(t, "tests/e2e/testdata/access/Pulumi.yaml")
	w.cli(dir, "stack", "init", "dev", "--secrets-provider", "passphrase")
	w.cli(dir, "up", "--yes", "--skip-preview")
	writes := assignmentWrites(t, w)
	checkLines(t, "up", writes, 3)

	var outputs map[string]any
	if err := json.Unmarshal([]byte(w.cli(dir, "stack", "output", "--json", "--show-secrets")), &outputs); err != nil {
		t.Fatal(err)
	}
	clusterId, _ := outputs["clusterId"].(string)
	if ids, _ := outputs["roleAssignmentIds"].([]any); len(ids) != 1 ||
		!strings.HasPrefix(ids[0].(string), clusterId+"/providers/Microsoft.Authorization/roleAssignments/") {
		t.Errorf("roleAssignmentIds %v, want one on %s", outputs["roleAssignmentIds"], clusterId)
	}
	if secondary, _ := outputs["secondaryAccessKey"].(string); secondary == "" || secondary == outputs["primaryAccessKey"] {
		t.Errorf("secondaryAccessKey %q, primary %q", secondary, outputs["primaryAccessKey"])
	}
	if secret := w.cli(dir, "stack", "output", "secondaryAccessKey"); !strings.Contains(secret, "[secret]") {
		t.Errorf("secondaryAccessKey shown as %q, want [secret]", secret)
	}

	written := azureWrites(w)
	w.cli(dir, "config", "set", "apiName", "web")
	w.cli(dir, "config", "set", "--path", "apiAliases[0]", "api")
	w.cli(dir, "up", "--yes", "--expect-no-changes")
	if after := azureWrites(w); after != written {
		t.Errorf("renaming with aliases wrote to Azure: %d writes, before %d", after, written)
	}

	w.cli(dir, "destroy", "--yes", "--skip-preview")
	checkLines(t, "destroy", assignmentWrites(t, w)[len(writes):], 3)
	if conflicts := conflictsIn(w); len(conflicts) > 0 {
		t.Errorf("Azure refused writes: %v", conflicts)
	}
}

// In YAML: two private caches in one virtual network, no zone given, are refused at preview,
// saying what to do, before any write.
func TestYamlTwoPrivateCachesNeedOneZone(t *testing.T) {
	w := newWorld(t)
	dir := yamlProject(t, "tests/e2e/testdata/two-private-caches/Pulumi.yaml")
	w.cli(dir, "stack", "init", "dev", "--secrets-provider", "passphrase")
	w.cli(dir, "config", "set", "subnetId", subnetId)
	out, err := engine.Run(dir, w.Environment(), "preview")
	if err == nil {
		t.Fatal("the preview succeeded")
	}
	for _, want := range []string{"privateEndpoint.privateDnsZoneId", "already creates the private DNS zone",
		"pass its id as privateEndpoint.privateDnsZoneId"} {
		if !strings.Contains(out, want) {
			t.Errorf("preview output lacks %q:\n%s", want, out)
		}
	}
	if n := azureWrites(w); n != 0 {
		t.Errorf("the refused preview wrote to Azure %d times", n)
	}
}
