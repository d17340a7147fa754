package provider

import (
	"reflect"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/component"
)

// The generated conversions carry every field set on the wire to the library.
func TestConversionCarriesEveryField(t *testing.T) {
	for _, args := range []interface {
		library() any
	}{managedRedisArgs{}, managedRedisAccessArgs{}} {
		value := args.library()
		for path, zero := range zeroFields(reflect.ValueOf(value).Elem(), reflect.TypeOf(value).Elem().Name()) {
			if zero {
				t.Errorf("%s is not carried from the wire to the library", path)
			}
		}
	}
}

// The generated state holds every output the library records, and only those.
func TestStateHoldsTheLibrarysOutputs(t *testing.T) {
	for state, outputs := range map[reflect.Type]pulumi.Map{
		reflect.TypeFor[ManagedRedisState]():       (&component.ManagedRedis{}).Outputs(),
		reflect.TypeFor[ManagedRedisAccessState](): (&component.ManagedRedisAccess{}).Outputs(),
	} {
		fields := map[string]bool{}
		for i := range state.NumField() {
			if name, ok := state.Field(i).Tag.Lookup("pulumi"); ok && !state.Field(i).Anonymous {
				fields[name] = true
			}
		}
		for name := range outputs {
			if !fields[name] {
				t.Errorf("%s has no field for the library's output %s", state.Name(), name)
			}
			delete(fields, name)
		}
		for name := range fields {
			t.Errorf("%s has the field %s, which the library does not record", state.Name(), name)
		}
	}
}

// Filled wire inputs of each component, converted.
type managedRedisArgs struct{}

func (managedRedisArgs) library() any {
	var args ManagedRedisArgs
	fill(reflect.ValueOf(&args).Elem())
	return args.library()
}

type managedRedisAccessArgs struct{}

func (managedRedisAccessArgs) library() any {
	var args ManagedRedisAccessArgs
	fill(reflect.ValueOf(&args).Elem())
	return args.library()
}

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
