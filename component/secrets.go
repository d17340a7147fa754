package component

import (
	"github.com/pulumi/pulumi-azure-native-sdk/keyvault/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure/redisenterprise"
)

// AccessKey mode: the primary key, read from the database, goes to Key Vault as two secrets,
// as Aspire writes them: connectionstrings--<name> and primaryaccesskey--<name>.

// vaultSecrets are the two secrets and the vault that holds them.
type vaultSecrets struct {
	keyVaultId          pulumi.StringOutput
	connectionStringUri pulumi.StringOutput
	primaryKeyUri       pulumi.StringOutput
	// written are the two secret resources; principals' access waits for them.
	written []pulumi.Resource
}

// accessKeys are the database's two keys, secret, and which one is active (Primary or
// Secondary): the one the secrets and the connection details carry.
type accessKeys struct{ primary, secondary, activeKey pulumi.StringOutput }

// active is the active key's value, secret.
func (k accessKeys) active() pulumi.StringOutput {
	return pulumi.All(k.activeKey, k.primary, k.secondary).ApplyT(func(v []any) string {
		if v[0] == SecondaryKey {
			return v[2].(string)
		}
		return v[1].(string)
	}).(pulumi.StringOutput)
}

// listKeys lists the database's keys once access keys are enabled (V19), and after has
// resolved (a rotation that regenerated one).
func (b *builder) listKeys(c *cache, after pulumi.Output) accessKeys {
	keys := read(b, func(v []any, opts ...pulumi.InvokeOption) (*redisenterprise.ListDatabaseKeysResult, error) {
		return redisenterprise.ListDatabaseKeys(b.ctx, &redisenterprise.ListDatabaseKeysArgs{
			ClusterName: v[0].(string), DatabaseName: v[1].(string), ResourceGroupName: v[2].(string)}, opts...)
	}, c.clusterName, c.keysEnabled, c.resourceGroupName, after).(redisenterprise.ListDatabaseKeysResultOutput)
	return accessKeys{primary: pulumi.ToSecret(keys.PrimaryKey()).(pulumi.StringOutput),
		secondary: pulumi.ToSecret(keys.SecondaryKey()).(pulumi.StringOutput)}
}

// writeSecrets stores the connection string and the key in the given vault, or in a new one.
// Their Azure names are fixed, so a replacement deletes the old secret first.
func (b *builder) writeSecrets(s *settings, conn connection) (*vaultSecrets, error) {
	var vault *vaultRef
	if s.keyVaultId != nil {
		vault = b.givenVault(*s.keyVaultId, "keyVaultId")
	} else {
		var err error
		if vault, err = b.createVault(s); err != nil {
			return nil, err
		}
	}

	secrets := &vaultSecrets{keyVaultId: vault.id}
	for _, secret := range []struct {
		name  string
		value pulumi.StringOutput
		uri   *pulumi.StringOutput
	}{
		{connectionStringSecretName(s.connectionName), conn.connectionString, &secrets.connectionStringUri},
		{primaryAccessKeySecretName(s.connectionName), conn.key, &secrets.primaryKeyUri},
	} {
		written, err := keyvault.NewSecret(b.ctx, s.name+"-"+secret.name, &keyvault.SecretArgs{
			ResourceGroupName: vault.resourceGroupName,
			VaultName:         vault.name,
			SecretName:        pulumi.String(secret.name),
			Properties:        keyvault.SecretPropertiesArgs{Value: pulumi.ToSecret(secret.value).(pulumi.StringOutput)},
			Tags:              s.tags,
		}, b.child(pulumi.DeleteBeforeReplace(true))...)
		if err != nil {
			return nil, err
		}
		*secret.uri = written.Properties.SecretUri()
		secrets.written = append(secrets.written, written)
	}
	b.registered(secrets.written...)
	return secrets, nil
}
