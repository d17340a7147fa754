package factcheck_test

import (
	"reflect"
	"testing"

	"github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/keyvault/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure"
	"github.com/managedredis/pulumi-azure-managed-redis/internal/factcheck"
)

// The component calls the official v2 modules keyvault and authorization (v2.92.3) on the
// azure-native 3.28.0 plugin. Their Go types are checked against 3.28.0's facts of the calls it
// makes (azure/tokens.txt): everything they send and read is known to 3.28.0 under the same name
// and type, and each input 3.28.0 requires is a required field (Subset: 3.28.0 may know more).

// resourceOf is the bound types of an official resource: its plain args are unexported, the
// element type of its Args.
func resourceOf[R any](args pulumi.Input) factcheck.BoundResource {
	return factcheck.BoundResource{State: reflect.TypeFor[R](), Args: reflect.TypeOf(args), PlainArgs: args.ElementType()}
}

func TestKeyVaultCallsMatchFacts(t *testing.T) {
	f := factcheck.Load(t, "testdata/azure-native-3.28.0-keyvault.json")
	f.Module(t, map[string]factcheck.BoundResource{
		"Vault":  resourceOf[keyvault.Vault](keyvault.VaultArgs{}),
		"Secret": resourceOf[keyvault.Secret](keyvault.SecretArgs{}),
	}, map[string]factcheck.BoundFunction{
		"getVault": factcheck.FunctionOf[keyvault.LookupVaultArgs, keyvault.LookupVaultOutputArgs, keyvault.LookupVaultResult](),
	}, factcheck.Subset)
	f.Tokens(t, azure.NativeVersion, func(ctx *pulumi.Context) error {
		str := pulumi.String("x")
		if _, err := keyvault.NewVault(ctx, "vault", &keyvault.VaultArgs{ResourceGroupName: str,
			Properties: keyvault.VaultPropertiesArgs{TenantId: str, Sku: keyvault.SkuArgs{Family: str, Name: keyvault.SkuNameStandard}},
		}, azure.ResourceOptions()...); err != nil {
			return err
		}
		if _, err := keyvault.NewSecret(ctx, "secret", &keyvault.SecretArgs{ResourceGroupName: str, VaultName: str,
			Properties: keyvault.SecretPropertiesArgs{}}, azure.ResourceOptions()...); err != nil {
			return err
		}
		_, err := keyvault.LookupVault(ctx, &keyvault.LookupVaultArgs{ResourceGroupName: "rg", VaultName: "v"}, azure.InvokeOptions()...)
		return err
	}, []string{"Vault", "Secret"}, []string{"getVault"})
}

func TestAuthorizationCallsMatchFacts(t *testing.T) {
	f := factcheck.Load(t, "testdata/azure-native-3.28.0-authorization.json")
	f.Module(t, map[string]factcheck.BoundResource{
		"RoleAssignment": resourceOf[authorization.RoleAssignment](authorization.RoleAssignmentArgs{}),
	}, map[string]factcheck.BoundFunction{
		"getClientConfig": {Result: reflect.TypeFor[authorization.GetClientConfigResult]()},
		"getClientToken":  factcheck.FunctionOf[authorization.GetClientTokenArgs, authorization.GetClientTokenOutputArgs, authorization.GetClientTokenResult](),
	}, factcheck.Subset)
	f.Tokens(t, azure.NativeVersion, func(ctx *pulumi.Context) error {
		str := pulumi.String("x")
		if _, err := authorization.NewRoleAssignment(ctx, "role", &authorization.RoleAssignmentArgs{
			PrincipalId: str, RoleDefinitionId: str, Scope: str}, azure.ResourceOptions()...); err != nil {
			return err
		}
		if _, err := authorization.GetClientConfig(ctx, azure.InvokeOptions()...); err != nil {
			return err
		}
		_, err := authorization.GetClientToken(ctx, &authorization.GetClientTokenArgs{}, azure.InvokeOptions()...)
		return err
	}, []string{"RoleAssignment"}, []string{"getClientConfig", "getClientToken"})
}
