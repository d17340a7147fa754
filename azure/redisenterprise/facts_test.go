package redisenterprise

import (
	"encoding/json"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure"
)

// facts is testdata/azure-native-3.28.0-redisenterprise.json: names, types and required flags
// of azure-native 3.28.0's redisenterprise module, read from the published SDK.
type facts struct {
	Version   string
	Resources map[string]struct {
		Token          string
		RequiredInputs []string
		Inputs         []property
		Outputs        []property
	}
	Functions map[string]struct {
		Token  string
		Args   []property
		Result []property
	}
	Types map[string]struct{ Properties []property }
	Enums map[string]struct {
		Values []struct{ Value string }
	}
}

type property struct {
	Name                 string
	Type                 string
	Ref                  string
	Required             bool
	Items                *property
	AdditionalProperties *property
}

func loadFacts(t *testing.T) facts {
	t.Helper()
	data, err := os.ReadFile("testdata/azure-native-3.28.0-redisenterprise.json")
	if err != nil {
		t.Fatal(err)
	}
	var f facts
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	return f
}

// boundResources pairs each bound resource with its Go types: the resource, the public Args
// and the plain struct the engine receives.
var boundResources = map[string]struct{ state, args, plainArgs reflect.Type }{
	"RedisEnterprise": {reflect.TypeFor[RedisEnterprise](), reflect.TypeFor[RedisEnterpriseArgs](), reflect.TypeFor[redisEnterpriseArgs]()},
	"Database":        {reflect.TypeFor[Database](), reflect.TypeFor[DatabaseArgs](), reflect.TypeFor[databaseArgs]()},
	"AccessPolicyAssignment": {reflect.TypeFor[AccessPolicyAssignment](), reflect.TypeFor[AccessPolicyAssignmentArgs](),
		reflect.TypeFor[accessPolicyAssignmentArgs]()},
}

var boundFunctions = map[string]struct{ args, outputArgs, result reflect.Type }{
	"getRedisEnterprise": {reflect.TypeFor[LookupRedisEnterpriseArgs](), reflect.TypeFor[LookupRedisEnterpriseOutputArgs](),
		reflect.TypeFor[LookupRedisEnterpriseResult]()},
	"getDatabase":      {reflect.TypeFor[LookupDatabaseArgs](), reflect.TypeFor[LookupDatabaseOutputArgs](), reflect.TypeFor[LookupDatabaseResult]()},
	"listDatabaseKeys": {reflect.TypeFor[ListDatabaseKeysArgs](), reflect.TypeFor[ListDatabaseKeysOutputArgs](), reflect.TypeFor[ListDatabaseKeysResult]()},
}

var boundEnums = map[string][]string{
	"redisenterprise:AccessKeysAuthentication":   AccessKeysAuthentications,
	"redisenterprise:AofFrequency":               AofFrequencies,
	"redisenterprise:ClusteringPolicy":           ClusteringPolicies,
	"redisenterprise:CmkIdentityType":            CmkIdentityTypes,
	"redisenterprise:DeferUpgradeSetting":        DeferUpgradeSettings,
	"redisenterprise:EvictionPolicy":             EvictionPolicies,
	"redisenterprise:HighAvailability":           HighAvailabilities,
	"redisenterprise:ManagedServiceIdentityType": ManagedServiceIdentityTypes,
	"redisenterprise:Protocol":                   Protocols,
	"redisenterprise:PublicNetworkAccess":        PublicNetworkAccesses,
	"redisenterprise:RdbFrequency":               RdbFrequencies,
	"redisenterprise:SkuName":                    SkuNames,
	"redisenterprise:TlsVersion":                 TlsVersions,
}

func TestResourcesMatchFacts(t *testing.T) {
	f := loadFacts(t)
	for name, bound := range boundResources {
		t.Run(name, func(t *testing.T) {
			fact, ok := f.Resources[name]
			if !ok {
				t.Fatalf("no facts for %s", name)
			}
			// id and urn come from CustomResourceState.
			var outputs []property
			for _, p := range fact.Outputs {
				if p.Name != "id" && p.Name != "urn" {
					outputs = append(outputs, p)
				}
			}
			checkFields(t, f, bound.state, outputs, outputElement)
			checkFields(t, f, bound.plainArgs, fact.Inputs, plainElement)
			checkPublicArgs(t, bound.args, fact.Inputs)
		})
	}
}

