package component

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func TestManagedRedisAccessStandalone(t *testing.T) {
	t.Run("EntraId", func(t *testing.T) {
		fake := &fakeAzure{}
		var access *ManagedRedisAccess
		err := runProgram(fake, func(ctx *pulumi.Context) (err error) {
			access, err = NewManagedRedisAccess(ctx, "api", &ManagedRedisAccessArgs{
				ClusterName: str("cache-1"), ResourceGroupName: str("rg"), ObjectId: str(principalA),
			})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		a := fake.one(t, assignmentToken)
		if a.Name != "api" || input(a, "databaseName") != "default" || input(a, "user.objectId") != principalA {
			t.Errorf("assignment %s: %v", a.Name, a.Inputs)
		}
		wantName := deterministicGuid("rg", "cache-1", "default", principalA, "default")
		if input(a, "accessPolicyAssignmentName") != wantName {
			t.Errorf("assignment name %v, want %s", input(a, "accessPolicyAssignmentName"), wantName)
		}
		expectOutput(t, access.AccessPolicyAssignmentId,
			"/subscriptions/"+testSubscription+"/resourceGroups/rg/providers/Microsoft.Cache/redisEnterprise/cache-1/databases/default/accessPolicyAssignments/"+wantName, false)
		expectOutput(t, access.RoleAssignmentIds, []string{}, false)
	})

	t.Run("AccessKey", func(t *testing.T) {
		fake := &fakeAzure{}
		var access *ManagedRedisAccess
		err := runProgram(fake, func(ctx *pulumi.Context) (err error) {
			access, err = NewManagedRedisAccess(ctx, "api", &ManagedRedisAccessArgs{
				ClusterName: str("cache-1"), ResourceGroupName: str("rg"), Authentication: AccessKey,
				KeyVaultId: str(givenVaultId), ConnectionName: str("cache"), ObjectId: str(principalA),
				PrincipalType: str("User"),
			})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		roles := fake.registered(roleToken)
		if len(roles) != 2 || len(fake.registered(assignmentToken)) != 0 {
			t.Fatalf("%d roles and %d assignments", len(roles), len(fake.registered(assignmentToken)))
		}
		scopes := map[string]bool{}
		for _, r := range roles {
			scopes[input(r, "scope").(string)] = true
			if input(r, "principalType") != "User" {
				t.Errorf("principalType %v, want User", input(r, "principalType"))
			}
		}
		for _, secret := range []string{"connectionstrings--cache", "primaryaccesskey--cache"} {
			if !scopes[givenVaultId+"/secrets/"+secret] {
				t.Errorf("no role on secret %s (scopes %v)", secret, scopes)
			}
		}
		ids, _ := value[[]string](t, access.RoleAssignmentIds)
		if len(ids) != 2 || !strings.Contains(ids[0], "/providers/Microsoft.Authorization/roleAssignments/") {
			t.Errorf("role assignment ids %v", ids)
		}
	})

	t.Run("refused inputs", func(t *testing.T) {
		tests := []struct {
			args      ManagedRedisAccessArgs
			wantInput string
			wantRule  string
		}{
			{ManagedRedisAccessArgs{ResourceGroupName: str("rg"), ObjectId: str(principalA)}, "clusterName", "required"},
			{ManagedRedisAccessArgs{ClusterName: str("c"), ResourceGroupName: str("rg"), ObjectId: str(principalA), Authentication: AccessKey}, "keyVaultId", "required"},
			{ManagedRedisAccessArgs{ClusterName: str("c"), ResourceGroupName: str("rg"), ObjectId: str(principalA), DatabaseName: str("db1")}, "databaseName", "V2"},
			{ManagedRedisAccessArgs{ClusterName: str("c"), ResourceGroupName: str("rg"), ObjectId: str(principalA), PrincipalType: str("Robot")}, "principalType", "allowed values"},
			{ManagedRedisAccessArgs{ClusterName: str("c"), ResourceGroupName: str("rg"), ObjectId: str(principalA), KeyVaultId: str(givenVaultId)}, "keyVaultId", "key vault"},
			{ManagedRedisAccessArgs{ClusterName: str("c"), ResourceGroupName: str("rg"), ObjectId: str(principalA), Authentication: "Keys"}, "authentication", "allowed values"},
		}
		for _, tt := range tests {
			fake := &fakeAzure{}
			err := runProgram(fake, func(ctx *pulumi.Context) error {
				_, err := NewManagedRedisAccess(ctx, "api", &tt.args)
				return err
			})
			if !hasInputError(err, tt.wantInput, tt.wantRule) {
				t.Errorf("want %s refused by %s, got %v", tt.wantInput, tt.wantRule, err)
			}
			if len(fake.resources) != 0 {
				t.Errorf("%s: registered resources before refusing", tt.wantInput)
			}
		}
	})
}

func TestAccessChildrenInheritTheComponentsDependencies(t *testing.T) {
	fake := &fakeAzure{}
	err := runProgram(fake, func(ctx *pulumi.Context) error {
		first, err := NewManagedRedisAccess(ctx, "first", &ManagedRedisAccessArgs{
			ClusterName: str("c"), ResourceGroupName: str("rg"), ObjectId: str(principalA),
		})
		if err != nil {
			return err
		}
		_, err = NewManagedRedisAccess(ctx, "second", &ManagedRedisAccessArgs{
			ClusterName: str("c"), ResourceGroupName: str("rg"), ObjectId: str(principalB),
		}, pulumi.DependsOn([]pulumi.Resource{first}))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var first, second pulumi.MockResourceArgs
	for _, a := range fake.registered(assignmentToken) {
		if a.Name == "first" {
			first = a
		} else {
			second = a
		}
	}
	deps := second.RegisterRPC.GetDependencies()
	found := false
	for _, d := range deps {
		found = found || d == string(urnOf(first))
	}
	if !found {
		t.Errorf("second assignment's dependencies %v lack the first assignment", deps)
	}
}
