package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/component"
	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
)

// Day-2 changes of a cache that holds data, in YAML (over the wire): each change is made in
// place, or refused at preview and by an up without preview with no write, or, with
// acceptDataLoss, made by replacing the database or the cluster delete-first, the secrets and
// outputs carrying the new keys in the same up; a second preview is clean after each. A renamed
// stack keeps its cache, and the private endpoint moves to another subnet in one up.
func TestYamlDayTwo(t *testing.T) {
	w := newWorld(t)
	dir := yamlProject(t, "tests/e2e/testdata/day2/Pulumi.yaml")
	w.cli(dir, "stack", "init", "dev", "--secrets-provider", "passphrase")
	config := func(settings ...string) {
		t.Helper()
		for i := 0; i < len(settings); i += 2 {
			w.cli(dir, "config", "set", settings[i], settings[i+1])
		}
	}
	w.cli(dir, "up", "--yes", "--skip-preview")
	databaseId := yamlOutputs(t, w, dir)["databaseId"].(string)
	clusterId, _, _ := strings.Cut(databaseId, "/databases/")

	// In place, with protectData: a scale target and a tag preview and apply as updates.
	config("protectData", "true", "sku", "Balanced_B3", "team", "ops")
	steps := previewSteps(t, w, dir)
	for _, urn := range append(steps["replace"], steps["create-replacement"]...) {
		t.Errorf("the in-place change previews a replacement of %s", urn)
	}
	if !slices.ContainsFunc(steps["update"], func(urn string) bool { return strings.HasSuffix(urn, "RedisEnterprise::cache") }) {
		t.Errorf("the cluster is not updated: %v", steps)
	}
	w.cli(dir, "up", "--yes")
	if sku, _ := oneOfType(t, w, clusterType).Properties["sku"].(map[string]any); sku["name"] != "Balanced_B3" {
		t.Errorf("sku %v after the update", sku)
	}
	w.cli(dir, "preview", "--expect-no-changes")

	// Refused before any write, at preview and by an up without preview: every recreation at
	// once, naming the input, the cache's value and both ways on; protectData with acceptDataLoss.
	refusals := []struct {
		settings []string
		want     []string
	}{
		{[]string{"sku", "FlashOptimized_A250", "highAvailability", "false"}, []string{`"sku": the cache has sku Balanced_B3`, "(rule V8)",
			`"highAvailability": the cache has highAvailability true`, "(rule V11)", "set acceptDataLoss: true"}},
		{[]string{"clusteringPolicy", "EnterpriseCluster"}, []string{`"database.clusteringPolicy": the cache has database.clusteringPolicy OSSCluster`,
			"(rule V12)", "Keep database.clusteringPolicy OSSCluster"}},
		{[]string{"clusteringPolicy", "EnterpriseCluster", "acceptDataLoss", "true"}, []string{`"acceptDataLoss"`, "(rule data loss)"}},
	}
	for _, r := range refusals {
		written := azureWrites(w)
		config(r.settings...)
		for _, command := range [][]string{{"preview"}, {"up", "--yes", "--skip-preview"}} {
			out, err := engine.Run(dir, w.Environment(), command...)
			if err == nil {
				t.Fatalf("%v with %v succeeded", command, r.settings)
			}
			for _, want := range r.want {
				if !strings.Contains(out, want) {
					t.Errorf("%v with %v: the output lacks %q:\n%s", command, r.settings, want, out)
				}
			}
		}
		if n := azureWrites(w) - written; n != 0 {
			t.Errorf("refusing %v wrote to Azure %d times", r.settings, n)
		}
		config("sku", "Balanced_B3", "highAvailability", "true", "clusteringPolicy", "OSSCluster", "acceptDataLoss", "false")
	}

	// With acceptDataLoss: a database setting replaces the database alone, delete-first, and the
	// new keys reach the outputs and the secrets in the same up.
	config("protectData", "false", "acceptDataLoss", "true", "clusteringPolicy", "EnterpriseCluster")
	w.cli(dir, "up", "--yes")
	expectRecreated(t, w, databaseId, 2)
	if n := countCalls(w, "Delete "+clusterType+" "); n != 0 {
		t.Errorf("the cluster was deleted %d times for a database setting", n)
	}
	expectKeyEverywhere(t, w, dir, fakearm.RecreatedKeys(databaseId, 2)["primaryKey"].(string))
	w.cli(dir, "preview", "--expect-no-changes")

	// A cluster setting replaces the cluster and the database, delete-first; the private
	// endpoint, named after the cluster, follows.
	config("highAvailability", "false")
	w.cli(dir, "up", "--yes")
	expectRecreated(t, w, clusterId, 2)
	expectRecreated(t, w, databaseId, 3)
	expectKeyEverywhere(t, w, dir, fakearm.RecreatedKeys(databaseId, 3)["primaryKey"].(string))
	w.cli(dir, "preview", "--expect-no-changes")

	// The private endpoint moves to another subnet in one up (its name is fixed: delete-first).
	config("subnet", "cache-2")
	w.cli(dir, "up", "--yes")
	if subnet, _ := oneOfType(t, w, fakearm.PrivateEndpointType).Properties["subnet"].(map[string]any); !strings.HasSuffix(fmt.Sprint(subnet["id"]), "/subnets/cache-2") {
		t.Errorf("the private endpoint is in %v", subnet)
	}
	w.cli(dir, "preview", "--expect-no-changes")

	// A renamed stack keeps its cache: its default names were kept when it was created.
	clusterName := yamlOutputs(t, w, dir)["clusterName"]
	w.cli(dir, "stack", "rename", "renamed")
	w.cli(dir, "preview", "--expect-no-changes")
	if after := yamlOutputs(t, w, dir)["clusterName"]; after != clusterName {
		t.Errorf("cluster %v after the rename, %v before", after, clusterName)
	}
	if conflicts := conflictsIn(w); len(conflicts) > 0 {
		t.Errorf("Azure refused writes: %v", conflicts)
	}
}

