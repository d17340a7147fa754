package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/managedredis/pulumi-azure-managed-redis/component"
	"github.com/managedredis/pulumi-azure-managed-redis/provider/arm"
)

// Migration is azure-managed-redis:index:Migration: Azure's migration of an Azure Cache for Redis
// cache to an Azure Managed Redis cluster (the singleton `<cluster>/migrations/default`, which
// azure-native cannot express: it has no DELETE). ManagedRedis registers it for migrateFrom.
//
//   - switchDns on (at create, or turned on): Azure's validate, whose errors refuse (in a preview
//     too, once the cluster exists) and whose warnings are logged; then the start, followed to
//     its end. A migration that ends Failed fails with Azure's details.
//   - switchDns turned off: cancel (Azure points the old host name back at the source), refused
//     in the preview with the reason when Azure no longer allows it.
//   - Delete: forget. Azure has no delete for a migration; it stays, and the plugin says so.
type Migration struct{}

// MigrationArgs are the Migration's inputs.
type MigrationArgs struct {
	// ClusterId is the ARM id of the Azure Managed Redis cluster.
	ClusterId string `pulumi:"clusterId"`
	// SourceResourceId is the ARM id of the Azure Cache for Redis cache.
	SourceResourceId string `pulumi:"sourceResourceId"`
	// SwitchDns says whether the source's host name points at the cluster.
	SwitchDns bool `pulumi:"switchDns"`
	AzureAccess
}

// MigrationState is what the Migration reports.
type MigrationState struct {
	ClusterId        string `pulumi:"clusterId"`
	SourceResourceId string `pulumi:"sourceResourceId"`
	SwitchDns        bool   `pulumi:"switchDns"`
	// State is NotStarted, or Azure's provisioningState of the migration.
	State string `pulumi:"state"`
	// StatusDetails are Azure's details.
	StatusDetails string `pulumi:"statusDetails"`
	// RollbackEligibleUntil is when Azure stops allowing an undo, where its API version says.
	RollbackEligibleUntil string `pulumi:"rollbackEligibleUntil"`
}

func (m *Migration) Annotate(a infer.Annotator) {
	a.SetToken(module, "Migration")
	a.Describe(m, "Azure's migration of an Azure Cache for Redis cache to an Azure Managed Redis cluster, which takes over the source's host name: registered by ManagedRedis for `migrateFrom` (not for direct use). Removing it leaves the migration in Azure, which has no delete for it.")
}

func (a *MigrationArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.ClusterId, "The ARM id of the Azure Managed Redis cluster.")
	an.Describe(&a.SourceResourceId, "The ARM id of the Azure Cache for Redis cache.")
	an.Describe(&a.SwitchDns, "Points the source's host name at the cluster; turned back to false, cancels the migration while Azure allows it.")
}

func (s *MigrationState) Annotate(an infer.Annotator) {
	an.Describe(&s.ClusterId, "The ARM id of the Azure Managed Redis cluster.")
	an.Describe(&s.SourceResourceId, "The ARM id of the Azure Cache for Redis cache.")
	an.Describe(&s.SwitchDns, "Whether the source's host name is to point at the cluster.")
	an.Describe(&s.State, "`NotStarted`, or Azure's state of the migration (`Completed` once switched, `Cancelled`, ...).")
	an.Describe(&s.StatusDetails, "Azure's details of the migration's state.")
	an.Describe(&s.RollbackEligibleUntil, "When Azure stops allowing the switch to be undone, where its API version says (empty otherwise).")
}

// WireDependencies: the state follows the cluster, the source and switchDns, never the token.
func (*Migration) WireDependencies(f infer.FieldSelector, args *MigrationArgs, state *MigrationState) {
	for _, out := range []any{&state.ClusterId, &state.SourceResourceId, &state.SwitchDns, &state.State, &state.StatusDetails,
		&state.RollbackEligibleUntil} {
		f.OutputField(out).DependsOn(f.InputField(&args.ClusterId), f.InputField(&args.SourceResourceId), f.InputField(&args.SwitchDns))
	}
}

// Diff: switchDns updates in place; another cluster or source is another migration (the old
// one is forgotten); the token and the environment are no change.
func (*Migration) Diff(_ context.Context, req infer.DiffRequest[MigrationArgs, MigrationState]) (infer.DiffResponse, error) {
	diff := map[string]p.PropertyDiff{}
	if req.Inputs.SwitchDns != req.State.SwitchDns {
		diff["switchDns"] = p.PropertyDiff{Kind: p.Update, InputDiff: true}
	}
	if !strings.EqualFold(req.Inputs.ClusterId, req.State.ClusterId) {
		diff["clusterId"] = p.PropertyDiff{Kind: p.UpdateReplace, InputDiff: true}
	}
	if !strings.EqualFold(req.Inputs.SourceResourceId, req.State.SourceResourceId) {
		diff["sourceResourceId"] = p.PropertyDiff{Kind: p.UpdateReplace, InputDiff: true}
	}
	return infer.DiffResponse{HasChanges: len(diff) > 0, DetailedDiff: diff}, nil
}

func (m *Migration) Create(ctx context.Context, req infer.CreateRequest[MigrationArgs]) (infer.CreateResponse[MigrationState], error) {
	in := req.Inputs
	state := MigrationState{ClusterId: in.ClusterId, SourceResourceId: in.SourceResourceId, SwitchDns: in.SwitchDns,
		State: component.MigrationNotStarted}
	if in.SwitchDns {
		var err error
		if state, err = m.switchOn(ctx, in, state, req.DryRun); err != nil {
			return infer.CreateResponse[MigrationState]{}, err
		}
	}
	return infer.CreateResponse[MigrationState]{ID: arm.MigrationID(in.ClusterId), Output: state}, nil
}

