// A Pulumi program that creates an Azure Managed Redis cache with the Go library.
//
//	pulumi config set resourceGroupName my-group
//	pulumi config set principalObjectId <object id of an app's managed identity>
//	pulumi up
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/managedredis/pulumi-azure-managed-redis/component"
)

func main() {
	pulumi.Run(program)
}

func program(ctx *pulumi.Context) error {
	cfg := config.New(ctx, "")
	args := &component.ManagedRedisArgs{
		ResourceGroupName: pulumi.String(cfg.Require("resourceGroupName")),
		Authentication:    cfg.Get("authentication"),
		Tags:              pulumi.StringMap{"app": pulumi.String("example")},
	}
	if objectId := cfg.Get("principalObjectId"); objectId != "" {
		// A principal is keyed by its name, here the app's: its resources keep their names
		// whatever its place in the list. (A literal object id would name it by default.)
		args.AccessPrincipals = []component.AccessPrincipal{{Name: "app", ObjectId: pulumi.String(objectId)}}
	}

	cache, err := component.NewManagedRedis(ctx, "cache", args)
	if err != nil {
		return err
	}

	ctx.Export("hostName", cache.HostName)
	ctx.Export("port", cache.Port)
	ctx.Export("connectionString", cache.ConnectionString)
	ctx.Export("environment", cache.Environment)
	return nil
}