// In YAML: the second private cache in one virtual network, no zone given, whose subnet id
// comes from a resource of the program: unknown at the first preview, refused by the up once
// known, before any write of that cache; refused at the next preview, where it is known.
func TestYamlTwoPrivateCachesRefusedOnceTheSubnetIsKnown(t *testing.T) {
	w := newWorld(t)
	dir := yamlProject(t, "tests/e2e/testdata/private-caches-later/Pulumi.yaml")
	w.cli(dir, "stack", "init", "dev", "--secrets-provider", "passphrase")
	w.cli(dir, "preview")
	for _, command := range [][]string{{"up", "--yes", "--skip-preview"}, {"preview"}} {
		out, err := engine.Run(dir, w.Environment(), command...)
		if err == nil || !strings.Contains(out, "already creates the private DNS zone") {
			t.Fatalf("%v: %v\n%s", command, err, out)
		}
		// The refused cache wrote nothing.
		refused := "jobs"
		if strings.Contains(out, `ManagedRedis "jobs" already creates`) {
			refused = "sessions"
		}
		all, _ := w.Store.All()
		for _, r := range all {
			if strings.Contains(r.ID, "/"+refused+"-") {
				t.Errorf("%v: the refused cache %s wrote %s", command, refused, r.ID)
			}
		}
	}
}

// previewSteps are the steps a preview plans, by operation.
func previewSteps(t *testing.T, w *world, dir string) map[string][]string {
	t.Helper()
	var preview struct {
		Steps []struct{ Op, URN string } `json:"steps"`
	}
	if err := json.Unmarshal([]byte(w.cli(dir, "preview", "--json")), &preview); err != nil {
		t.Fatal(err)
	}
	steps := map[string][]string{}
	for _, s := range preview.Steps {
		steps[s.Op] = append(steps[s.Op], s.URN)
	}
	return steps
}

