#!/usr/bin/env bash
# make demo: `pulumi up` of examples/yaml against a FAKE Azure (tests/fakeazure), with a local
# backend under .cache/demo. Nothing reaches Azure: it is a local simulation of what the
# component creates. See the README for a real subscription.
#
# As on a user's machine, the plugins are installed into the demo's own PULUMI_HOME: the
# package's plugin built from source (bin/), and the fake in place of azure-native 3.28.0.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
version=${VERSION:?the version the plugin was built as}
demo=$root/.cache/demo
rm -rf "$demo"
mkdir -p "$demo/project" "$demo/backend" "$demo/azure" "$demo/home"
cp "$root/examples/yaml/Pulumi.yaml" "$demo/project/"

export PATH="$root/.cache/bin:$PATH"
export PULUMI_HOME=$demo/home PULUMI_BACKEND_URL=file://$demo/backend PULUMI_CONFIG_PASSPHRASE=demo
export PULUMI_SKIP_UPDATE_CHECK=true PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true FAKE_AZURE_STATE=$demo/azure
# The vault the example is given for its access-key cache, as if it existed before.
export FAKE_AZURE_SEED=vault:shared/shared-kv
cd "$demo/project"

echo "== Local simulation: examples/yaml against a fake azure-native plugin (no Azure account involved) =="
pulumi plugin install resource azure-managed-redis "$version" --file "$root/bin/pulumi-resource-azure-managed-redis"
pulumi plugin install resource azure-native 3.28.0 --file "$root/.cache/fake/pulumi-resource-azure-native"
pulumi stack init demo --secrets-provider passphrase --non-interactive
pulumi config set resourceGroupName demo-rg
subscription=/subscriptions/00000000-0000-0000-0000-00000000aaaa
pulumi config set keyVaultId $subscription/resourceGroups/shared/providers/Microsoft.KeyVault/vaults/shared-kv
pulumi config set subnetId $subscription/resourceGroups/network/providers/Microsoft.Network/virtualNetworks/apps/subnets/apps
pulumi config set workspaceId $subscription/resourceGroups/ops/providers/Microsoft.OperationalInsights/workspaces/logs
pulumi up --yes --non-interactive
echo
echo "== Outputs (secrets hidden; pulumi stack output --show-secrets reveals them) =="
pulumi stack output --non-interactive
echo
echo "== What the fake Azure now holds =="
python3 - "$FAKE_AZURE_STATE/resources" <<'PY'
import json, pathlib, sys
resources = [json.loads(path.read_text()) for path in pathlib.Path(sys.argv[1]).glob("*.json")]
for resource in sorted(resources, key=lambda r: (r["type"], r["id"])):
    print(f"  {resource['type']:55} {resource['id'].split('/providers/', 1)[-1]}")
PY
echo
echo "Backend: $demo/backend. Run again with make demo (it starts afresh)."
echo "Your own program against the same fake Azure: make sandbox (or make sandbox DIR=<your folder>);"
echo "YAML with pulumi preview/up, TypeScript with pulumi-ts preview/up. See the README's \"Try it without Azure\"."