func TestFunctionsMatchFacts(t *testing.T) {
	f := loadFacts(t)
	for name, bound := range boundFunctions {
		t.Run(name, func(t *testing.T) {
			fact, ok := f.Functions[name]
			if !ok {
				t.Fatalf("no facts for %s", name)
			}
			checkFields(t, f, bound.args, fact.Args, plainElement)
			checkFields(t, f, bound.result, fact.Result, plainElement)
			checkPublicArgs(t, bound.outputArgs, fact.Args)
		})
	}
}

func TestEnumsMatchFacts(t *testing.T) {
	f := loadFacts(t)
	if len(boundEnums) != len(f.Enums)-1 { // PrivateEndpointServiceConnectionStatus is not bound
		t.Errorf("bound %d enums, facts list %d", len(boundEnums), len(f.Enums))
	}
	for name, values := range boundEnums {
		var want []string
		for _, v := range f.Enums[name].Values {
			want = append(want, v.Value)
		}
		if !slices.Equal(values, want) {
			t.Errorf("%s: binding has %q, facts say %q", name, values, want)
		}
	}
}

// elementOf gives the Go type a field carries: the field type itself for plain structs, the
// element type of the Output for resources.
type elementOf func(reflect.StructField) reflect.Type

func plainElement(f reflect.StructField) reflect.Type { return f.Type }

func outputElement(f reflect.StructField) reflect.Type {
	out, ok := reflect.Zero(f.Type).Interface().(pulumi.Output)
	if !ok {
		return nil
	}
	return out.ElementType()
}

// checkFields asserts that the pulumi-tagged fields of typ are exactly props, each with the
// type and the optionality the facts give, recursing into object types.
func checkFields(t *testing.T, f facts, typ reflect.Type, props []property, element elementOf) {
	t.Helper()
	fields := map[string]reflect.StructField{}
	for _, field := range reflect.VisibleFields(typ) {
		if tag := field.Tag.Get("pulumi"); tag != "" && field.IsExported() {
			fields[tag] = field
		}
	}
	for _, p := range props {
		field, ok := fields[p.Name]
		if !ok {
			t.Errorf("%s: missing property %q", typ.Name(), p.Name)
			continue
		}
		delete(fields, p.Name)
		goType := element(field)
		if goType == nil {
			t.Errorf("%s.%s: not an Output", typ.Name(), field.Name)
			continue
		}
		if want := exportedName(p.Name); field.Name != want {
			t.Errorf("%s: property %q is field %s, the SDK names it %s", typ.Name(), p.Name, field.Name, want)
		}
		checkType(t, f, typ.Name()+"."+p.Name, goType, p, true)
	}
	for name := range fields {
		t.Errorf("%s: property %q is not in the facts", typ.Name(), name)
	}
}

func checkType(t *testing.T, f facts, where string, goType reflect.Type, p property, checkOptional bool) {
	t.Helper()
	scalarOrObject := p.Type != "array" && p.Type != "map"
	if checkOptional && scalarOrObject {
		if isPointer := goType.Kind() == reflect.Pointer; isPointer == p.Required {
			t.Errorf("%s: required=%v but Go type is %v", where, p.Required, goType)
		}
	}
	if goType.Kind() == reflect.Pointer {
		goType = goType.Elem()
	}
	kinds := map[string]reflect.Kind{
		"string": reflect.String, "integer": reflect.Int, "number": reflect.Float64, "boolean": reflect.Bool,
		"array": reflect.Slice, "map": reflect.Map, "object": reflect.Struct,
	}
	if goType.Kind() != kinds[p.Type] {
		t.Errorf("%s: facts say %s, Go type is %v", where, p.Type, goType)
		return
	}
	switch p.Type {
	case "array":
		checkType(t, f, where+"[]", goType.Elem(), *p.Items, false)
	case "map":
		if p.AdditionalProperties != nil {
			checkType(t, f, where+"{}", goType.Elem(), *p.AdditionalProperties, false)
		}
	case "object":
		if goType.Name() != p.Ref {
			t.Errorf("%s: facts say type %s, Go type is %s", where, p.Ref, goType.Name())
			return
		}
		checkFields(t, f, goType, f.Types[p.Ref].Properties, plainElement)
	}
}

