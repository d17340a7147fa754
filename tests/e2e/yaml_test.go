package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/managedredis/pulumi-azure-managed-redis/tests/fakeazure"
)

// examples/yaml runs with a plain `pulumi up` in its folder (a copy), on the YAML language
// host built by `make cli`.
func TestYamlExampleWithPlainPulumiUp(t *testing.T) {
	w := newWorld(t)
	dir := t.TempDir()
	program, err := os.ReadFile(filepath.Join(repo, "examples", "yaml", "Pulumi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "Pulumi.yaml"), program, 0o644); err != nil {
		t.Fatal(err)
	}
	vault := "/subscriptions/" + fakeazure.Subscription + "/resourceGroups/shared/providers/Microsoft.KeyVault/vaults/shared-kv"
	w.cli(dir, "stack", "init", "dev", "--secrets-provider", "passphrase")
	w.cli(dir, "config", "set", "resourceGroupName", "rg")
	w.cli(dir, "config", "set", "keyVaultId", vault)

	w.cli(dir, "up", "--yes", "--skip-preview")
	var outputs map[string]any
	if err := json.Unmarshal([]byte(w.cli(dir, "stack", "output", "--json")), &outputs); err != nil {
		t.Fatal(err)
	}
	host, _ := outputs["hostName"].(string)
	if !strings.HasSuffix(host, ".westeurope.redis.azure.net") {
		t.Errorf("hostName %q", host)
	}
	settings, _ := outputs["appSettings"].(map[string]any)
	if settings["ConnectionStrings__cache"] != host+":10000,ssl=true" {
		t.Errorf("appSettings %v", settings)
	}
	if uri, _ := outputs["sessionsSecretUri"].(string); uri != "https://shared-kv.vault.azure.net/secrets/connectionstrings--sessions" {
		t.Errorf("sessionsSecretUri %q", uri)
	}
	if assignments := resourcesOfType(t, w, "azure-native:redisenterprise:AccessPolicyAssignment"); assignments != 1 {
		t.Errorf("%d access policy assignments for the identity, want 1", assignments)
	}

	// A second up changes nothing.
	w.cli(dir, "up", "--yes", "--skip-preview", "--expect-no-changes")

	w.cli(dir, "destroy", "--yes", "--skip-preview")
	if left, _ := w.azure.All(); len(left) > 0 {
		t.Errorf("destroy left %d resources", len(left))
	}
}

func resourcesOfType(t *testing.T, w *world, typ string) int {
	t.Helper()
	all, err := w.azure.All()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range all {
		if r.Type == typ {
			n++
		}
	}
	return n
}
