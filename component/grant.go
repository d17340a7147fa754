package component

import (
	"strings"

	"github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure"
	"github.com/managedredis/pulumi-azure-managed-redis/azure/redisenterprise"
	preview "github.com/managedredis/pulumi-azure-managed-redis/azure/redisenterprise/v20260601preview"
)

// What one principal gets, shared by ManagedRedis (for each of its principals) and
// ManagedRedisAccess (for its one): an access policy assignment in EntraId mode, the Key Vault
// Secrets User role on the two secrets in AccessKey mode. Their Azure names are GUIDs of the
// cache, the principal and the role, so the same inputs always give the same names, and a
// replacement deletes the old one first.

// accessPolicyDefault is Azure's only data access policy (V17).
const accessPolicyDefault = "default"

// KeyVaultSecretsUserRole is the id of Azure's built-in "Key Vault Secrets User" role.
const KeyVaultSecretsUserRole = "4633458b-17de-408a-b874-0445c86b69e6"

// childName is the name of a principal's child and the names it had before (from the
// principal's aliases): with them, a rename is a change of name only, nothing in Azure.
type childName struct {
	name    string
	earlier []string
}

// principalChild is the name of the child of principal p of the component named component.
func principalChild(component string, p principal) childName {
	n := childName{name: component + "-access-" + p.key}
	for _, alias := range p.aliases {
		if alias != p.key {
			n.earlier = append(n.earlier, component+"-access-"+alias)
		}
	}
	return n
}

func (n childName) suffixed(suffix string) childName {
	s := childName{name: n.name + suffix}
	for _, earlier := range n.earlier {
		s.earlier = append(s.earlier, earlier+suffix)
	}
	return s
}

// aliases is the option that gives the child its earlier names (none when it had none), and the
// other types it may have had under each of its names.
func (n childName) aliases(otherTypes ...string) pulumi.ResourceOption {
	var aliases []pulumi.Alias
	for _, typ := range otherTypes {
		aliases = append(aliases, pulumi.Alias{Type: pulumi.String(typ)})
	}
	for _, earlier := range n.earlier {
		aliases = append(aliases, pulumi.Alias{Name: pulumi.String(earlier)})
		for _, typ := range otherTypes {
			aliases = append(aliases, pulumi.Alias{Name: pulumi.String(earlier), Type: pulumi.String(typ)})
		}
	}
	return pulumi.Aliases(aliases)
}

// database is the database principals get data access to, in EntraId mode.
type database struct{ resourceGroupName, clusterName, name pulumi.StringOutput }

// grantAccessPolicy registers the principal's access policy assignment: of the "default"
// policy, Azure's only one (V17), for full access; or, given an access string (preview), of
// those Redis ACL rules, through the preview API version. Both have the principal's one Azure
// name, so a principal whose string comes or goes keeps one assignment: its child changes type
// (aliases link the two), which the engine carries out as a replacement, delete-first, since
// Azure refuses two assignments of one object id on a database.
func grantAccessPolicy(ctx *pulumi.Context, name childName, db database, objectId pulumi.StringOutput, accessString *string,
	opts []pulumi.ResourceOption,
) (pulumi.CustomResource, error) {
	assignmentName := pulumi.All(db.resourceGroupName, db.clusterName, db.name, objectId).ApplyT(func(v []any) string {
		return accessPolicyAssignmentName(v[0].(string), v[1].(string), v[2].(string), v[3].(string))
	}).(pulumi.StringOutput)
	if accessString == nil {
		return redisenterprise.NewAccessPolicyAssignment(ctx, name.name, &redisenterprise.AccessPolicyAssignmentArgs{
			AccessPolicyAssignmentName: assignmentName,
			AccessPolicyName:           pulumi.String(accessPolicyDefault),
			ClusterName:                db.clusterName,
			DatabaseName:               db.name,
			ResourceGroupName:          db.resourceGroupName,
			User:                       redisenterprise.AccessPolicyAssignmentPropertiesUserArgs{ObjectId: objectId},
		}, append(opts, pulumi.DeleteBeforeReplace(true), name.aliases(previewAssignmentType))...)
	}
	return preview.NewAccessPolicyAssignment(ctx, name.name, &preview.AccessPolicyAssignmentArgs{
		AccessPolicyAssignmentName: assignmentName,
		AccessString:               pulumi.String(*accessString),
		ClusterName:                db.clusterName,
		DatabaseName:               db.name,
		ResourceGroupName:          db.resourceGroupName,
		User:                       preview.AccessPolicyAssignmentPropertiesUserArgs{ObjectId: objectId},
	}, append(opts, pulumi.DeleteBeforeReplace(true), name.aliases(defaultAssignmentType))...)
}

// The types of an access policy assignment at the default and at the preview API version.
const (
	defaultAssignmentType = "azure-native:redisenterprise:AccessPolicyAssignment"
	previewAssignmentType = azure.RedisEnterprisePreviewPackage + ":redisenterprise:AccessPolicyAssignment"
)

// accessPolicyAssignmentName is the Azure name of the principal's assignment on the database: a
// GUID of them without its hyphens, since the REST API's pattern for these names is
// ^[A-Za-z0-9]{1,60}$ and the az CLI cannot show or delete others (azure-cli#33568, #33444).
func accessPolicyAssignmentName(resourceGroupName, clusterName, databaseName, objectId string) string {
	return strings.ReplaceAll(deterministicGuid(resourceGroupName, clusterName, databaseName, objectId, accessPolicyDefault), "-", "")
}

