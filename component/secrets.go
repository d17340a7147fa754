package component

import (
	"github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/keyvault/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure"
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

// primaryKey lists the database's keys once access keys are enabled (V19). The key is secret.
func primaryKey(ctx *pulumi.Context, c *cache, parent pulumi.Resource) pulumi.StringOutput {
	return redisenterprise.ListDatabaseKeysOutput(ctx, redisenterprise.ListDatabaseKeysOutputArgs{
		ClusterName:       c.clusterName,
		DatabaseName:      c.keysEnabled,
		ResourceGroupName: c.resourceGroupName,
	}, pulumi.Parent(parent)).PrimaryKey()
}

// writeSecrets stores the connection string and key in the given vault, or in a new one.
func writeSecrets(ctx *pulumi.Context, s *settings, c *cache, key pulumi.StringOutput, parent pulumi.Resource,
) (*vaultSecrets, error) {
	vault, err := secretsVault(ctx, s, parent)
	if err != nil {
		return nil, err
	}
	values := map[string]pulumi.StringOutput{
		connectionStringSecretName(s.connectionName): pulumi.ToSecret(pulumi.All(c.hostName, key).ApplyT(
			func(v []any) string { return connectionString(v[0].(string), v[1].(string)) })).(pulumi.StringOutput),
		primaryAccessKeySecretName(s.connectionName): pulumi.ToSecret(key).(pulumi.StringOutput),
	}
	uris := map[string]pulumi.StringOutput{}
	var written []pulumi.Resource
	for _, secretName := range sortedKeys(values) {
		secret, err := keyvault.NewSecret(ctx, s.name+"-"+secretName, &keyvault.SecretArgs{
			ResourceGroupName: vault.resourceGroupName,
			VaultName:         vault.name,
			SecretName:        pulumi.String(secretName),
			Properties:        keyvault.SecretPropertiesArgs{Value: values[secretName]},
			Tags:              s.args.Tags,
		}, azure.ResourceOptions(pulumi.Parent(parent))...)
		if err != nil {
			return nil, err
		}
		uris[secretName] = secret.Properties.SecretUri()
		written = append(written, secret)
	}
	return &vaultSecrets{
		keyVaultId:          vault.id,
		connectionStringUri: uris[connectionStringSecretName(s.connectionName)],
		primaryKeyUri:       uris[primaryAccessKeySecretName(s.connectionName)],
		written:             written,
	}, nil
}

type vaultRef struct{ id, resourceGroupName, name pulumi.StringOutput }

// secretsVault is the vault named by keyVaultId, or a new RBAC-enabled standard vault in the
// cache's resource group.
func secretsVault(ctx *pulumi.Context, s *settings, parent pulumi.Resource) (*vaultRef, error) {
	if s.args.KeyVaultId != nil {
		id := checked(s.args.KeyVaultId, "keyVaultId", checkKeyVaultId)
		part := func(get func(keyVault) string) pulumi.StringOutput {
			return id.ApplyT(func(id string) (string, error) {
				v, err := parseKeyVaultId(id)
				return get(v), err
			}).(pulumi.StringOutput)
		}
		return &vaultRef{
			id:                id,
			resourceGroupName: part(func(v keyVault) string { return v.resourceGroupName }),
			name:              part(func(v keyVault) string { return v.name }),
		}, nil
	}

	client := authorization.GetClientConfigOutput(ctx, azure.InvokeOptions(pulumi.Parent(parent))...)
	vault, err := keyvault.NewVault(ctx, s.name, &keyvault.VaultArgs{
		VaultName:         pulumi.String(defaultKeyVaultName(ctx.Project(), ctx.Stack(), s.name)),
		ResourceGroupName: s.args.ResourceGroupName,
		Location:          optionalString(s.args.Location),
		Tags:              s.args.Tags,
		// Every value explicit: the SDK's defaults (access policies instead of RBAC) are wrong here.
		Properties: keyvault.VaultPropertiesArgs{
			TenantId:                     client.TenantId(),
			Sku:                          keyvault.SkuArgs{Family: pulumi.String("A"), Name: keyvault.SkuNameStandard},
			EnableRbacAuthorization:      pulumi.Bool(true),
			EnableSoftDelete:             pulumi.Bool(true),
			SoftDeleteRetentionInDays:    pulumi.Int(90),
			EnabledForDeployment:         pulumi.Bool(false),
			EnabledForDiskEncryption:     pulumi.Bool(false),
			EnabledForTemplateDeployment: pulumi.Bool(false),
			PublicNetworkAccess:          pulumi.String("Enabled"),
		},
	}, azure.ResourceOptions(pulumi.Parent(parent))...)
	if err != nil {
		return nil, err
	}
	return &vaultRef{
		id:                vault.ID().ToStringOutput(),
		resourceGroupName: s.args.ResourceGroupName.ToStringOutput(),
		name:              vault.Name,
	}, nil
}
