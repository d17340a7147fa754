// Command pulumi-resource-azure-native is a fake of the azure-native provider plugin v3.28.0,
// for the end-to-end tests and `make demo` (see package fakeazure). It is a test double: it
// talks to no Azure.
package main

import (
	"fmt"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/provider"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

	"github.com/managedredis/pulumi-azure-managed-redis/tests/fakeazure"
)

func main() {
	err := provider.Main("azure-native", func(*provider.HostClient) (pulumirpc.ResourceProviderServer, error) {
		return fakeazure.NewServer()
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