// yamlOutputs are the stack's outputs, secrets shown.
func yamlOutputs(t *testing.T, w *world, dir string) map[string]any {
	t.Helper()
	var outputs map[string]any
	if err := json.Unmarshal([]byte(w.cli(dir, "stack", "output", "--json", "--show-secrets")), &outputs); err != nil {
		t.Fatal(err)
	}
	return outputs
}

// expectRecreated checks that the resource with the ARM id was created for the nth time, its
// last deletion before its last creation (delete-first), and no create refused as a conflict.
func expectRecreated(t *testing.T, w *world, id string, n int) {
	t.Helper()
	calls := w.Store.Lines("calls")
	created, deleted := -1, -1
	creations := 0
	for i, line := range calls {
		switch {
		case strings.HasPrefix(line, "Create ") && strings.HasSuffix(line, " "+id):
			created, creations = i, creations+1
		case strings.HasPrefix(line, "Delete ") && strings.HasSuffix(line, " "+id):
			deleted = i
		case line == "Conflict "+id:
			t.Errorf("%s was created while it existed", id)
		}
	}
	if creations != n || deleted < 0 || deleted > created {
		t.Errorf("%s: %d creations, want %d; last deletion at call %d, last creation at %d (want delete-first)", id, creations, n,
			deleted, created)
	}
}

// expectKeyEverywhere checks that the outputs and the Key Vault secrets carry key.
func expectKeyEverywhere(t *testing.T, w *world, dir, key string) {
	t.Helper()
	outputs := yamlOutputs(t, w, dir)
	if outputs["primaryAccessKey"] != key || !strings.Contains(fmt.Sprint(outputs["connectionString"]), "password="+key) {
		t.Errorf("outputs carry %v and %v, want the key %s", outputs["primaryAccessKey"], outputs["connectionString"], key)
	}
	var state struct {
		Deployment struct {
			Resources []struct {
				Type   string         `json:"type"`
				Inputs map[string]any `json:"inputs"`
			} `json:"resources"`
		} `json:"deployment"`
	}
	if err := json.Unmarshal([]byte(w.cli(dir, "stack", "export", "--show-secrets")), &state); err != nil {
		t.Fatal(err)
	}
	secrets := 0
	for _, r := range state.Deployment.Resources {
		if r.Type == fakearm.SecretType {
			secrets++
			if value := fmt.Sprint(r.Inputs["properties"]); !strings.Contains(value, key) {
				t.Errorf("a secret holds %s, want the key %s", value, key)
			}
		}
	}
	if secrets != 2 {
		t.Errorf("%d secrets, want 2", secrets)
	}
}

// countCalls counts the fake's calls that start with prefix.
func countCalls(w *world, prefix string) int {
	n := 0
	for _, line := range w.Store.Lines("calls") {
		if strings.HasPrefix(line, prefix) {
			n++
		}
	}
	return n
}

// dayTwoSettings are the inputs the Go program of TestDayTwoInGo changes.
type dayTwoSettings struct {
	sku                         string
	team                        string
	clusteringPolicy            string
	modules                     []component.DatabaseModule
	protectData, acceptDataLoss bool
}

