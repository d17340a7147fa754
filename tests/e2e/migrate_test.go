package e2e

import (
	"strings"
	"testing"

	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
)

func TestMigrateFromAClassicCache(t *testing.T) { forEachLanguage(t, migrateFrom) }

// A cache that succeeds a clustered Premium P2 x3 classic cache, through each language's
// program: the mapping table's SKU by total memory, OSSCluster, the migration output over the
// wire; a second up changes nothing; then, with the source deleted, neither preview nor up
// changes anything. A Standard source with Entra ID only is refused at preview, writing nothing.
func migrateFrom(t *testing.T, l language) {
	w := newWorld(t)
	source := fakearm.ClassicCache("rg-classic", "old", "eastus", "Premium", "P", 2, 3,
		map[string]any{"redisConfiguration": map[string]any{"maxmemoryPolicy": "allkeys-lru", "notifyKeyspaceEvents": "KEA"}})
	keys := fakearm.ClassicCache("rg-classic", "keys", "eastus", "Standard", "C", 1, 0, nil)
	if err := w.Store.Seed(source, keys); err != nil {
		t.Fatal(err)
	}
	refused := newStack(t, l, w, "refused")
	resp := refused.run("preview", spec{ResourceGroupName: "rg", Authentication: "EntraId", MigrateFrom: keys.ID})
	if !contains(resp.Error, "authentication", "would stop working") {
		t.Errorf("preview of Entra ID over a source with keys: %q", resp.Error)
	}
	if n := azureWrites(w); n != 0 {
		t.Fatalf("the refused preview wrote to Azure %d times", n)
	}

	s := newStack(t, l, w, "dev")
	// No authentication: the source decides it (AccessKey: it allows keys), read while the
	// program runs.
	sp := spec{ResourceGroupName: "rg", MigrateFrom: source.ID}
	s.mustRun("preview", sp)
	up := s.mustRun("up", sp)
	if up.Outputs["authentication"].Value != "AccessKey" {
		t.Errorf("authentication %v, want AccessKey from a source that allows keys", up.Outputs["authentication"].Value)
	}
	migration, _ := up.Outputs["migration"].Value.(map[string]any)
	notCarried, _ := migration["notCarried"].([]any)
	if migration["sku"] != "MemoryOptimized_M50" || migration["sourceSku"] != "Premium P2 x3" || migration["state"] != "NotStarted" ||
		len(notCarried) != 1 || notCarried[0] != "keyspace notifications" {
		t.Errorf("migration %v", up.Outputs["migration"].Value)
	}
	cluster, database := oneOfType(t, w, clusterType), oneOfType(t, w, databaseType)
	if sku, _ := cluster.Properties["sku"].(map[string]any); sku["name"] != "MemoryOptimized_M50" || cluster.Properties["location"] != "eastus" {
		t.Errorf("cluster %v", cluster.Properties)
	}
	if database.Properties["clusteringPolicy"] != "OSSCluster" || database.Properties["evictionPolicy"] != "AllKeysLRU" {
		t.Errorf("database %v", database.Properties)
	}
	written := azureWrites(w)
	if changed := changes(s.mustRun("up", sp)); len(changed) > 0 {
		t.Errorf("the second up changed %v", changed)
	}
	if err := w.Store.Delete(source.ID); err != nil {
		t.Fatal(err)
	}
	for _, op := range []string{"preview", "up"} {
		if changed := changes(s.mustRun(op, sp)); len(changed) > 0 {
			t.Errorf("%s with the source deleted changed %v", op, changed)
		}
	}
	if after := azureWrites(w); after != written {
		t.Errorf("%d writes after the first up, want none", after-written)
	}
	if writes := w.Store.Lines("writes"); len(writes) != 0 {
		t.Errorf("seeded resources written: %v", writes)
	}
}

// contains says whether s holds every one of parts.
func contains(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

// changes are the steps that are not "same".
func changes(r response) []step {
	var changed []step
	for _, st := range r.Steps {
		if st.Op != "same" {
			changed = append(changed, st)
		}
	}
	return changed
}
