package provider

import (
	"strings"
	"testing"

	p "github.com/pulumi/pulumi-go-provider"
	presource "github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/property"

	"github.com/managedredis/pulumi-azure-managed-redis/component"
	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/azuremock"
	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
)

// The AccessKeyRotation resource through the provider's gRPC face, against the fake Azure's ARM
// endpoint (TestMain in migration_test.go): the first label regenerates nothing, each later one
// the key that is not active, which becomes the active one; the token alone is no change.

var rotationURN = presource.NewURN("stack", "project", "", tokens.Type(component.AccessKeyRotationType), "cache")

func TestAccessKeyRotationRegeneratesTheKeyNotInUse(t *testing.T) {
	s := server(t, azuremock.New())
	group := strings.ToLower(strings.NewReplacer("/", "-", "_", "-").Replace(t.Name()))
	seeds := fakearm.ExistingCache(group, "amr", fakearm.DefaultLocation, "Enabled")
	if err := armStore.Seed(seeds...); err != nil {
		t.Fatal(err)
	}
	database := seeds[1].ID
	token := armStore.IssueToken("provider-of-" + group)
	inputs := func(rotation, token string) property.Map {
		return property.NewMap(map[string]property.Value{"databaseId": property.New(database), "rotation": property.New(rotation),
			"token": property.New(token).WithSecret(true)})
	}
	keys := func() (string, string) {
		r, err := armStore.Get(database)
		if err != nil || r == nil {
			t.Fatal(err)
		}
		return fakearm.DatabaseKeys(database, r.Properties)
	}
	primary0, secondary0 := keys()

	created, err := s.Create(p.CreateRequest{Urn: rotationURN, Properties: inputs("2026-q1", token)})
	if err != nil || created.Properties.Get("activeKey").AsString() != component.PrimaryKey {
		t.Fatalf("create: %v, %v", created.Properties, err)
	}
	if p1, s1 := keys(); p1 != primary0 || s1 != secondary0 {
		t.Fatal("the first label regenerated a key")
	}
	diff, err := s.Diff(p.DiffRequest{ID: created.ID, Urn: rotationURN, State: created.Properties, Inputs: inputs("2026-q1", "a-new-token")})
	if err != nil || diff.HasChanges {
		t.Errorf("a new token alone: %+v, %v", diff, err)
	}

	state := created.Properties
	for i, want := range []struct {
		label, active string
	}{{"2026-q2", component.SecondaryKey}, {"2026-q3", component.PrimaryKey}} {
		before0, before1 := keys()
		preview, err := s.Update(p.UpdateRequest{ID: created.ID, Urn: rotationURN, State: state, Inputs: inputs(want.label, token), DryRun: true})
		if after0, after1 := keys(); err != nil || after0 != before0 || after1 != before1 {
			t.Fatalf("rotation %d's preview: %v, or it regenerated a key", i+1, err)
		}
		_ = preview
		updated, err := s.Update(p.UpdateRequest{ID: created.ID, Urn: rotationURN, State: state, Inputs: inputs(want.label, token)})
		if err != nil || updated.Properties.Get("activeKey").AsString() != want.active {
			t.Fatalf("rotation %d: %v, %v", i+1, updated.Properties, err)
		}
		after0, after1 := keys()
		regeneratedPrimary, regeneratedSecondary := after0 != before0, after1 != before1
		if regeneratedPrimary != (want.active == component.PrimaryKey) || regeneratedSecondary != (want.active == component.SecondaryKey) {
			t.Errorf("rotation %d to %s: primary regenerated %t, secondary %t", i+1, want.active, regeneratedPrimary, regeneratedSecondary)
		}
		state = updated.Properties
	}
	if regenerations := len(armStoreCalls("/regenerateKey", group)); regenerations != 2 {
		t.Errorf("%d regenerations, want 2", regenerations)
	}
}

// armStoreCalls are the ARM endpoint's calls on a resource group whose path holds part.
func armStoreCalls(part, group string) []string {
	var calls []string
	for _, line := range armStore.Lines("arm") {
		if strings.Contains(line, part) && strings.Contains(strings.ToLower(line), "/resourcegroups/"+group+"/") {
			calls = append(calls, line)
		}
	}
	return calls
}
