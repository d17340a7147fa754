package e2e

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/managedredis/pulumi-azure-managed-redis/tests/fakeazure"
)

const (
	principalA = "11111111-1111-1111-1111-111111111111"
	principalB = "22222222-2222-2222-2222-222222222222"
	principalC = "33333333-3333-3333-3333-333333333333"
)

// languages are the ways a user writes the program: the Go library in-process, and the
// generated SDKs through their Automation API drivers.
var languages = []language{
	golang{},
	driver{language: "typescript", command: []string{"node", "tests/nodejs/build/tests/nodejs/e2e-driver.js"}},
	driver{language: "python", command: []string{".cache/venv/bin/python", "tests/python/e2e_driver.py"}},
}

func TestLifecycle(t *testing.T) {
	for _, l := range languages {
		t.Run(l.name(), func(t *testing.T) { lifecycle(t, l) })
	}
}

func TestExistingCacheIsNeverWritten(t *testing.T) {
	for _, l := range languages {
		t.Run(l.name(), func(t *testing.T) { existingCache(t, l) })
	}
}

func TestRefusedInputFailsPreviewBeforeAnyAzureCall(t *testing.T) {
	for _, l := range languages {
		t.Run(l.name(), func(t *testing.T) { refusedInput(t, l) })
	}
}

// stack is one language's stack in one world.
type stack struct {
	t       *testing.T
	l       language
	w       *world
	workDir string
}

func (s *stack) run(operation string, sp spec) response {
	s.t.Helper()
	return s.l.run(s.t, request{Operation: operation, Project: "e2e-" + s.l.name(), Stack: "dev",
		WorkDir: s.workDir, Env: s.w.environment(), Spec: sp})
}

// mustRun fails the test when the operation fails.
func (s *stack) mustRun(operation string, sp spec) response {
	s.t.Helper()
	resp := s.run(operation, sp)
	if resp.Error != "" {
		s.t.Fatalf("%s failed: %s", operation, resp.Error)
	}
	return resp
}

func newStack(t *testing.T, l language) *stack {
	return &stack{t: t, l: l, w: newWorld(t), workDir: t.TempDir()}
}

func lifecycle(t *testing.T, l language) {
	s := newStack(t, l)
	entra := spec{ResourceGroupName: "rg", Principals: []string{principalA, principalB}, Tags: map[string]string{"env": "dev"}}

	// An Entra ID cache with two principals gives the documented outputs.
	up := s.mustRun("up", entra)
	checkEntraOutputs(t, up.Outputs)
	if n := len(created(up, "azure-native:redisenterprise:AccessPolicyAssignment")); n != 2 {
		t.Errorf("%d access policy assignments created, want 2", n)
	}
	databaseId := up.Outputs["databaseId"].Value.(string)

	// A second up changes nothing.
	again := s.mustRun("up", entra)
	for _, st := range again.Steps {
		if st.Op != "same" {
			t.Errorf("second up: %s %s", st.Op, st.URN)
		}
	}

	// Adding a principal, changing tags and the eviction policy replaces neither cluster nor database.
	changed := entra
	changed.Principals = []string{principalA, principalB, principalC}
	changed.Tags = map[string]string{"env": "prod"}
	changed.EvictionPolicy = "AllKeysLRU"
	update := s.mustRun("up", changed)
	expectOp(t, update, "azure-native:redisenterprise:RedisEnterprise", "update")
	expectOp(t, update, "azure-native:redisenterprise:Database", "update")
	if n := len(created(update, "azure-native:redisenterprise:AccessPolicyAssignment")); n != 1 {
		t.Errorf("%d access policy assignments created for the new principal, want 1", n)
	}
	neverReplaced(t, update)

	// Switching EntraId -> AccessKey updates the database in place and creates the secrets and roles.
	keyed := changed
	keyed.Authentication = "AccessKey"
	switched := s.mustRun("up", keyed)
	expectOp(t, switched, "azure-native:redisenterprise:Database", "update")
	neverReplaced(t, switched)
	if n := len(created(switched, "azure-native:keyvault:Secret")); n != 2 {
		t.Errorf("%d secrets created, want 2", n)
	}
	if n := len(created(switched, "azure-native:authorization:RoleAssignment")); n != 6 {
		t.Errorf("%d role assignments created, want 6 (3 principals x 2 secrets)", n)
	}
	checkAccessKeyOutputs(t, switched.Outputs, databaseId)
	if conflicts := conflictsIn(s.w); len(conflicts) > 0 {
		t.Errorf("Azure saw parallel access policy assignments: %v", conflicts)
	}

	// The access key never appears in plain text in the backend or an export.
	export := s.w.cli(s.workDir, "stack", "export", "--stack", "dev")
	key := fakeazure.PrimaryKey(databaseId)
	if strings.Contains(export, key) || !strings.Contains(export, "ciphertext") {
		t.Error("the stack export holds the access key in plain text")
	}
	if files := filesContaining(t, s.w.backend, key); len(files) > 0 {
		t.Errorf("backend files hold the access key in plain text: %v", files)
	}

	// destroy leaves nothing the stack created.
	s.mustRun("destroy", keyed)
	if left, _ := s.w.azure.All(); len(left) > 0 {
		t.Errorf("destroy left %d resources, first %s", len(left), left[0].ID)
	}
}

