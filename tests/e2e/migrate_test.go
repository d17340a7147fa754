package e2e

import (
	"strings"
	"testing"

	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
)

func TestMigrateFromAClassicCache(t *testing.T) { forEachLanguage(t, migrateFrom) }

// A cache that succeeds a clustered Premium P2 x3 classic cache, through each language's
// program: the mapping table's SKU by total memory (Balanced), OSSCluster, the migration output
// over the wire; a second up changes nothing; switchDns then takes the source's host name over
// through the package's own Migration (one migration started, with the default azure-native
// provider's token), and with the source deleted afterwards neither preview nor up changes
// anything. A Standard source with Entra ID only is refused at preview, writing nothing.
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
	if migration["sku"] != "Balanced_B50" || migration["sourceSku"] != "Premium P2 x3" || migration["state"] != "NotStarted" ||
		len(notCarried) != 1 || notCarried[0] != "keyspace notifications" {
		t.Errorf("migration %v", up.Outputs["migration"].Value)
	}
	cluster, database := oneOfType(t, w, clusterType), oneOfType(t, w, databaseType)
	if sku, _ := cluster.Properties["sku"].(map[string]any); sku["name"] != "Balanced_B50" || cluster.Properties["location"] != "eastus" {
		t.Errorf("cluster %v", cluster.Properties)
	}
	if database.Properties["clusteringPolicy"] != "OSSCluster" || database.Properties["evictionPolicy"] != "AllKeysLRU" {
		t.Errorf("database %v", database.Properties)
	}
	if changed := changes(s.mustRun("up", sp)); len(changed) > 0 {
		t.Errorf("the second up changed %v", changed)
	}
	sp.SwitchDns = true
	switched := s.mustRun("up", sp)
	if migration, _ := switched.Outputs["migration"].Value.(map[string]any); migration["state"] != "Completed" {
		t.Errorf("after the switch: migration %v", switched.Outputs["migration"].Value)
	}
	if changed := changes(switched); len(changed) != 1 || changed[0].Type != "azure-managed-redis:index:Migration" || changed[0].Op != "update" {
		t.Errorf("the switch changed %v, want the migration updated alone", changed)
	}
	if puts := armCalls(w, "PUT "); len(puts) != 1 || !strings.HasSuffix(puts[0], "pulumi:providers:azure-native::default_3_28_0") {
		t.Errorf("migration PUTs %v", puts)
	}
	written := azureWrites(w)
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
