package fakeazure

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
)

func newTestServer(t *testing.T) *Server {
	t.Helper()
	t.Setenv("FAKE_AZURE_STATE", t.TempDir())
	s, err := NewServer()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func props(t *testing.T, m map[string]any) *structpb.Struct {
	t.Helper()
	st, err := marshal(resource.NewPropertyMapFromMap(m))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func urn(typ, name string) string {
	return "urn:pulumi:dev::p::" + typ + "::" + name
}

const (
	clusterType    = fakearm.ClusterType
	databaseType   = fakearm.DatabaseType
	assignmentType = fakearm.AssignmentType
)

func TestDiffReplacesOnCreateOnlyInputsOnly(t *testing.T) {
	s := newTestServer(t)
	database := map[string]any{"clusterName": "c", "resourceGroupName": "rg", "databaseName": "default", "port": 10000,
		"evictionPolicy": "VolatileLRU", "clusteringPolicy": "OSSCluster", "accessKeysAuthentication": "Disabled",
		"modules": []any{map[string]any{"name": "RedisJSON"}}}
	tests := []struct {
		name         string
		typ          string
		olds, news   map[string]any
		wantReplaces []string
		wantChange   bool
	}{
		{"same", databaseType, database, database, nil, false},
		{"eviction policy updates", databaseType, database, withValue(database, "evictionPolicy", "AllKeysLRU"), nil, true},
		{"access keys update", databaseType, database, withValue(database, "accessKeysAuthentication", "Enabled"), nil, true},
		{"port replaces", databaseType, database, withValue(database, "port", 10001), []string{"port"}, true},
		{"modules replace", databaseType, database, withValue(database, "modules", []any{}), []string{"modules"}, true},
		{"geo-replication replaces", databaseType, database, withValue(database, "geoReplication", map[string]any{"groupNickname": "g"}), []string{"geoReplication"}, true},
		// Not create-only in azure-native: an update, which Azure refuses (TestAzureRefusesUpdatesItCannotMake).
		{"clustering policy updates", databaseType, database, withValue(database, "clusteringPolicy", "EnterpriseCluster"), nil, true},
		{"cluster zones update", clusterType, map[string]any{"clusterName": "a"}, map[string]any{"clusterName": "a", "zones": []any{"1"}}, nil, true},
		{"cluster name replaces", clusterType, map[string]any{"clusterName": "a", "tags": map[string]any{}}, map[string]any{"clusterName": "b", "tags": map[string]any{}}, []string{"clusterName"}, true},
		{"cluster location replaces", clusterType, map[string]any{"clusterName": "a"}, map[string]any{"clusterName": "a", "location": "eastus"}, []string{"location"}, true},
		{"cluster tags update", clusterType, map[string]any{"clusterName": "a", "tags": map[string]any{"e": "1"}}, map[string]any{"clusterName": "a", "tags": map[string]any{"e": "2"}}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := s.Diff(context.Background(), &pulumirpc.DiffRequest{Urn: urn(tt.typ, "x"), Id: "id",
				OldInputs: props(t, tt.olds), News: props(t, tt.news)})
			if err != nil {
				t.Fatal(err)
			}
			if changed := resp.GetChanges() == pulumirpc.DiffResponse_DIFF_SOME; changed != tt.wantChange {
				t.Errorf("changes = %v, want %v", resp.GetChanges(), tt.wantChange)
			}
			if !slices.Equal(resp.GetReplaces(), tt.wantReplaces) {
				t.Errorf("replaces %v, want %v", resp.GetReplaces(), tt.wantReplaces)
			}
			if resp.GetDeleteBeforeReplace() {
				t.Error("asked for delete-first: that is the program's choice, as with azure-native")
			}
		})
	}
}

// withValue is m with key set to value.
func withValue(m map[string]any, key string, value any) map[string]any {
	c := maps.Clone(m)
	c[key] = value
	return c
}

func createDatabase(t *testing.T, s *Server, keys string) string {
	t.Helper()
	resp, err := s.Create(context.Background(), &pulumirpc.CreateRequest{Urn: urn(databaseType, "db"),
		Properties: props(t, map[string]any{"clusterName": "c", "resourceGroupName": "rg", "databaseName": "default",
			"accessKeysAuthentication": keys})})
	if err != nil {
		t.Fatal(err)
	}
	return resp.GetId()
}

func TestListDatabaseKeysNeedsAccessKeys(t *testing.T) {
	for _, keys := range []string{"Disabled", "Enabled"} {
		t.Run(keys, func(t *testing.T) {
			s := newTestServer(t)
			id := createDatabase(t, s, keys)
			resp, err := s.Invoke(context.Background(), &pulumirpc.InvokeRequest{Tok: "azure-native:redisenterprise:listDatabaseKeys",
				Args: props(t, map[string]any{"clusterName": "c", "resourceGroupName": "rg", "databaseName": "default"})})
			if keys == "Disabled" {
				if err == nil || !strings.Contains(err.Error(), "ERROR CODE: BadRequest") || !strings.Contains(err.Error(), "Access keys authentication is disabled") {
					t.Fatalf("want a refusal, got %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := resp.GetReturn().AsMap()["primaryKey"]; got != fakearm.PrimaryKey(id) {
				t.Errorf("primaryKey %v", got)
			}
		})
	}
}

func TestParallelAccessPolicyAssignmentsOnOneDatabaseFail(t *testing.T) {
	s := newTestServer(t)
	s.assignmentWindow = 200 * time.Millisecond
	create := func(name string) error {
		_, err := s.Create(context.Background(), &pulumirpc.CreateRequest{Urn: urn(assignmentType, name),
			Properties: props(t, map[string]any{"accessPolicyAssignmentName": name, "accessPolicyName": "default",
				"clusterName": "c", "databaseName": "default", "resourceGroupName": "rg",
				"user": map[string]any{"objectId": name}})})
		return err
	}
	// One after another: both succeed.
	if err := create("a"); err != nil {
		t.Fatal(err)
	}
	if err := create("b"); err != nil {
		t.Fatal(err)
	}
	// At the same time: one is refused.
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, name := range []string{"c", "d"} {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = create(name) }()
	}
	wg.Wait()
	failed := 0
	for _, err := range errs {
		if err != nil && strings.Contains(err.Error(), "(Conflict)") {
			failed++
		}
	}
	if failed != 1 {
		t.Errorf("parallel assignments: %v, want exactly one conflict", errs)
	}
	// Each write done is logged with its start and end: a, b and the one of c and d accepted.
	writes := s.store.Lines("assignments")
	if len(writes) != 3 {
		t.Fatalf("assignment writes logged: %v", writes)
	}
	for _, line := range writes {
		var start, end int64
		var id string
		if _, err := fmt.Sscanf(line, "%d %d %s", &start, &end, &id); err != nil || end-start < int64(s.assignmentWindow) ||
			!strings.Contains(id, "/databases/default/accessPolicyAssignments/") {
			t.Errorf("logged %q (%v)", line, err)
		}
	}
}

// Azure links a virtual network to one zone of a name: a second zone privatelink.redis.azure.net
// (another resource group's) is refused, another zone name or another network is not.
func TestASecondZoneOfOneNameCannotLinkTheSameNetwork(t *testing.T) {
	s := newTestServer(t)
	link := func(group, zone, network string) error {
		_, err := s.Create(context.Background(), &pulumirpc.CreateRequest{Urn: urn(fakearm.NetworkLinkType, group+zone+network),
			Properties: props(t, map[string]any{"resourceGroupName": group, "privateZoneName": zone, "virtualNetworkLinkName": "link",
				"location": "global", "registrationEnabled": false, "virtualNetwork": map[string]any{"id": "/subscriptions/s/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/" + network}})})
		return err
	}
	for _, step := range []struct {
		group, zone, network string
		refused              bool
	}{
		{"a", "privatelink.redis.azure.net", "vnet", false},
		{"b", "privatelink.redis.azure.net", "VNET", true},
		{"b", "privatelink.blob.core.windows.net", "vnet", false},
		{"b", "privatelink.redis.azure.net", "vnet-2", false},
	} {
		err := link(step.group, step.zone, step.network)
		if refused := err != nil && strings.Contains(err.Error(), "(BadRequest) a virtual network cannot be linked"); refused != step.refused {
			t.Errorf("%+v: %v", step, err)
		}
	}
}

func TestWritesToSeededResourcesAreRecorded(t *testing.T) {
	s := newTestServer(t)
	seeds := fakearm.ExistingCache("rg", "legacy", "eastus", "Enabled")
	if err := s.store.Seed(seeds...); err != nil {
		t.Fatal(err)
	}
	id := seeds[0].ID
	_, err := s.Update(context.Background(), &pulumirpc.UpdateRequest{Urn: urn(clusterType, "legacy"), Id: id,
		News: props(t, map[string]any{"clusterName": "legacy", "resourceGroupName": "rg", "sku": map[string]any{"name": "Balanced_B1"}, "publicNetworkAccess": "Enabled"})})
	if err != nil {
		t.Fatal(err)
	}
	if writes := s.store.Lines("writes"); !slices.Equal(writes, []string{"Update " + id}) {
		t.Errorf("writes %v", writes)
	}
}

func TestSecretValuesAreNotEchoedNorStored(t *testing.T) {
	s := newTestServer(t)
	value := resource.MakeSecret(resource.NewProperty("s3cr3t"))
	st, err := marshal(resource.PropertyMap{
		"resourceGroupName": resource.NewProperty("rg"), "vaultName": resource.NewProperty("kv"),
		"secretName": resource.NewProperty("name"),
		"properties": resource.NewProperty(resource.PropertyMap{"value": value}),
	})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := s.Create(context.Background(), &pulumirpc.CreateRequest{Urn: urn("azure-native:keyvault:Secret", "s"), Properties: st})
	if err != nil {
		t.Fatal(err)
	}
	if out := resp.GetProperties().String(); strings.Contains(out, "s3cr3t") || !strings.Contains(out, "secretUri") {
		t.Errorf("outputs %s", out)
	}
	stored, _ := s.store.Get(resp.GetId())
	if data, _ := json.Marshal(stored); strings.Contains(string(data), "s3cr3t") {
		t.Errorf("stored the secret: %s", data)
	}
}

func TestLatencyParsing(t *testing.T) {
	got, err := parseLatency("RedisEnterprise=2s, Database=500ms")
	if err != nil || got["RedisEnterprise"] != 2*time.Second || got["Database"] != 500*time.Millisecond {
		t.Errorf("got %v, %v", got, err)
	}
	if _, err := parseLatency("RedisEnterprise"); err == nil {
		t.Error("accepted a latency without duration")
	}
}

func create(t *testing.T, s *Server, typ string, inputs map[string]any) (string, error) {
	t.Helper()
	resp, err := s.Create(context.Background(), &pulumirpc.CreateRequest{Urn: urn(typ, "x"), Properties: props(t, inputs)})
	return resp.GetId(), err
}

func TestCreateUnderAnExistingNameFails(t *testing.T) {
	s := newTestServer(t)
	cluster := map[string]any{"clusterName": "c", "resourceGroupName": "rg", "sku": map[string]any{"name": "Balanced_B0"}, "publicNetworkAccess": "Enabled"}
	if _, err := create(t, s, clusterType, cluster); err != nil {
		t.Fatal(err)
	}
	if _, err := create(t, s, clusterType, cluster); err == nil || !strings.Contains(err.Error(), "(Conflict)") {
		t.Fatalf("second create under the same name: %v, want a Conflict", err)
	}
}

func TestKeyVaultSecretsAreSoftDeletedAndRecovered(t *testing.T) {
	s := newTestServer(t)
	secret := map[string]any{"resourceGroupName": "rg", "vaultName": "kv", "secretName": "s",
		"properties": map[string]any{"value": "v1"}}
	id, err := create(t, s, fakearm.SecretType, secret)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Delete(context.Background(), &pulumirpc.DeleteRequest{Urn: urn(fakearm.SecretType, "x"), Id: id}); err != nil {
		t.Fatal(err)
	}
	if live, _ := s.store.All(); len(live) != 0 {
		t.Errorf("a deleted secret is still live: %v", live)
	}
	if deleted, _ := s.store.SoftDeleted(); len(deleted) != 1 || deleted[0].ID != id {
		t.Errorf("soft-deleted %v, want the secret, holding its name", deleted)
	}
	// Read sees nothing; a create of that name recovers it, as azure-native 3.28.0 does.
	if read, err := s.Read(context.Background(), &pulumirpc.ReadRequest{Id: id}); err != nil || read.GetId() != "" {
		t.Errorf("read of a soft-deleted secret: %v, %v", read, err)
	}
	if _, err := create(t, s, fakearm.SecretType, secret); err != nil {
		t.Fatalf("create over a soft-deleted secret: %v", err)
	}
	if !slices.Contains(s.store.Lines("calls"), "Recover "+fakearm.SecretType+" "+id) {
		t.Errorf("no recovery logged: %v", s.store.Lines("calls"))
	}
	// A cluster is not soft-deleted.
	clusterId, _ := create(t, s, clusterType, map[string]any{"clusterName": "c", "resourceGroupName": "rg"})
	if _, err := s.Delete(context.Background(), &pulumirpc.DeleteRequest{Urn: urn(clusterType, "x"), Id: clusterId}); err != nil {
		t.Fatal(err)
	}
	if r, _ := s.store.Get(clusterId); r != nil {
		t.Errorf("deleted cluster kept: %v", r)
	}
}

func TestGetVaultReadsSeededVaults(t *testing.T) {
	s := newTestServer(t)
	if err := s.store.Seed(fakearm.ExistingVault("shared", "kv", false)...); err != nil {
		t.Fatal(err)
	}
	resp, err := s.Invoke(context.Background(), &pulumirpc.InvokeRequest{Tok: fakearm.GetVault,
		Args: props(t, map[string]any{"resourceGroupName": "shared", "vaultName": "kv"})})
	if err != nil {
		t.Fatal(err)
	}
	properties, _ := resp.GetReturn().AsMap()["properties"].(map[string]any)
	if properties["enableRbacAuthorization"] != false {
		t.Errorf("vault %v", resp.GetReturn().AsMap())
	}
	if _, err := s.Invoke(context.Background(), &pulumirpc.InvokeRequest{Tok: fakearm.GetVault,
		Args: props(t, map[string]any{"resourceGroupName": "shared", "vaultName": "missing"})}); err == nil ||
		!strings.Contains(err.Error(), "ResourceNotFound") {
		t.Errorf("getVault of a missing vault: %v", err)
	}
}

func TestSeedFromEnvironment(t *testing.T) {
	store, err := OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := seedFromEnvironment(store, "vault:shared/kv, cache:rg/legacy"); err != nil {
		t.Fatal(err)
	}
	// Twice: what exists stays as it is.
	if err := seedFromEnvironment(store, "vault:shared/kv"); err != nil {
		t.Fatal(err)
	}
	all, _ := store.All()
	if len(all) != 3 || !all[0].Seeded {
		t.Errorf("seeded %v", all)
	}
	if err := seedFromEnvironment(store, "queue:rg/q"); err == nil {
		t.Error("accepted an unknown kind")
	}
}

// The fake answers every call the engine makes, for every type it models, also at preview, when
// ids and inputs are unknown; a bad request (an unknown type, a required input missing) is an
// error naming the type and the input. It never panics.
func TestEveryTypeAnswersAtPreviewWithUnknowns(t *testing.T) {
	s := newTestServer(t)
	ctx := context.Background()
	unknown := resource.MakeComputed(resource.NewProperty(""))
	for typ, model := range fakearm.Types {
		t.Run(typ, func(t *testing.T) {
			inputs := resource.PropertyMap{}
			for _, input := range append([]string{model.NameInput}, model.Required...) {
				inputs[resource.PropertyKey(input)] = unknown
			}
			news, err := marshal(inputs)
			if err != nil {
				t.Fatal(err)
			}
			check, err := s.Check(ctx, &pulumirpc.CheckRequest{Urn: urn(typ, "r"), News: news})
			if err != nil || len(check.GetFailures()) != 0 {
				t.Fatalf("Check: %v %v", err, check.GetFailures())
			}
			created, err := s.Create(ctx, &pulumirpc.CreateRequest{Urn: urn(typ, "r"), Properties: news, Preview: true})
			if err != nil {
				t.Fatalf("Create at preview: %v", err)
			}
			if created.GetId() != "" {
				t.Errorf("Create at preview made up the id %q", created.GetId())
			}
			if _, err := s.Update(ctx, &pulumirpc.UpdateRequest{Urn: urn(typ, "r"), Id: "", News: news, Olds: news, Preview: true}); err != nil {
				t.Errorf("Update at preview: %v", err)
			}
			if _, err := s.Diff(ctx, &pulumirpc.DiffRequest{Urn: urn(typ, "r"), Id: "", Olds: news, News: news}); err != nil {
				t.Errorf("Diff: %v", err)
			}
			if _, err := s.Read(ctx, &pulumirpc.ReadRequest{Urn: urn(typ, "r"), Id: "/subscriptions/none"}); err != nil {
				t.Errorf("Read of a missing resource: %v", err)
			}
			// A required input missing.
			for _, input := range model.Required {
				without := inputs.Copy()
				delete(without, resource.PropertyKey(input))
				st, _ := marshal(without)
				want := typ + `: the input "` + input + `" is required`
				check, err := s.Check(ctx, &pulumirpc.CheckRequest{Urn: urn(typ, "r"), News: st})
				if err != nil || len(check.GetFailures()) != 1 || check.GetFailures()[0].GetReason() != want {
					t.Errorf("Check without %s: %v %v, want %q", input, err, check.GetFailures(), want)
				}
				if _, err := s.Create(ctx, &pulumirpc.CreateRequest{Urn: urn(typ, "r"), Properties: st}); err == nil || err.Error() != want {
					t.Errorf("Create without %s: %v, want %q", input, err, want)
				}
			}
		})
	}
	const unmodelled = "azure-native:cache:Redis"
	want := "the fake azure-native 3.28.0 does not model the resource type " + unmodelled
	empty, _ := marshal(resource.PropertyMap{})
	calls := map[string]func() error{
		"Check": func() error {
			r, err := s.Check(ctx, &pulumirpc.CheckRequest{Urn: urn(unmodelled, "r"), News: empty})
			if err == nil && len(r.GetFailures()) == 1 {
				return errors.New(r.GetFailures()[0].GetReason())
			}
			return err
		},
		"Create": func() error {
			_, err := s.Create(ctx, &pulumirpc.CreateRequest{Urn: urn(unmodelled, "r"), Properties: empty, Preview: true})
			return err
		},
		"Update": func() error {
			_, err := s.Update(ctx, &pulumirpc.UpdateRequest{Urn: urn(unmodelled, "r"), News: empty})
			return err
		},
		"Diff": func() error {
			_, err := s.Diff(ctx, &pulumirpc.DiffRequest{Urn: urn(unmodelled, "r"), News: empty})
			return err
		},
		"Delete": func() error {
			_, err := s.Delete(ctx, &pulumirpc.DeleteRequest{Urn: urn(unmodelled, "r"), Id: "x"})
			return err
		},
		"Read": func() error {
			_, err := s.Read(ctx, &pulumirpc.ReadRequest{Urn: urn(unmodelled, "r"), Id: "x"})
			return err
		},
	}
	for name, call := range calls {
		if err := call(); err == nil || err.Error() != want {
			t.Errorf("%s of an unmodelled type: %v, want %q", name, err, want)
		}
	}
	// An id that is not an access policy assignment's is refused, not sliced.
	if _, err := s.Delete(ctx, &pulumirpc.DeleteRequest{Urn: urn(assignmentType, "a"), Id: "not-an-id"}); err == nil ||
		!strings.Contains(err.Error(), `"not-an-id" is not the id of an access policy assignment`) {
		t.Errorf("Delete of a malformed assignment id: %v", err)
	}
}

// The schema the fake serves, to the YAML host's type checker, is the binding's subset of
// azure-native 3.28.0: it names every azure-native resource the model knows that is not in an
// official v2 module (Key Vault and role assignments are not declared in YAML programs).
func TestSchemaIsTheBindingsSubset(t *testing.T) {
	resp, err := newTestServer(t).GetSchema(context.Background(), &pulumirpc.GetSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Name, Version string
		Resources     map[string]json.RawMessage
	}
	if err := json.Unmarshal([]byte(resp.Schema), &spec); err != nil {
		t.Fatal(err)
	}
	if spec.Name != "azure-native" || spec.Version != Version {
		t.Errorf("schema of %s %s, want azure-native %s", spec.Name, spec.Version, Version)
	}
	for _, token := range []string{fakearm.ClusterType, fakearm.DatabaseType, fakearm.AssignmentType, fakearm.IdentityType,
		fakearm.ResourceGroupType, fakearm.PrivateEndpointType, fakearm.ZoneGroupType, fakearm.PrivateZoneType,
		fakearm.NetworkLinkType, fakearm.DiagnosticType} {
		if _, ok := spec.Resources[token]; !ok {
			t.Errorf("the schema lacks %s", token)
		}
	}
}

// The engine's Parameterize call, as azure-native answers it: from `pulumi package add`'s args
// or the value a generated SDK replays; another module or version is refused.
func TestParameterize(t *testing.T) {
	value := "eyJtb2R1bGUiOiJyZWRpc2VudGVycHJpc2UiLCJ2ZXJzaW9uIjoidjIwMjYwNjAxcHJldmlldyJ9"
	tests := []struct {
		name    string
		req     *pulumirpc.ParameterizeRequest
		wantErr bool
	}{
		{"args", &pulumirpc.ParameterizeRequest{Parameters: &pulumirpc.ParameterizeRequest_Args{
			Args: &pulumirpc.ParameterizeRequest_ParametersArgs{Args: []string{"redisenterprise", "2026-06-01-preview"}}}}, false},
		{"value", &pulumirpc.ParameterizeRequest{Parameters: &pulumirpc.ParameterizeRequest_Value{
			Value: &pulumirpc.ParameterizeRequest_ParametersValue{Name: "azure-native_redisenterprise_v20260601preview",
				Version: Version, Value: []byte(value)}}}, false},
		{"another version", &pulumirpc.ParameterizeRequest{Parameters: &pulumirpc.ParameterizeRequest_Args{
			Args: &pulumirpc.ParameterizeRequest_ParametersArgs{Args: []string{"redisenterprise", "2025-08-01-preview"}}}}, true},
		{"not base64 JSON", &pulumirpc.ParameterizeRequest{Parameters: &pulumirpc.ParameterizeRequest_Value{
			Value: &pulumirpc.ParameterizeRequest_ParametersValue{Value: []byte("{}")}}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t)
			resp, err := s.Parameterize(context.Background(), tt.req)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("accepted: %v", resp)
				}
				return
			}
			if err != nil || resp.GetName() != "azure-native_redisenterprise_v20260601preview" || resp.GetVersion() != Version {
				t.Fatalf("%v, %v", resp, err)
			}
			schema, err := s.GetSchema(context.Background(), &pulumirpc.GetSchemaRequest{})
			if err != nil || !strings.Contains(schema.GetSchema(), fakearm.PreviewAssignmentType) {
				t.Errorf("the parameterized plugin's schema lacks %s (%v)", fakearm.PreviewAssignmentType, err)
			}
		})
	}
}

