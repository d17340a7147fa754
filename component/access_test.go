package component

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/azuremock"
	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
)

func TestManagedRedisAccessStandalone(t *testing.T) {
	t.Run("EntraId", func(t *testing.T) {
		fake := azuremock.New()
		var access *ManagedRedisAccess
		err := azuremock.Run(fake, func(ctx *pulumi.Context) (err error) {
			access, err = NewManagedRedisAccess(ctx, "api", &ManagedRedisAccessArgs{
				ClusterName: str("cache-1"), ResourceGroupName: str("rg"), ObjectId: str(azuremock.PrincipalA),
			})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		a := fake.One(t, assignmentToken)
		if a.Name != "api" || azuremock.Input(a, "databaseName") != "default" || azuremock.Input(a, "user.objectId") != azuremock.PrincipalA {
			t.Errorf("assignment %s: %v", a.Name, a.Inputs)
		}
		if !a.RegisterRPC.GetDeleteBeforeReplace() {
			t.Error("a replacement would create the assignment's Azure name while the old one holds it")
		}
		// Letters and digits only, the REST API's pattern ^[A-Za-z0-9]{1,60}$ (the az CLI refuses
		// others), and the same on every run: pinned, since a change replaces every assignment.
		const wantName = "9b33f5fdbe915ebcbb546dee8361d4cb"
		if azuremock.Input(a, "accessPolicyAssignmentName") != wantName {
			t.Errorf("assignment name %v, want %s", azuremock.Input(a, "accessPolicyAssignmentName"), wantName)
		}
		azuremock.ExpectOutput(t, access.AccessPolicyAssignmentId,
			"/subscriptions/"+fakearm.Subscription+"/resourceGroups/rg/providers/Microsoft.Cache/redisEnterprise/cache-1/databases/default/accessPolicyAssignments/"+wantName, false)
		azuremock.ExpectOutput(t, access.RoleAssignmentIds, []string{}, false)
	})

	t.Run("AccessKey", func(t *testing.T) {
		fake := azuremock.New()
		var access *ManagedRedisAccess
		err := azuremock.Run(fake, func(ctx *pulumi.Context) (err error) {
			access, err = NewManagedRedisAccess(ctx, "api", &ManagedRedisAccessArgs{
				ClusterName: str("cache-1"), ResourceGroupName: str("rg"), Authentication: AccessKey,
				KeyVaultId: str(azuremock.GivenVaultId), ConnectionName: str("cache"), ObjectId: str(azuremock.PrincipalA),
				PrincipalType: str("User"),
			})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		roles := fake.Registered(roleToken)
		if len(roles) != 2 || len(fake.Registered(assignmentToken)) != 0 {
			t.Fatalf("%d roles and %d assignments", len(roles), len(fake.Registered(assignmentToken)))
		}
		scopes := map[string]bool{}
		for _, r := range roles {
			scopes[azuremock.Input(r, "scope").(string)] = true
			if azuremock.Input(r, "principalType") != "User" {
				t.Errorf("principalType %v, want User", azuremock.Input(r, "principalType"))
			}
		}
		for _, secret := range []string{"connectionstrings--cache", "primaryaccesskey--cache"} {
			if !scopes[azuremock.GivenVaultId+"/secrets/"+secret] {
				t.Errorf("no role on secret %s (scopes %v)", secret, scopes)
			}
		}
		ids, _ := azuremock.Value[[]string](t, access.RoleAssignmentIds)
		if len(ids) != 2 || !strings.Contains(ids[0], "/providers/Microsoft.Authorization/roleAssignments/") {
			t.Errorf("role assignment ids %v", ids)
		}
		if !fake.Called(fakearm.GetVault) {
			t.Error("the vault was not read: a vault in access-policy mode would make the roles useless")
		}
	})

	t.Run("refused inputs", func(t *testing.T) {
		tests := []struct {
			args      ManagedRedisAccessArgs
			wantInput string
			wantRule  string
		}{
			{ManagedRedisAccessArgs{ResourceGroupName: str("rg"), ObjectId: str(azuremock.PrincipalA)}, "clusterName", "required"},
			{ManagedRedisAccessArgs{ClusterName: str("c"), ResourceGroupName: str("rg"), ObjectId: str(azuremock.PrincipalA), Authentication: AccessKey}, "keyVaultId", "required"},
			{ManagedRedisAccessArgs{ClusterName: str("c"), ResourceGroupName: str("rg"), ObjectId: str(azuremock.PrincipalA), DatabaseName: str("db1")}, "databaseName", "V2"},
			{ManagedRedisAccessArgs{ClusterName: str("c"), ResourceGroupName: str("rg"), ObjectId: str(azuremock.PrincipalA), PrincipalType: str("Robot")}, "principalType", "allowed values"},
			{ManagedRedisAccessArgs{ClusterName: str("c"), ResourceGroupName: str("rg"), ObjectId: str(azuremock.PrincipalA), KeyVaultId: str(azuremock.GivenVaultId)}, "keyVaultId", "key vault"},
			{ManagedRedisAccessArgs{ClusterName: str("c"), ResourceGroupName: str("rg"), ObjectId: str(azuremock.PrincipalA), Authentication: "Keys"}, "authentication", "allowed values"},
			{ManagedRedisAccessArgs{ClusterName: str("c"), ResourceGroupName: str("rg"), ObjectId: str(azuremock.PrincipalA), PrincipalType: str("Group")}, "principalType", "V22"},
			{ManagedRedisAccessArgs{ClusterName: str("c"), ResourceGroupName: str(""), ObjectId: str(azuremock.PrincipalA)}, "resourceGroupName", "required"},
			{ManagedRedisAccessArgs{ClusterName: str("c"), ResourceGroupName: str("rg"), ObjectId: str(azuremock.PrincipalA), Authentication: AccessKey,
				KeyVaultId: str(azuremock.GivenVaultId), ConnectionName: str("1cache")}, "connectionName", "connection name"},
		}
		for _, tt := range tests {
			fake := azuremock.New()
			err := azuremock.Run(fake, func(ctx *pulumi.Context) error {
				_, err := NewManagedRedisAccess(ctx, "api", &tt.args)
				return err
			})
			if !hasInputError(err, tt.wantInput, tt.wantRule) {
				t.Errorf("want %s refused by %s, got %v", tt.wantInput, tt.wantRule, err)
			}
			if len(fake.Resources()) != 0 {
				t.Errorf("%s: registered resources before refusing", tt.wantInput)
			}
		}
	})
}

func TestAccessKeyAccessMayBeForAGroup(t *testing.T) {
	fake := azuremock.New()
	err := azuremock.Run(fake, func(ctx *pulumi.Context) error {
		_, err := NewManagedRedisAccess(ctx, "readers", &ManagedRedisAccessArgs{
			ClusterName: str("c"), ResourceGroupName: str("rg"), Authentication: AccessKey,
			KeyVaultId: str(azuremock.GivenVaultId), ConnectionName: str("cache"), ObjectId: str(azuremock.PrincipalA),
			PrincipalType: str(PrincipalGroup),
		})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, role := range fake.Registered(roleToken) {
		if azuremock.Input(role, "principalType") != "Group" {
			t.Errorf("role for %v", azuremock.Input(role, "principalType"))
		}
	}
}

// A group given as an Output is refused as soon as it is known, in EntraId mode.
func TestEntraIdAccessRefusesAGroupGivenAsAnOutput(t *testing.T) {
	fake := azuremock.New()
	err := azuremock.Run(fake, func(ctx *pulumi.Context) error {
		_, err := NewManagedRedisAccess(ctx, "team", &ManagedRedisAccessArgs{
			ClusterName: str("c"), ResourceGroupName: str("rg"), ObjectId: str(azuremock.PrincipalA), PrincipalType: output("Group"),
		})
		return err
	})
	if !hasInputError(err, "principalType", "V22") {
		t.Fatalf("want principalType refused by V22, got %v", err)
	}
}

// Two apps granted access to one cache in one program: Azure refuses parallel assignments on
// a database, so the second waits for the first, and both for the cache's own principals.
func TestStandaloneAccessesOfAProgramAreGrantedOneAfterAnother(t *testing.T) {
	fake := azuremock.New()
	err := azuremock.Run(fake, func(ctx *pulumi.Context) error {
		cache, err := NewManagedRedis(ctx, "cache", &ManagedRedisArgs{
			ResourceGroupName: str("rg"), AccessPrincipals: []AccessPrincipal{{ObjectId: str(azuremock.PrincipalA)}},
		})
		if err != nil {
			return err
		}
		for name, id := range map[string]string{"api": azuremock.PrincipalB, "worker": azuremock.PrincipalC} {
			if _, err := NewManagedRedisAccess(ctx, name, &ManagedRedisAccessArgs{
				ClusterName: cache.ClusterName, ResourceGroupName: cache.ResourceGroupName, ObjectId: str(id),
			}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	assignments := fake.Registered(assignmentToken)
	if len(assignments) != 3 {
		t.Fatalf("%d assignments", len(assignments))
	}
	own, first, second := assignments[0], assignments[1], assignments[2]
	if !dependsOn(second, first) {
		t.Errorf("%s does not wait for %s: %v", second.Name, first.Name, second.RegisterRPC.GetDependencies())
	}
	for _, a := range []pulumi.MockResourceArgs{first, second} {
		if !dependsOn(a, own) {
			t.Errorf("%s built from the cache's outputs does not wait for the cache's own assignment", a.Name)
		}
	}
}

// With literal names (an existing cache), nothing orders a cache's own principals and the
// accesses to it but their line: all of them form one chain, whatever order they take, and an
// access to another database is in none.
func TestAccessesByLiteralNamesShareTheCachesLine(t *testing.T) {
	fake := azuremock.New(fakearm.ExistingCache("rg", "legacy", "eastus", "Disabled")...)
	err := azuremock.Run(fake, func(ctx *pulumi.Context) error {
		if _, err := NewManagedRedis(ctx, "cache", &ManagedRedisArgs{ResourceGroupName: str("rg"),
			Existing: &ExistingCache{ClusterName: str("legacy")}, AccessPrincipals: []AccessPrincipal{
				{Name: "own-1", ObjectId: str(azuremock.PrincipalA)}, {Name: "own-2", ObjectId: str(azuremock.PrincipalB)}},
		}); err != nil {
			return err
		}
		for name, cluster := range map[string]string{"api": "legacy", "worker": "LEGACY", "elsewhere": "other"} {
			if _, err := NewManagedRedisAccess(ctx, name, &ManagedRedisAccessArgs{
				ClusterName: str(cluster), ResourceGroupName: str("rg"), ObjectId: str(fakearm.GuidOf(name)),
			}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	after := map[string]string{} // each assignment's predecessor in its line
	var legacy []string
	for _, a := range fake.Registered(assignmentToken) {
		urn := string(azuremock.URNOf(a))
		for _, d := range a.RegisterRPC.GetDependencies() {
			if strings.Contains(d, "AccessPolicyAssignment") {
				if previous, twice := after[urn]; twice {
					t.Errorf("%s waits for %s and %s", a.Name, previous, d)
				}
				after[urn] = d
			}
		}
		if a.Name == "elsewhere" {
			if _, waits := after[urn]; waits {
				t.Errorf("the access to another database waits for %s", after[urn])
			}
			continue
		}
		legacy = append(legacy, urn)
	}
	if len(legacy) != 4 {
		t.Fatalf("%d assignments on the cache, want 4", len(legacy))
	}
	// One chain: one first, every other after a distinct one of the same database.
	firsts, followed := 0, map[string]bool{}
	for _, urn := range legacy {
		previous, waits := after[urn]
		switch {
		case !waits:
			firsts++
		case !slices.Contains(legacy, previous) || followed[previous]:
			t.Errorf("%s waits for %s, not its own predecessor in the line", urn, previous)
		}
		followed[previous] = true
	}
	if firsts != 1 {
		t.Errorf("%d assignments wait for none, want 1: %v", firsts, after)
	}
}

// A ManagedRedisAccess's dependsOn reaches each of its children, in both modes.
func TestAccessChildrenInheritTheComponentsDependencies(t *testing.T) {
	for _, mode := range []string{EntraID, AccessKey} {
		t.Run(mode, func(t *testing.T) {
			fake := azuremock.New()
			err := azuremock.Run(fake, func(ctx *pulumi.Context) error {
				// Two caches: no line orders these two, only the dependsOn given.
				args := func(cluster, objectId string) *ManagedRedisAccessArgs {
					a := &ManagedRedisAccessArgs{ClusterName: str(cluster), ResourceGroupName: str("rg"), ObjectId: str(objectId), Authentication: mode}
					if mode == AccessKey {
						a.KeyVaultId, a.ConnectionName = str(azuremock.GivenVaultId), str(cluster)
					}
					return a
				}
				first, err := NewManagedRedisAccess(ctx, "first", args("c", azuremock.PrincipalA))
				if err != nil {
					return err
				}
				_, err = NewManagedRedisAccess(ctx, "second", args("d", azuremock.PrincipalB), pulumi.DependsOn([]pulumi.Resource{first}))
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			children := append(fake.Registered(assignmentToken), fake.Registered(roleToken)...)
			// The first access: the component or any of its children.
			firsts := map[string]bool{}
			for _, r := range append(children, fake.Registered(ManagedRedisAccessType)...) {
				if strings.HasPrefix(r.Name, "first") {
					firsts[string(azuremock.URNOf(r))] = true
				}
			}
			seconds := 0
			for _, child := range children {
				if !strings.HasPrefix(child.Name, "second") {
					continue
				}
				seconds++
				if !slices.ContainsFunc(child.RegisterRPC.GetDependencies(), func(d string) bool { _, ok := firsts[d]; return ok }) {
					t.Errorf("%s: dependencies %v lack the first access", child.Name, child.RegisterRPC.GetDependencies())
				}
			}
			if seconds == 0 {
				t.Fatal("the second access has no children")
			}
		})
	}
}

// Two programs in one process (two Automation API stacks run in parallel) never share a line:
// each program's assignments on a database wait only for that program's.
func TestProgramsRunningTogetherKeepTheirOwnLines(t *testing.T) {
	programs := []string{"first", "second"}
	fakes := make([]*azuremock.Fake, len(programs))
	errs := make(chan error, len(programs))
	for i, program := range programs {
		fakes[i] = azuremock.New(fakearm.ExistingCache("rg", "shared", "eastus", "Enabled")...)
		go func() {
			errs <- azuremock.Run(fakes[i], func(ctx *pulumi.Context) error {
				for j, id := range []string{azuremock.PrincipalA, azuremock.PrincipalB, azuremock.PrincipalC} {
					if _, err := NewManagedRedisAccess(ctx, fmt.Sprintf("%s-%d", program, j), &ManagedRedisAccessArgs{
						ClusterName: str("shared"), ResourceGroupName: str("rg"), ObjectId: str(id),
					}); err != nil {
						return err
					}
				}
				return nil
			})
		}()
	}
	for range programs {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	for i, program := range programs {
		assignments := fakes[i].Registered(assignmentToken)
		if len(assignments) != 3 {
			t.Fatalf("%s: %d assignments", program, len(assignments))
		}
		waits := 0
		for _, a := range assignments {
			for _, d := range a.RegisterRPC.GetDependencies() {
				if !strings.Contains(d, "::"+program+"-") {
					t.Errorf("%s: %s waits for %s, of another program", program, a.Name, d)
				}
				waits++
			}
		}
		if waits != 2 {
			t.Errorf("%s: %d waits, want 2 (one line of three)", program, waits)
		}
	}
}
