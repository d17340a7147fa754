package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// `make sandbox` (scripts/sandbox.sh) as a user uses it: programs of one's own, in a folder of
// one's own, run with a plain `pulumi preview` / `pulumi up` (YAML) or `pulumi-ts preview|up`
// (TypeScript) against the fake Azure, with the sandbox's state in a folder of this test.

// sandboxCommand is `scripts/sandbox.sh args...` in dir, with the plugins this test run built
// and the sandbox's state in state.
func sandboxCommand(dir, state string, args ...string) *exec.Cmd {
	build := filepath.Join(filepath.Dir(engine.Home), "build")
	cmd := exec.Command(filepath.Join(repo, "scripts/sandbox.sh"), args...)
	cmd.Dir = dir
	cmd.Env = append(append([]string{}, env...), "SANDBOX_STATE="+state,
		"SANDBOX_PROVIDER="+filepath.Join(build, "pulumi-resource-azure-managed-redis"),
		"SANDBOX_FAKE="+filepath.Join(build, "pulumi-resource-azure-native"), "SANDBOX_ARM="+filepath.Join(build, "fake-arm-endpoint"))
	return cmd
}

// inSandbox runs script with bash in dir, inside scripts/sandbox.sh, and returns its output.
func inSandbox(t *testing.T, dir, script string) string {
	t.Helper()
	out, err := sandboxCommand(dir, t.TempDir(), "bash", "-euo", "pipefail", "-c", script).CombinedOutput()
	if err != nil {
		t.Fatalf("in the sandbox: %v\n%s", err, out)
	}
	return string(out)
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// stackOutputs reads the JSON that `pulumi stack output --json` printed last in out.
func stackOutputs(t *testing.T, out string) map[string]any {
	t.Helper()
	start := strings.LastIndex(out, "\n{")
	var outputs map[string]any
	if start < 0 || json.Unmarshal([]byte(out[start:]), &outputs) != nil {
		t.Fatalf("no stack outputs at the end of:\n%s", out)
	}
	return outputs
}

func TestSandboxRunsAYamlProgramOfOnesOwn(t *testing.T) {
	dir := t.TempDir()
	// Uses what the sandbox says it holds: an existing cache, and a vault for access keys.
	writeFiles(t, dir, map[string]string{"Pulumi.yaml": `name: my-redis
runtime: yaml
resources:
  legacy:
    type: azure-managed-redis:index:ManagedRedis
    properties:
      resourceGroupName: mine
      existing:
        clusterName: legacy-cache
        resourceGroupName: shared
      authentication: AccessKey
      keyVaultId: ${vaultId}
config:
  vaultId:
    type: string
outputs:
  hostName: ${legacy.hostName}
  secretUri: ${legacy.connectionStringSecretUri}
`})
	out := inSandbox(t, dir, `pulumi stack init dev
pulumi config set vaultId "$SANDBOX_VAULT_ID"
pulumi preview
pulumi up --yes
pulumi stack output --json`)
	outputs := stackOutputs(t, out)
	if outputs["hostName"] != "legacy-cache.westeurope.redis.azure.net" ||
		outputs["secretUri"] != "https://shared-kv.vault.azure.net/secrets/connectionstrings--legacy" {
		t.Errorf("outputs %v", outputs)
	}
}

func TestSandboxRunsATypeScriptProgramOfOnesOwn(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"Pulumi.yaml": "name: my-ts\nruntime: nodejs\n",
		"index.ts": `import * as pulumi from "@pulumi/pulumi";
import * as azure from "@pulumi/azure-native";
import * as redis from "@managedredis/azure-managed-redis";

const config = new pulumi.Config();
const resourceGroupName = config.require("resourceGroupName");
const api = new azure.managedidentity.UserAssignedIdentity("api", { resourceGroupName });
const cache = new redis.ManagedRedis("session_cache", {
    resourceGroupName,
    accessPrincipals: [{ name: "api", objectId: api.principalId }],
});
export const connectionName = cache.connectionName;
export const hostName = cache.hostName;
`,
	})
	out := inSandbox(t, dir, `pulumi stack init dev
pulumi config set resourceGroupName mine
pulumi-ts preview
pulumi-ts up
pulumi stack output --json`)
	outputs := stackOutputs(t, out)
	if host, _ := outputs["hostName"].(string); !strings.HasPrefix(host, "session-cache-") || outputs["connectionName"] != "session-cache" {
		t.Errorf("outputs %v", outputs)
	}
	// A program that does not type-check is refused before it runs.
	writeFiles(t, dir, map[string]string{"index.ts": `import * as redis from "@managedredis/azure-managed-redis";
new redis.ManagedRedis("cache", { resourceGroup: "mine" });
`})
	if out, err := sandboxCommand(dir, t.TempDir(), "pulumi-ts", "preview").CombinedOutput(); err == nil || !strings.Contains(string(out), "does not type-check") {
		t.Errorf("a program that does not type-check: %v\n%s", err, out)
	}
}

// migrateFrom as the README shows it, from the sandbox's classic cache: sized from it, then its
// host name taken over (the fake's ARM endpoint runs with the sandbox); a second session in the
// same folder and state goes on where the first stopped.
func TestSandboxMigratesItsClassicCache(t *testing.T) {
	dir, state := t.TempDir(), t.TempDir()
	writeFiles(t, dir, map[string]string{"Pulumi.yaml": `name: my-move
runtime: yaml
config:
  source:
    type: string
  switchDns:
    type: boolean
    default: false
resources:
  cache:
    type: azure-managed-redis:index:ManagedRedis
    properties:
      resourceGroupName: mine
      migrateFrom:
        cacheId: ${source}
        switchDns: ${switchDns}
outputs:
  migration: ${cache.migration}
`})
	run := func(script string) string {
		t.Helper()
		out, err := sandboxCommand(dir, state, "bash", "-euo", "pipefail", "-c", script).CombinedOutput()
		if err != nil {
			t.Fatalf("in the sandbox: %v\n%s", err, out)
		}
		return string(out)
	}
	outputs := stackOutputs(t, run(`pulumi stack init dev
pulumi config set source "$SANDBOX_CLASSIC_CACHE_ID"
pulumi up --yes
pulumi stack output --json`))
	if m, _ := outputs["migration"].(map[string]any); m["sku"] != "Balanced_B1" || m["state"] != "NotStarted" {
		t.Errorf("planned: %v", outputs)
	}
	outputs = stackOutputs(t, run(`pulumi config set switchDns true
pulumi up --yes
pulumi stack output --json`))
	if m, _ := outputs["migration"].(map[string]any); m["state"] != "Completed" {
		t.Errorf("switched: %v", outputs)
	}
}