// The preview version's access policy assignment: its spec's inputs only, an access string Redis
// takes, and one assignment per object id and database, whichever version wrote the other.
func TestPreviewAccessPolicyAssignments(t *testing.T) {
	assignment := func(name, objectId string, extra map[string]any) map[string]any {
		m := map[string]any{"accessPolicyAssignmentName": name, "clusterName": "c", "databaseName": "default",
			"resourceGroupName": "rg", "user": map[string]any{"objectId": objectId}}
		maps.Copy(m, extra)
		return m
	}
	tests := []struct {
		name    string
		first   map[string]any // created before, at the default version; nil: none
		inputs  map[string]any
		wantErr string
	}{
		{"an access string", nil, assignment("a", "u1", map[string]any{"accessString": "+@read ~cache:*"}), ""},
		{"no access string: full access", nil, assignment("a", "u1", nil), ""},
		{"an input the version lacks", nil, assignment("a", "u1", map[string]any{"accessPolicy": "default"}), "not an input"},
		{"an unknown category", nil, assignment("a", "u1", map[string]any{"accessString": "+@reads ~*"}), "InvalidAccessString"},
		{"a pattern after ~*", nil, assignment("a", "u1", map[string]any{"accessString": "+@all ~* ~cache:*"}), "Try 'resetkeys'"},
		{"a channel after allchannels", nil, assignment("a", "u1", map[string]any{"accessString": "+@all allchannels &x"}), "Try 'resetchannels'"},
		{"a subcommand taken away", nil, assignment("a", "u1", map[string]any{"accessString": "+@all -config|set ~*"}), ""},
		{"a second assignment of one user", assignment("old", "U1", map[string]any{"accessPolicyName": "default"}),
			assignment("a", "u1", map[string]any{"accessString": "+@read ~*"}), "already has an access policy assignment"},
		{"another user's", assignment("old", "u2", map[string]any{"accessPolicyName": "default"}),
			assignment("a", "u1", map[string]any{"accessString": "+@read ~*"}), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t)
			s.assignmentWindow = 0
			if tt.first != nil {
				if _, err := s.Create(context.Background(), &pulumirpc.CreateRequest{Urn: urn(assignmentType, "old"), Properties: props(t, tt.first)}); err != nil {
					t.Fatal(err)
				}
			}
			resp, err := s.Create(context.Background(), &pulumirpc.CreateRequest{Urn: urn(fakearm.PreviewAssignmentType, "a"),
				Properties: props(t, tt.inputs)})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got %v, want an error with %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := "+@all ~*"
			if s, ok := tt.inputs["accessString"].(string); ok {
				want = s
			}
			if got := resp.GetProperties().AsMap()["accessString"]; got != want {
				t.Errorf("accessString %v, want %s", got, want)
			}
		})
	}
}

