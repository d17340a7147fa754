package component

import (
	"maps"
	"strings"
	"testing"

	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/azuremock"
)

// children lists, by URN name, what a program registers for each principal in each mode:
// the Azure name of an assignment or role assignment, and what it is for.
func children(t *testing.T, authentication string, principals ...AccessPrincipal) map[string]string {
	t.Helper()
	fake := azuremock.New()
	newCache(t, fake, &ManagedRedisArgs{ResourceGroupName: str("rg"), Authentication: authentication, AccessPrincipals: principals})
	byName := map[string]string{}
	for _, a := range fake.Registered(assignmentToken) {
		byName[a.Name] = azuremock.Input(a, "accessPolicyAssignmentName").(string) + " for " + azuremock.Input(a, "user.objectId").(string)
	}
	for _, r := range fake.Registered(roleToken) {
		byName[r.Name] = azuremock.Input(r, "roleAssignmentName").(string) + " for " + azuremock.Input(r, "principalId").(string)
	}
	return byName
}

// Principals given as Outputs (the usual case: a managed identity's principalId) are keyed by
// their names: reordering renames nothing, removing one removes only its children, adding one
// adds only its own.
func TestPrincipalsAreKeyedByTheirNames(t *testing.T) {
	api := AccessPrincipal{Name: "api", ObjectId: output(azuremock.PrincipalA)}
	worker := AccessPrincipal{Name: "worker", ObjectId: output(azuremock.PrincipalB)}
	jobs := AccessPrincipal{Name: "jobs", ObjectId: output(azuremock.PrincipalC)}
	for _, mode := range []string{EntraID, AccessKey} {
		t.Run(mode, func(t *testing.T) {
			all := children(t, mode, api, worker, jobs)
			if len(all) == 0 {
				t.Fatal("no children")
			}
			if reordered := children(t, mode, jobs, api, worker); !maps.Equal(reordered, all) {
				t.Errorf("reordering changed the children:\n%v\n%v", all, reordered)
			}
			withoutWorker := children(t, mode, api, jobs)
			for name, azure := range all {
				_, kept := withoutWorker[name]
				if removed := strings.HasPrefix(name, "cache-access-worker"); removed == kept {
					t.Errorf("removing worker: %s (%s) kept = %v", name, azure, kept)
				} else if kept && withoutWorker[name] != azure {
					t.Errorf("removing worker changed %s: %s, now %s", name, azure, withoutWorker[name])
				}
			}
			added := children(t, mode, api, worker, jobs, AccessPrincipal{Name: "admin", ObjectId: output(azuremock.PrincipalB[:35] + "9")})
			for name, azure := range all {
				if added[name] != azure {
					t.Errorf("adding a principal changed %s: %s, now %s", name, azure, added[name])
				}
			}
			if len(added) <= len(all) {
				t.Errorf("adding a principal added nothing: %v", added)
			}
		})
	}
}

// A literal object id names its principal when no name is given, in lower case, so that its
// names are the same on every run.
func TestALiteralObjectIdNamesItsPrincipal(t *testing.T) {
	got := children(t, EntraID, AccessPrincipal{ObjectId: str(azuremock.PrincipalA)})
	if _, ok := got["cache-access-"+azuremock.PrincipalA]; !ok {
		t.Errorf("children %v", got)
	}
}

// A principal's aliases are its earlier names: each child of a renamed principal is also known
// by the name its earlier name gave it, so the engine sees a rename, not a replacement, and the
// Azure names stay the same.
func TestAPrincipalsAliasesKeepItsChildren(t *testing.T) {
	for _, mode := range []string{EntraID, AccessKey} {
		t.Run(mode, func(t *testing.T) {
			before := children(t, mode, AccessPrincipal{Name: "api", ObjectId: output(azuremock.PrincipalA)})
			fake := azuremock.New()
			newCache(t, fake, &ManagedRedisArgs{ResourceGroupName: str("rg"), Authentication: mode, AccessPrincipals: []AccessPrincipal{
				{Name: "web", ObjectId: output(azuremock.PrincipalA), Aliases: []string{"api", "web"}}}})
			renamed := append(fake.Registered(assignmentToken), fake.Registered(roleToken)...)
			if len(renamed) != len(before) || len(renamed) == 0 {
				t.Fatalf("renamed children %d, before %d", len(renamed), len(before))
			}
			for _, child := range renamed {
				earlier := strings.Replace(child.Name, "cache-access-web", "cache-access-api", 1)
				if _, ok := before[earlier]; !ok {
					t.Errorf("%s: no child %s before", child.Name, earlier)
				}
				var aliases []string
				for _, alias := range child.RegisterRPC.GetAliases() {
					// The SDK's own are type aliases; a type beside a name is the assignment's other API version's.
					if name := alias.GetSpec().GetName(); name != "" && alias.GetSpec().GetType() == "" {
						aliases = append(aliases, name)
					}
				}
				if len(aliases) != 1 || aliases[0] != earlier {
					t.Errorf("%s: aliases %v, want [%s] (its own name is no alias)", child.Name, aliases, earlier)
				}
			}
		})
	}
}