// secretsOf names the two secrets of a cache, in AccessKey mode: the vault (an ARM id) and the
// connection name.
type secretsOf struct{ vaultId, connectionName pulumi.StringOutput }

// grantSecretsUser gives the principal the Key Vault Secrets User role on each of the two
// secrets, not on the whole vault.
func grantSecretsUser(ctx *pulumi.Context, name childName, secrets secretsOf, objectId, principalType pulumi.StringOutput,
	opts []pulumi.ResourceOption,
) ([]pulumi.Resource, pulumi.StringArrayOutput, error) {
	roleDefinitionId := secrets.vaultId.ApplyT(func(id string) (string, error) {
		vault, err := parseKeyVaultId("keyVaultId", id)
		return roleDefinitionIdIn(vault.subscriptionId, KeyVaultSecretsUserRole), err
	}).(pulumi.StringOutput)

	var roles []pulumi.Resource
	var ids pulumi.StringArray
	for _, secret := range []struct {
		suffix string
		name   func(string) string
	}{
		{"connectionstring", connectionStringSecretName},
		{"primaryaccesskey", primaryAccessKeySecretName},
	} {
		scope := pulumi.All(secrets.vaultId, secrets.connectionName).ApplyT(func(v []any) string {
			return v[0].(string) + "/secrets/" + secret.name(v[1].(string))
		}).(pulumi.StringOutput)
		child := name.suffixed("-" + secret.suffix)
		role, err := assignRole(ctx, child.name, roleGrant{
			scope: scope, principalId: objectId, principalType: principalType, roleDefinitionId: roleDefinitionId,
			description: pulumi.String("Read the Azure Managed Redis " + secret.suffix + " secret"),
		}, append(opts, child.aliases()))
		if err != nil {
			return nil, pulumi.StringArrayOutput{}, err
		}
		roles = append(roles, role)
		ids = append(ids, role.ID().ToStringOutput())
	}
	return roles, ids.ToStringArrayOutput(), nil
}

// roleGrant is a role for a principal at a scope (ARM ids).
type roleGrant struct {
	scope, principalId, principalType, roleDefinitionId pulumi.StringInput
	description                                         pulumi.StringPtrInput // nil: none
}

// assignRole registers the role assignment of g. Its Azure name is a GUID of the scope, the
// principal and the role, so the same grant always has the same name, and a replacement deletes
// the old one first.
func assignRole(ctx *pulumi.Context, name string, g roleGrant, opts []pulumi.ResourceOption) (*authorization.RoleAssignment, error) {
	assignmentName := pulumi.All(g.scope, g.principalId, g.roleDefinitionId).ApplyT(func(v []any) string {
		return deterministicGuid(v[0].(string), v[1].(string), v[2].(string))
	}).(pulumi.StringOutput)
	return authorization.NewRoleAssignment(ctx, name, &authorization.RoleAssignmentArgs{
		RoleAssignmentName: assignmentName,
		PrincipalId:        g.principalId,
		// Explicit: the SDK would default to "User", wrong for managed identities.
		PrincipalType:    g.principalType,
		RoleDefinitionId: g.roleDefinitionId,
		Scope:            g.scope,
		Description:      g.description,
	}, append(opts, pulumi.DeleteBeforeReplace(true))...)
}

// grantAll gives each of the component's principals access, as its direct children named
// "<component>-access-<principal's name>". In EntraId mode each assignment waits for the
// previous one, because Azure fails parallel assignments on one database; in AccessKey mode
// each role waits for the secrets it is about.
func (b *builder) grantAll(s *settings, c *cache, secrets *vaultSecrets) error {
	objectIds := principalObjectIds(s.principals)
	db := database{resourceGroupName: c.resourceGroupName, clusterName: c.clusterName, name: c.databaseName}
	var previous pulumi.Output // the previous principal's place in the line
	for i, p := range s.principals {
		name := principalChild(s.name, p)
		if secrets != nil {
			roles, _, err := grantSecretsUser(b.ctx, name,
				secretsOf{vaultId: secrets.keyVaultId, connectionName: pulumi.String(s.connectionName).ToStringOutput()},
				objectIds[i], pulumi.String(p.principalType).ToStringOutput(), b.child(pulumi.DependsOn(secrets.written)))
			if err != nil {
				return err
			}
			b.registered(roles...)
			continue
		}
		assignment, placed, err := inLine(b.ctx, db, previous, func(wait pulumi.ResourceArrayOutput) (pulumi.Resource, error) {
			return grantAccessPolicy(b.ctx, name, db, objectIds[i], p.accessString, b.child(pulumi.DependsOnInputs(wait)))
		})
		if err != nil {
			return err
		}
		b.registered(assignment)
		previous = placed
	}
	return nil
}

// principalObjectIds are the principals' object ids (each checked, see resolvePrincipals),
// refused when two resolve to the same id.
func principalObjectIds(principals []principal) []pulumi.StringOutput {
	all := make([]any, len(principals))
	for i, p := range principals {
		all[i] = p.objectId
	}
	distinct := pulumi.All(all...).ApplyT(func(v []any) ([]string, error) {
		ids := make([]string, len(v))
		for i := range v {
			ids[i] = v[i].(string)
		}
		if first, second, dup := firstDuplicate(ids, strings.ToLower); dup {
			return nil, inputError(principals[second].input("objectId"), "principals",
				"%s is already accessPrincipals[%d]: give each principal once", ids[second], principals[first].index)
		}
		return ids, nil
	}).(pulumi.StringArrayOutput)
	ids := make([]pulumi.StringOutput, len(principals))
	for i := range principals {
		ids[i] = distinct.Index(pulumi.Int(i))
	}
	return ids
}
