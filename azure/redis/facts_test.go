package redis

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure"
	"github.com/managedredis/pulumi-azure-managed-redis/internal/factcheck"
)

// getRedis reads a classic Azure Cache for Redis cache (API 2024-11-01 in azure-native 3.28.0),
// the source of a migration to Azure Managed Redis.
func TestBindingMatchesFacts(t *testing.T) {
	f := factcheck.Load(t, "testdata/azure-native-3.28.0-redis.json")
	if f.ApiVersion != "2024-11-01" {
		t.Errorf("getRedis calls API %s", f.ApiVersion)
	}
	f.Module(t, nil, map[string]factcheck.BoundFunction{
		"getRedis": factcheck.FunctionOf[LookupRedisArgs, LookupRedisOutputArgs, LookupRedisResult](),
	}, factcheck.Complete)
	f.Tokens(t, azure.NativeVersion, func(ctx *pulumi.Context) error {
		_, err := LookupRedis(ctx, &LookupRedisArgs{Name: "cache", ResourceGroupName: "rg"})
		return err
	}, nil, []string{"getRedis"})

	factcheck.PluginJSON(t, azure.NativeVersion)
}
