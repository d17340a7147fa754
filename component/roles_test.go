package component

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/azuremock"
	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
)

// roleAssignments give control-plane roles on the cluster: by a built-in name, a GUID or a full
// id, each a child named after its entry, with a deterministic Azure name, replaced delete-first.
func TestRoleAssignmentsOnTheCluster(t *testing.T) {
	custom := "/subscriptions/" + fakearm.Subscription + "/providers/Microsoft.Authorization/roleDefinitions/" + azuremock.PrincipalC
	fake := azuremock.New()
	redis := newCache(t, fake, &ManagedRedisArgs{ResourceGroupName: str("rg"), ClusterName: str("cache-1"), RoleAssignments: []RoleAssignment{
		{Name: "ops", RoleDefinitionId: str("Reader"), PrincipalId: output(azuremock.PrincipalA), PrincipalType: PrincipalGroup},
		{RoleDefinitionId: str("b24988ac-6180-42a0-ab88-20f7382dd24c"), PrincipalId: str(azuremock.PrincipalB)},
		{Name: "custom", RoleDefinitionId: output(custom), PrincipalId: str(azuremock.PrincipalC)},
	}})
	clusterId := fakearm.ClusterId("rg", "cache-1")
	roleIn := func(guid string) string {
		return "/subscriptions/" + fakearm.Subscription + "/providers/Microsoft.Authorization/roleDefinitions/" + guid
	}
	want := map[string]struct{ role, principal, principalType string }{
		"cache-role-ops":                     {roleIn(builtInRoles["Reader"]), azuremock.PrincipalA, PrincipalGroup},
		"cache-role-" + azuremock.PrincipalB: {roleIn(builtInRoles["Contributor"]), azuremock.PrincipalB, PrincipalServicePrincipal},
		"cache-role-custom":                  {custom, azuremock.PrincipalC, PrincipalServicePrincipal},
	}
	order := []string{"cache-role-ops", "cache-role-" + azuremock.PrincipalB, "cache-role-custom"} // the list's
	roles := map[string]pulumi.MockResourceArgs{}
	for _, r := range fake.Registered(roleToken) {
		roles[r.Name] = r
	}
	if len(roles) != len(want) {
		t.Fatalf("%d role assignments, want %d", len(roles), len(want))
	}
	var ids []string
	for _, name := range order {
		r, ok := roles[name]
		if !ok {
			t.Errorf("no role assignment %s", name)
			continue
		}
		w := want[name]
		name := deterministicGuid(clusterId, w.principal, w.role)
		for path, value := range map[string]string{"scope": clusterId, "roleDefinitionId": w.role, "principalId": w.principal,
			"principalType": w.principalType, "roleAssignmentName": name} {
			if got := azuremock.Input(r, path); got != value {
				t.Errorf("%s %s = %v, want %v", r.Name, path, got, value)
			}
		}
		if !r.RegisterRPC.GetDeleteBeforeReplace() {
			t.Errorf("%s is not replaced delete-first, though its Azure name is fixed", r.Name)
		}
		ids = append(ids, clusterId+"/providers/Microsoft.Authorization/roleAssignments/"+name)
	}
	azuremock.ExpectOutput(t, redis.RoleAssignmentIds.ToStringArrayOutput(), ids, false)
}

func TestRoleAssignmentRules(t *testing.T) {
	tests := []struct {
		name                string
		roles               []RoleAssignment
		wantInput, wantRule string
	}{
		{"an unknown role name", []RoleAssignment{{RoleDefinitionId: str("Administrator"), PrincipalId: str(azuremock.PrincipalA)}},
			"roleAssignments[0].roleDefinitionId", "role assignments"},
		{"a principal's name, not its id", []RoleAssignment{{RoleDefinitionId: str("Reader"), PrincipalId: str("ops-team")}},
			"roleAssignments[0].principalId", "role assignments"},
		{"no role", []RoleAssignment{{PrincipalId: str(azuremock.PrincipalA)}}, "roleAssignments[0].roleDefinitionId", "required"},
		{"an Output principal without a name", []RoleAssignment{{RoleDefinitionId: str("Reader"), PrincipalId: output(azuremock.PrincipalA)}},
			"roleAssignments[0].name", "role assignments"},
		{"a name twice", []RoleAssignment{{Name: "ops", RoleDefinitionId: str("Reader"), PrincipalId: str(azuremock.PrincipalA)},
			{Name: "OPS", RoleDefinitionId: str("Owner"), PrincipalId: str(azuremock.PrincipalB)}}, "roleAssignments[1].name", "role assignments"},
		{"an unknown principal type", []RoleAssignment{{RoleDefinitionId: str("Reader"), PrincipalId: str(azuremock.PrincipalA), PrincipalType: "App"}},
			"roleAssignments[0].principalType", "allowed values"},
		{"a role given as an Output: checked once known", []RoleAssignment{{Name: "ops", RoleDefinitionId: output("Administrator"),
			PrincipalId: str(azuremock.PrincipalA)}}, "roleAssignments[0].roleDefinitionId", "role assignments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := azuremock.Run(azuremock.New(), func(ctx *pulumi.Context) error {
				_, err := NewManagedRedis(ctx, "cache", &ManagedRedisArgs{ResourceGroupName: str("rg"), RoleAssignments: tt.roles})
				return err
			})
			if !hasInputError(err, tt.wantInput, tt.wantRule) {
				t.Errorf("want %s refused by rule %s, got %v", tt.wantInput, tt.wantRule, err)
			}
		})
	}
}

// AccessKey mode: the secondary key too, secret, for rotating keys.
func TestSecondaryAccessKey(t *testing.T) {
	fake := azuremock.New()
	redis := newCache(t, fake, &ManagedRedisArgs{ResourceGroupName: str("rg"), ClusterName: str("cache-1"), Authentication: AccessKey})
	databaseId := fakearm.DatabaseId("rg", "cache-1", "default")
	azuremock.ExpectOutput(t, redis.SecondaryAccessKey, fakearm.PrimaryKey(databaseId+"/2"), true)
	entra := newCache(t, azuremock.New(), &ManagedRedisArgs{ResourceGroupName: str("rg")})
	azuremock.ExpectOutput(t, entra.SecondaryAccessKey, "", false)
}
