// Package network is a small, typed Go binding of the azure-native provider v3.28.0's
// "network" module, for the private endpoint of a cache: PrivateEndpoint, PrivateDnsZoneGroup
// and getNetworkInterface (the endpoint's private IP address).
//
// It exists because the official Go module github.com/pulumi/pulumi-azure-native-sdk/network/v3
// cannot be downloaded here, and is shaped like it so it can be swapped for it: the same tokens,
// Go names and property names, checked by a test against the facts in testdata/ (read from the
// published SDK). Unlike the redisenterprise binding it is partial: it binds the properties the
// component sends and reads, every required one among them, and does what the generated SDK
// does with them (the subnet defaults of PrivateEndpoint included).
package network
