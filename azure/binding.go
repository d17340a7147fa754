package azure

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumix"
)

// What the project's bindings of azure-native modules share, each doing what the generated
// SDK does.

// RequireArgs fails, as the generated SDKs do, when a required argument is missing.
func RequireArgs(required map[string]any) error {
	var missing []string
	for name, value := range required {
		v := reflect.ValueOf(value)
		if value == nil || (v.Kind() == reflect.Pointer && v.IsNil()) {
			missing = append(missing, name)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	slices.Sort(missing)
	return errors.New("invalid value for required argument '" + strings.Join(missing, "', '") + "'")
}

// ToOutput resolves an Args value, whose fields may hold Outputs, into a typed Output of its
// plain form.
func ToOutput[T any](ctx context.Context, args pulumi.Input) pulumix.Output[T] {
	resolved := pulumix.MustConvertTyped[any](pulumi.ToOutputWithContext(ctx, args))
	return pulumix.Apply(resolved, func(v any) T { return v.(T) })
}

// InvokeOutput calls a function once every argument is known, on the plugin NativeVersion.
func InvokeOutput[O pulumi.Output](ctx *pulumi.Context, token string, args pulumi.Input, opts []pulumi.InvokeOption) O {
	options := pulumi.InvokeOutputOptions{InvokeOptions: InvokeOptions(opts...)}
	return pulumi.ToOutputWithContext(ctx.Context(), args).ApplyT(func(plainArgs any) (O, error) {
		var result O
		return ctx.InvokeOutput(token, plainArgs, result, options).(O), nil
	}).(O)
}

// Field reads one string field of a function result.
func Field[R any](o pulumi.Output, get func(R) string) pulumi.StringOutput {
	return o.ApplyT(func(result R) string { return get(result) }).(pulumi.StringOutput)
}

// Register registers a resource as the generated SDK's constructors do: it refuses a missing
// required argument, then registers the resource under token, on the plugin NativeVersion.
func Register[R any, P interface {
	*R
	pulumi.Resource
}](ctx *pulumi.Context, token, name string, args pulumi.Input, required map[string]any, opts []pulumi.ResourceOption,
) (*R, error) {
	if err := RequireArgs(required); err != nil {
		return nil, err
	}
	var resource R
	if err := ctx.RegisterResource(token, name, args, P(&resource), ResourceOptions(opts...)...); err != nil {
		return nil, err
	}
	return &resource, nil
}

// Array is the Input form of a list of T: each element an Input of T (a T's Args, or an Output).
type Array[T any] []pulumix.Input[T]

func (Array[T]) ElementType() reflect.Type { return reflect.TypeFor[[]T]() }
func (a Array[T]) ToOutput(ctx context.Context) pulumix.Output[[]T] {
	return ToOutput[[]T](ctx, a)
}
