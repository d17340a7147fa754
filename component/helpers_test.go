package component

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/internal/azuremock"
)

// newCache runs NewManagedRedis named "cache" against fake and fails the test on error.
func newCache(t *testing.T, fake *azuremock.Fake, args *ManagedRedisArgs, opts ...pulumi.ResourceOption) *ManagedRedis {
	t.Helper()
	var redis *ManagedRedis
	err := azuremock.Run(fake, func(ctx *pulumi.Context) error {
		var err error
		redis, err = NewManagedRedis(ctx, "cache", args, opts...)
		return err
	})
	if err != nil {
		t.Fatalf("NewManagedRedis: %v", err)
	}
	return redis
}

func str(s string) pulumi.StringInput { return pulumi.String(s) }
