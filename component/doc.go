// Package component is the Go library of pulumi-azure-managed-redis: the ManagedRedis and
// ManagedRedisAccess components, usable directly from Go programs and wrapped by the
// multi-language provider for TypeScript, Python and YAML.
//
// Files by responsibility: args.go (the inputs), settings.go (defaults), rules.go and
// values.go (what is refused, and why), managed_redis.go (the story), cache.go (cluster and
// database, created or read), secrets.go (access keys in Key Vault), access.go (access for one
// principal), connection.go (what apps are handed), naming.go (stable derived names).
//
// It depends on the Pulumi Go SDK, the project's redisenterprise binding and the official
// azure-native v2 keyvault and authorization modules, all pinned to the azure-native 3.28.0
// plugin; never on the provider framework.
package component
