package component

import (
	"github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure"
)

// builder registers a component's children and reads what they need. Every child gets the
// component as parent and the component's dependsOn, and so does every invoke, so that
// "depends on the component" holds for all it creates and reads; every child it registers is
// remembered, so that outputs can wait for all of them.
type builder struct {
	ctx          *pulumi.Context
	parent       pulumi.Resource
	resourceOpts []pulumi.ResourceOption
	invokeOpts   []pulumi.InvokeOption
	children     []pulumi.Resource
	clientConfig *authorization.GetClientConfigResultOutput
}

func newBuilder(ctx *pulumi.Context, parent pulumi.Resource, opts []pulumi.ResourceOption) (*builder, error) {
	given, err := pulumi.NewResourceOptions(opts...)
	if err != nil {
		return nil, err
	}
	b := &builder{ctx: ctx, parent: parent}
	b.resourceOpts = []pulumi.ResourceOption{pulumi.Parent(parent)}
	b.invokeOpts = []pulumi.InvokeOption{pulumi.Parent(parent)}
	if len(given.DependsOn) > 0 {
		b.resourceOpts = append(b.resourceOpts, pulumi.DependsOn(given.DependsOn))
		b.invokeOpts = append(b.invokeOpts, pulumi.DependsOn(given.DependsOn))
	}
	for _, deps := range given.DependsOnInputs {
		b.resourceOpts = append(b.resourceOpts, pulumi.DependsOnInputs(deps))
		b.invokeOpts = append(b.invokeOpts, pulumi.DependsOnInputs(deps))
	}
	return b, nil
}

// child is the options of a child: the component's, the extra ones, and the azure-native
// plugin version every child runs on.
func (b *builder) child(extra ...pulumi.ResourceOption) []pulumi.ResourceOption {
	opts := append(append([]pulumi.ResourceOption{}, b.resourceOpts...), extra...)
	return azure.ResourceOptions(opts...)
}

// invoke is the options of an invoke.
func (b *builder) invoke() []pulumi.InvokeOption {
	return azure.InvokeOptions(append([]pulumi.InvokeOption{}, b.invokeOpts...)...)
}

// registered remembers children, so that the component's outputs wait for them.
func (b *builder) registered(children ...pulumi.Resource) {
	b.children = append(b.children, children...)
}

// client is the subscription and tenant the azure-native provider deploys to, read once.
func (b *builder) client() authorization.GetClientConfigResultOutput {
	if b.clientConfig == nil {
		config := authorization.GetClientConfigOutput(b.ctx, b.invoke()...)
		b.clientConfig = &config
	}
	return *b.clientConfig
}

// ready is the gate the component's outputs pass: open once every child exists.
func (b *builder) ready() gate {
	urns := make([]any, len(b.children))
	for i, child := range b.children {
		urns[i] = child.URN()
	}
	return gate{pulumi.All(urns...)}
}

// gate holds values back until its Output resolves, and makes them depend on what it depends
// on. A child's URN resolves once the child exists (during a preview, once it is planned).
type gate struct{ open pulumi.ArrayOutput }

func (g gate) string(o pulumi.StringOutput) pulumi.StringOutput {
	return pulumi.All(g.open, o).ApplyT(func(v []any) string { return v[1].(string) }).(pulumi.StringOutput)
}

func (g gate) int(o pulumi.IntOutput) pulumi.IntOutput {
	return pulumi.All(g.open, o).ApplyT(func(v []any) int { return v[1].(int) }).(pulumi.IntOutput)
}

func (g gate) stringMap(o pulumi.StringMapOutput) pulumi.StringMapOutput {
	return pulumi.All(g.open, o).ApplyT(func(v []any) map[string]string { return v[1].(map[string]string) }).(pulumi.StringMapOutput)
}
