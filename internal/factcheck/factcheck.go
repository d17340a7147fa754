// Package factcheck checks Go bindings of azure-native against the facts of azure-native 3.28.0
// (testdata/azure-native-3.28.0-<module>.json beside each test, written by
// tools/facts/schema_subset.py from the published SDK): every bound property has the name, the Go
// name, the type and the optionality the SDK gives it. The project's generated binding (azure/)
// binds every property of the tokens it lists (Complete); the official v2 modules the component
// calls (keyvault, authorization) are checked as a Subset: all they send and read is known to
// 3.28.0, and every input 3.28.0 requires is a required field. It is used by tests only.
package factcheck

import (
	"encoding/json"
	"os"
	"reflect"
	"slices"
	"testing"
	"unicode"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Facts are the facts of one azure-native module.
type Facts struct {
	Version string
	// ApiVersion is the ARM API version the module's resources use.
	ApiVersion string
	Resources  map[string]struct {
		Token          string
		RequiredInputs []string
		Inputs         []Property
		Outputs        []Property
	}
	Functions map[string]struct {
		Token  string
		Args   []Property
		Result []Property
	}
	Types map[string]struct{ Properties []Property }
	Enums map[string]struct {
		Values []struct{ Value string }
	}
	// GoNames are the Go names of types that differ from the schema's (SubnetType for Subnet).
	GoNames map[string]string

	// checked are the object types already checked: network's refer to each other in cycles.
	checked map[reflect.Type]bool
}

// Property is one property of a resource, function or type.
type Property struct {
	Name                 string
	Type                 string
	Ref                  string
	Required             bool
	Items                *Property
	AdditionalProperties *Property
}

// BoundResource is a resource's Go types: the resource, the public Args and the plain struct
// the engine receives.
type BoundResource struct{ State, Args, PlainArgs reflect.Type }

// BoundFunction is a function's Go types: its plain args, the Output form of its args, its
// result.
type BoundFunction struct{ Args, OutputArgs, Result reflect.Type }

// ResourceOf is the BoundResource of the resource type R, its Args A and plain args P.
func ResourceOf[R, A, P any]() BoundResource {
	return BoundResource{State: reflect.TypeFor[R](), Args: reflect.TypeFor[A](), PlainArgs: reflect.TypeFor[P]()}
}

// FunctionOf is the BoundFunction of a function's plain args A, Output args O and result R.
func FunctionOf[A, O, R any]() BoundFunction {
	return BoundFunction{Args: reflect.TypeFor[A](), OutputArgs: reflect.TypeFor[O](), Result: reflect.TypeFor[R]()}
}

// Module checks every resource and function of the facts is bound, each as the facts say.
func (f Facts) Module(t *testing.T, resources map[string]BoundResource, functions map[string]BoundFunction, c Completeness) {
	t.Helper()
	for name := range f.Resources {
		if _, ok := resources[name]; !ok {
			t.Errorf("resource %s of the facts is not checked", name)
		}
	}
	for name := range f.Functions {
		if _, ok := functions[name]; !ok {
			t.Errorf("function %s of the facts is not checked", name)
		}
	}
	for name, b := range resources {
		t.Run(name, func(t *testing.T) { f.Resource(t, name, b.State, b.Args, b.PlainArgs, c) })
	}
	for name, b := range functions {
		t.Run(name, func(t *testing.T) { f.Function(t, name, b.Args, b.OutputArgs, b.Result, c) })
	}
}

// EnumValues checks lists of enum values (module:Name -> values) against the facts' enums, all
// of them.
func (f Facts) EnumValues(t *testing.T, lists map[string][]string) {
	t.Helper()
	if len(lists) != len(f.Enums) {
		t.Errorf("checked %d enums, the facts list %d", len(lists), len(f.Enums))
	}
	for name, values := range lists {
		var want []string
		for _, v := range f.Enums[name].Values {
			want = append(want, v.Value)
		}
		if !slices.Equal(values, want) {
			t.Errorf("%s: binding has %q, facts say %q", name, values, want)
		}
	}
}

// Load reads a facts file.
func Load(t *testing.T, path string) Facts {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f := Facts{checked: map[reflect.Type]bool{}}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	return f
}

// Completeness says whether a binding must bind every property of the facts, or may bind a
// subset of them.
type Completeness bool

const (
	Complete Completeness = true
	Subset   Completeness = false
)

// Resource checks a bound resource: state holds its outputs, plainArgs the inputs the engine
// receives, args the Input fields a user fills (one per bound input, named as the SDK names
// them). Every required input is bound.
func (f Facts) Resource(t *testing.T, name string, state, args, plainArgs reflect.Type, c Completeness) {
	t.Helper()
	fact, ok := f.Resources[name]
	if !ok {
		t.Fatalf("no facts for %s", name)
	}
	// id and urn come from CustomResourceState.
	outputs := slices.DeleteFunc(slices.Clone(fact.Outputs), func(p Property) bool { return p.Name == "id" || p.Name == "urn" })
	f.fields(t, state, outputs, outputElement, c)
	f.fields(t, plainArgs, fact.Inputs, plainElement, c)
	publicArgs(t, args, plainArgs)
	for _, required := range fact.RequiredInputs {
		field, ok := plainArgs.FieldByName(ExportedName(required))
		if !ok || field.Type.Kind() == reflect.Pointer {
			t.Errorf("%s: required input %s is not bound as a required field", name, required)
		}
	}
}

// Function checks a bound function: its plain args, the Output form of its args, its result.
func (f Facts) Function(t *testing.T, name string, args, outputArgs, result reflect.Type, c Completeness) {
	t.Helper()
	fact, ok := f.Functions[name]
	if !ok {
		t.Fatalf("no facts for %s", name)
	}
	if args == nil { // a function without arguments (getClientConfig)
		if len(fact.Args) > 0 {
			t.Errorf("%s takes arguments %v", name, fact.Args)
		}
		f.fields(t, result, fact.Result, plainElement, c)
		return
	}
	f.fields(t, args, fact.Args, plainElement, c)
	f.fields(t, result, fact.Result, plainElement, c)
	publicArgs(t, outputArgs, args)
	for _, p := range fact.Args {
		if _, ok := args.FieldByName(ExportedName(p.Name)); p.Required && !ok {
			t.Errorf("%s: required argument %s is not bound", name, p.Name)
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

// fields asserts that the pulumi-tagged fields of typ are props (all of them, or a subset),
// each with the type and the optionality the facts give, recursing into object types.
func (f Facts) fields(t *testing.T, typ reflect.Type, props []Property, element elementOf, c Completeness) {
	t.Helper()
	bound := map[string]reflect.StructField{}
	for _, field := range reflect.VisibleFields(typ) {
		if tag := field.Tag.Get("pulumi"); tag != "" && field.IsExported() {
			bound[tag] = field
		}
	}
	for _, p := range props {
		field, ok := bound[p.Name]
		if !ok {
			if c == Complete {
				t.Errorf("%s: missing property %q", typ.Name(), p.Name)
			}
			continue
		}
		delete(bound, p.Name)
		goType := element(field)
		if goType == nil {
			t.Errorf("%s.%s: not an Output", typ.Name(), field.Name)
			continue
		}
		if want := ExportedName(p.Name); field.Name != want {
			t.Errorf("%s: property %q is field %s, the SDK names it %s", typ.Name(), p.Name, field.Name, want)
		}
		f.typeOf(t, typ.Name()+"."+p.Name, goType, p, true, c)
	}
	for name := range bound {
		t.Errorf("%s: property %q is not in the facts", typ.Name(), name)
	}
}

func (f Facts) typeOf(t *testing.T, where string, goType reflect.Type, p Property, checkOptional bool, c Completeness) {
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
		f.typeOf(t, where+"[]", goType.Elem(), *p.Items, false, c)
	case "map":
		if p.AdditionalProperties != nil {
			f.typeOf(t, where+"{}", goType.Elem(), *p.AdditionalProperties, false, c)
		}
	case "object":
		want := p.Ref
		if goName, ok := f.GoNames[p.Ref]; ok {
			want = goName
		}
		if goType.Name() != want {
			t.Errorf("%s: facts say type %s, Go type is %s", where, want, goType.Name())
			return
		}
		if !f.checked[goType] {
			f.checked[goType] = true
			f.fields(t, goType, f.Types[p.Ref].Properties, plainElement, c)
		}
	}
}

// publicArgs asserts the Args struct a user fills has one Input field per field of the plain
// args, of the same name.
func publicArgs(t *testing.T, args, plainArgs reflect.Type) {
	t.Helper()
	var want, got []string
	for i := range plainArgs.NumField() {
		want = append(want, plainArgs.Field(i).Name)
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
		t.Errorf("%s fields %v, the plain args have %v", args.Name(), got, want)
	}
}

// ExportedName is a property's Go name.
func ExportedName(property string) string {
	r := []rune(property)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// Registered runs program under Pulumi's mocks and returns the plugin version each resource
// token was registered with, and the function tokens invoked with theirs.
func Registered(t *testing.T, program pulumi.RunFunc) (resources, functions map[string]string) {
	t.Helper()
	m := &recordingMocks{resources: map[string]string{}, functions: map[string]string{}}
	if err := pulumi.RunErr(program, pulumi.WithMocks("project", "stack", m)); err != nil {
		t.Fatal(err)
	}
	return m.resources, m.functions
}

type recordingMocks struct{ resources, functions map[string]string }

func (m *recordingMocks) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	m.resources[args.TypeToken] = args.RegisterRPC.GetVersion()
	return args.Name + "-id", args.Inputs, nil
}

func (m *recordingMocks) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	m.functions[args.Token] = args.Provider
	return resource.PropertyMap{}, nil
}

// PluginJSON checks the binding's pulumi-plugin.json names the azure-native plugin version,
// as the official module's does.
func PluginJSON(t *testing.T, version string) {
	t.Helper()
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
	if !plugin.Resource || plugin.Name != "azure-native" || plugin.Version != version {
		t.Errorf("pulumi-plugin.json says %+v, want azure-native %s", plugin, version)
	}
}

// Tokens runs program under mocks and checks that each named resource was registered under the
// facts' token on the plugin version, and each named function invoked under its token. A
// program exports the Outputs of functions it calls, so that the run waits for them.
func (f Facts) Tokens(t *testing.T, version string, program pulumi.RunFunc, resources, functions []string) {
	t.Helper()
	registered, invoked := Registered(t, program)
	for _, name := range resources {
		if v, ok := registered[f.Resources[name].Token]; !ok || v != version {
			t.Errorf("%s: token %s registered=%v on plugin %q, want %s", name, f.Resources[name].Token, ok, v, version)
		}
	}
	for _, name := range functions {
		if _, ok := invoked[f.Functions[name].Token]; !ok {
			t.Errorf("%s: token %s not invoked (got %v)", name, f.Functions[name].Token, invoked)
		}
	}
}
