package component

import (
	"github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure"
)

// builder registers a component's children and reads what they need. Every child gets the
// component as parent and the component's dependsOn; every read (invoke) waits for what the
// component depends on; so "depends on the component" holds for all it creates and reads. Every
// child it registers is remembered, so that outputs can wait for all of them.
type builder struct {
	ctx          *pulumi.Context
	parent       composite
	resourceOpts []pulumi.ResourceOption
	invokeOpts   []pulumi.InvokeOption
	// dependencies resolves once what the component depends on exists: custom resources by
	// their ids, components by their URNs.
	dependencies pulumi.ArrayOutput
	clientConfig *authorization.GetClientConfigResultOutput
	// names are the cache's names kept since its creation (names_kept.go), once registered.
	names *keptNames
	// reads are the caches read, by resource group and cluster name: each is read once.
	reads map[[2]string]cacheNow
}

func newBuilder(ctx *pulumi.Context, parent composite, opts []pulumi.ResourceOption) (*builder, error) {
	given, err := pulumi.NewResourceOptions(opts...)
	if err != nil {
		return nil, err
	}
	b := &builder{ctx: ctx, parent: parent}
	b.resourceOpts = []pulumi.ResourceOption{pulumi.Parent(parent)}
	b.invokeOpts = []pulumi.InvokeOption{pulumi.Parent(parent)}
	waits := []any{}
	if len(given.DependsOn) > 0 {
		b.resourceOpts = append(b.resourceOpts, pulumi.DependsOn(withChildren(given.DependsOn)))
		waits = append(waits, existenceOf(given.DependsOn))
	}
	for _, deps := range given.DependsOnInputs {
		b.resourceOpts = append(b.resourceOpts, pulumi.DependsOnInputs(deps.ToResourceArrayOutput().ApplyT(withChildren).(pulumi.ResourceArrayOutput)))
		waits = append(waits, deps.ToResourceArrayOutput().ApplyT(existenceOf))
	}
	b.dependencies = pulumi.All(waits...)
	return b, nil
}

// composite is a component of this package: it records its children as it registers them.
type composite interface {
	pulumi.Resource
	record(children ...pulumi.Resource)
	registeredChildren() []pulumi.Resource
}

// childrenOf is what a component of this package records: every child it registered, in
// order. Its children are all registered before its constructor returns.
type childrenOf struct{ children []pulumi.Resource }

func (c *childrenOf) record(children ...pulumi.Resource) {
	c.children = append(c.children, children...)
}
func (c *childrenOf) registeredChildren() []pulumi.Resource { return c.children }

// withChildren adds the children of this package's components to resources. The Go SDK turns a
// dependency on a component of the same program into dependencies on the children the
// component has seen so far, and a child is seen only once its registration, run in a
// goroutine, gets that far: under load a resource depending on a cache could depend on none of
// its children. A component of this package knows its children as soon as it is built, so
// they are named here.
func withChildren(resources []pulumi.Resource) []pulumi.Resource {
	all := append([]pulumi.Resource{}, resources...)
	for _, r := range resources {
		if c, ok := r.(composite); ok {
			all = append(all, c.registeredChildren()...)
		}
	}
	return all
}

// existenceOf resolves once the resources exist: a custom resource has its id, a component its
// URN.
func existenceOf(resources []pulumi.Resource) pulumi.ArrayOutput {
	waits := make([]any, len(resources))
	for i, r := range resources {
		if custom, ok := r.(pulumi.CustomResource); ok {
			waits[i] = custom.ID()
		} else {
			waits[i] = r.URN()
		}
	}
	return pulumi.All(waits...)
}

// read reads Azure (an azure-native function) once its arguments are known and what the
// component depends on exists, and returns the result as an Output (the Output type registered
// for R).
//
// It calls the function directly, inside an apply, rather than through the Output-form invoke
// with dependsOn: the engine (v3.274.1) answers "unknown", even during an update, to an invoke
// that depends on a remote component (a ManagedRedis built over the wire, say), because it
// files one as a custom resource without an id (resourcetracker). Inside this provider every
// dependency of a component is remote, so every read would stay unknown. Waiting here keeps
// the ordering the component's dependsOn promises, and sends the engine no dependencies.
func read[R any](b *builder, call func(args []any, opts ...pulumi.InvokeOption) (*R, error), args ...any) pulumi.Output {
	return pulumi.All(append(args, b.dependencies)...).ApplyT(func(v []any) (R, error) {
		result, err := call(v[:len(v)-1], b.invoke()...)
		if err != nil {
			var none R
			return none, err
		}
		return *result, nil
	})
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

// registered remembers children, so that the component's outputs wait for them and what
// depends on the component depends on each of them.
func (b *builder) registered(children ...pulumi.Resource) {
	b.parent.record(children...)
}

// client is the subscription and tenant the azure-native provider deploys to, read once.
func (b *builder) client() authorization.GetClientConfigResultOutput {
	if b.clientConfig == nil {
		config := read(b, func(_ []any, opts ...pulumi.InvokeOption) (*authorization.GetClientConfigResult, error) {
			return authorization.GetClientConfig(b.ctx, opts...)
		}).(authorization.GetClientConfigResultOutput)
		b.clientConfig = &config
	}
	return *b.clientConfig
}

// ready is the gate the component's outputs pass: open once every child exists.
func (b *builder) ready() gate {
	children := b.parent.registeredChildren()
	urns := make([]any, len(children))
	for i, child := range children {
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

func (g gate) stringArray(o pulumi.StringArrayOutput) pulumi.StringArrayOutput {
	return pulumi.All(g.open, o).ApplyT(func(v []any) []string { return v[1].([]string) }).(pulumi.StringArrayOutput)
}

func (g gate) stringMap(o pulumi.StringMapOutput) pulumi.StringMapOutput {
	return pulumi.All(g.open, o).ApplyT(func(v []any) map[string]string { return v[1].(map[string]string) }).(pulumi.StringMapOutput)
}

func (g gate) migration(o MigrationStatusOutput) MigrationStatusOutput {
	return pulumi.All(g.open, o).ApplyT(func(v []any) MigrationStatus { return v[1].(MigrationStatus) }).(MigrationStatusOutput)
}
