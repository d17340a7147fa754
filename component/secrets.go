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

// accessKeys are the database's two keys, secret.
type accessKeys struct{ primary, secondary pulumi.StringOutput }

// listKeys lists the database's keys once access keys are enabled (V19).
func (b *builder) listKeys(c *cache) accessKeys {
	keys := read(b, func(v []any, opts ...pulumi.InvokeOption) (*redisenterprise.ListDatabaseKeysResult, error) {
		return redisenterprise.ListDatabaseKeys(b.ctx, &redisenterprise.ListDatabaseKeysArgs{
			ClusterName: v[0].(string), DatabaseName: v[1].(string), ResourceGroupName: v[2].(string)}, opts...)
	}, c.clusterName, c.keysEnabled, c.resourceGroupName).(redisenterprise.ListDatabaseKeysResultOutput)
	return accessKeys{pulumi.ToSecret(keys.PrimaryKey()).(pulumi.StringOutput), pulumi.ToSecret(keys.SecondaryKey()).(pulumi.StringOutput)}
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
