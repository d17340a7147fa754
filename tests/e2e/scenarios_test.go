package e2e

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/managedredis/pulumi-azure-managed-redis/component"
	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
)

const (
	principalA = "11111111-1111-1111-1111-111111111111"
	principalC = "33333333-3333-3333-3333-333333333333"
)

const (
	clusterType    = fakearm.ClusterType
	databaseType   = fakearm.DatabaseType
	assignmentType = fakearm.AssignmentType
	identityType   = fakearm.IdentityType
)

// languages are the ways a user writes the program: the Go library in-process, and the
// generated SDKs through their Automation API drivers.
var languages = []language{
	golang{},
	driver{language: "typescript", command: []string{"node", "tests/nodejs/build/tests/nodejs/e2e-driver.js"}},
	driver{language: "python", command: []string{".cache/venv/bin/python", "tests/python/e2e_driver.py"}},
}

func forEachLanguage(t *testing.T, test func(t *testing.T, l language)) {
	for _, l := range languages {
		t.Run(l.name(), func(t *testing.T) { test(t, l) })
	}
}

func TestLifecycle(t *testing.T)                                  { forEachLanguage(t, lifecycle) }
func TestExistingCacheIsNeverWritten(t *testing.T)                { forEachLanguage(t, existingCache) }
func TestRefusedInputFailsPreviewBeforeAnyAzureCall(t *testing.T) { forEachLanguage(t, refusedInputs) }
func TestTwoStandaloneAccessesToOneCache(t *testing.T)            { forEachLanguage(t, twoAccesses) }
func TestDefaultNamesDifferAcrossResourceGroups(t *testing.T)     { forEachLanguage(t, twoResourceGroups) }
func TestPrivateEndpointDiagnosticsAndCustomerManagedKey(t *testing.T) {
	forEachLanguage(t, privateMonitoredEncrypted)
}

// stack is one language's stack in one world.
type stack struct {
	t       *testing.T
	l       language
	w       *world
	workDir string
	name    string
}

