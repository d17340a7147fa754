// Package provider is the multi-language face of the components: a Pulumi component provider
// on pulumi-go-provider's infer, through which TypeScript, Python and YAML programs reach the
// Go library in package component. Its types, their descriptions and the conversions to the
// library's are generated from the library (generated.go, by tools/gen-provider), where every
// input and output is defined once; what is written here is the provider's own: its metadata
// and the schema's plain markers. The components' behaviour lives in the library only.
package provider

import (
	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"

	"github.com/managedredis/pulumi-azure-managed-redis/component"
)

// Version is stamped at build time (-ldflags "-X .../provider.Version=x.y.z") from the git tag of
// a release; a build from source is the development version the committed schema and SDKs carry.
var Version = "0.0.0-dev"

// PluginDownloadURL is where the engine downloads the plugin when a program needs it.
const PluginDownloadURL = component.PluginDownloadURL

// New builds the provider.
func New() (p.Provider, error) {
	prov, err := infer.NewProviderBuilder().
		WithDisplayName("Azure Managed Redis").
		WithDescription("Azure Managed Redis (Redis Enterprise) in one resource, as .NET Aspire's AddAzureManagedRedis: "+
			"secure defaults, Entra ID or access keys, Key Vault secrets, access for consumers, existing caches.").
		WithKeywords("azure", "redis", "managed redis", "redis enterprise", "aspire", "category/database", "kind/component").
		WithHomepage("https://github.com/managedredis/pulumi-azure-managed-redis").
		WithRepository("https://github.com/managedredis/pulumi-azure-managed-redis").
		WithPublisher("managedredis").
		WithLicense("Apache-2.0").
		WithNamespace("managedredis").
		WithPluginDownloadURL(PluginDownloadURL).
		WithComponents(
			infer.Component(&ManagedRedis{}),
			infer.Component(&ManagedRedisAccess{}),
		).
		WithResources(
			infer.Resource(&Migration{}),
			infer.Resource(&AccessKeyRotation{}),
		).
		// Types of this Go package are in the library's schema module (enums; the others set
		// their tokens).
		WithModuleMap(map[tokens.ModuleName]tokens.ModuleName{"provider": module}).
		WithLanguageMap(map[string]any{
			"nodejs": map[string]any{
				"packageName":          "@managedredis/azure-managed-redis",
				"respectSchemaVersion": true,
				"dependencies":         map[string]string{"@pulumi/pulumi": "^3.142.0"},
			},
			"python": map[string]any{
				"packageName":          "pulumi_azure_managed_redis",
				"respectSchemaVersion": true,
				"pyproject":            map[string]any{"enabled": true},
				"requires":             map[string]string{"pulumi": ">=3.142.0,<4.0.0"},
			},
			"go": map[string]any{
				"importBasePath":                 "github.com/managedredis/pulumi-azure-managed-redis/sdk/go/azuremanagedredis",
				"generateResourceContainerTypes": true,
				// Input types for objects used only in plain lists (accessPrincipals), which the Go
				// generator skips otherwise.
				"generateExtraInputTypes": true,
				"respectSchemaVersion":    true,
			},
		}).
		Build()
	return sharePrograms(completeSchema(prov)), err
}
