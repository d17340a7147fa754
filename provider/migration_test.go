package provider

import (
	"os"
	"strings"
	"testing"
	"time"

	p "github.com/pulumi/pulumi-go-provider"
	presource "github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/property"

	"github.com/managedredis/pulumi-azure-managed-redis/component"
	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/azuremock"
	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
	"github.com/managedredis/pulumi-azure-managed-redis/tests/fakeazure"
)

// The Migration resource through the provider's gRPC face, against the fake Azure's ARM
// endpoint (its certificate trusted through SSL_CERT_FILE, as in the engine tests).

var (
	armStore    *fakeazure.Store
	armEndpoint *fakeazure.ARM
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "provider-test-")
	if err == nil {
		armStore, armEndpoint, err = fakeazure.StartTrustedARM(dir)
	}
	if err != nil {
		panic(err)
	}
	code := m.Run()
	armEndpoint.Close()
	os.RemoveAll(dir)
	os.Exit(code)
}

// migrationWorld is a cluster and a classic cache in a resource group of the test's own, and a
// token issued to the test's provider.
type migrationWorld struct {
	group, cluster, source, token string
}

func newMigrationWorld(t *testing.T, sourceExtra map[string]any) migrationWorld {
	t.Helper()
	w := migrationWorld{group: strings.ToLower(strings.NewReplacer("/", "-", "_", "-").Replace(t.Name()))}
	seeds := fakearm.ExistingCache(w.group, "amr", fakearm.DefaultLocation, "Enabled")
	source := fakearm.ClassicCache(w.group, "old", fakearm.DefaultLocation, "Standard", "C", 1, 0, sourceExtra)
	if err := armStore.Seed(append(seeds, source)...); err != nil {
		t.Fatal(err)
	}
	w.cluster, w.source = seeds[0].ID, source.ID
	w.token = armStore.IssueToken("provider-of-" + w.group)
	return w
}

func (w migrationWorld) inputs(switchDns bool, token string) property.Map {
	return property.NewMap(map[string]property.Value{
		"clusterId": property.New(w.cluster), "sourceResourceId": property.New(w.source), "switchDns": property.New(switchDns),
		"token": property.New(token).WithSecret(true),
	})
}

func (w migrationWorld) calls() []string {
	var mine []string
	for _, line := range armStore.Lines("arm") {
		if strings.Contains(strings.ToLower(line), "/resourcegroups/"+w.group+"/") {
			mine = append(mine, line)
		}
	}
	return mine
}

var migrationURN = presource.NewURN("stack", "project", "", tokens.Type(component.MigrationType), "cache")

func TestMigrationDiffIgnoresTheToken(t *testing.T) {
	s := server(t, azuremock.New())
	w := migrationWorld{cluster: "/subscriptions/s/resourceGroups/g/providers/Microsoft.Cache/redisEnterprise/c",
		source: "/subscriptions/s/resourceGroups/g/providers/Microsoft.Cache/Redis/old"}
	state := property.NewMap(map[string]property.Value{"clusterId": property.New(w.cluster), "sourceResourceId": property.New(w.source),
		"switchDns": property.New(true), "state": property.New("Succeeded"), "statusDetails": property.New(""),
		"rollbackEligibleUntil": property.New("")})
	tests := []struct {
		name    string
		inputs  property.Map
		changes bool
		replace bool
	}{
		{"a new token alone", w.inputs(true, "another-token"), false, false},
		{"switchDns off", w.inputs(false, "t"), true, false},
		{"another cluster", migrationWorld{cluster: w.cluster + "2", source: w.source}.inputs(true, "t"), true, true},
	}
	for _, tt := range tests {
		resp, err := s.Diff(p.DiffRequest{ID: "id", Urn: migrationURN, State: state, Inputs: tt.inputs})
		if err != nil {
			t.Fatal(err)
		}
		replace := false
		for _, d := range resp.DetailedDiff {
			replace = replace || d.Kind == p.UpdateReplace
		}
		if resp.HasChanges != tt.changes || replace != tt.replace {
			t.Errorf("%s: changes %t, replace %t; want %t, %t", tt.name, resp.HasChanges, replace, tt.changes, tt.replace)
		}
	}
}

