package e2e

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
)

// The examples beyond the per-language ones, run as users run them, a preview then an up.

// examples/minimal needs a resource group and nothing else.
func TestMinimalExamplePreviewThenUp(t *testing.T) {
	outputs := previewThenUp(t, runners["yaml"](t, newWorld(t), filepath.Join(repo, "examples/minimal/Pulumi.yaml"),
		map[string]string{"resourceGroupName": "rg"}))
	expectAppSettings(t, outputs["appSettings"].Value)
	if outputs["connectionName"].Value != "cache" {
		t.Errorf("connectionName %v", outputs["connectionName"].Value)
	}
}

// examples/consumer-stack: the cache's stack, then an app's stack that reads it with a
// StackReference and grants its identity access with a ManagedRedisAccess, in AccessKey mode
// (which needs the vault and the connection name from the cache's stack).
func TestConsumerStackExamplePreviewThenUp(t *testing.T) {
	w := newWorld(t)
	cache := previewThenUp(t, runners["yaml"](t, w, filepath.Join(repo, "examples/consumer-stack/cache/Pulumi.yaml"),
		map[string]string{"resourceGroupName": "platform"}))
	if cache["connectionName"].Value != "sessions" {
		t.Errorf("the cache stack's connectionName %v", cache["connectionName"].Value)
	}
	app := previewThenUp(t, runners["yaml"](t, w, filepath.Join(repo, "examples/consumer-stack/app/Pulumi.yaml"),
		map[string]string{"cacheStack": "organization/managed-redis-consumer-cache/dev", "resourceGroupName": "apps"}))
	ids, _ := app["roleAssignmentIds"].Value.([]any)
	if len(ids) != 2 {
		t.Fatalf("roleAssignmentIds %v, want the two secrets' role assignments", app["roleAssignmentIds"].Value)
	}
	vault, _ := cache["keyVaultId"].Value.(string)
	for _, id := range ids {
		if s, _ := id.(string); !strings.HasPrefix(strings.ToLower(s), strings.ToLower(vault)+"/secrets/") {
			t.Errorf("role assignment %v is not on one of the cache's secrets in %s", id, vault)
		}
	}
	if uri, _ := app["connectionStringSecretUri"].Value.(string); !strings.HasSuffix(uri, "/secrets/connectionstrings--sessions") {
		t.Errorf("connectionStringSecretUri %v", app["connectionStringSecretUri"].Value)
	}
}

// examples/existing: an existing cache gets an app's access, and is never written to.
func TestExistingExamplePreviewThenUp(t *testing.T) {
	w := newWorld(t)
	if err := w.Store.Seed(fakearm.ExistingCache("shared", "legacy-cache", "westeurope", "Enabled")...); err != nil {
		t.Fatal(err)
	}
	outputs := previewThenUp(t, runners["yaml"](t, w, filepath.Join(repo, "examples/existing/Pulumi.yaml"),
		map[string]string{"resourceGroupName": "apps", "existingClusterName": "legacy-cache", "existingResourceGroupName": "shared"}))
	if outputs["hostName"].Value != "legacy-cache.westeurope.redis.azure.net" {
		t.Errorf("hostName %v", outputs["hostName"].Value)
	}
	if writes := w.Store.Lines("writes"); len(writes) > 0 {
		t.Errorf("the existing cache was written to: %v", writes)
	}
}
