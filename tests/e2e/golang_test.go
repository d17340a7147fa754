package e2e

import (
	"context"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/events"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/component"
)

// golang runs the Go library in an inline program through the Automation API.
type golang struct{}

func (golang) name() string { return "go" }

// program is the spec as a Go program using the library.
func program(s spec) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		principalIds, identityIds := map[string]pulumi.StringOutput{}, map[string]pulumi.StringOutput{}
		for _, name := range s.Identities {
			var identity userAssignedIdentity
			err := ctx.RegisterResource("azure-native:managedidentity:UserAssignedIdentity", name,
				pulumi.Map{"resourceGroupName": pulumi.String(s.ResourceGroupName)}, &identity, pulumi.Version("3.28.0"))
			if err != nil {
				return err
			}
			principalIds[name], identityIds[name] = identity.PrincipalId, identity.ID().ToStringOutput()
		}
		args := &component.ManagedRedisArgs{
			ResourceGroupName: pulumi.String(s.ResourceGroupName),
			Authentication:    s.Authentication,
			Sku:               s.Sku,
			Tags:              pulumi.ToStringMap(s.Tags),
		}
		accessPrincipals := func(principals []principal) []component.AccessPrincipal {
			var all []component.AccessPrincipal
			for _, p := range principals {
				var objectId pulumi.StringInput = pulumi.String(p.ObjectId)
				if p.Identity != "" {
					objectId = principalIds[p.Identity]
				}
				all = append(all, component.AccessPrincipal{Name: p.Name, ObjectId: objectId, PrincipalType: p.Type, Aliases: p.Aliases,
					AccessString: optional(p.AccessString)})
			}
			return all
		}
		args.AccessPrincipals = accessPrincipals(s.Principals)
		for _, r := range s.RoleAssignments {
			args.RoleAssignments = append(args.RoleAssignments, component.RoleAssignment{
				Name: r.Name, RoleDefinitionId: pulumi.String(r.Role), PrincipalId: principalIds[r.Identity]})
		}
		if s.EvictionPolicy != "" || s.GeoReplicationGroup != "" {
			args.Database = &component.DatabaseSettings{EvictionPolicy: s.EvictionPolicy}
		}
		if s.GeoReplicationGroup != "" {
			args.Database.GeoReplication = &component.GeoReplication{
				GroupNickname: s.GeoReplicationGroup, LinkedDatabaseIds: pulumi.StringArray{pulumi.String("/db/1")},
			}
		}
		if s.MigrateFrom != "" {
			args.MigrateFrom = &component.MigrationSource{CacheId: pulumi.String(s.MigrateFrom), SwitchDns: s.SwitchDns}
		}
		if s.AccessKeyRotation != "" {
			args.AccessKeyRotation = pulumi.String(s.AccessKeyRotation)
		}
		if s.ExistingClusterName != "" {
			args.Existing = &component.ExistingCache{ClusterName: pulumi.String(s.ExistingClusterName)}
		}
		args.PrivateEndpoint = privateEndpoint(s.SubnetId, s.PrivateDnsZoneId)
		if s.WorkspaceId != "" {
			args.Diagnostics = &component.DiagnosticsSettings{WorkspaceId: pulumi.String(s.WorkspaceId)}
		}
		if s.KeyUrl != "" {
			args.CustomerManagedKey = &component.CustomerManagedKeySettings{KeyUrl: pulumi.String(s.KeyUrl),
				UserAssignedIdentityId: identityIds[s.KeyIdentity], KeyVaultId: pulumi.String(s.KeyVaultId)}
		}
		cache, err := component.NewManagedRedis(ctx, "cache", args)
		if err != nil {
			return err
		}
		for name, value := range cache.Outputs() {
			ctx.Export(name, value)
		}
		grant := func(cache *component.ManagedRedis, prefix string, identities []string) error {
			for _, name := range identities {
				if _, err := component.NewManagedRedisAccess(ctx, prefix+name, &component.ManagedRedisAccessArgs{
					ClusterName: cache.ClusterName, ResourceGroupName: cache.ResourceGroupName, ObjectId: principalIds[name],
					AccessString: optional(s.AccessStrings[name]),
				}); err != nil {
					return err
				}
			}
			return nil
		}
		if err := grant(cache, "", s.Accesses); err != nil {
			return err
		}
		for _, other := range s.Others {
			cache, err := component.NewManagedRedis(ctx, other.Name, &component.ManagedRedisArgs{
				ResourceGroupName: pulumi.String(s.ResourceGroupName),
				AccessPrincipals:  accessPrincipals(other.Principals),
				PrivateEndpoint:   privateEndpoint(other.SubnetId, other.PrivateDnsZoneId),
			})
			if err != nil {
				return err
			}
			if err := grant(cache, other.Name+"-", other.Accesses); err != nil {
				return err
			}
		}
		return nil
	}
}