func (m *Migration) Update(ctx context.Context, req infer.UpdateRequest[MigrationArgs, MigrationState]) (infer.UpdateResponse[MigrationState], error) {
	in, state := req.Inputs, req.State
	state.ClusterId, state.SourceResourceId, state.SwitchDns = in.ClusterId, in.SourceResourceId, in.SwitchDns
	var err error
	switch {
	case in.SwitchDns && !req.State.SwitchDns:
		state, err = m.switchOn(ctx, in, state, req.DryRun)
	case !in.SwitchDns && req.State.SwitchDns:
		state, err = m.undo(ctx, in, state, req.DryRun)
	}
	return infer.UpdateResponse[MigrationState]{Output: state}, err
}

// Delete forgets the migration: Azure has none to delete, and cancelling it would move the
// source's clients back.
func (*Migration) Delete(ctx context.Context, req infer.DeleteRequest[MigrationState]) (infer.DeleteResponse, error) {
	if req.State.SwitchDns {
		p.GetLogger(ctx).Warningf("the migration of %s to %s stays in Azure (state %s): Azure has no delete for a migration, "+
			"and the source's host name keeps pointing at the new cache. To move the clients back, set "+
			"migrateFrom.switchDns to false before removing migrateFrom, or run `az redisenterprise migration cancel`.",
			req.State.SourceResourceId, req.State.ClusterId, req.State.State)
	}
	return infer.DeleteResponse{}, nil
}

// switchOn validates, then starts the migration and waits for its end. In a preview it only
// validates, when it can: once the cluster exists (its id and the token are known).
func (*Migration) switchOn(ctx context.Context, in MigrationArgs, state MigrationState, preview bool) (MigrationState, error) {
	if preview && (in.ClusterId == "" || in.Token == "") {
		return state, nil
	}
	client, err := in.client()
	if err != nil {
		return state, err
	}
	existing, err := client.Migration(ctx, in.ClusterId)
	if err != nil {
		return state, err
	}
	if existing != nil && strings.EqualFold(existing.Properties.SourceResourceID, in.SourceResourceId) &&
		!finished(existing.Properties.ProvisioningState) {
		// Started already (by an earlier run, or Azure's tooling): follow it rather than start another.
		return withAzure(state, existing), nil
	}
	validation, err := client.ValidateMigration(ctx, in.ClusterId, in.SourceResourceId)
	if err != nil {
		return state, err
	}
	if errs := arm.Disparities(validation.Errors); len(errs) > 0 || !validation.IsValid {
		return state, refusal(fmt.Sprintf("Azure's validation refuses to migrate %s to %s: %s; fix the source (or the cache), "+
			"or leave switchDns out", in.SourceResourceId, in.ClusterId, orNone(errs)))
	}
	if warnings := arm.Disparities(validation.Warnings); len(warnings) > 0 {
		p.GetLogger(ctx).Warningf("Azure's validation of the migration of %s: %s", in.SourceResourceId, strings.Join(warnings, "; "))
	}
	if preview {
		return state, nil
	}
	started, err := client.StartMigration(ctx, in.ClusterId, in.SourceResourceId)
	if started != nil {
		state = withAzure(state, started)
	}
	return state, err
}

// undo cancels the migration while Azure allows it; nothing to undo is no error.
func (*Migration) undo(ctx context.Context, in MigrationArgs, state MigrationState, preview bool) (MigrationState, error) {
	if in.ClusterId == "" || in.Token == "" {
		return state, nil
	}
	client, err := in.client()
	if err != nil {
		return state, err
	}
	existing, err := client.Migration(ctx, in.ClusterId)
	switch {
	case err != nil:
		return state, err
	case existing == nil:
		state.State, state.StatusDetails, state.RollbackEligibleUntil = component.MigrationNotStarted, "", ""
		return state, nil
	}
	state = withAzure(state, existing)
	props := existing.Properties
	if finished(props.ProvisioningState) {
		return state, nil
	}
	if until, err := time.Parse(time.RFC3339, props.RollbackEligibleUntil); err == nil && time.Now().After(until) {
		return state, refusal(fmt.Sprintf("Azure no longer allows undoing the migration of %s: its rollback window ended at %s; "+
			"keep switchDns true (or remove migrateFrom, which leaves the migration as it is)", props.SourceResourceID, props.RollbackEligibleUntil))
	}
	if props.ProvisioningState == arm.MigrationCancelling {
		return state, nil
	}
	if preview {
		return state, nil
	}
	cancelled, err := client.CancelMigration(ctx, in.ClusterId)
	if cancelled != nil {
		state = withAzure(state, cancelled)
	}
	return state, err
}

// finished are the states after which a migration is no longer running nor switched.
func finished(state string) bool {
	return state == arm.MigrationFailed || state == arm.MigrationCancelled || state == arm.MigrationCancelFailed
}

func withAzure(state MigrationState, m *arm.Migration) MigrationState {
	state.State, state.StatusDetails = m.Properties.ProvisioningState, m.Properties.StatusDetails
	state.RollbackEligibleUntil = m.Properties.RollbackEligibleUntil
	return state
}

// refusal is a refused migrateFrom.switchDns, as the component refuses inputs.
func refusal(problem string) error {
	return &component.InputError{Input: "migrateFrom.switchDns", Rule: "migration", Problem: problem}
}

func orNone(items []string) string {
	if len(items) == 0 {
		return "no reason given"
	}
	return strings.Join(items, "; ")
}