// Day-2 changes in Go (the library, in-process): in place with protectData, refused at preview
// and by an up (the Automation API's up skips the preview) with no write, a database recreation
// with acceptDataLoss carrying the new keys in the same up, and a renamed stack that keeps its
// cache.
func TestDayTwoInGo(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	settings := &dayTwoSettings{sku: "Balanced_B1", team: "cache", clusteringPolicy: "OSSCluster"}
	program := func(pctx *pulumi.Context) error {
		cache, err := component.NewManagedRedis(pctx, "cache", &component.ManagedRedisArgs{
			ResourceGroupName: pulumi.String("rg"), Authentication: component.AccessKey, Sku: settings.sku,
			Tags:        pulumi.StringMap{"team": pulumi.String(settings.team)},
			Database:    &component.DatabaseSettings{ClusteringPolicy: settings.clusteringPolicy, Modules: settings.modules},
			ProtectData: settings.protectData, AcceptDataLoss: settings.acceptDataLoss,
		})
		if err != nil {
			return err
		}
		pctx.Export("databaseId", cache.DatabaseId)
		pctx.Export("primaryAccessKey", cache.PrimaryAccessKey)
		return nil
	}
	workDir := t.TempDir()
	opts := []auto.LocalWorkspaceOption{auto.WorkDir(workDir), auto.EnvVars(w.Environment()), auto.SecretsProvider("passphrase"),
		auto.Project(workspace.Project{Name: "day2", Runtime: workspace.NewProjectRuntimeInfo("go", nil)})}
	stack, err := auto.UpsertStackInlineSource(ctx, "dev", "day2", program, opts...)
	if err != nil {
		t.Fatal(err)
	}
	up := func() auto.UpResult {
		t.Helper()
		res, err := stack.Up(ctx)
		if err != nil {
			t.Fatalf("up: %v", err)
		}
		return res
	}
	changes := func() map[string]int {
		t.Helper()
		res, err := stack.Preview(ctx)
		if err != nil {
			t.Fatalf("preview: %v", err)
		}
		summary := map[string]int{}
		for op, n := range res.ChangeSummary {
			summary[string(op)] = n
		}
		return summary
	}
	databaseId := up().Outputs["databaseId"].Value.(string)

	// In place, with protectData: a scale target and a tag.
	settings.protectData, settings.sku, settings.team = true, "MemoryOptimized_M10", "ops"
	if c := changes(); c["replace"] != 0 || c["update"] == 0 {
		t.Errorf("the in-place change previews %v", c)
	}
	up()
	if c := changes(); c["update"]+c["replace"]+c["create"]+c["delete"] != 0 {
		t.Errorf("a second preview shows %v", c)
	}

	// Refused before any write: a clustering policy and modules, at once.
	written := azureWrites(w)
	settings.clusteringPolicy, settings.modules = "EnterpriseCluster", []component.DatabaseModule{{Name: "RedisJSON"}}
	_, previewErr := stack.Preview(ctx)
	_, upErr := stack.Up(ctx)
	for _, err := range []error{previewErr, upErr} {
		for _, want := range []string{"the cache has database.clusteringPolicy OSSCluster", "(rule V12)", "the cache has database.modules []",
			"(rule V13)", "set acceptDataLoss: true"} {
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("want %q, got %v", want, err)
			}
		}
	}
	if n := azureWrites(w) - written; n != 0 {
		t.Errorf("the refusal wrote to Azure %d times", n)
	}

	// With acceptDataLoss: the database replaced delete-first, its new keys out in the same up.
	settings.protectData, settings.acceptDataLoss = false, true
	res := up()
	expectRecreated(t, w, databaseId, 2)
	if key := res.Outputs["primaryAccessKey"]; key.Value != fakearm.RecreatedKeys(databaseId, 2)["primaryKey"] || !key.Secret {
		t.Errorf("primaryAccessKey %+v, want the new key, secret", key)
	}
	if c := changes(); c["update"]+c["replace"]+c["create"]+c["delete"] != 0 {
		t.Errorf("a second preview shows %v", c)
	}

	// A renamed stack keeps its cache.
	w.cli(workDir, "stack", "rename", "renamed", "--stack", "dev")
	if stack, err = auto.SelectStackInlineSource(ctx, "renamed", "day2", program, opts...); err != nil {
		t.Fatal(err)
	}
	if c := changes(); c["update"]+c["replace"]+c["create"]+c["delete"] != 0 {
		t.Errorf("the renamed stack previews %v", c)
	}
}
