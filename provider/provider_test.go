package provider

import (
	"context"
	"encoding/json"
	"os"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blang/semver"
	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/integration"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	presource "github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/component"
	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/azuremock"
	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
)

func server(t *testing.T, fake *azuremock.Fake) integration.Server {
	t.Helper()
	prov, err := New()
	if err != nil {
		t.Fatal(err)
	}
	s, err := integration.NewServer(context.Background(), Name, semver.MustParse(Version),
		integration.WithProvider(prov), integration.WithMocks(fake))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func construct(t *testing.T, fake *azuremock.Fake, token, name string, inputs map[string]property.Value,
) (p.ConstructResponse, error) {
	t.Helper()
	return constructRequest(t, fake, p.ConstructRequest{
		Urn:    presource.NewURN("stack", "project", "", tokens.Type(token), name),
		Inputs: property.NewMap(inputs),
	})
}

func constructRequest(t *testing.T, fake *azuremock.Fake, req p.ConstructRequest) (p.ConstructResponse, error) {
	t.Helper()
	return server(t, fake).Construct(req)
}

func str(s string) property.Value { return property.New(s) }

func obj(m map[string]property.Value) property.Value { return property.New(property.NewMap(m)) }

func arr(values ...property.Value) property.Value { return property.New(property.NewArray(values)) }

// registrations summarises what a fake received: type, name and inputs of each resource.
func registrations(fake *azuremock.Fake) []string {
	var out []string
	for _, r := range fake.Resources() {
		if !strings.HasPrefix(r.TypeToken, "azure-native:") {
			continue
		}
		inputs, _ := json.Marshal(r.Inputs.Mappable())
		out = append(out, r.TypeToken+" "+r.Name+" "+string(inputs))
	}
	slices.Sort(out)
	return out
}

// library runs the Go library with the same inputs, for comparison: what it registered, and
// its outputs.
func library(t *testing.T, args *component.ManagedRedisArgs) ([]string, map[string]any) {
	t.Helper()
	fake := azuremock.New(fakearm.ExistingCache("rg", "legacy-cache", "eastus", "Enabled")...)
	var redis *component.ManagedRedis
	err := azuremock.Run(fake, func(ctx *pulumi.Context) (err error) {
		redis, err = component.NewManagedRedis(ctx, "cache", args)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	outputs := map[string]any{}
	for name, output := range redis.Outputs() {
		outputs[name], _ = azuremock.Value[any](t, output.(pulumi.Output))
	}
	return registrations(fake), outputs
}

func TestConstructManagedRedisMatchesTheLibrary(t *testing.T) {
	tests := []struct {
		name    string
		inputs  map[string]property.Value
		library *component.ManagedRedisArgs
		// secret outputs expected in the response state
		secret []string
		// empty outputs (that do not apply)
		empty []string
	}{
		{
			name: "EntraId",
			inputs: map[string]property.Value{
				"resourceGroupName": str("rg"),
				"tags":              obj(map[string]property.Value{"env": str("dev")}),
				"database":          obj(map[string]property.Value{"evictionPolicy": str("AllKeysLRU"), "modules": arr(obj(map[string]property.Value{"name": str("RedisJSON")}))}),
				"accessPrincipals": arr(
					obj(map[string]property.Value{"objectId": str(azuremock.PrincipalA)}),
					obj(map[string]property.Value{"name": str("admin"), "objectId": str(azuremock.PrincipalB), "principalType": str("User")}),
				),
			},
			library: &component.ManagedRedisArgs{
				ResourceGroupName: pulumi.String("rg"),
				Tags:              pulumi.StringMap{"env": pulumi.String("dev")},
				Database:          &component.DatabaseSettings{EvictionPolicy: "AllKeysLRU", Modules: []component.Module{{Name: "RedisJSON"}}},
				AccessPrincipals: []component.AccessPrincipal{
					{ObjectId: pulumi.String(azuremock.PrincipalA)},
					{Name: "admin", ObjectId: pulumi.String(azuremock.PrincipalB), PrincipalType: "User"},
				},
			},
			empty: []string{"primaryAccessKey", "keyVaultId", "connectionStringSecretUri", "primaryAccessKeySecretUri",
				"privateEndpointId", "privateIpAddress"},
		},
		{
			name: "AccessKey",
			inputs: map[string]property.Value{
				"resourceGroupName": str("rg"),
				"authentication":    str("AccessKey"),
				"keyVaultId":        str(azuremock.GivenVaultId),
				"accessPrincipals":  arr(obj(map[string]property.Value{"objectId": str(azuremock.PrincipalA)})),
			},
			library: &component.ManagedRedisArgs{
				ResourceGroupName: pulumi.String("rg"),
				Authentication:    component.AccessKey,
				KeyVaultId:        pulumi.String(azuremock.GivenVaultId),
				AccessPrincipals:  []component.AccessPrincipal{{ObjectId: pulumi.String(azuremock.PrincipalA)}},
			},
			secret: []string{"primaryAccessKey", "connectionString", "uri", "environment"},
		},
		{
			name: "Existing",
			inputs: map[string]property.Value{
				"resourceGroupName": str("rg"),
				"existing":          obj(map[string]property.Value{"clusterName": str("legacy-cache")}),
				"accessPrincipals":  arr(obj(map[string]property.Value{"objectId": str(azuremock.PrincipalA)})),
			},
			library: &component.ManagedRedisArgs{
				ResourceGroupName: pulumi.String("rg"),
				Existing:          &component.ExistingCache{ClusterName: pulumi.String("legacy-cache")},
				AccessPrincipals:  []component.AccessPrincipal{{ObjectId: pulumi.String(azuremock.PrincipalA)}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := azuremock.New(fakearm.ExistingCache("rg", "legacy-cache", "eastus", "Enabled")...)
			resp, err := construct(t, fake, "azure-managed-redis:index:ManagedRedis", "cache", tt.inputs)
			if err != nil {
				t.Fatal(err)
			}
			wantRegistrations, wantOutputs := library(t, tt.library)
			if got := registrations(fake); !reflect.DeepEqual(got, wantRegistrations) {
				t.Errorf("provider registered\n%s\nthe library\n%s", strings.Join(got, "\n"), strings.Join(wantRegistrations, "\n"))
			}
			state := resp.State
			for name, want := range wantOutputs {
				value := presource.ToResourcePropertyValue(state.Get(name).WithSecret(false))
				got, _ := json.Marshal(value.Mappable())
				wantJSON, _ := json.Marshal(want)
				// A struct output (migration) as the wire has it: an object, keys in order.
				var wantValue any
				_ = json.Unmarshal(wantJSON, &wantValue)
				wantJSON, _ = json.Marshal(wantValue)
				if string(got) != string(wantJSON) {
					t.Errorf("output %s = %s, the library gives %s", name, got, wantJSON)
				}
			}
			for _, key := range []string{"clusterId", "clusterName", "databaseId", "resourceGroupName", "hostName",
				"port", "authentication", "connectionName", "connectionString", "uri", "redisVersion", "environment"} {
				if v, ok := state.GetOk(key); !ok || v.IsNull() {
					t.Errorf("output %s missing from %v", key, state)
				}
			}
			for _, key := range tt.secret {
				if !state.Get(key).Secret() {
					t.Errorf("output %s is not secret across the wire", key)
				}
			}
			// An output that does not apply is empty over the wire, as in Go.
			for _, key := range tt.empty {
				if v := state.Get(key).WithSecret(false); !v.IsString() || v.AsString() != "" {
					t.Errorf("output %s = %v, want empty", key, v)
				}
			}
			if got := state.Get("port").AsNumber(); got != 10000 {
				t.Errorf("port = %v", got)
			}
		})
	}
}

// At preview, a principal's object id from a resource not yet created is unknown.
func TestPreviewWithUnknownObjectIds(t *testing.T) {
	fake := azuremock.New()
	_, err := constructRequest(t, fake, p.ConstructRequest{
		Urn:    presource.NewURN("stack", "project", "", "azure-managed-redis:index:ManagedRedis", "cache"),
		DryRun: true,
		Inputs: property.NewMap(map[string]property.Value{
			"resourceGroupName": str("rg"),
			"accessPrincipals": arr(obj(map[string]property.Value{
				"name": str("api"), "objectId": property.New(property.Computed),
			})),
		}),
	})
	if err != nil {
		t.Fatal(err)
	}
	a := fake.One(t, "azure-native:redisenterprise:AccessPolicyAssignment")
	if a.Name != "cache-access-api" {
		t.Errorf("assignment %s, want it named after the principal", a.Name)
	}
}

// Over the wire, an object id taken from another resource arrives as an Output with that
// resource as dependency, known or not: never a literal, so a principal's names are the same
// on the first up (unknown) and on every later one (known).
func TestObjectIdsFromOtherResourcesAreNeverLiterals(t *testing.T) {
	identity := presource.NewURN("stack", "project", "", "azure-native:managedidentity:UserAssignedIdentity", "app")
	for _, known := range []bool{false, true} {
		value := property.New(property.Computed)
		if known {
			value = str(azuremock.PrincipalA)
		}
		principal := map[string]property.Value{"objectId": value.WithDependencies([]presource.URN{identity})}
		_, err := constructRequest(t, azuremock.New(), p.ConstructRequest{
			Urn: presource.NewURN("stack", "project", "", "azure-managed-redis:index:ManagedRedis", "cache"), DryRun: !known,
			Inputs: property.NewMap(map[string]property.Value{"resourceGroupName": str("rg"), "accessPrincipals": arr(obj(principal))}),
		})
		if err == nil || !strings.Contains(err.Error(), `invalid input "accessPrincipals[0].name"`) {
			t.Errorf("known %v: want accessPrincipals[0].name required, got %v", known, err)
		}
		principal["name"] = str("app")
		fake := azuremock.New()
		_, err = constructRequest(t, fake, p.ConstructRequest{
			Urn: presource.NewURN("stack", "project", "", "azure-managed-redis:index:ManagedRedis", "cache"), DryRun: !known,
			Inputs: property.NewMap(map[string]property.Value{"resourceGroupName": str("rg"), "accessPrincipals": arr(obj(principal))}),
		})
		if err != nil {
			t.Fatal(err)
		}
		if a := fake.One(t, "azure-native:redisenterprise:AccessPolicyAssignment"); a.Name != "cache-access-app" {
			t.Errorf("known %v: assignment %s", known, a.Name)
		}
	}
}

func TestConstructRefusesBadInputsWithTheRule(t *testing.T) {
	fake := azuremock.New()
	_, err := construct(t, fake, "azure-managed-redis:index:ManagedRedis", "cache", map[string]property.Value{
		"resourceGroupName": str("rg"),
		"sku":               str("Balanced_B1"),
		"database": obj(map[string]property.Value{"geoReplication": obj(map[string]property.Value{
			"groupNickname": str("group"), "linkedDatabaseIds": arr(str("/db/1")),
		})}),
	})
	if err == nil || !strings.Contains(err.Error(), `invalid input "database.geoReplication"`) || !strings.Contains(err.Error(), "rule V3") {
		t.Fatalf("want a V3 error naming database.geoReplication, got %v", err)
	}
	// The engine names the resource ("resource 'cache' has a problem: ..."): the message does not.
	if strings.Contains(err.Error(), `ManagedRedis "cache"`) {
		t.Errorf("the message names the component a second time: %v", err)
	}
	if !strings.Contains(err.Error(), component.RulesURL) {
		t.Errorf("the message does not say where the rules are explained: %v", err)
	}
	if n := len(fake.Resources()); n != 0 {
		t.Errorf("%d resources registered before the input was refused", n)
	}
}

func TestConstructManagedRedisAccess(t *testing.T) {
	fake := azuremock.New()
	resp, err := construct(t, fake, "azure-managed-redis:index:ManagedRedisAccess", "api", map[string]property.Value{
		"clusterName": str("cache-1"), "resourceGroupName": str("rg"), "objectId": str(azuremock.PrincipalA),
	})
	if err != nil {
		t.Fatal(err)
	}
	a := fake.One(t, "azure-native:redisenterprise:AccessPolicyAssignment")
	if azuremock.Input(a, "user.objectId") != azuremock.PrincipalA {
		t.Errorf("assignment for %v", azuremock.Input(a, "user.objectId"))
	}
	if id := resp.State.Get("accessPolicyAssignmentId").AsString(); !strings.HasSuffix(id, "/accessPolicyAssignments/"+azuremock.Input(a, "accessPolicyAssignmentName").(string)) {
		t.Errorf("accessPolicyAssignmentId %q", id)
	}
}

// The committed schema.json is what the provider serves (make schema regenerates it).
func TestSchemaIsCommittedAndComplete(t *testing.T) {
	resp, err := server(t, azuremock.New()).GetSchema(p.GetSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var served, committed schema.PackageSpec
	if err := json.Unmarshal([]byte(resp.Schema), &served); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("../schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &committed); err != nil {
		t.Fatal(err)
	}
	committed.Version = served.Version
	if compact(t, served) != compact(t, committed) {
		t.Error("schema.json differs from the provider's schema: run make schema")
	}

	describe := func(where, description string) {
		if strings.TrimSpace(description) == "" {
			t.Errorf("%s has no description", where)
		}
	}
	for token, r := range served.Resources {
		describe(token, r.Description)
		for name, prop := range r.InputProperties {
			describe(token+" input "+name, prop.Description)
		}
		for name, prop := range r.Properties {
			describe(token+" output "+name, prop.Description)
		}
	}
	for token, typ := range served.Types {
		describe(token, typ.Description)
		for name, prop := range typ.Properties {
			describe(token+"."+name, prop.Description)
		}
	}

	mr := served.Resources[Name+":index:ManagedRedis"]
	if !mr.Properties["primaryAccessKey"].Secret {
		t.Error("primaryAccessKey is not marked secret")
	}
	if !slices.Equal(mr.RequiredInputs, []string{"resourceGroupName"}) {
		t.Errorf("required inputs %v, want only resourceGroupName", mr.RequiredInputs)
	}
	plain := []string{"sku", "highAvailability", "capacity", "zones", "minimumTlsVersion", "publicNetworkAccess",
		"database", "authentication", "accessPrincipals", "existing", "connectionName", "protectData"}
	for _, name := range plain {
		if !mr.InputProperties[name].Plain {
			t.Errorf("input %s is not plain", name)
		}
	}
	for _, name := range []string{"resourceGroupName", "location", "clusterName", "tags", "keyVaultId"} {
		if mr.InputProperties[name].Plain {
			t.Errorf("input %s is plain, want an Input", name)
		}
	}
	if served.Types[Name+":index:AccessPrincipal"].Properties["objectId"].Plain ||
		served.Types[Name+":index:GeoReplicationSettings"].Properties["linkedDatabaseIds"].Plain ||
		served.Types[Name+":index:GeoReplicationSettings"].Properties["linkedDatabaseIds"].Items.Plain {
		t.Error("objectId and linkedDatabaseIds must accept Outputs")
	}
	if tags := mr.InputProperties["tags"]; tags.Plain || tags.AdditionalProperties == nil || tags.AdditionalProperties.Plain {
		t.Errorf("tags %+v: each tag value must accept an Output", tags)
	}
	if !served.Types[Name+":index:AccessPrincipal"].Properties["name"].Plain {
		t.Error("a principal's name must be plain: it names resources")
	}
	// Every output is always there (empty when it does not apply), in Go as over the wire.
	for name := range (&component.ManagedRedis{}).Outputs() {
		if !slices.Contains(mr.Required, name) {
			t.Errorf("output %s is not required", name)
		}
	}
	if got := len(served.Types[Name+":index:SkuName"].Enum); got != 55 {
		t.Errorf("SkuName has %d values", got)
	}
	for language, want := range map[string]string{
		"nodejs": `"packageName":"@managedredis/azure-managed-redis"`,
		"python": `"packageName":"pulumi_azure_managed_redis"`,
		"go":     `"importBasePath":"github.com/managedredis/pulumi-azure-managed-redis/sdk/go/azuremanagedredis"`,
	} {
		if !strings.Contains(string(served.Language[language]), want) {
			t.Errorf("%s language section %s lacks %s", language, served.Language[language], want)
		}
	}
}

func compact(t *testing.T, spec schema.PackageSpec) string {
	data, err := json.Marshal(spec)
	if err != nil {
		t.Fatal(err)
	}
	var normalized any
	if err := json.Unmarshal(data, &normalized); err != nil {
		t.Fatal(err)
	}
	data, _ = json.Marshal(normalized)
	return string(data)
}

const assignmentType = "azure-native:redisenterprise:AccessPolicyAssignment"

// Over the wire each Construct has a context of its own, yet the accesses of one program on one
// database form one line: written one at a time, each depending on the one before it, the
// whole chain. Another database's line runs beside it.
func TestManagedRedisAccessConstructsFormOneLinePerDatabase(t *testing.T) {
	var mu sync.Mutex
	inFlight, most := map[string]int{}, map[string]int{}
	overlapped := make(chan struct{}) // closed once both databases have a write in flight
	var once sync.Once
	fake := azuremock.New()
	fake.Slow = map[string]func(pulumi.MockResourceArgs){assignmentType: func(a pulumi.MockResourceArgs) {
		cluster := azuremock.Input(a, "clusterName").(string)
		mu.Lock()
		inFlight[cluster]++
		most[cluster] = max(most[cluster], inFlight[cluster])
		if inFlight["cache-1"] > 0 && inFlight["cache-2"] > 0 {
			once.Do(func() { close(overlapped) })
		}
		mu.Unlock()
		// Each write waits for the other database's (a line shared by both never lets that
		// happen), then stays long enough for a write that skipped its line to be seen.
		select {
		case <-overlapped:
		case <-time.After(5 * time.Second):
		}
		time.Sleep(100 * time.Millisecond)
		mu.Lock()
		inFlight[cluster]--
		mu.Unlock()
	}}
	s := server(t, fake)
	clusters := map[string]string{"api": "cache-1", "worker": "cache-1", "jobs": "cache-1", "web": "cache-2", "admin": "cache-2"}
	var wg sync.WaitGroup
	for app, cluster := range clusters {
		wg.Go(func() {
			_, err := s.Construct(p.ConstructRequest{
				Urn:             presource.NewURN("stack", "project", "", "azure-managed-redis:index:ManagedRedisAccess", app),
				MonitorEndpoint: "program",
				Inputs: property.NewMap(map[string]property.Value{
					"clusterName": str(cluster), "resourceGroupName": str("rg"), "objectId": str(fakearm.GuidOf(app)),
				}),
			})
			if err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	select {
	case <-overlapped:
	default:
		t.Error("the two databases' assignments were never written at the same time")
	}
	lines := map[string][]pulumi.MockResourceArgs{}
	for _, a := range fake.Registered(assignmentType) {
		cluster := azuremock.Input(a, "clusterName").(string)
		lines[cluster] = append(lines[cluster], a)
	}
	for cluster, want := range map[string]int{"cache-1": 3, "cache-2": 2} {
		if most[cluster] != 1 {
			t.Errorf("%s: %d assignments in flight at once, want 1", cluster, most[cluster])
		}
		line := lines[cluster]
		if len(line) != want {
			t.Fatalf("%s: %d assignments, want %d", cluster, len(line), want)
		}
		// Each depends on the one before it and on no other assignment, so that the engine
		// deletes them one after another too; the first on none.
		for i, a := range line {
			var waitsFor []string
			for _, d := range a.RegisterRPC.GetDependencies() {
				if strings.Contains(d, "AccessPolicyAssignment") {
					waitsFor = append(waitsFor, d)
				}
			}
			var want []string
			if i > 0 {
				want = []string{string(azuremock.URNOf(line[i-1]))}
			}
			if !slices.Equal(waitsFor, want) {
				t.Errorf("%s: assignment %d (%s) waits for %v, want %v", cluster, i, a.Name, waitsFor, want)
			}
		}
	}
}

// A line belongs to one program of one provider: another program (another engine monitor), or
// another provider served by the same process, starts its own.
func TestEachProgramHasItsOwnLines(t *testing.T) {
	fake := azuremock.New()
	first, second := server(t, fake), server(t, fake)
	steps := []struct {
		server             integration.Server
		name, program      string
		waitsForAssignment string
	}{
		{first, "a", "one", ""},
		{first, "b", "two", ""},
		{second, "c", "one", ""},
		{first, "d", "one", "a"},
		{first, "e", "two", "b"},
	}
	for _, step := range steps {
		_, err := step.server.Construct(p.ConstructRequest{
			Urn:             presource.NewURN("stack", "project", "", "azure-managed-redis:index:ManagedRedisAccess", step.name),
			MonitorEndpoint: step.program,
			Inputs: property.NewMap(map[string]property.Value{
				"clusterName": str("cache-1"), "resourceGroupName": str("rg"), "objectId": str(fakearm.GuidOf(step.name)),
			}),
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	byName := map[string]pulumi.MockResourceArgs{}
	for _, a := range fake.Registered(assignmentType) {
		byName[a.Name] = a
	}
	for _, step := range steps {
		var waitsFor []string
		for _, d := range byName[step.name].RegisterRPC.GetDependencies() {
			if strings.Contains(d, "AccessPolicyAssignment") {
				waitsFor = append(waitsFor, presource.URN(d).Name())
			}
		}
		var want []string
		if step.waitsForAssignment != "" {
			want = []string{step.waitsForAssignment}
		}
		if !slices.Equal(waitsFor, want) {
			t.Errorf("%s (program %s): waits for %v, want %v", step.name, step.program, waitsFor, want)
		}
	}
}