// FAKE_AZURE_SEED's classic caches: their SKU and shards as getRedis answers them; a bad one is
// refused.
func TestSeedClassicCaches(t *testing.T) {
	tests := []struct {
		spec                 string
		name, family         string
		capacity, shardCount int
		wantErr              bool
	}{
		{"classic:rg/old/Standard_C1", "Standard", "C", 1, 0, false},
		{"classic:rg/old/Premium_P2x3", "Premium", "P", 2, 3, false},
		{"classic:rg/old/Basic_C0", "Basic", "C", 0, 0, false},
		{"classic:rg/old/Standard", "", "", 0, 0, true},
		{"classic:rg/old/Premium_Px", "", "", 0, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			store, err := OpenStore(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			err = seedFromEnvironment(store, tt.spec)
			if tt.wantErr {
				if err == nil {
					t.Fatal("accepted")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got, failure := fakearm.Invoke(liveResources{store}, fakearm.GetRedis, map[string]any{"resourceGroupName": "rg", "name": "old"})
			if failure != "" {
				t.Fatal(failure)
			}
			sku, _ := got["sku"].(map[string]any)
			shards, _ := got["shardCount"].(float64)
			if sku["name"] != tt.name || sku["family"] != tt.family || fmt.Sprint(sku["capacity"]) != fmt.Sprint(tt.capacity) ||
				int(shards) != tt.shardCount || got["azureApiVersion"] != fakearm.ClassicAPIVersion {
				t.Errorf("getRedis answered %v", got)
			}
			if _, missing := fakearm.Invoke(liveResources{store}, fakearm.GetRedis, map[string]any{"resourceGroupName": "rg", "name": "gone"}); !strings.Contains(missing, "NotFound") {
				t.Errorf("a missing cache: %q", missing)
			}
		})
	}
}

// Every seed is held, also one added after another that a store holds already (a second
// sandbox session whose seeds grew).
func TestEverySeedIsHeld(t *testing.T) {
	store, err := OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := seedFromEnvironment(store, "vault:shared/shared-kv"); err != nil {
		t.Fatal(err)
	}
	if err := seedFromEnvironment(store, "vault:shared/shared-kv,cache:shared/legacy-cache,classic:shared/old-cache/Standard_C1"); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{fakearm.VaultId("shared", "shared-kv"), fakearm.ClusterId("shared", "legacy-cache"),
		fakearm.ClassicCacheId("shared", "old-cache")} {
		if r, err := store.Get(id); err != nil || r == nil {
			t.Errorf("%s not held: %v", id, err)
		}
	}
}

// An update reaches Azure (azure-native replaces only on create-only inputs) and Azure refuses
// what it cannot change on an existing cluster or database, in azcore's text, writing nothing.
func TestAzureRefusesUpdatesItCannotMake(t *testing.T) {
	cluster := map[string]any{"clusterName": "c", "resourceGroupName": "rg", "publicNetworkAccess": "Enabled",
		"sku": map[string]any{"name": "Balanced_B1"}, "highAvailability": "Enabled"}
	legacy := map[string]any{"clusterName": "c", "resourceGroupName": "rg", "publicNetworkAccess": "Enabled",
		"sku": map[string]any{"name": "Enterprise_E10", "capacity": 4}}
	database := map[string]any{"clusterName": "c", "resourceGroupName": "rg", "databaseName": "default", "clusteringPolicy": "OSSCluster"}
	tests := []struct {
		name       string
		typ        string
		olds, news map[string]any
		refusal    string // "" when Azure takes it
	}{
		{"high availability off", clusterType, cluster, withValue(cluster, "highAvailability", "Disabled"), "high availability cannot be disabled"},
		{"high availability on", clusterType, withValue(cluster, "highAvailability", "Disabled"), cluster, ""},
		{"a scale target", clusterType, cluster, withValue(cluster, "sku", map[string]any{"name": "MemoryOptimized_M20"}), ""},
		{"in-memory to Flash", clusterType, cluster, withValue(cluster, "sku", map[string]any{"name": "FlashOptimized_A250"}), "cannot be scaled from Balanced_B1 to FlashOptimized_A250"},
		{"zones", clusterType, cluster, withValue(cluster, "zones", []any{"1", "2"}), "zones of an existing cache cannot be changed"},
		{"capacity up", clusterType, legacy, withValue(legacy, "sku", map[string]any{"name": "Enterprise_E10", "capacity": 6}), ""},
		{"capacity down", clusterType, legacy, withValue(legacy, "sku", map[string]any{"name": "Enterprise_E10", "capacity": 2}), "capacity cannot be reduced from 4 to 2"},
		{"clustering policy", databaseType, database, withValue(database, "clusteringPolicy", "EnterpriseCluster"), "can be updated only if the current value is NoCluster"},
		{"clustering policy from NoCluster", databaseType, withValue(database, "clusteringPolicy", "NoCluster"), database, ""},
		{"modules", databaseType, database, withValue(database, "modules", []any{map[string]any{"name": "RedisJSON"}}), "modules can only be set when the database is created"},
		{"eviction policy", databaseType, database, withValue(database, "evictionPolicy", "AllKeysLRU"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t)
			ctx := context.Background()
			created, err := s.Create(ctx, &pulumirpc.CreateRequest{Urn: urn(tt.typ, "r"), Properties: props(t, tt.olds)})
			if err != nil {
				t.Fatal(err)
			}
			_, err = s.Update(ctx, &pulumirpc.UpdateRequest{Urn: urn(tt.typ, "r"), Id: created.GetId(), News: props(t, tt.news)})
			stored, _ := s.store.Get(created.GetId())
			if tt.refusal == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), "RESPONSE 400: 400 Bad Request\nERROR CODE: BadRequest") ||
				!strings.Contains(err.Error(), tt.refusal) {
				t.Fatalf("want Azure's refusal %q, got %v", tt.refusal, err)
			}
			if fmt.Sprint(stored.Properties["sku"]) != fmt.Sprint(tt.olds["sku"]) && tt.olds["sku"] != nil ||
				stored.Properties["clusteringPolicy"] != tt.olds["clusteringPolicy"] {
				t.Errorf("the refused update was written: %v", stored.Properties)
			}
		})
	}
}

