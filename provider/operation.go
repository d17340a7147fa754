package provider

import (
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/managedredis/pulumi-azure-managed-redis/provider/arm"
)

// The package's own resources act on Azure with a token the component asks the user's
// azure-native provider for (getClientToken) each time it runs. The token is an input, secret,
// and never an output; a new token alone is no change (their Diff ignores it).

// AzureAccess is how one of the package's resources reaches Azure: a token and the cloud.
type AzureAccess struct {
	// Token is an Azure Resource Manager token of the component's azure-native provider.
	Token string `pulumi:"token" provider:"secret"`
	// Environment is azure-native's `environment` (public, usgovernment, china; empty: public).
	// The plugin's AZURE_MANAGED_REDIS_ARM_ENDPOINT overrides its Resource Manager endpoint.
	Environment string `pulumi:"environment,optional"`
}

func (a *AzureAccess) Annotate(an infer.Annotator) {
	an.Describe(&a.Token, "An Azure Resource Manager token of the component's azure-native provider (`getClientToken`), fresh when the operation runs: secret, never an output, and its change alone is no change.")
	an.Describe(&a.Environment, "azure-native's `environment` (`public`, `usgovernment`, `china`; empty: public). The plugin's `AZURE_MANAGED_REDIS_ARM_ENDPOINT` overrides its Resource Manager endpoint.")
}

// client is a Resource Manager client acting with the access's token.
func (a AzureAccess) client() (*arm.Client, error) { return arm.New(a.Token, a.Environment) }