// Plan, then switch, then undo, then forget: one migration written, Azure's states reported, the
// token never an output, every call with the provider's token.
func TestMigrationSwitchesUndoesAndForgets(t *testing.T) {
	s := server(t, azuremock.New())
	w := newMigrationWorld(t, map[string]any{"redisConfiguration": map[string]any{"rdbBackupEnabled": "true"}})
	created, err := s.Create(p.CreateRequest{Urn: migrationURN, Properties: w.inputs(false, w.token)})
	if err != nil || created.Properties.Get("state").AsString() != component.MigrationNotStarted || len(w.calls()) != 0 {
		t.Fatalf("plan: %v, %v, calls %v", created.Properties, err, w.calls())
	}
	if _, has := created.Properties.GetOk("token"); has {
		t.Errorf("the token is an output")
	}
	update := func(from property.Map, switchDns, dryRun bool) (p.UpdateResponse, error) {
		return s.Update(p.UpdateRequest{ID: created.ID, Urn: migrationURN, State: from, Inputs: w.inputs(switchDns, w.token), DryRun: dryRun})
	}
	// A preview of the switch validates, and writes nothing.
	if _, err := update(created.Properties, true, true); err != nil {
		t.Fatal(err)
	}
	if m, _ := armStore.Get(w.cluster + "/migrations/default"); m != nil {
		t.Fatalf("the preview started a migration")
	}
	switched, err := update(created.Properties, true, false)
	if err != nil || switched.Properties.Get("state").AsString() != "Completed" {
		t.Fatalf("switch: %v, %v", switched.Properties, err)
	}
	undone, err := update(switched.Properties, false, false)
	if err != nil || undone.Properties.Get("state").AsString() != "Cancelled" {
		t.Fatalf("undo: %v, %v", undone.Properties, err)
	}
	puts := 0
	for _, call := range w.calls() {
		if strings.HasPrefix(call, "PUT ") {
			puts++
		}
		if !strings.HasSuffix(call, "by provider-of-"+w.group) {
			t.Errorf("call %q not made with the provider's token", call)
		}
	}
	if puts != 1 {
		t.Errorf("%d PUTs of the migration, want 1", puts)
	}
	before := len(w.calls())
	if err := s.Delete(p.DeleteRequest{ID: created.ID, Urn: migrationURN, Properties: switched.Properties}); err != nil {
		t.Fatal(err)
	}
	if after := len(w.calls()); after != before {
		t.Errorf("forgetting called Azure: %v", w.calls()[before:])
	}
}

// Azure's validation refuses, in the preview once the cluster exists, naming each disparity; an
// undo after the rollback window is refused in the preview with the reason.
func TestMigrationRefusals(t *testing.T) {
	s := server(t, azuremock.New())
	w := newMigrationWorld(t, map[string]any{"minimumTlsVersion": "1.0"})
	_, err := s.Create(p.CreateRequest{Urn: migrationURN, Properties: w.inputs(true, w.token), DryRun: true})
	if err == nil || !strings.Contains(err.Error(), `invalid input "migrateFrom.switchDns"`) || !strings.Contains(err.Error(), "TLS:") {
		t.Errorf("a TLS 1.0 source: %v", err)
	}
	if m, _ := armStore.Get(w.cluster + "/migrations/default"); m != nil {
		t.Errorf("the refused preview started a migration")
	}

	late := newMigrationWorld(t, nil)
	ended := time.Now().Add(-time.Hour).UTC().Format(time.RFC3339)
	if err := armStore.Put(&fakeazure.Resource{ID: late.cluster + "/migrations/default", Type: fakeazure.MigrationType,
		Properties: map[string]any{"id": late.cluster + "/migrations/default", "properties": map[string]any{
			"sourceType": "AzureCacheForRedis", "sourceResourceId": late.source, "switchDns": true, "skipDataMigration": true,
			"provisioningState": "Succeeded", "rollbackEligibleUntil": ended}}}); err != nil {
		t.Fatal(err)
	}
	state := late.inputs(true, "").Set("state", property.New("Succeeded")).Set("statusDetails", property.New("")).
		Set("rollbackEligibleUntil", property.New(ended)).Delete("token")
	_, err = s.Update(p.UpdateRequest{ID: "id", Urn: migrationURN, State: state, Inputs: late.inputs(false, late.token), DryRun: true})
	if err == nil || !strings.Contains(err.Error(), "rollback window ended at "+ended) {
		t.Errorf("an undo after the window: %v", err)
	}
}