// An update's preview keeps the outputs no update changes (name, location), as azure-native
// does, so that what is named after them previews as unchanged; what Azure computes is unknown.
func TestAnUpdatePreviewKeepsNameAndLocation(t *testing.T) {
	s := newTestServer(t)
	ctx := context.Background()
	in := map[string]any{"clusterName": "c", "resourceGroupName": "rg", "publicNetworkAccess": "Enabled",
		"sku": map[string]any{"name": "Balanced_B1"}, "location": "eastus"}
	created, err := s.Create(ctx, &pulumirpc.CreateRequest{Urn: urn(clusterType, "r"), Properties: props(t, in)})
	if err != nil {
		t.Fatal(err)
	}
	news := maps.Clone(in)
	news["sku"] = map[string]any{"name": "Balanced_B3"}
	resp, err := s.Update(ctx, &pulumirpc.UpdateRequest{Urn: urn(clusterType, "r"), Id: created.GetId(),
		Olds: created.GetProperties(), News: props(t, news), Preview: true})
	if err != nil {
		t.Fatal(err)
	}
	got, err := unmarshal(resp.GetProperties())
	if err != nil {
		t.Fatal(err)
	}
	if got["name"].StringValue() != "c" || got["location"].StringValue() != "eastus" {
		t.Errorf("name %v, location %v: want them known from the old state", got["name"], got["location"])
	}
	if !got["hostName"].IsComputed() {
		t.Errorf("hostName %v: want unknown until Azure answers", got["hostName"])
	}
}

