// Package azure holds what every azure-native child of this project shares: the one
// azure-native provider plugin they all run on.
//
// Azure retired every Microsoft.Cache/redisEnterprise API version older than 2025-07-01,
// and only azure-native v3.20.0 and later call 2025-07-01. The official Go SDK of v3 is not
// available to this project, so the Redis Enterprise resources have their own binding
// (package redisenterprise) while Key Vault and role assignments use the official v2 Go SDK
// modules. Pinning all of them to one plugin version keeps a program on a single azure-native
// plugin: the v2 SDK types send the same tokens and property names the v3 plugin accepts.
package azure

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// NativeVersion is the azure-native provider plugin version every child resource and every
// invoke of this project asks the engine for.
const NativeVersion = "3.28.0"

// RedisEnterpriseAPIVersion is the ARM API version azure-native NativeVersion uses for
// Microsoft.Cache/redisEnterprise. It is chosen by the plugin, not sent by this project; it is
// recorded here because it is the reason for NativeVersion.
const RedisEnterpriseAPIVersion = "2025-07-01"

// ResourceOptions appends the plugin version to the caller's options (a parent, an explicit
// provider, ...). The last pulumi.Version wins, and the v2 SDK modules put their own default
// version before the caller's options, so this one overrides it.
func ResourceOptions(opts ...pulumi.ResourceOption) []pulumi.ResourceOption {
	return append(opts, pulumi.Version(NativeVersion))
}

// InvokeOptions is ResourceOptions for provider functions.
func InvokeOptions(opts ...pulumi.InvokeOption) []pulumi.InvokeOption {
	return append(opts, pulumi.Version(NativeVersion))
}
