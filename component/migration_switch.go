package component

import (
	"github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

// The host name switch: azure-native has no resource for Azure's migration (the singleton
// `migrations/default` has no DELETE), so this package's plugin serves one, MigrationType, and
// the component registers it after every other child: its token comes from the component's
// azure-native provider (getClientToken) once they all exist. It starts the migration (after
// Azure's validate) when switchDns is on, cancels it when switchDns is turned off, and reports
// Azure's state; removed (migrateFrom removed, or destroy), it leaves the migration in Azure.

// MigrationType is the type token of the package's Migration resource.
const MigrationType = "azure-managed-redis:index:Migration"

// migrationResource is the Migration resource's outputs the component reads.
type migrationResource struct {
	pulumi.CustomResourceState
	State                 pulumi.StringOutput `pulumi:"state"`
	StatusDetails         pulumi.StringOutput `pulumi:"statusDetails"`
	RollbackEligibleUntil pulumi.StringOutput `pulumi:"rollbackEligibleUntil"`
}

// migrate registers the Migration resource once every other child exists, and returns the
// migration output.
func (b *builder) migrate(s *settings, c *cache) (MigrationStatusOutput, error) {
	m := s.migration
	children := b.parent.registeredChildren()
	args := b.azureAccess(existenceOf(children))
	args["clusterId"], args["sourceResourceId"], args["switchDns"] = c.clusterId, m.cacheId, pulumi.Bool(m.switchDns)
	var switched migrationResource
	if err := b.ctx.RegisterResource(MigrationType, s.name, args, &switched, b.own(pulumi.DependsOn(children))...); err != nil {
		return MigrationStatusOutput{}, err
	}
	b.registered(&switched)
	derived := pulumi.ToOutput(MigrationStatus{}).(MigrationStatusOutput)
	if !m.pending() {
		derived = pulumi.ToOutput(m.derived.Status).(MigrationStatusOutput)
	}
	return pulumi.All(derived, switched.State, switched.StatusDetails, switched.RollbackEligibleUntil).ApplyT(func(v []any) MigrationStatus {
		status := v[0].(MigrationStatus)
		status.State, status.StatusDetails, status.RollbackEligibleUntil = v[1].(string), v[2].(string), v[3].(string)
		return status
	}).(MigrationStatusOutput), nil
}

// azureAccess is how one of the package's own resources reaches Azure (provider/operation.go):
// a token of the component's azure-native provider (explicit or default), asked once after has
// resolved, so that it is fresh when the operation runs, and secret; and the cloud
// (azure-native's `environment`).
func (b *builder) azureAccess(after pulumi.Output) pulumi.Map {
	result := read(b, func(_ []any, opts ...pulumi.InvokeOption) (*authorization.GetClientTokenResult, error) {
		return authorization.GetClientToken(b.ctx, &authorization.GetClientTokenArgs{}, opts...)
	}, after).(authorization.GetClientTokenResultOutput)
	return pulumi.Map{
		"token":       pulumi.ToSecret(result.Token()).(pulumi.StringOutput),
		"environment": pulumi.String(config.New(b.ctx, "azure-native").Get("environment")),
	}
}
