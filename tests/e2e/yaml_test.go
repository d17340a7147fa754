package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
	"github.com/managedredis/pulumi-azure-managed-redis/tests/fakeazure"
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

// In YAML: a cache that succeeds an Azure Cache for Redis cache. Its SKU and settings come from
// the source; a second up changes nothing; once the source is deleted, preview and up still
// change nothing. Each kind of source gets the mapping table's SKU.
func TestYamlMigrateFrom(t *testing.T) {
	tests := []struct {
		name                          string
		source                        fakearm.Seed
		sku, highAvailability, policy string
		sourceSku                     string
		deleteSource                  bool
		notCarried                    string // in the one warning at preview; "" for none
	}{
		{"Standard C1", fakearm.ClassicCache("rg-classic", "old", "eastus", "Standard", "C", 1, 0, nil),
			"Balanced_B1", "Enabled", "EnterpriseCluster", "Standard C1", true, ""},
		{"Premium P2 x3", fakearm.ClassicCache("rg-classic", "old", "eastus", "Premium", "P", 2, 3,
			map[string]any{"redisConfiguration": map[string]any{"aofBackupEnabled": "true"}, "zones": []any{"1"}}),
			"Balanced_B50", "Enabled", "OSSCluster", "Premium P2 x3", false, "persistence, zones"},
		{"Basic C0", fakearm.ClassicCache("rg-classic", "old", "eastus", "Basic", "C", 0, 0, map[string]any{"enableNonSslPort": true}),
			"Balanced_B0", "Disabled", "EnterpriseCluster", "Basic C0", false, "the non-TLS port"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t)
			if err := w.Store.Seed(tt.source); err != nil {
				t.Fatal(err)
			}
			dir := yamlProject(t, "tests/e2e/testdata/migrate/Pulumi.yaml")
			w.cli(dir, "stack", "init", "dev", "--secrets-provider", "passphrase")
			w.cli(dir, "config", "set", "cacheId", tt.source.ID)
			preview := w.cli(dir, "preview")
			// One warning (the CLI shows it on the resource's line, and once under Diagnostics).
			_, diagnostics, _ := strings.Cut(preview, "Diagnostics:")
			warning := "warning: migrateFrom: the new cache does not have these settings of the source: " + tt.notCarried + " ("
			if n := strings.Count(diagnostics, warning); (tt.notCarried != "") != (n == 1) || strings.Count(diagnostics, "migrateFrom:") > 1 {
				t.Errorf("%d warnings %q at preview, want one if anything is not carried:\n%s", n, warning, preview)
			}
			w.cli(dir, "up", "--yes", "--skip-preview")
			var outputs map[string]any
			if err := json.Unmarshal([]byte(w.cli(dir, "stack", "output", "--json")), &outputs); err != nil {
				t.Fatal(err)
			}
			migration, _ := outputs["migration"].(map[string]any)
			if migration["sku"] != tt.sku || migration["sourceSku"] != tt.sourceSku || migration["state"] != "NotStarted" ||
				migration["sourceHostName"] != "old.redis.cache.windows.net" {
				t.Errorf("migration %v", migration)
			}
			cluster, database := oneOfType(t, w, clusterType), oneOfType(t, w, databaseType)
			if sku, _ := cluster.Properties["sku"].(map[string]any); sku["name"] != tt.sku ||
				cluster.Properties["highAvailability"] != tt.highAvailability || cluster.Properties["location"] != "eastus" {
				t.Errorf("cluster %v", cluster.Properties)
			}
			if tags, _ := cluster.Properties["tags"].(map[string]any); tags["team"] != "cache" || tags["source"] != "old" {
				t.Errorf("cluster tags %v", cluster.Properties["tags"])
			}
			if database.Properties["clusteringPolicy"] != tt.policy || database.Properties["accessKeysAuthentication"] != "Enabled" {
				t.Errorf("database %v", database.Properties)
			}
			// The source is read, never written.
			if source, err := w.Store.Get(tt.source.ID); err != nil || source == nil || fmt.Sprint(source.Properties["sku"]) != fmt.Sprint(tt.source.Properties["sku"]) {
				t.Errorf("source %v %v", source, err)
			}
			if writes := w.Store.Lines("writes"); len(writes) != 0 {
				t.Errorf("the source was written: %v", writes)
			}
			written := azureWrites(w)
			w.cli(dir, "up", "--yes", "--expect-no-changes")
			if !tt.deleteSource {
				return
			}
			// Day 2: the source is deleted (Microsoft keeps its host name working); nothing changes.
			if err := w.Store.Delete(tt.source.ID); err != nil {
				t.Fatal(err)
			}
			w.cli(dir, "preview", "--expect-no-changes")
			w.cli(dir, "up", "--yes", "--expect-no-changes")
			if after := azureWrites(w); after != written {
				t.Errorf("%d writes after the first up, want none", after-written)
			}
		})
	}
}