func (s *stack) run(operation string, sp spec) response {
	s.t.Helper()
	return s.l.run(s.t, request{Operation: operation, Project: "e2e-" + s.l.name(), Stack: s.name,
		WorkDir: s.workDir, Env: s.w.Environment(), Spec: sp})
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

func newStack(t *testing.T, l language, w *world, name string) *stack {
	return &stack{t: t, l: l, w: w, workDir: t.TempDir(), name: name}
}

// identity is a principal given as a user-assigned identity's principalId: an Output.
func identity(name string) principal { return principal{Name: name, Identity: name} }

func lifecycle(t *testing.T, l language) {
	s := newStack(t, l, newWorld(t), "dev")
	api, worker, jobs := identity("api"), identity("worker"), identity("jobs")
	entra := spec{ResourceGroupName: "rg", Identities: []string{"api", "worker", "jobs"},
		Principals: []principal{api, worker, jobs}, Tags: map[string]string{"env": "dev"},
		RoleAssignments: []roleAssignment{{Name: "ops", Role: "Reader", Identity: "jobs"}}}

	// An Entra ID cache with three principals given as Outputs gives the documented outputs;
	// the jobs' identity may read the cluster's settings (a control-plane role).
	up := s.mustRun("up", entra)
	checkEntraOutputs(t, up.Outputs)
	if n := len(stepsOf(up, "create", assignmentType)); n != 3 {
		t.Errorf("%d access policy assignments created, want 3", n)
	}
	databaseId := up.Outputs["databaseId"].Value.(string)
	clusterId := up.Outputs["clusterId"].Value.(string)
	if ids, _ := up.Outputs["roleAssignmentIds"].Value.([]any); len(ids) != 1 ||
		!strings.HasPrefix(ids[0].(string), clusterId+"/providers/Microsoft.Authorization/roleAssignments/") {
		t.Errorf("roleAssignmentIds %v, want one on %s", up.Outputs["roleAssignmentIds"].Value, clusterId)
	}

	// A second up changes nothing; reordering the principals changes nothing either.
	expectNoChanges(t, "second up", s.mustRun("up", entra))
	reordered := entra
	reordered.Principals = []principal{jobs, api, worker}
	expectNoChanges(t, "reordering principals", s.mustRun("up", reordered))

	// Removing the middle principal deletes exactly its assignment.
	withoutWorker := entra
	withoutWorker.Principals = []principal{api, jobs}
	removed := s.mustRun("up", withoutWorker)
	expectOnly(t, "removing worker", removed, map[string][]string{"delete": {"AccessPolicyAssignment:cache-access-worker"}})

	// Adding a principal creates only its assignment; tags and the eviction policy update the
	// cluster and the database in place.
	changed := withoutWorker
	changed.Principals = []principal{api, {ObjectId: principalC}, jobs}
	changed.Tags = map[string]string{"env": "prod"}
	changed.EvictionPolicy = "AllKeysLRU"
	update := s.mustRun("up", changed)
	expectOnly(t, "adding a principal", update, map[string][]string{
		"create": {"AccessPolicyAssignment:cache-access-" + principalC},
		"update": {"Database:cache", "RedisEnterprise:cache"}, // the cluster's tags, the database's eviction policy
	})

	// EntraId -> AccessKey updates the database in place and creates the vault, the secrets
	// and one role per principal and secret.
	keyed := changed
	keyed.Authentication = "AccessKey"
	switched := s.mustRun("up", keyed)
	expectOp(t, switched, databaseType, "update")
	neverReplaced(t, switched)
	if n := len(stepsOf(switched, "create", fakearm.SecretType)); n != 2 {
		t.Errorf("%d secrets created, want 2", n)
	}
	if n := len(stepsOf(switched, "create", fakearm.RoleAssignmentType)); n != 6 {
		t.Errorf("%d role assignments created, want 6 (3 principals x 2 secrets)", n)
	}
	checkAccessKeyOutputs(t, switched.Outputs, fakearm.PrimaryKey(databaseId))
	s.expectNoKeyInPlainText(databaseId)

	// AccessKey -> EntraId -> AccessKey: the vault and secrets are soft-deleted, then recovered.
	back := s.mustRun("up", changed)
	neverReplaced(t, back)
	if n := len(stepsOf(back, "create", assignmentType)); n != 3 {
		t.Errorf("back to Entra ID: %d assignments created, want 3", n)
	}
	if deleted, _ := s.w.Store.SoftDeleted(); len(deleted) != 3 {
		t.Errorf("back to Entra ID: %d soft-deleted vaults and secrets, want 3", len(deleted))
	}
	s.mustRun("up", keyed)
	if n := recoveries(s.w); n != 3 {
		t.Errorf("AccessKey again: %d vaults and secrets recovered, want 3", n)
	}

	// destroy leaves nothing the stack created; up again recovers the vault and secrets.
	s.mustRun("destroy", keyed)
	if left, _ := s.w.Store.All(); len(left) > 0 {
		t.Errorf("destroy left %d resources, first %s", len(left), left[0].ID)
	}
	again := s.mustRun("up", keyed)
	// The database is created again: with new keys.
	checkAccessKeyOutputs(t, again.Outputs, fakearm.RecreatedKeys(databaseId, 2)["primaryKey"].(string))
	if n := recoveries(s.w); n != 6 {
		t.Errorf("up after destroy: %d recoveries in all, want 6", n)
	}
	s.mustRun("destroy", keyed)
	if conflicts := conflictsIn(s.w); len(conflicts) > 0 {
		t.Errorf("Azure refused writes: %v", conflicts)
	}
}

// The access key never appears in plain text in the backend or an export.
func (s *stack) expectNoKeyInPlainText(databaseId string) {
	s.t.Helper()
	export := s.w.cli(s.workDir, "stack", "export", "--stack", s.name)
	key := fakearm.PrimaryKey(databaseId)
	if strings.Contains(export, key) || !strings.Contains(export, "ciphertext") {
		s.t.Error("the stack export holds the access key in plain text")
	}
	if files := filesContaining(s.t, s.w.Backend, key); len(files) > 0 {
		s.t.Errorf("backend files hold the access key in plain text: %v", files)
	}
}

const (
	subnetId    = "/subscriptions/" + fakearm.Subscription + "/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/cache"
	workspaceId = "/subscriptions/" + fakearm.Subscription + "/resourceGroups/ops/providers/Microsoft.OperationalInsights/workspaces/logs"
	keyVaultId  = "/subscriptions/" + fakearm.Subscription + "/resourceGroups/keys/providers/Microsoft.KeyVault/vaults/keys-kv"
	keyUrl      = "https://keys-kv.vault.azure.net/keys/cache-key/0123456789abcdef0123456789abcdef"
)

// A private, monitored cache with a customer-managed key: each feature added to a plain cache,
// then removed, updates the cluster in place and creates or deletes only its own resources.
func privateMonitoredEncrypted(t *testing.T, l language) {
	s := newStack(t, l, newWorld(t), "dev")
	plain := spec{ResourceGroupName: "rg", Identities: []string{"api", "key"}, Principals: []principal{identity("api")}}
	s.mustRun("up", plain)

	private := plain
	private.SubnetId = subnetId
	added := s.mustRun("up", private)
	expectOnly(t, "adding a private endpoint", added, map[string][]string{
		"create": {"PrivateEndpoint:cache", "PrivateZone:cache", "VirtualNetworkLink:cache", "PrivateDnsZoneGroup:cache"},
		"update": {"RedisEnterprise:cache"}, // public network access Disabled
	})
	endpointId, _ := added.Outputs["privateEndpointId"].Value.(string)
	if got := added.Outputs["privateIpAddress"].Value; endpointId == "" || got != fakearm.PrivateIpAddress(endpointId) {
		t.Errorf("privateEndpointId %q, privateIpAddress %v", endpointId, got)
	}

	monitored := private
	monitored.WorkspaceId = workspaceId
	expectOnly(t, "adding diagnostics", s.mustRun("up", monitored), map[string][]string{
		"create": {"DiagnosticSetting:cache-logs", "DiagnosticSetting:cache-metrics"},
	})

	encrypted := monitored
	encrypted.KeyUrl, encrypted.KeyIdentity, encrypted.KeyVaultId = keyUrl, "key", keyVaultId
	expectOnly(t, "adding a customer-managed key", s.mustRun("up", encrypted), map[string][]string{
		"create": {"RoleAssignment:cache-key"},
		"update": {"RedisEnterprise:cache"},
	})
	expectNoChanges(t, "second up", s.mustRun("up", encrypted))

	withoutEndpoint := encrypted
	withoutEndpoint.SubnetId = ""
	expectOnly(t, "removing the private endpoint", s.mustRun("up", withoutEndpoint), map[string][]string{
		"delete": {"PrivateEndpoint:cache", "PrivateZone:cache", "VirtualNetworkLink:cache", "PrivateDnsZoneGroup:cache"},
		"update": {"RedisEnterprise:cache"},
	})
	withoutDiagnostics := withoutEndpoint
	withoutDiagnostics.WorkspaceId = ""
	expectOnly(t, "removing diagnostics", s.mustRun("up", withoutDiagnostics), map[string][]string{
		"delete": {"DiagnosticSetting:cache-logs", "DiagnosticSetting:cache-metrics"},
	})
	expectOnly(t, "removing the customer-managed key", s.mustRun("up", plain), map[string][]string{
		"delete": {"RoleAssignment:cache-key"},
		"update": {"RedisEnterprise:cache"},
	})

	s.mustRun("up", encrypted)
	s.mustRun("destroy", encrypted)
	if left, _ := s.w.Store.All(); len(left) > 0 {
		t.Errorf("destroy left %d resources, first %s", len(left), left[0].ID)
	}
}

func existingCache(t *testing.T, l language) {
	s := newStack(t, l, newWorld(t), "dev")
	if err := s.w.Store.Seed(fakearm.ExistingCache("rg", "legacy-cache", "eastus", "Enabled")...); err != nil {
		t.Fatal(err)
	}
	// With a private endpoint too: the endpoint is new, the cache is not written.
	sp := spec{ResourceGroupName: "rg", ExistingClusterName: "legacy-cache", Authentication: "AccessKey",
		Principals: []principal{{ObjectId: principalA}}, SubnetId: subnetId}
	up := s.mustRun("up", sp)
	if got := up.Outputs["hostName"].Value; got != "legacy-cache.eastus.redis.azure.net" {
		t.Errorf("hostName %v", got)
	}
	if got := up.Outputs["connectionString"]; !got.Secret || !strings.Contains(got.Value.(string), ",password=") {
		t.Errorf("connectionString %+v, want a secret with the password", got)
	}
	if got := up.Outputs["privateEndpointId"].Value; got != fakearm.PrivateEndpointId("rg", "legacy-cache-pe") {
		t.Errorf("privateEndpointId %v", got)
	}
	s.mustRun("destroy", sp)
	if writes := s.w.Store.Lines("writes"); len(writes) > 0 {
		t.Errorf("the existing cache was written to: %v", writes)
	}
	left, _ := s.w.Store.All()
	if len(left) != 2 {
		t.Errorf("%d resources after destroy, want the 2 pre-existing ones", len(left))
	}
}

func refusedInputs(t *testing.T, l language) {
	tests := []struct {
		name        string
		spec        spec
		input, rule string
	}{
		{"geo-replication on B1", spec{ResourceGroupName: "rg", Sku: "Balanced_B1", GeoReplicationGroup: "group"}, "database.geoReplication", "V3"},
		{"a group with Entra ID", spec{ResourceGroupName: "rg", Principals: []principal{{ObjectId: principalA, Type: "Group"}}},
			"accessPrincipals[0].principalType", "V22"},
		{"an Output principal without a name", spec{ResourceGroupName: "rg", Identities: []string{"api"},
			Principals: []principal{{Identity: "api"}}}, "accessPrincipals[0].name", "principals"},
	}
	w := newWorld(t)
	for _, tt := range tests {
		s := newStack(t, l, w, "refused")
		resp := s.run("preview", tt.spec)
		if !strings.Contains(resp.Error, `invalid input "`+tt.input+`"`) || !strings.Contains(resp.Error, "rule "+tt.rule) {
			t.Errorf("%s: preview error %q does not name %s and rule %s", tt.name, resp.Error, tt.input, tt.rule)
		}
		// Over the wire the engine names the resource ("resource 'cache' has a problem: ..."),
		// so the message does not name it again; in Go, the library's error is all there is.
		if named := strings.Contains(resp.Error, `ManagedRedis "`); named != (l.name() == "go") {
			t.Errorf("%s: preview error %q names the component (%v), want it named in Go only", tt.name, resp.Error, named)
		}
		if !strings.Contains(resp.Error, component.RulesURL) {
			t.Errorf("%s: preview error %q does not link the rules table", tt.name, resp.Error)
		}
	}
	for _, call := range w.Store.Lines("calls") {
		if !strings.Contains(call, identityType) {
			t.Errorf("the fake Azure was called for the refused cache: %s", call)
		}
	}
}

// Two apps granted access with a ManagedRedisAccess each, from the cache's outputs, in one
// program: Azure refuses parallel assignments, so they must be granted one after another.
func twoAccesses(t *testing.T, l language) {
	s := newStack(t, l, newWorld(t), "dev")
	sp := spec{ResourceGroupName: "rg", Identities: []string{"api", "worker", "jobs"},
		Principals: []principal{identity("jobs")}, Accesses: []string{"api", "worker"}}
	up := s.mustRun("up", sp)
	if n := len(stepsOf(up, "create", assignmentType)); n != 3 {
		t.Errorf("%d assignments created, want 3", n)
	}
	if conflicts := conflictsIn(s.w); len(conflicts) > 0 {
		t.Errorf("Azure saw parallel access policy assignments: %v", conflicts)
	}
	expectNoChanges(t, "second up", s.mustRun("up", sp))
	s.mustRun("destroy", sp)
}

// Host names are global: the same program in two resource groups gets two default names.
func twoResourceGroups(t *testing.T, l language) {
	w := newWorld(t)
	names := map[string]bool{}
	for _, rg := range []string{"team-a", "team-b"} {
		up := newStack(t, l, w, rg).mustRun("up", spec{ResourceGroupName: rg})
		names[up.Outputs["clusterName"].Value.(string)] = true
	}
	if len(names) != 2 {
		t.Errorf("default cluster names %v, want two", names)
	}
}

func checkEntraOutputs(t *testing.T, outputs map[string]output) {
	t.Helper()
	cluster, _ := outputs["clusterName"].Value.(string)
	host := fakearm.HostName(cluster, fakearm.DefaultLocation)
	want := map[string]any{
		"hostName": host, "port": float64(10000), "authentication": "EntraId", "connectionName": "cache",
		"connectionString": host + ":10000,ssl=true", "uri": "rediss://" + host + ":10000",
		"resourceGroupName": "rg", "redisVersion": fakearm.RedisVersion, "clusterId": fakearm.ClusterId("rg", cluster),
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
	// The outputs that do not apply are empty, in every language as in Go.
	for _, name := range []string{"primaryAccessKey", "secondaryAccessKey", "keyVaultId", "connectionStringSecretUri",
		"primaryAccessKeySecretUri", "privateEndpointId", "privateIpAddress"} {
		if got, ok := outputs[name]; !ok || got.Value != "" {
			t.Errorf("output %s = %+v in Entra ID mode without a private endpoint, want empty", name, got)
		}
	}
}

func checkAccessKeyOutputs(t *testing.T, outputs map[string]output, key string) {
	t.Helper()
	for _, name := range []string{"connectionString", "uri", "primaryAccessKey", "environment"} {
		if !outputs[name].Secret {
			t.Errorf("output %s is not secret", name)
		}
	}
	if got := outputs["primaryAccessKey"].Value; got != key {
		t.Errorf("primaryAccessKey %v", got)
	}
	if got := outputs["secondaryAccessKey"]; got.Value == key || got.Value == "" || !got.Secret {
		t.Errorf("secondaryAccessKey %+v, want the other key, secret", got)
	}
	if uri, _ := outputs["connectionStringSecretUri"].Value.(string); !strings.HasSuffix(uri, "/secrets/connectionstrings--cache") {
		t.Errorf("connectionStringSecretUri %q", uri)
	}
}

// stepsOf lists the steps of an operation on a type.
func stepsOf(r response, op, typ string) []step {
	var found []step
	for _, st := range r.Steps {
		if st.Type == typ && st.Op == op {
			found = append(found, st)
		}
	}
	return found
}

func expectOp(t *testing.T, r response, typ, op string) {
	t.Helper()
	if len(stepsOf(r, op, typ)) == 0 {
		t.Errorf("no %s of %s in %v", op, typ, r.Steps)
	}
}

func expectNoChanges(t *testing.T, what string, r response) {
	t.Helper()
	expectOnly(t, what, r, nil)
}

// expectOnly fails unless the operation's steps on Azure resources other than "same" are
// exactly want: by operation, "<Type>:<URN name>" of the resources (in any order).
func expectOnly(t *testing.T, what string, r response, want map[string][]string) {
	t.Helper()
	got := map[string][]string{}
	for _, st := range r.Steps {
		if st.Op != "same" && strings.HasPrefix(st.Type, "azure-native:") {
			typ := st.Type[strings.LastIndex(st.Type, ":")+1:]
			got[st.Op] = append(got[st.Op], typ+":"+st.URN[strings.LastIndex(st.URN, "::")+2:])
		}
	}
	for op := range got {
		slices.Sort(got[op])
	}
	for op := range want {
		slices.Sort(want[op])
	}
	if len(got) != len(want) {
		t.Errorf("%s: steps %v, want %v", what, got, want)
		return
	}
	for op, names := range want {
		if !slices.Equal(got[op], names) {
			t.Errorf("%s: steps %v, want %v", what, got, want)
			return
		}
	}
}

// neverReplaced fails when the cluster or the database was replaced or deleted.
func neverReplaced(t *testing.T, r response) {
	t.Helper()
	for _, st := range r.Steps {
		data := st.Type == clusterType || st.Type == databaseType
		if data && !slices.Contains([]string{"same", "update"}, st.Op) {
			t.Errorf("%s of %s: the cache's data would be lost", st.Op, st.URN)
		}
	}
}

// conflictsIn lists the writes the fake Azure refused: parallel assignments, or a create under
// a name that exists.
func conflictsIn(w *world) []string {
	var conflicts []string
	for _, line := range w.Store.Lines("calls") {
		if strings.HasPrefix(line, "Conflict") {
			conflicts = append(conflicts, line)
		}
	}
	return conflicts
}

func recoveries(w *world) int {
	n := 0
	for _, line := range w.Store.Lines("calls") {
		if strings.HasPrefix(line, "Recover ") {
			n++
		}
	}
	return n
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
