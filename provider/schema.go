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

	"github.com/managedredis/pulumi-azure-managed-redis/component"
)

// The component must know its resource graph while the program runs, so inputs that shape it
// are plain values (see the README). infer marks plain only the plain fields of primitive
// types; this completes the schema with `plain: true` on every property whose Go field is not
// a pulumi.Input (enums, objects, lists), so the SDKs take literals there.

// inputsByToken are the Go types behind the schema's resources and object types.
var inputsByToken = map[string]reflect.Type{
	Name + ":index:ManagedRedis":               reflect.TypeFor[ManagedRedisArgs](),
	Name + ":index:ManagedRedisAccess":         reflect.TypeFor[ManagedRedisAccessArgs](),
	Name + ":index:DatabaseSettings":           reflect.TypeFor[DatabaseSettings](),
	Name + ":index:DatabaseModule":             reflect.TypeFor[DatabaseModule](),
	Name + ":index:PersistenceSettings":        reflect.TypeFor[PersistenceSettings](),
	Name + ":index:GeoReplicationSettings":     reflect.TypeFor[GeoReplicationSettings](),
	Name + ":index:AccessPrincipal":            reflect.TypeFor[AccessPrincipal](),
	Name + ":index:ExistingCache":              reflect.TypeFor[ExistingCache](),
	Name + ":index:PrivateEndpointSettings":    reflect.TypeFor[PrivateEndpointSettings](),
	Name + ":index:DiagnosticsSettings":        reflect.TypeFor[DiagnosticsSettings](),
	Name + ":index:CustomerManagedKeySettings": reflect.TypeFor[CustomerManagedKeySettings](),
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

// markPlainFields makes a property plain, items and values included, exactly when its Go field
// is not a pulumi.Input; an Input's items and values accept Outputs too (infer would mark a
// map's values plain: tags must accept Outputs).
func markPlainFields(props map[string]schema.PropertySpec, goType reflect.Type) {
	for _, field := range reflect.VisibleFields(goType) {
		name, _, _ := strings.Cut(field.Tag.Get("pulumi"), ",")
		prop, ok := props[name]
		if !ok {
			continue
		}
		prop.TypeSpec = withPlain(prop.TypeSpec, !field.Type.Implements(reflect.TypeFor[pulumi.Input]()))
		props[name] = prop
	}
}

func withPlain(t schema.TypeSpec, plain bool) schema.TypeSpec {
	t.Plain = plain
	if t.Items != nil {
		items := withPlain(*t.Items, plain)
		t.Items = &items
	}
	if t.AdditionalProperties != nil {
		values := withPlain(*t.AdditionalProperties, plain)
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

// markOptionalOutputs drops from ManagedRedis's "required" outputs the ones that exist only
// with some inputs, as the library decides (component.OptionalOutputs).
func markOptionalOutputs(spec *schema.PackageSpec) {
	token := Name + ":index:ManagedRedis"
	r := spec.Resources[token]
	r.Required = slices.DeleteFunc(r.Required, func(name string) bool { return slices.Contains(component.OptionalOutputs, name) })
	spec.Resources[token] = r
}
