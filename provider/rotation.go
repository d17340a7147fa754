package provider

import (
	"context"
	"strings"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/managedredis/pulumi-azure-managed-redis/component"
)

// AccessKeyRotation is azure-managed-redis:index:AccessKeyRotation: which of a database's two
// access keys is active, and the regeneration that moves it (azure-native has no call for
// `regenerateKey`). ManagedRedis registers it for accessKeyRotation.
//
//   - Create: nothing regenerated; the primary key is active.
//   - Update (the rotation's label changed): the key that is not active is regenerated, then it
//     is the active one; apps still holding the previous key keep working until the next change.
//   - Delete: nothing (the keys stay as they are).
type AccessKeyRotation struct{}

// AccessKeyRotationArgs are the AccessKeyRotation's inputs.
type AccessKeyRotationArgs struct {
	// DatabaseId is the ARM id of the database whose keys rotate.
	DatabaseId string `pulumi:"databaseId"`
	// Rotation is the label of the current generation of keys.
	Rotation string `pulumi:"rotation"`
	AzureAccess
}

// AccessKeyRotationState is what the AccessKeyRotation reports.
type AccessKeyRotationState struct {
	DatabaseId string `pulumi:"databaseId"`
	Rotation   string `pulumi:"rotation"`
	// ActiveKey is the key apps get: Primary or Secondary.
	ActiveKey string `pulumi:"activeKey"`
	// Rotations counts the regenerations.
	Rotations int `pulumi:"rotations"`
}

func (r *AccessKeyRotation) Annotate(a infer.Annotator) {
	a.SetToken(module, "AccessKeyRotation")
	a.Describe(r, "Which of a database's two access keys the secrets and connection outputs carry, and the regeneration that moves them to the other one: registered by ManagedRedis for `accessKeyRotation` (not for direct use).")
}

func (a *AccessKeyRotationArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.DatabaseId, "The ARM id of the database whose keys rotate.")
	an.Describe(&a.Rotation, "The label of the current generation of keys: each change regenerates the key that is not active and makes it active.")
}

func (s *AccessKeyRotationState) Annotate(an infer.Annotator) {
	an.Describe(&s.DatabaseId, "The ARM id of the database whose keys rotate.")
	an.Describe(&s.Rotation, "The label of the current generation of keys.")
	an.Describe(&s.ActiveKey, "The key the secrets and connection outputs carry: `Primary` or `Secondary`.")
	an.Describe(&s.Rotations, "How many times a key was regenerated.")
}

// WireDependencies: the state follows the database and the label, never the token.
func (*AccessKeyRotation) WireDependencies(f infer.FieldSelector, args *AccessKeyRotationArgs, state *AccessKeyRotationState) {
	for _, out := range []any{&state.DatabaseId, &state.Rotation, &state.ActiveKey, &state.Rotations} {
		f.OutputField(out).DependsOn(f.InputField(&args.DatabaseId), f.InputField(&args.Rotation))
	}
}

// Diff: a new label is a rotation; another database starts over; the token and the environment
// are no change.
func (*AccessKeyRotation) Diff(_ context.Context, req infer.DiffRequest[AccessKeyRotationArgs, AccessKeyRotationState]) (infer.DiffResponse, error) {
	diff := map[string]p.PropertyDiff{}
	if req.Inputs.Rotation != req.State.Rotation {
		diff["rotation"] = p.PropertyDiff{Kind: p.Update, InputDiff: true}
	}
	if !strings.EqualFold(req.Inputs.DatabaseId, req.State.DatabaseId) {
		diff["databaseId"] = p.PropertyDiff{Kind: p.UpdateReplace, InputDiff: true}
	}
	return infer.DiffResponse{HasChanges: len(diff) > 0, DetailedDiff: diff}, nil
}

func (*AccessKeyRotation) Create(_ context.Context, req infer.CreateRequest[AccessKeyRotationArgs]) (infer.CreateResponse[AccessKeyRotationState], error) {
	in := req.Inputs
	return infer.CreateResponse[AccessKeyRotationState]{ID: in.DatabaseId + "/accessKeyRotation", Output: AccessKeyRotationState{
		DatabaseId: in.DatabaseId, Rotation: in.Rotation, ActiveKey: component.PrimaryKey}}, nil
}

func (*AccessKeyRotation) Update(ctx context.Context, req infer.UpdateRequest[AccessKeyRotationArgs, AccessKeyRotationState]) (infer.UpdateResponse[AccessKeyRotationState], error) {
	in, state := req.Inputs, req.State
	if in.Rotation == state.Rotation {
		state.DatabaseId = in.DatabaseId
		return infer.UpdateResponse[AccessKeyRotationState]{Output: state}, nil
	}
	next := component.SecondaryKey
	if state.ActiveKey == component.SecondaryKey {
		next = component.PrimaryKey
	}
	if !req.DryRun {
		client, err := in.client()
		if err != nil {
			return infer.UpdateResponse[AccessKeyRotationState]{}, err
		}
		if _, err := client.RegenerateKey(ctx, in.DatabaseId, next); err != nil {
			return infer.UpdateResponse[AccessKeyRotationState]{}, err
		}
	}
	state.DatabaseId, state.Rotation, state.ActiveKey, state.Rotations = in.DatabaseId, in.Rotation, next, state.Rotations+1
	return infer.UpdateResponse[AccessKeyRotationState]{Output: state}, nil
}
