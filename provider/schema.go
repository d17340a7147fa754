package provider

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/component"
)

// The component must know its resource graph while the program runs, so inputs that shape it
// are plain values (see the README). infer marks plain only the plain fields of primitive
// types; this completes the schema with `plain: true` on every property whose Go field is not
// a pulumi.Input (enums, objects, lists), so the SDKs take literals there; and an Input with an
// `enum` tag is that enum, not a string.

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
		input := field.Type.Implements(reflect.TypeFor[pulumi.Input]())
		prop.TypeSpec = withPlain(prop.TypeSpec, !input)
		if enum := field.Tag.Get("enum"); enum != "" && input {
			// An Input of a closed list of values: the enum, accepting Outputs.
			prop.TypeSpec = schema.TypeSpec{Ref: "#/types/" + Name + ":" + module + ":" + enum}
		}
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

// describeEnums describes the enum types, as the library does (infer leaves them empty).
func describeEnums(spec *schema.PackageSpec) {
	for name, enum := range component.Enums() {
		token := Name + ":" + module + ":" + name
		if t, ok := spec.Types[token]; ok {
			t.Description = enum.Description
			spec.Types[token] = t
		}
	}
}
