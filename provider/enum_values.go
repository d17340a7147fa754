package provider

import (
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/component"
)

// What the generated code (generated.go) leans on.

// enumValues are the values of the library's enum of that name (component.Enums).
func enumValues[T ~string](name string) []infer.EnumValue[T] {
	enum := component.Enums()[name]
	values := make([]infer.EnumValue[T], len(enum.Values))
	for i, v := range enum.Values {
		values[i] = infer.EnumValue[T]{Name: v.Name, Value: T(v.Value), Description: v.Description}
	}
	return values
}

// value is the string of an optional enum, "" (the library's "use the default") when unset.
func value[T ~string](v *T) string {
	if v == nil {
		return ""
	}
	return string(*v)
}

// shareable makes sure a state's embedded ResourceState pointer is set: infer annotates a
// zero state, and reflection cannot walk through a nil embedded pointer. A constructed state
// points at the library component's ResourceState instead.
func shareable(state **pulumi.ResourceState) {
	if *state == nil {
		*state = &pulumi.ResourceState{}
	}
}
