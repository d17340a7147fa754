package component

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure/redisenterprise"
)

// What one principal gets, shared by ManagedRedis (for each of its principals) and
// ManagedRedisAccess (for its one): an access policy assignment in EntraId mode, the Key Vault
// Secrets User role on the two secrets in AccessKey mode. Their Azure names are GUIDs of the
// cache, the principal and the role, so the same inputs always give the same names, and a
// replacement deletes the old one first.

// KeyVaultSecretsUserRole is the id of Azure's built-in "Key Vault Secrets User" role.
const KeyVaultSecretsUserRole = "4633458b-17de-408a-b874-0445c86b69e6"

// database is the database principals get data access to, in EntraId mode.
type database struct{ resourceGroupName, clusterName, name pulumi.StringOutput }

// grantAccessPolicy registers an assignment of the "default" access policy, Azure's only one
// (V17), to the principal.
func grantAccessPolicy(ctx *pulumi.Context, name string, db database, objectId pulumi.StringOutput,
	opts []pulumi.ResourceOption,
) (*redisenterprise.AccessPolicyAssignment, error) {
	assignmentName := pulumi.All(db.resourceGroupName, db.clusterName, db.name, objectId).ApplyT(func(v []any) string {
		return deterministicGuid(v[0].(string), v[1].(string), v[2].(string), v[3].(string), "default")
	}).(pulumi.StringOutput)
	return redisenterprise.NewAccessPolicyAssignment(ctx, name, &redisenterprise.AccessPolicyAssignmentArgs{
		AccessPolicyAssignmentName: assignmentName,
		AccessPolicyName:           pulumi.String("default"),
		ClusterName:                db.clusterName,
		DatabaseName:               db.name,
		ResourceGroupName:          db.resourceGroupName,
		User:                       redisenterprise.AccessPolicyAssignmentPropertiesUserArgs{ObjectId: objectId},
	}, append(opts, pulumi.DeleteBeforeReplace(true))...)
}

// secretsOf names the two secrets of a cache, in AccessKey mode: the vault (an ARM id) and the
// connection name.
type secretsOf struct{ vaultId, connectionName pulumi.StringOutput }

// grantSecretsUser gives the principal the Key Vault Secrets User role on each of the two
// secrets, not on the whole vault.
func grantSecretsUser(ctx *pulumi.Context, name string, secrets secretsOf, objectId, principalType pulumi.StringOutput,
	opts []pulumi.ResourceOption,
) ([]pulumi.Resource, pulumi.StringArrayOutput, error) {
	roleDefinitionId := secrets.vaultId.ApplyT(func(id string) (string, error) {
		vault, err := parseKeyVaultId("keyVaultId", id)
		return fmt.Sprintf("/subscriptions/%s/providers/Microsoft.Authorization/roleDefinitions/%s",
			vault.subscriptionId, KeyVaultSecretsUserRole), err
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
		assignmentName := pulumi.All(scope, objectId, roleDefinitionId).ApplyT(func(v []any) string {
			return deterministicGuid(v[0].(string), v[1].(string), v[2].(string))
		}).(pulumi.StringOutput)
		role, err := authorization.NewRoleAssignment(ctx, name+"-"+secret.suffix, &authorization.RoleAssignmentArgs{
			RoleAssignmentName: assignmentName,
			PrincipalId:        objectId,
			// Explicit: the SDK would default to "User", wrong for managed identities.
			PrincipalType:    principalType,
			RoleDefinitionId: roleDefinitionId,
			Scope:            scope,
			Description:      pulumi.String("Read the Azure Managed Redis " + secret.suffix + " secret"),
		}, append(opts, pulumi.DeleteBeforeReplace(true))...)
		if err != nil {
			return nil, pulumi.StringArrayOutput{}, err
		}
		roles = append(roles, role)
		ids = append(ids, role.ID().ToStringOutput())
	}
	return roles, ids.ToStringArrayOutput(), nil
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
		name := s.name + "-access-" + p.key
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
			return grantAccessPolicy(b.ctx, name, db, objectIds[i], b.child(pulumi.DependsOnInputs(wait)))
		})
		if err != nil {
			return err
		}
		b.registered(assignment)
		previous = placed
	}
	return nil
}

// principalObjectIds are the principals' object ids, each checked as soon as known (an Output
// too) with the input path of the principal, and refused when two resolve to the same id.
func principalObjectIds(principals []principal) []pulumi.StringOutput {
	all := make([]any, len(principals))
	for i, p := range principals {
		all[i] = checked(p.objectId, objectIdInput(p.index), checkObjectId)
	}
	distinct := pulumi.All(all...).ApplyT(func(v []any) ([]string, error) {
		ids := make([]string, len(v))
		for i := range v {
			ids[i] = v[i].(string)
		}
		if first, second, dup := firstDuplicate(ids, strings.ToLower); dup {
			return nil, inputError(objectIdInput(principals[second].index), "principals",
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

func objectIdInput(index int) string { return fmt.Sprintf("accessPrincipals[%d].objectId", index) }
