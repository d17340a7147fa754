// Package privatedns is a small, typed Go binding of the azure-native provider v3.28.0's
// "privatedns" module, for the private DNS zone of a cache's private endpoint: PrivateZone and
// VirtualNetworkLink. Like package network, it is shaped like the official module
// github.com/pulumi/pulumi-azure-native-sdk/privatedns/v3, which cannot be downloaded here, and
// binds the properties the component uses, checked against the facts in testdata/.
package privatedns
