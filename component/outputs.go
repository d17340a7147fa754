package component

import (
	"reflect"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// outputsOf is a component's outputs by schema name: its own exported fields tagged `pulumi`
// (not those of the embedded ResourceState).
func outputsOf(component any) pulumi.Map {
	outputs := pulumi.Map{}
	value := reflect.ValueOf(component).Elem()
	for i := range value.NumField() {
		field := value.Type().Field(i)
		if name, _, _ := strings.Cut(field.Tag.Get("pulumi"), ","); name != "" && field.IsExported() && !field.Anonymous {
			outputs[name] = value.Field(i).Interface().(pulumi.Output)
		}
	}
	return outputs
}