func existingCache(t *testing.T, l language) {
	s := newStack(t, l)
	cluster := "/subscriptions/" + fakeazure.Subscription + "/resourceGroups/rg/providers/Microsoft.Cache/redisEnterprise/legacy-cache"
	seed := map[string]map[string]any{
		cluster: {"name": "legacy-cache", "hostName": "legacy-cache.eastus.redis.azure.net", "redisVersion": "7.2",
			"location": "eastus", "sku": map[string]any{"name": "Balanced_B1"}},
		cluster + "/databases/default": {"name": "default", "accessKeysAuthentication": "Enabled", "port": 10000},
	}
	for id, properties := range seed {
		typ := "azure-native:redisenterprise:RedisEnterprise"
		if strings.HasSuffix(id, "/default") {
			typ = "azure-native:redisenterprise:Database"
		}
		if err := s.w.azure.Seed(typ, id, properties); err != nil {
			t.Fatal(err)
		}
	}

	sp := spec{ResourceGroupName: "rg", ExistingClusterName: "legacy-cache", Authentication: "AccessKey", Principals: []string{principalA}}
	up := s.mustRun("up", sp)
	if got := up.Outputs["hostName"].Value; got != "legacy-cache.eastus.redis.azure.net" {
		t.Errorf("hostName %v", got)
	}
	if got := up.Outputs["connectionString"]; !got.Secret || !strings.Contains(got.Value.(string), ",password=") {
		t.Errorf("connectionString %+v, want a secret with the password", got)
	}
	s.mustRun("destroy", sp)
	if writes := s.w.azure.Lines("writes"); len(writes) > 0 {
		t.Errorf("the existing cache was written to: %v", writes)
	}
	left, _ := s.w.azure.All()
	if len(left) != 2 {
		t.Errorf("%d resources after destroy, want the 2 pre-existing ones", len(left))
	}
}

func refusedInput(t *testing.T, l language) {
	s := newStack(t, l)
	resp := s.run("preview", spec{ResourceGroupName: "rg", Sku: "Balanced_B1", GeoReplicationGroup: "group"})
	if !strings.Contains(resp.Error, `invalid input "database.geoReplication"`) || !strings.Contains(resp.Error, "rule V3") {
		t.Fatalf("preview error %q does not name database.geoReplication and rule V3", resp.Error)
	}
	if calls := s.w.azure.Lines("calls"); len(calls) > 0 {
		t.Errorf("the fake Azure was called: %v", calls)
	}
}

func checkEntraOutputs(t *testing.T, outputs map[string]output) {
	t.Helper()
	cluster, _ := outputs["clusterName"].Value.(string)
	host := cluster + ".westeurope.redis.azure.net"
	want := map[string]any{
		"hostName": host, "port": float64(10000), "authentication": "EntraId",
		"connectionString": host + ":10000,ssl=true", "uri": "rediss://" + host + ":10000",
		"resourceGroupName": "rg", "redisVersion": fakeazure.RedisVersion,
		"clusterId": "/subscriptions/" + fakeazure.Subscription + "/resourceGroups/rg/providers/Microsoft.Cache/redisEnterprise/" + cluster,
	}
	for name, value := range want {
		if got := outputs[name]; got.Value != value || got.Secret {
			t.Errorf("output %s = %+v, want %v, not secret", name, got, value)
		}
	}
	env, _ := outputs["environment"].Value.(map[string]any)
	if env["ConnectionStrings__cache"] != host+":10000,ssl=true" || env["CACHE_HOST"] != host || env["CACHE_PORT"] != "10000" {
		t.Errorf("environment %v", env)
	}
	if key, ok := outputs["primaryAccessKey"]; ok && key.Value != nil {
		t.Errorf("primaryAccessKey %+v in Entra ID mode", key)
	}
}

func checkAccessKeyOutputs(t *testing.T, outputs map[string]output, databaseId string) {
	t.Helper()
	key := fakeazure.PrimaryKey(databaseId)
	for _, name := range []string{"connectionString", "uri", "primaryAccessKey", "environment"} {
		if !outputs[name].Secret {
			t.Errorf("output %s is not secret", name)
		}
	}
	if got := outputs["primaryAccessKey"].Value; got != key {
		t.Errorf("primaryAccessKey %v", got)
	}
	if uri, _ := outputs["connectionStringSecretUri"].Value.(string); !strings.HasSuffix(uri, "/secrets/connectionstrings--cache") {
		t.Errorf("connectionStringSecretUri %q", uri)
	}
}

func created(r response, typ string) []step {
	var found []step
	for _, st := range r.Steps {
		if st.Type == typ && st.Op == "create" {
			found = append(found, st)
		}
	}
	return found
}

func expectOp(t *testing.T, r response, typ, op string) {
	t.Helper()
	for _, st := range r.Steps {
		if st.Type == typ && st.Op == op {
			return
		}
	}
	t.Errorf("no %s of %s in %v", op, typ, r.Steps)
}

// neverReplaced fails when the cluster or the database was replaced or deleted.
func neverReplaced(t *testing.T, r response) {
	t.Helper()
	for _, st := range r.Steps {
		data := st.Type == "azure-native:redisenterprise:RedisEnterprise" || st.Type == "azure-native:redisenterprise:Database"
		if data && !slices.Contains([]string{"same", "update"}, st.Op) {
			t.Errorf("%s of %s: the cache's data would be lost", st.Op, st.URN)
		}
	}
}

func conflictsIn(w *world) []string {
	var conflicts []string
	for _, line := range w.azure.Lines("calls") {
		if strings.HasPrefix(line, "Conflict") {
			conflicts = append(conflicts, line)
		}
	}
	return conflicts
}

// filesContaining lists the files under dir that contain text.
func filesContaining(t *testing.T, dir, text string) []string {
	t.Helper()
	var found []string
	err := filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err == nil && strings.Contains(string(data), text) {
			found = append(found, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}
