package component

import (
	"github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure/managedidentity"
	"github.com/managedredis/pulumi-azure-managed-redis/azure/redisenterprise"
)

// A customer-managed key (V20): the cluster gets the user-assigned identity and encrypts its
// data with the key, read with that identity. The identity needs get, wrapKey and unwrapKey on
// the key before the cluster is created: given the key's vault, the component grants it the
// built-in Key Vault Crypto Service Encryption User role on the key first, so that a first `up`
// succeeds without manual steps.

// KeyVaultCryptoServiceEncryptionUserRole is the id of Azure's built-in "Key Vault Crypto
// Service Encryption User" role.
const KeyVaultCryptoServiceEncryptionUserRole = "e147488a-f6f5-4113-8e2d-b22465e65bf6"

// encryption is what the cluster is given for a customer-managed key, and what it waits for.
type encryption struct {
	identity  redisenterprise.ManagedServiceIdentityPtrInput
	key       redisenterprise.ClusterPropertiesEncryptionPtrInput
	dependsOn []pulumi.Resource
}

func (b *builder) customerManagedKey(s *settings) (*encryption, error) {
	k := s.customerManagedKey
	if k == nil {
		// Always sent, so that removing a customer-managed key reaches Azure: an empty
		// customerManagedKeyEncryption is Microsoft-managed keys, the default.
		return &encryption{key: redisenterprise.ClusterPropertiesEncryptionArgs{
			CustomerManagedKeyEncryption: redisenterprise.ClusterPropertiesCustomerManagedKeyEncryptionArgs{},
		}}, nil
	}
	e := &encryption{
		identity: redisenterprise.ManagedServiceIdentityArgs{
			Type:                   pulumi.String("UserAssigned"),
			UserAssignedIdentities: pulumi.StringArray{k.identityId},
		},
		key: redisenterprise.ClusterPropertiesEncryptionArgs{
			CustomerManagedKeyEncryption: redisenterprise.ClusterPropertiesCustomerManagedKeyEncryptionArgs{
				KeyEncryptionKeyUrl: k.keyUrl,
				KeyEncryptionKeyIdentity: redisenterprise.ClusterPropertiesKeyEncryptionKeyIdentityArgs{
					IdentityType:                   pulumi.String("userAssignedIdentity"),
					UserAssignedIdentityResourceId: k.identityId,
				},
			},
		},
	}
	if k.keyVaultId == nil {
		return e, nil
	}
	role, err := b.grantKeyToIdentity(s, k)
	if err != nil {
		return nil, err
	}
	e.dependsOn = []pulumi.Resource{role}
	return e, nil
}

// grantKeyToIdentity gives the identity (read for its principal id) the Key Vault Crypto
// Service Encryption User role on the key only, named as a GUID of key, principal and role.
func (b *builder) grantKeyToIdentity(s *settings, k *customerManagedKey) (*authorization.RoleAssignment, error) {
	parts := k.identityId.ApplyT(func(id string) []string { return identityIdPattern.FindStringSubmatch(id) }).(pulumi.StringArrayOutput)
	principalId := read(b, func(v []any, opts ...pulumi.InvokeOption) (*managedidentity.LookupUserAssignedIdentityResult, error) {
		return managedidentity.LookupUserAssignedIdentity(b.ctx, &managedidentity.LookupUserAssignedIdentityArgs{
			ResourceGroupName: v[0].(string), ResourceName: v[1].(string)}, opts...)
	}, parts.Index(pulumi.Int(1)), parts.Index(pulumi.Int(2))).(managedidentity.LookupUserAssignedIdentityResultOutput).PrincipalId()

	scope := pulumi.All(*k.keyVaultId, k.keyUrl).ApplyT(func(v []any) (string, error) {
		if problem := keyInVaultProblem(v[1].(string), v[0].(string)); problem != "" {
			return "", inputError("customerManagedKey.keyVaultId", "V20", "%s", problem)
		}
		return v[0].(string) + "/keys/" + keyUrlPattern.FindStringSubmatch(v[1].(string))[2], nil
	}).(pulumi.StringOutput)
	roleDefinitionId := k.keyVaultId.ApplyT(func(id string) (string, error) {
		vault, err := parseKeyVaultId("customerManagedKey.keyVaultId", id)
		return roleDefinitionIdIn(vault.subscriptionId, KeyVaultCryptoServiceEncryptionUserRole), err
	}).(pulumi.StringOutput)
	role, err := assignRole(b.ctx, s.name+"-key", roleGrant{
		scope: scope, principalId: principalId, principalType: pulumi.String(PrincipalServicePrincipal),
		roleDefinitionId: roleDefinitionId, description: pulumi.String("Encrypt the Azure Managed Redis cache with this key"),
	}, b.child())
	if err != nil {
		return nil, err
	}
	b.registered(role)
	return role, nil
}
