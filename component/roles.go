package component

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Control-plane roles on the cluster (Azure RBAC), as Bicep AVM's roleAssignments: who may
// manage the cache, not who may read its data (accessPrincipals).

// BuiltInRoles are the built-in roles roleAssignments names, by name, and their ids: a copy,
// which the caller may change.
func BuiltInRoles() map[string]string { return maps.Clone(builtInRoles) }

// builtInRoles are the built-in roles roleAssignments names, by name, and their ids (Bicep
// AVM's map).
var builtInRoles = map[string]string{
	"Owner":       "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
	"Contributor": "b24988ac-6180-42a0-ab88-20f7382dd24c",
	"Reader":      "acdd72a7-3385-48ef-bd42-f606fba81ae7",
	"Role Based Access Control Administrator": "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
	"User Access Administrator":               "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
}

var roleDefinitionIdPattern = regexp.MustCompile(`(?i)^(/subscriptions/[^/]+)?/providers/Microsoft\.Authorization/roleDefinitions/([0-9a-f-]{36})$`)

// roleAssignment is an entry of roleAssignments, its key resolved and its Inputs checked.
type roleAssignment struct {
	index                         int
	key                           string
	principalId, roleDefinitionId pulumi.StringOutput
	principalType                 string
}

func (r roleAssignment) input(field string) string {
	return fmt.Sprintf("roleAssignments[%d].%s", r.index, field)
}

// roleDefinitionIdProblem accepts a role definition's ARM id or GUID, or a built-in role's name.
func roleDefinitionIdProblem(value string) string {
	if _, builtIn := builtInRoles[value]; builtIn || guidPattern.MatchString(value) || roleDefinitionIdPattern.MatchString(value) {
		return ""
	}
	return fmt.Sprintf("%q is not a role: give a role definition's id "+
		"(/subscriptions/<id>/providers/Microsoft.Authorization/roleDefinitions/<guid>) or GUID, or one of %s",
		value, strings.Join(slices.Sorted(maps.Keys(builtInRoles)), ", "))
}

// roleDefinitionIdIn is a role as an ARM id in the subscription: a full id as given, a GUID or a
// built-in role's name as that subscription's role definition.
func roleDefinitionIdIn(subscriptionId, role string) string {
	if id, builtIn := builtInRoles[role]; builtIn {
		role = id
	}
	if guidPattern.MatchString(role) {
		return fmt.Sprintf("/subscriptions/%s/providers/Microsoft.Authorization/roleDefinitions/%s", subscriptionId, strings.ToLower(role))
	}
	return role
}

// assignRoles gives each entry of roleAssignments its role on the cluster, as direct children
// named "<component>-role-<name>" (see assignRole for their Azure names).
func (b *builder) assignRoles(s *settings, c *cache) (pulumi.StringArrayOutput, error) {
	ids := pulumi.StringArray{}
	for _, r := range s.roleAssignments {
		roleDefinitionId := pulumi.All(r.roleDefinitionId, b.client().SubscriptionId()).ApplyT(func(v []any) string {
			return roleDefinitionIdIn(v[1].(string), v[0].(string))
		}).(pulumi.StringOutput)
		assignment, err := assignRole(b.ctx, s.name+"-role-"+r.key, roleGrant{
			scope: c.clusterId, principalId: r.principalId, principalType: pulumi.String(r.principalType),
			roleDefinitionId: roleDefinitionId,
		}, b.child())
		if err != nil {
			return pulumi.StringArrayOutput{}, err
		}
		b.registered(assignment)
		ids = append(ids, assignment.ID().ToStringOutput())
	}
	return ids.ToStringArrayOutput(), nil
}

// roleAssignmentsAreNamedOnce: each entry has a name that keys its resource (required when the
// principal id is not a literal), each given once. (Its Inputs are checked as String Inputs.)
func roleAssignmentsAreNamedOnce(a *ManagedRedisArgs, s *settings) []refusal {
	var refused []refusal
	names := firstUses{}
	for _, r := range s.roleAssignments {
		given := a.RoleAssignments[r.index]
		if given.Name != "" {
			if problem := principalNameProblem(given.Name); problem != "" {
				refused = append(refused, refusal{r.input("name"), problem})
			}
		}
		if r.key == "" {
			refused = append(refused, refuse(r.input("name"),
				"required when principalId is not a literal (an Output): a stable name keys the assignment's resource"))
		} else if first, dup := names.claim(r.key, r.index); dup {
			refused = append(refused, refuse(r.input("name"), "%q is already the name of roleAssignments[%d]: each needs its own name", r.key, first))
		}
	}
	return refused
}