// A database deleted and created again under its name has new keys; its first keys are the
// ones derived from its id.
func TestARecreatedDatabaseHasNewKeys(t *testing.T) {
	s := newTestServer(t)
	ctx := context.Background()
	keys := func(id string) string {
		resp, err := s.Invoke(ctx, &pulumirpc.InvokeRequest{Tok: fakearm.ListDatabaseKeys,
			Args: props(t, map[string]any{"clusterName": "c", "resourceGroupName": "rg", "databaseName": "default"})})
		if err != nil {
			t.Fatal(err)
		}
		return resp.GetReturn().AsMap()["primaryKey"].(string)
	}
	id := createDatabase(t, s, "Enabled")
	first := keys(id)
	if first != fakearm.PrimaryKey(id) {
		t.Errorf("first keys %q", first)
	}
	if _, err := s.Delete(ctx, &pulumirpc.DeleteRequest{Urn: urn(databaseType, "db"), Id: id}); err != nil {
		t.Fatal(err)
	}
	createDatabase(t, s, "Enabled")
	if again := keys(id); again == first || again != fakearm.RecreatedKeys(id, 2)["primaryKey"] {
		t.Errorf("keys of the database created again %q, first %q", again, first)
	}
}

// listSkusForScaling answers as the REST spec's example shapes it, with the fake's targets.
func TestListSkusForScaling(t *testing.T) {
	s := newTestServer(t)
	ctx := context.Background()
	if _, err := s.Create(ctx, &pulumirpc.CreateRequest{Urn: urn(clusterType, "r"), Properties: props(t, map[string]any{
		"clusterName": "c", "resourceGroupName": "rg", "publicNetworkAccess": "Enabled", "sku": map[string]any{"name": "Balanced_B5"}})}); err != nil {
		t.Fatal(err)
	}
	resp, err := s.Invoke(ctx, &pulumirpc.InvokeRequest{Tok: fakearm.ListSkusForScaling,
		Args: props(t, map[string]any{"clusterName": "c", "resourceGroupName": "rg"})})
	if err != nil {
		t.Fatal(err)
	}
	skus, _ := resp.GetReturn().AsMap()["skus"].([]any)
	var names []string
	for _, sku := range skus {
		names = append(names, sku.(map[string]any)["name"].(string))
		if size, _ := sku.(map[string]any)["sizeInGB"].(float64); size <= 0 {
			t.Errorf("%v has no size", sku)
		}
	}
	if !slices.Equal(names, fakearm.ScaleTargets("Balanced_B5")) || !slices.Contains(names, "MemoryOptimized_M100") {
		t.Errorf("skus %v", names)
	}
	if _, err := s.Invoke(ctx, &pulumirpc.InvokeRequest{Tok: fakearm.ListSkusForScaling,
		Args: props(t, map[string]any{"clusterName": "gone", "resourceGroupName": "rg"})}); err == nil ||
		!strings.Contains(err.Error(), "ERROR CODE: ResourceNotFound") {
		t.Errorf("a missing cluster: %v", err)
	}
}
