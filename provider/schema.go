package provider

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"strings"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// The component must know its resource graph while the program runs, so inputs that shape it
// are plain values (see the README). infer marks plain only the plain fields of primitive
// types; this completes the schema with `plain: true` on every property whose Go field is not
// a pulumi.Input (enums, objects, lists), so the SDKs take literals there.

// inputsByToken are the Go types behind the schema's resources and object types.
var inputsByToken = map[string]reflect.Type{
	Name + ":index:ManagedRedis":           reflect.TypeFor[ManagedRedisArgs](),
	Name + ":index:ManagedRedisAccess":     reflect.TypeFor[ManagedRedisAccessArgs](),
	Name + ":index:DatabaseSettings":       reflect.TypeFor[DatabaseSettings](),
	Name + ":index:DatabaseModule":         reflect.TypeFor[DatabaseModule](),
	Name + ":index:PersistenceSettings":    reflect.TypeFor[PersistenceSettings](),
	Name + ":index:GeoReplicationSettings": reflect.TypeFor[GeoReplicationSettings](),
	Name + ":index:AccessPrincipal":        reflect.TypeFor[AccessPrincipal](),
	Name + ":index:ExistingCache":          reflect.TypeFor[ExistingCache](),
}

// completeSchema wraps the provider's GetSchema with what infer leaves out: plain markers
// (markPlain) and enum type descriptions.
func completeSchema(prov p.Provider) p.Provider {
	getSchema := prov.GetSchema
	prov.GetSchema = func(ctx context.Context, req p.GetSchemaRequest) (p.GetSchemaResponse, error) {
		resp, err := getSchema(ctx, req)
		if err != nil {
			return resp, err
		}
		var spec schema.PackageSpec
		if err := json.Unmarshal([]byte(resp.Schema), &spec); err != nil {
			return resp, err
		}
		markPlain(&spec)
		markOptionalOutputs(&spec)
		describeEnums(&spec)
		data, err := json.Marshal(spec)
		return p.GetSchemaResponse{Schema: string(data)}, err
	}
	return prov
}

func markPlain(spec *schema.PackageSpec) {
	for token, goType := range inputsByToken {
		if r, ok := spec.Resources[token]; ok {
			markPlainFields(r.InputProperties, goType)
			spec.Resources[token] = r
		}
		if t, ok := spec.Types[token]; ok {
			markPlainFields(t.Properties, goType)
			spec.Types[token] = t
		}
	}
}

func markPlainFields(props map[string]schema.PropertySpec, goType reflect.Type) {
	for _, field := range reflect.VisibleFields(goType) {
		name, _, _ := strings.Cut(field.Tag.Get("pulumi"), ",")
		prop, ok := props[name]
		if !ok || field.Type.Implements(reflect.TypeFor[pulumi.Input]()) {
			continue
		}
		prop.TypeSpec = plain(prop.TypeSpec)
		props[name] = prop
	}
}

func plain(t schema.TypeSpec) schema.TypeSpec {
	t.Plain = true
	if t.Items != nil {
		items := plain(*t.Items)
		t.Items = &items
	}
	if t.AdditionalProperties != nil {
		values := plain(*t.AdditionalProperties)
		t.AdditionalProperties = &values
	}
	return t
}

func describeEnums(spec *schema.PackageSpec) {
	for name, description := range enumDescriptions {
		token := Name + ":index:" + name
		if t, ok := spec.Types[token]; ok {
			t.Description = description
			spec.Types[token] = t
		}
	}
}

// statesByToken are the Go types behind the components' outputs.
var statesByToken = map[string]reflect.Type{
	Name + ":index:ManagedRedis":       reflect.TypeFor[ManagedRedisState](),
	Name + ":index:ManagedRedisAccess": reflect.TypeFor[ManagedRedisAccessState](),
}

// markOptionalOutputs drops from "required" the outputs whose Go field holds a pointer (a
// StringPtrOutput): they are absent in some modes.
func markOptionalOutputs(spec *schema.PackageSpec) {
	for token, goType := range statesByToken {
		r, ok := spec.Resources[token]
		if !ok {
			continue
		}
		for _, field := range reflect.VisibleFields(goType) {
			output, isOutput := reflect.Zero(field.Type).Interface().(pulumi.Output)
			if !isOutput || output.ElementType().Kind() != reflect.Pointer {
				continue
			}
			name, _, _ := strings.Cut(field.Tag.Get("pulumi"), ",")
			r.Required = slices.DeleteFunc(r.Required, func(required string) bool { return required == name })
		}
		spec.Resources[token] = r
	}
}