// privateEndpoint is a private endpoint in the subnet and the zone (none: a new zone), or none
// without a subnet.
func privateEndpoint(subnetId, zoneId string) *component.PrivateEndpointSettings {
	if subnetId == "" {
		return nil
	}
	settings := &component.PrivateEndpointSettings{SubnetId: pulumi.String(subnetId)}
	if zoneId != "" {
		settings.PrivateDnsZoneId = pulumi.String(zoneId)
	}
	return settings
}

// userAssignedIdentity is the one output of azure-native's identity the programs read.
type userAssignedIdentity struct {
	pulumi.CustomResourceState
	PrincipalId pulumi.StringOutput `pulumi:"principalId"`
}

func (golang) run(t *testing.T, req request) response {
	t.Helper()
	ctx := context.Background()
	stack, err := auto.UpsertStackInlineSource(ctx, req.Stack, req.Project, program(req.Spec),
		auto.WorkDir(req.WorkDir),
		auto.EnvVars(req.Env),
		auto.SecretsProvider("passphrase"),
		auto.Project(workspace.Project{Name: "e2e-go", Runtime: workspace.NewProjectRuntimeInfo("go", nil)}))
	if err != nil {
		t.Fatal(err)
	}
	events, steps := collectSteps()
	var resp response
	switch req.Operation {
	case "up":
		var res auto.UpResult
		res, err = stack.Up(ctx, optup.EventStreams(events))
		if err == nil {
			resp.Outputs = map[string]output{}
			for k, v := range res.Outputs {
				resp.Outputs[k] = output{Value: v.Value, Secret: v.Secret}
			}
		}
	case "preview":
		_, err = stack.Preview(ctx, optpreview.EventStreams(events))
	case "destroy":
		_, err = stack.Destroy(ctx, optdestroy.EventStreams(events))
	}
	resp.Steps = <-steps
	if err != nil {
		resp.Error = err.Error()
	}
	return resp
}

// collectSteps gathers the resource steps of an operation's event stream.
func collectSteps() (chan<- events.EngineEvent, <-chan []step) {
	ch := make(chan events.EngineEvent)
	done := make(chan []step, 1)
	go func() {
		var steps []step
		for e := range ch {
			if pre := e.ResourcePreEvent; pre != nil {
				steps = append(steps, step{Op: string(pre.Metadata.Op), Type: pre.Metadata.Type, URN: pre.Metadata.URN})
			}
		}
		done <- steps
	}()
	return ch, done
}

// runInline runs a Go program through the Automation API: a preview, then an up.
func runInline(t *testing.T, w *world, program pulumi.RunFunc) []operationRun {
	t.Helper()
	ctx := context.Background()
	stack, err := auto.UpsertStackInlineSource(ctx, "dev", "program", program, auto.WorkDir(t.TempDir()),
		auto.EnvVars(w.Environment()), auto.SecretsProvider("passphrase"),
		auto.Project(workspace.Project{Name: "program", Runtime: workspace.NewProjectRuntimeInfo("go", nil)}))
	if err != nil {
		t.Fatal(err)
	}
	var runs []operationRun
	for _, operation := range []string{"preview", "up"} {
		events, steps := collectSteps()
		run := operationRun{Operation: operation}
		if operation == "preview" {
			_, err = stack.Preview(ctx, optpreview.EventStreams(events))
		} else {
			var res auto.UpResult
			res, err = stack.Up(ctx, optup.EventStreams(events))
			run.Outputs = map[string]output{}
			for k, v := range res.Outputs {
				run.Outputs[k] = output{Value: v.Value, Secret: v.Secret}
			}
		}
		run.Steps = <-steps
		if err != nil {
			run.Error = err.Error()
		}
		runs = append(runs, run)
	}
	return runs
}

// optional is a plain string input that is absent when empty.
func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
