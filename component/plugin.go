package component

import (
	"context"
	"runtime/debug"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// The package's own resources (MigrationType, AccessKeyRotationType) are served by its plugin,
// pulumi-resource-azure-managed-redis, which the engine installs from PluginDownloadURL at the
// version of this library (a Go program) or of the plugin that builds the component (the
// multi-language provider, WithPluginVersion).

// ModulePath is this library's Go module.
const ModulePath = "github.com/managedredis/pulumi-azure-managed-redis"

// PluginDownloadURL is where the engine downloads the plugin: the release assets of
// github.com/managedredis/pulumi-azure-managed-redis, named
// pulumi-resource-azure-managed-redis-v<version>-<os>-<arch>.tar.gz.
const PluginDownloadURL = "github://api.github.com/managedredis"

type pluginVersionKey struct{}

// WithPluginVersion makes the package's own resources built under ctx ask for the plugin of
// version: the one that builds them.
func WithPluginVersion(ctx context.Context, version string) context.Context {
	return context.WithValue(ctx, pluginVersionKey{}, version)
}

// pluginVersion is the plugin version the package's resources ask for: the plugin's own, or this
// library's module version in a Go program that depends on it; "" (the engine's choice) in a
// build of this repository itself.
func pluginVersion(ctx *pulumi.Context) string {
	if v, ok := ctx.Context().Value(pluginVersionKey{}).(string); ok {
		return v
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == ModulePath && dep.Replace == nil {
				return strings.TrimPrefix(dep.Version, "v")
			}
		}
	}
	return ""
}

// own is the options of one of the package's own resources: the component's, the extra ones,
// and where the engine finds the plugin.
func (b *builder) own(extra ...pulumi.ResourceOption) []pulumi.ResourceOption {
	opts := append(append([]pulumi.ResourceOption{}, b.resourceOpts...), extra...)
	opts = append(opts, pulumi.PluginDownloadURL(PluginDownloadURL))
	if v := pluginVersion(b.ctx); v != "" {
		opts = append(opts, pulumi.Version(v))
	}
	return opts
}
