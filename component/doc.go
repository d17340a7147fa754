// Package component is the Go library of pulumi-azure-managed-redis: the ManagedRedis and
// ManagedRedisAccess components, usable directly from Go programs and wrapped by the
// multi-language provider for TypeScript, Python and YAML.
//
// Files by responsibility: managed_redis.go (the story) and access.go (the standalone access);
// args.go and enums.go (the inputs and their closed lists of values); settings.go (the inputs
// resolved once: defaults, checked Inputs, the vault and existing cache chosen); rules.go (what
// ManagedRedis refuses, and why: the rules table and the checks of its String Inputs), checks.go
// (how a check of a String Input is declared once and run on literals and Outputs alike, and the
// closed lists of the `enum` tags) and values.go (what a single value must be); builder.go
// (what every child and invoke inherits, and the gate outputs pass once every child exists);
// cache.go (cluster and database, created or read); vault.go and secrets.go (access keys in Key
// Vault); grant.go (what one principal gets); program.go (what a program's components share:
// assignments one at a time per database, private DNS zones); roles.go (control-plane roles);
// private_endpoint.go, diagnostics.go and encryption.go (a private endpoint and its zone,
// diagnostic settings, a customer-managed key); connection.go (what apps are handed);
// naming.go (stable derived names); skus.go; outputs.go; errors.go.
//
// It depends on the Pulumi Go SDK, the project's generated azure-native binding (redisenterprise,
// network, privatedns, monitor, managedidentity, enumvalues) and the official azure-native v2
// keyvault and authorization modules, all pinned to the azure-native 3.28.0 plugin; never on the provider
// framework.
package component
