package provider

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/component"
)

// The provider's types mirror the library's, field for field, because infer needs its own
// (enums, tags, descriptions) and the library must not depend on it. These tests keep the two
// in step: a field added on one side only, with another kind (plain or Input), or forgotten by
// the conversion fails them.

var mirrors = []struct{ provider, library reflect.Type }{
	{reflect.TypeFor[ManagedRedisArgs](), reflect.TypeFor[component.ManagedRedisArgs]()},
	{reflect.TypeFor[DatabaseSettings](), reflect.TypeFor[component.DatabaseSettings]()},
	{reflect.TypeFor[DatabaseModule](), reflect.TypeFor[component.Module]()},
	{reflect.TypeFor[PersistenceSettings](), reflect.TypeFor[component.Persistence]()},
	{reflect.TypeFor[GeoReplicationSettings](), reflect.TypeFor[component.GeoReplication]()},
	{reflect.TypeFor[AccessPrincipal](), reflect.TypeFor[component.AccessPrincipal]()},
	{reflect.TypeFor[ExistingCache](), reflect.TypeFor[component.ExistingCache]()},
	{reflect.TypeFor[PrivateEndpointSettings](), reflect.TypeFor[component.PrivateEndpointSettings]()},
	{reflect.TypeFor[DiagnosticsSettings](), reflect.TypeFor[component.DiagnosticsSettings]()},
	{reflect.TypeFor[CustomerManagedKeySettings](), reflect.TypeFor[component.CustomerManagedKeySettings]()},
	{reflect.TypeFor[ManagedRedisAccessArgs](), reflect.TypeFor[component.ManagedRedisAccessArgs]()},
}

var inputType = reflect.TypeFor[pulumi.Input]()

func TestProviderTypesMirrorTheLibrarysFieldForField(t *testing.T) {
	for _, m := range mirrors {
		for i := range m.library.NumField() {
			lib := m.library.Field(i)
			prov, ok := m.provider.FieldByName(lib.Name)
			if !ok {
				t.Errorf("%s.%s has no field in the provider's %s", m.library, lib.Name, m.provider.Name())
				continue
			}
			tag, _, _ := strings.Cut(prov.Tag.Get("pulumi"), ",")
			if want := lowerFirst(lib.Name); tag != want {
				t.Errorf("%s.%s is %q in the schema, want %q", m.provider.Name(), prov.Name, tag, want)
			}
			if lib.Type.Implements(inputType) != prov.Type.Implements(inputType) {
				t.Errorf("%s.%s: an Input on one side only (library %s, provider %s)", m.provider.Name(), prov.Name, lib.Type, prov.Type)
			}
		}
		for i := range m.provider.NumField() {
			if prov := m.provider.Field(i); prov.IsExported() {
				if _, ok := m.library.FieldByName(prov.Name); !ok {
					t.Errorf("%s.%s is in the schema but not in the library's %s", m.provider.Name(), prov.Name, m.library)
				}
			}
		}
	}
}

// Every field set on the wire reaches the library.
func TestConversionCarriesEveryField(t *testing.T) {
	var args ManagedRedisArgs
	fill(reflect.ValueOf(&args).Elem())
	for path, zero := range zeroFields(reflect.ValueOf(args.library()).Elem(), "ManagedRedisArgs") {
		if zero {
			t.Errorf("%s is not carried from the wire to the library", path)
		}
	}
}

func lowerFirst(s string) string { return string(unicode.ToLower(rune(s[0]))) + s[1:] }

// fill sets every field of v to a non-zero value, one element in lists and maps.
func fill(v reflect.Value) {
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() && !v.Type().Field(i).Anonymous {
				fill(v.Field(i))
			}
		}
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem())
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fill(v.Index(0))
	case reflect.String:
		v.SetString("x")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int:
		v.SetInt(1)
	case reflect.Interface:
		for _, input := range []pulumi.Input{pulumi.String("x"), pulumi.StringArray{pulumi.String("x")},
			pulumi.StringMap{"x": pulumi.String("x")}} {
			if reflect.TypeOf(input).Implements(v.Type()) {
				v.Set(reflect.ValueOf(input))
				return
			}
		}
		panic("no value for " + v.Type().String())
	}
}

// zeroFields says, for every field path under v, whether it holds its zero value.
func zeroFields(v reflect.Value, path string) map[string]bool {
	fields := map[string]bool{}
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if f.IsExported() {
				for p, zero := range zeroFields(v.Field(i), path+"."+f.Name) {
					fields[p] = zero
				}
			}
		}
	case reflect.Pointer:
		if v.IsNil() {
			return map[string]bool{path: true}
		}
		return zeroFields(v.Elem(), path)
	case reflect.Slice:
		if v.Len() == 0 {
			return map[string]bool{path: true}
		}
		if v.Index(0).Kind() == reflect.Struct {
			return zeroFields(v.Index(0), path+"[0]")
		}
		fields[path] = false
	default:
		fields[path] = v.IsZero()
	}
	return fields
}

// The state's outputs are the library's, by schema name: every output the library records has
// a field, and every field but the AccessKey-only ones is always there.
func TestStateMirrorsTheLibrarysOutputs(t *testing.T) {
	var fields []string
	state := reflect.TypeFor[ManagedRedisState]()
	for i := range state.NumField() {
		if name, ok := state.Field(i).Tag.Lookup("pulumi"); ok && !state.Field(i).Anonymous {
			fields = append(fields, name)
			optional := state.Field(i).Type == reflect.TypeFor[pulumi.StringPtrOutput]()
			if optional != slices.Contains(component.OptionalOutputs, name) {
				t.Errorf("output %s: optional %v, but the library says optional %v", name, optional,
					slices.Contains(component.OptionalOutputs, name))
			}
		}
	}
	var keys []string
	for name := range (&component.ManagedRedis{}).Outputs() {
		keys = append(keys, name)
	}
	keys = append(keys, component.OptionalOutputs...)
	slices.Sort(fields)
	slices.Sort(keys)
	if !slices.Equal(fields, slices.Compact(keys)) {
		t.Errorf("state fields %v, library outputs %v", fields, keys)
	}
}