// In YAML: refusals at preview, before any write, each naming the input and the reason.
func TestYamlMigrateFromRefusals(t *testing.T) {
	source := fakearm.ClassicCache("rg-classic", "old", "eastus", "Standard", "C", 1, 0, nil)
	injected := fakearm.ClassicCache("rg-classic", "injected", "eastus", "Premium", "P", 1, 0,
		map[string]any{"subnetId": "/subscriptions/" + fakearm.Subscription + "/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/v/subnets/s"})
	tests := []struct {
		name   string
		config map[string]string
		want   []string
	}{
		{"switchDns from a VNet-injected source", map[string]string{"cacheId": injected.ID, "switchDns": "true"},
			[]string{"migrateFrom.switchDns", "injected into a virtual network"}},
		{"Entra ID only while the source's clients use keys", map[string]string{"authentication": "EntraId"}, []string{"authentication", "would stop working"}},
		{"an Enterprise cache", map[string]string{"cacheId": "/subscriptions/" + fakearm.Subscription + "/resourceGroups/g/providers/Microsoft.Cache/redisEnterprise/e"},
			[]string{"migrateFrom.cacheId", "Enterprise migration tooling"}},
		{"a source that does not exist", map[string]string{"cacheId": fakearm.ClassicCacheId("rg-classic", "gone")},
			[]string{"migrateFrom.cacheId", "was not found"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t)
			if err := w.Store.Seed(source, injected); err != nil {
				t.Fatal(err)
			}
			dir := yamlProject(t, "tests/e2e/testdata/migrate/Pulumi.yaml")
			w.cli(dir, "stack", "init", "dev", "--secrets-provider", "passphrase")
			w.cli(dir, "config", "set", "cacheId", source.ID)
			for k, v := range tt.config {
				w.cli(dir, "config", "set", k, v)
			}
			out, err := engine.Run(dir, w.Environment(), "preview")
			if err == nil {
				t.Fatal("the preview succeeded")
			}
			for _, want := range tt.want {
				if !strings.Contains(out, want) {
					t.Errorf("preview output lacks %q:\n%s", want, out)
				}
			}
			if n := azureWrites(w); n != 0 {
				t.Errorf("the refused preview wrote to Azure %d times", n)
			}
		})
	}
}

// In YAML: without authentication, a source id that is not known at preview is refused, naming
// the input to write, since the authentication decides which resources exist.
func TestYamlMigrateFromAnIdNotKnownAtPreview(t *testing.T) {
	w := newWorld(t)
	dir := yamlProject(t, "tests/e2e/testdata/migrate-unknown/Pulumi.yaml")
	w.cli(dir, "stack", "init", "dev", "--secrets-provider", "passphrase")
	out, err := engine.Run(dir, w.Environment(), "preview")
	if err == nil || !strings.Contains(out, `"authentication"`) || !strings.Contains(out, "migrateFrom.cacheId is not known yet") {
		t.Errorf("preview: %v\n%s", err, out)
	}
	if n := azureWrites(w); n != 0 {
		t.Errorf("the refused preview wrote to Azure %d times", n)
	}
}

// oneOfType is the one resource of a type in the fake Azure.
func oneOfType(t *testing.T, w *world, typ string) fakeazure.Resource {
	t.Helper()
	all, err := w.Store.All()
	if err != nil {
		t.Fatal(err)
	}
	var found []fakeazure.Resource
	for _, r := range all {
		if r.Type == typ {
			found = append(found, r)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d resources of type %s, want 1", len(found), typ)
	}
	return found[0]
}
