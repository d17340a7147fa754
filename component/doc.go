// Package component is the Go library of pulumi-azure-managed-redis: the ManagedRedis and
// ManagedRedisAccess components, usable directly from Go programs and wrapped by the
// multi-language provider for TypeScript, Python and YAML.
//
// Files by responsibility: managed_redis.go (the story) and access.go (the standalone access);
// args.go (the inputs); settings.go (the inputs resolved once: defaults, checks of Input
// values, the vault and existing cache chosen); rules.go and values.go (what is refused, and
// why); builder.go (what every child and invoke inherits, and the gate outputs pass once every
// child exists); cache.go (cluster and database, created or read); vault.go and secrets.go
// (access keys in Key Vault); grant.go (what one principal gets); queue.go (assignments one at
// a time); private_endpoint.go, diagnostics.go and encryption.go (a private endpoint, diagnostic
// settings, a customer-managed key); connection.go (what apps are handed); naming.go (stable
// derived names); skus.go.
//
// It depends on the Pulumi Go SDK, the project's azure-native bindings (redisenterprise,
// network, privatedns, monitor, managedidentity) and the official azure-native v2 keyvault and
// authorization modules, all pinned to the azure-native 3.28.0 plugin; never on the provider
// framework.
package component