// checkPublicArgs asserts the Args struct a user fills has one Input field per input, named as
// the official SDK names it.
func checkPublicArgs(t *testing.T, args reflect.Type, inputs []property) {
	t.Helper()
	var want, got []string
	for _, p := range inputs {
		want = append(want, exportedName(p.Name))
	}
	for i := range args.NumField() {
		field := args.Field(i)
		got = append(got, field.Name)
		if !field.Type.Implements(reflect.TypeFor[pulumi.Input]()) {
			t.Errorf("%s.%s is %v, not an Input", args.Name(), field.Name, field.Type)
		}
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(want, got) {
		t.Errorf("%s fields %v, facts want %v", args.Name(), got, want)
	}
}

func exportedName(property string) string {
	r := []rune(property)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// TestTokensAndRequiredInputs registers each resource and calls each function through Pulumi's
// mocks, and checks the token, the plugin version and that a missing required input is refused.
func TestTokensAndRequiredInputs(t *testing.T) {
	f := loadFacts(t)
	mocks := &recordingMocks{}
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		str := pulumi.String("x")
		if _, err := NewRedisEnterprise(ctx, "cluster", &RedisEnterpriseArgs{
			ResourceGroupName: str, PublicNetworkAccess: str, Sku: SkuArgs{Name: str},
		}); err != nil {
			return err
		}
		if _, err := NewDatabase(ctx, "database", &DatabaseArgs{ClusterName: str, ResourceGroupName: str}); err != nil {
			return err
		}
		if _, err := NewAccessPolicyAssignment(ctx, "assignment", &AccessPolicyAssignmentArgs{
			AccessPolicyName: str, ClusterName: str, DatabaseName: str, ResourceGroupName: str,
			User: AccessPolicyAssignmentPropertiesUserArgs{ObjectId: str},
		}); err != nil {
			return err
		}
		if _, err := LookupRedisEnterprise(ctx, &LookupRedisEnterpriseArgs{ClusterName: "x", ResourceGroupName: "x"}); err != nil {
			return err
		}
		if _, err := LookupDatabase(ctx, &LookupDatabaseArgs{ClusterName: "x", DatabaseName: "x", ResourceGroupName: "x"}); err != nil {
			return err
		}
		_, err := ListDatabaseKeys(ctx, &ListDatabaseKeysArgs{ClusterName: "x", DatabaseName: "x", ResourceGroupName: "x"})
		return err
	}, pulumi.WithMocks("project", "stack", mocks))
	if err != nil {
		t.Fatal(err)
	}
	for name := range boundResources {
		want := f.Resources[name].Token
		if v, ok := mocks.versions[want]; !ok || v != "3.28.0" {
			t.Errorf("%s: token %s registered=%v with version %q, want 3.28.0", name, want, ok, v)
		}
	}
	for name := range boundFunctions {
		want := f.Functions[name].Token
		if !slices.Contains(mocks.calls, want) {
			t.Errorf("%s: token %s was not invoked (got %v)", name, want, mocks.calls)
		}
	}

	for name, fact := range f.Resources {
		bound, ok := boundResources[name]
		if !ok {
			continue
		}
		// Every required input is a non-pointer field of the plain args, so the engine always
		// receives it; the constructor refuses a nil one.
		for _, required := range fact.RequiredInputs {
			field, _ := bound.plainArgs.FieldByName(exportedName(required))
			if field.Type.Kind() == reflect.Pointer {
				t.Errorf("%s: required input %s is optional in the binding", name, required)
			}
		}
	}
	err = pulumi.RunErr(func(ctx *pulumi.Context) error {
		_, err := NewRedisEnterprise(ctx, "cluster", &RedisEnterpriseArgs{ResourceGroupName: pulumi.String("rg")})
		return err
	}, pulumi.WithMocks("project", "stack", &recordingMocks{}))
	if err == nil || !strings.Contains(err.Error(), "'PublicNetworkAccess', 'Sku'") {
		t.Errorf("missing required inputs: got %v", err)
	}
}

type recordingMocks struct {
	versions map[string]string
	calls    []string
}

func (m *recordingMocks) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	if m.versions == nil {
		m.versions = map[string]string{}
	}
	m.versions[args.TypeToken] = args.RegisterRPC.GetVersion()
	return args.Name + "-id", args.Inputs, nil
}

func (m *recordingMocks) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	m.calls = append(m.calls, args.Token)
	return resource.PropertyMap{}, nil
}

func TestPluginJSONNamesTheSamePlugin(t *testing.T) {
	data, err := os.ReadFile("pulumi-plugin.json")
	if err != nil {
		t.Fatal(err)
	}
	var plugin struct {
		Resource bool
		Name     string
		Version  string
	}
	if err := json.Unmarshal(data, &plugin); err != nil {
		t.Fatal(err)
	}
	if !plugin.Resource || plugin.Name != "azure-native" || plugin.Version != azure.NativeVersion {
		t.Errorf("pulumi-plugin.json says %+v, want azure-native %s", plugin, azure.NativeVersion)
	}
}
