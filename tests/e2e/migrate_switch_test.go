package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
	"github.com/managedredis/pulumi-azure-managed-redis/tests/fakeazure"
)

// The host name switch (migrateFrom.switchDns) in YAML, through the package's own Migration
// resource and the fake Azure's ARM endpoint, which takes only tokens the fake azure-native
// issued (getClientToken, one per provider) and logs whose each call carried.

// migrationOf is the migration output after an up.
func migrationOf(t *testing.T, w *world, dir string) map[string]any {
	t.Helper()
	var outputs map[string]any
	if err := json.Unmarshal([]byte(w.cli(dir, "stack", "output", "--json")), &outputs); err != nil {
		t.Fatal(err)
	}
	migration, _ := outputs["migration"].(map[string]any)
	return migration
}

// migrateProgram is a world holding a Standard C1 classic cache (extra: its properties that
// differ) and the YAML program at path, with a stack whose cacheId is the source's.
func migrateProgram(t *testing.T, path string, extra map[string]any) (*world, string, fakearm.Seed) {
	t.Helper()
	w := newWorld(t)
	source := fakearm.ClassicCache("rg-classic", "old", fakearm.DefaultLocation, "Standard", "C", 1, 0, extra)
	if err := w.Store.Seed(source); err != nil {
		t.Fatal(err)
	}
	dir := yamlProject(t, path)
	w.cli(dir, "stack", "init", "dev", "--secrets-provider", "passphrase")
	w.cli(dir, "config", "set", "cacheId", source.ID)
	return w, dir, source
}

// armCalls are the ARM endpoint's calls whose path holds part ("" for all).
func armCalls(w *world, part string) []string {
	var calls []string
	for _, line := range w.Store.Lines("arm") {
		if strings.Contains(line, part) {
			calls = append(calls, line)
		}
	}
	return calls
}

// Plan in one up, switch in a second, then undo: nothing else changes, one migration is started,
// Azure's states are the output's, every call carries the default provider's token; a second
// preview is clean, and deleting the source afterwards changes nothing.
func TestYamlMigratePlanSwitchUndo(t *testing.T) {
	w, dir, source := migrateProgram(t, "tests/e2e/testdata/migrate/Pulumi.yaml",
		map[string]any{"redisConfiguration": map[string]any{"rdbBackupEnabled": "true"}})
	w.cli(dir, "up", "--yes", "--skip-preview")
	if m := migrationOf(t, w, dir); m["state"] != "NotStarted" || len(armCalls(w, "")) != 0 {
		t.Fatalf("plan: %v, ARM calls %v", m, armCalls(w, ""))
	}

	w.cli(dir, "config", "set", "switchDns", "true")
	preview := w.cli(dir, "preview")
	if strings.Contains(preview, "replace") || !strings.Contains(preview, "1 to update") || !strings.Contains(preview, "Persistence:") {
		t.Errorf("the switch's preview (an update of the migration, the validation's warning):\n%s", preview)
	}
	// Validate twice: the spec's flat body, then the envelope the service deployed today wants.
	if len(armCalls(w, "/validate")) != 2 || len(armCalls(w, "PUT ")) != 0 {
		t.Errorf("the preview's ARM calls: %v", armCalls(w, ""))
	}
	written := azureWrites(w)
	w.cli(dir, "up", "--yes", "--skip-preview")
	if m := migrationOf(t, w, dir); m["state"] != "Completed" || m["sku"] != "Balanced_B1" {
		t.Errorf("switched: %v", m)
	}
	if puts := armCalls(w, "PUT "); len(puts) != 1 || azureWrites(w) != written+1 {
		t.Errorf("%d migration PUTs and %d writes for the switch, want 1 and 1", len(puts), azureWrites(w)-written)
	}
	for _, call := range armCalls(w, "") {
		if !strings.HasSuffix(call, "::pulumi:providers:azure-native::default_3_28_0") {
			t.Errorf("%q: not the default azure-native provider's token", call)
		}
	}
	w.cli(dir, "preview", "--expect-no-changes")

	// The source deleted afterwards (Microsoft keeps its host name working): nothing changes.
	if err := w.Store.Delete(source.ID); err != nil {
		t.Fatal(err)
	}
	w.cli(dir, "preview", "--expect-no-changes")
	w.cli(dir, "up", "--yes", "--expect-no-changes")

	// Undo: the old host name points at the source again.
	w.cli(dir, "config", "set", "switchDns", "false")
	w.cli(dir, "up", "--yes", "--skip-preview")
	if m := migrationOf(t, w, dir); m["state"] != "Cancelled" || len(armCalls(w, "/cancel")) != 1 {
		t.Errorf("undone: %v, cancels %v", m, armCalls(w, "/cancel"))
	}
	w.cli(dir, "preview", "--expect-no-changes")
}

