package component

import (
	"strings"

	"github.com/pulumi/pulumi-azure-native-sdk/keyvault/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// The Key Vault that holds a cache's secrets in AccessKey mode: one the user gives, read and
// checked first, or one the component creates.

// vaultRef is a vault, known to be usable once its fields resolve.
type vaultRef struct{ id, resourceGroupName, name pulumi.StringOutput }

// givenVault reads the vault named by id (an ARM id, its shape checked) and refuses, as the
// input named input, a vault in another subscription than the one the component deploys to
// (its secrets would go to the wrong one) and a vault in access-policy mode (the Key Vault
// Secrets User role would not let principals read the secrets). Nothing is written to the vault
// before both checks pass.
func (b *builder) givenVault(id pulumi.StringOutput, input string) *vaultRef {
	// Read the vault only in the right subscription: elsewhere it would not be found.
	located := pulumi.All(id, b.client().SubscriptionId()).ApplyT(func(v []any) (any, error) {
		vault, err := parseKeyVaultId(input, v[0].(string))
		if err != nil {
			return nil, err
		}
		if subscription := v[1].(string); !strings.EqualFold(vault.subscriptionId, subscription) {
			return nil, inputError(input, "key vault",
				"the vault is in subscription %s, but the component deploys to subscription %s (the azure-native "+
					"provider's): give a vault of that subscription, or an azure-native provider for the vault's",
				vault.subscriptionId, subscription)
		}
		return vault, nil
	}).(pulumi.AnyOutput)
	part := func(get func(keyVault) string) pulumi.StringOutput {
		return located.ApplyT(func(v any) string { return get(v.(keyVault)) }).(pulumi.StringOutput)
	}
	vault := read(b, func(v []any, opts ...pulumi.InvokeOption) (*keyvault.LookupVaultResult, error) {
		return keyvault.LookupVault(b.ctx, &keyvault.LookupVaultArgs{ResourceGroupName: v[0].(string), VaultName: v[1].(string)}, opts...)
	}, part(func(v keyVault) string { return v.resourceGroupName }), part(func(v keyVault) string { return v.name }))

	usable := pulumi.All(id, vault).ApplyT(func(v []any) (string, error) {
		rbac := v[1].(keyvault.LookupVaultResult).Properties.EnableRbacAuthorization
		if rbac == nil || !*rbac {
			return "", inputError(input, "key vault",
				"the vault %s authorizes with access policies, not Azure RBAC: the Key Vault Secrets User role the "+
					"component grants would not let principals read the secrets; enable RBAC authorization on the vault "+
					"(enableRbacAuthorization) or give another vault", v[0].(string))
		}
		return v[0].(string), nil
	}).(pulumi.StringOutput)
	ready := gate{pulumi.All(usable)}
	return &vaultRef{
		id:                usable,
		resourceGroupName: ready.string(part(func(v keyVault) string { return v.resourceGroupName })),
		name:              ready.string(part(func(v keyVault) string { return v.name })),
	}
}

// createVault registers an RBAC-enabled standard vault in the cache's resource group, named
// after the component (Key Vault names are global, see naming.go), the name kept since it was
// first given (names_kept.go).
func (b *builder) createVault(s *settings) (*vaultRef, error) {
	names, err := b.keptNames(s)
	if err != nil {
		return nil, err
	}
	vault, err := keyvault.NewVault(b.ctx, s.name, &keyvault.VaultArgs{
		VaultName:         names.keyVaultName,
		ResourceGroupName: s.resourceGroupName,
		Location:          s.location,
		Tags:              s.tags,
		// Every value explicit: the SDK's defaults (access policies instead of RBAC) are wrong here.
		Properties: keyvault.VaultPropertiesArgs{
			TenantId:                     b.client().TenantId(),
			Sku:                          keyvault.SkuArgs{Family: pulumi.String("A"), Name: keyvault.SkuNameStandard},
			EnableRbacAuthorization:      pulumi.Bool(true),
			EnableSoftDelete:             pulumi.Bool(true),
			SoftDeleteRetentionInDays:    pulumi.Int(90),
			EnabledForDeployment:         pulumi.Bool(false),
			EnabledForDiskEncryption:     pulumi.Bool(false),
			EnabledForTemplateDeployment: pulumi.Bool(false),
			PublicNetworkAccess:          pulumi.String("Enabled"),
		},
	}, b.child(pulumi.DeleteBeforeReplace(true))...)
	if err != nil {
		return nil, err
	}
	b.registered(vault)
	return &vaultRef{id: vault.ID().ToStringOutput(), resourceGroupName: s.resourceGroupName, name: vault.Name}, nil
}
