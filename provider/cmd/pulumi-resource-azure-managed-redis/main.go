// Command pulumi-resource-azure-managed-redis is the Pulumi plugin of the azure-managed-redis
// package: it serves the ManagedRedis and ManagedRedisAccess components to the engine.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/managedredis/pulumi-azure-managed-redis/provider"
)

func main() {
	p, err := provider.New()
	if err == nil {
		err = p.Run(context.Background(), provider.Name, provider.Version)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s\n", err)
		os.Exit(1)
	}
}