// The usual program: a resource group created by it (unknown at preview) and an explicit
// azure-native provider; the source decides the authentication and the switch happens in the
// same up, after every other write, with the explicit provider's token. Destroy leaves the
// migration in Azure and says so.
func TestYamlMigrateInOneUpWithAnExplicitProvider(t *testing.T) {
	w, dir, _ := migrateProgram(t, "tests/e2e/testdata/migrate-explicit/Pulumi.yaml", nil)

	// Entra ID only over a source whose clients use keys: refused at preview, the resource group
	// unknown, nothing written.
	w.cli(dir, "config", "set", "authentication", "EntraId")
	if out, err := engine.Run(dir, w.Environment(), "preview"); err == nil || !strings.Contains(out, "would stop working") {
		t.Errorf("Entra ID over keys: %v\n%s", err, out)
	}
	w.cli(dir, "config", "rm", "authentication")
	w.cli(dir, "preview")
	if n := azureWrites(w); n != 0 {
		t.Fatalf("the previews wrote to Azure %d times", n)
	}

	out := w.cli(dir, "up", "--yes", "--skip-preview")
	if m := migrationOf(t, w, dir); m["state"] != "Completed" {
		t.Errorf("migration %v\n%s", m, out)
	}
	calls := w.Store.Lines("calls")
	lastWrite := -1
	for i, line := range calls {
		if strings.HasPrefix(line, "Create ") || strings.HasPrefix(line, "Update ") {
			lastWrite = i
		}
	}
	put := slices.IndexFunc(calls, func(l string) bool { return strings.HasPrefix(l, "ARM PUT ") })
	if put < 0 || put < lastWrite {
		t.Errorf("the migration did not start after every other write:\n%s", strings.Join(calls, "\n"))
	}
	for _, call := range armCalls(w, "") {
		if !strings.HasSuffix(call, "::pulumi:providers:azure-native::explicit") {
			t.Errorf("%q: not the explicit provider's token", call)
		}
	}
	w.cli(dir, "preview", "--expect-no-changes")

	before := len(armCalls(w, ""))
	destroyed := w.cli(dir, "destroy", "--yes", "--skip-preview")
	if !strings.Contains(destroyed, "stays in Azure") || len(armCalls(w, "")) != before {
		t.Errorf("destroy: ARM calls %v\n%s", armCalls(w, "")[before:], destroyed)
	}
	if left := resourcesOfType(t, w, fakeazure.MigrationType); left != 1 {
		t.Errorf("%d migrations in Azure after destroy, want the one left", left)
	}
}

// Azure's validation refuses a TLS 1.0 source at preview, naming the disparity, and an up
// without preview refuses it too: nothing is written either way.
func TestYamlMigrateValidationRefuses(t *testing.T) {
	w, dir, _ := migrateProgram(t, "tests/e2e/testdata/migrate/Pulumi.yaml", map[string]any{"minimumTlsVersion": "1.0"})
	w.cli(dir, "up", "--yes", "--skip-preview")
	written := azureWrites(w)
	w.cli(dir, "config", "set", "switchDns", "true")
	for _, op := range [][]string{{"preview"}, {"up", "--yes", "--skip-preview"}} {
		out, err := engine.Run(dir, w.Environment(), op...)
		if err == nil || !strings.Contains(out, `invalid input "migrateFrom.switchDns"`) || !strings.Contains(out, "TLS:") {
			t.Errorf("%s: %v\n%s", op[0], err, out)
		}
	}
	if n := azureWrites(w); n != written {
		t.Errorf("%d writes after the refusals", n-written)
	}
}

// Day 2, a read that fails (throttled, its text holding "404" in a correlation id) fails the
// run and changes nothing: the cache is not taken for absent.
func TestYamlMigrateAFailedReadChangesNothing(t *testing.T) {
	w, dir, _ := migrateProgram(t, "tests/e2e/testdata/migrate/Pulumi.yaml", nil)
	w.cli(dir, "up", "--yes", "--skip-preview")
	written := azureWrites(w)
	w.Fail = fakearm.GetRedisEnterprise
	for _, op := range [][]string{{"preview"}, {"up", "--yes", "--skip-preview"}} {
		if out, err := engine.Run(dir, w.Environment(), op...); err == nil || !strings.Contains(out, "RESPONSE 429") {
			t.Errorf("%s with a throttled read: %v\n%s", op[0], err, out)
		}
	}
	if n := azureWrites(w); n != written {
		t.Errorf("%d writes after the failed reads", n-written)
	}
	w.Fail = ""
	w.cli(dir, "preview", "--expect-no-changes")
}

// A tag removed from the program is removed from the cache (the source's stay).
func TestYamlMigrateTagsFollowTheProgram(t *testing.T) {
	w, dir, _ := migrateProgram(t, "tests/e2e/testdata/migrate/Pulumi.yaml", nil)
	w.cli(dir, "up", "--yes", "--skip-preview")
	program := filepath.Join(dir, "Pulumi.yaml")
	data, err := os.ReadFile(program)
	if err != nil {
		t.Fatal(err)
	}
	without := strings.Replace(string(data), "      tags:\n        team: cache\n", "", 1)
	if without == string(data) {
		t.Fatal("the program has no tags to remove")
	}
	if err := os.WriteFile(program, []byte(without), 0o644); err != nil {
		t.Fatal(err)
	}
	w.cli(dir, "up", "--yes", "--skip-preview")
	cluster := oneOfType(t, w, clusterType)
	if tags, _ := cluster.Properties["tags"].(map[string]any); len(tags) != 1 || tags["source"] != "old" {
		t.Errorf("cluster tags %v, want only the source's", cluster.Properties["tags"])
	}
	w.cli(dir, "preview", "--expect-no-changes")
}
