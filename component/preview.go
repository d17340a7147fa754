package component

import (
	"errors"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure"
)

// Features of the preview API version (access strings) are written through azure-native's
// package parameterized for it, azure.RedisEnterprisePreviewPackage, which only a provider of
// that package serves: an explicit azure-native provider does not. Without one, the engine's
// default provider of the package does, with the credentials of the environment: right when
// every child runs on default providers, but when the user chose an azure-native provider (for
// another subscription, say) the preview children would silently deploy elsewhere. So the
// component refuses them then, before anything is written, unless it is given a provider of the
// preview package too.

// previewProviderErrors refuses the inputs (paths) that need the preview package when component
// has an explicit azure-native provider but none of the preview package.
func previewProviderErrors(component *pulumi.ResourceState, inputs []string) error {
	if len(inputs) == 0 || component.GetProvider("azure-native::") == nil ||
		component.GetProvider(azure.RedisEnterprisePreviewPackage+"::") != nil {
		return nil
	}
	var errs []error
	for _, input := range inputs {
		errs = append(errs, inputError(input, "preview provider", "is written through the preview package %s (API %s), "+
			"which the explicit azure-native provider given to the component does not serve: pass a provider of %s in "+
			"providers too, since its default provider may deploy to another subscription",
			azure.RedisEnterprisePreviewPackage, azure.RedisEnterprisePreviewAPIVersion, azure.RedisEnterprisePreviewPackage))
	}
	return errors.Join(errs...)
}
