// Package redisenterprise is a small, typed Go binding for the Redis Enterprise (Azure Managed
// Redis) resources and functions of the azure-native provider v3.28.0, module
// "redisenterprise" (ARM Microsoft.Cache/redisEnterprise, API version 2025-07-01).
//
// It exists because the official Go module github.com/pulumi/pulumi-azure-native-sdk/redisenterprise/v3
// cannot be downloaded here. It is shaped like that module so it can be swapped for it: the
// same tokens, the same Go names (RedisEnterprise, NewRedisEnterprise, DatabaseArgs,
// LookupDatabaseOutput, ...) and the same property names, checked by a test against the facts
// in testdata/. Like the generated SDK it only adds pulumi.Version("3.28.0") to the options of
// every resource and invoke, so the engine cannot tell the two apart.
//
// Like the official module, its folder holds a pulumi-plugin.json naming the azure-native
// 3.28.0 plugin, so tools that look for it know which plugin a program needs.
//
// What it leaves out: resources and functions the component does not use
// (PrivateEndpointConnection, getAccessPolicyAssignment, ...), the resource aliases of older
// tokens (only needed to adopt state created under another token), and per-field accessor
// methods on outputs: nested outputs are typed pulumix.Output values, and results of
// functions offer accessors only for the fields the component reads (use ApplyT for others).
package redisenterprise
