#!/usr/bin/env bash
# make demo: `pulumi up` of examples/yaml against a FAKE Azure (tests/fakeazure), with a local
# backend under .cache/demo. Nothing reaches Azure: it is a local simulation of what the
# component creates. See the README for a real subscription.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
demo=$root/.cache/demo
rm -rf "$demo"
mkdir -p "$demo/project" "$demo/backend" "$demo/azure" "$demo/home"
cp "$root/examples/yaml/Pulumi.yaml" "$demo/project/"

export PATH="$root/bin:$root/.cache/fake:$root/.cache/bin:$PATH"
export PULUMI_HOME=$demo/home PULUMI_BACKEND_URL=file://$demo/backend PULUMI_CONFIG_PASSPHRASE=demo
export PULUMI_SKIP_UPDATE_CHECK=true FAKE_AZURE_STATE=$demo/azure
# The vault the example is given for its access-key cache, as if it existed before.
export FAKE_AZURE_SEED=vault:shared/shared-kv
cd "$demo/project"

echo "== Local simulation: examples/yaml against a fake azure-native plugin (no Azure account involved) =="
pulumi stack init demo --secrets-provider passphrase --non-interactive
pulumi config set resourceGroupName demo-rg
pulumi config set keyVaultId /subscriptions/00000000-0000-0000-0000-00000000aaaa/resourceGroups/shared/providers/Microsoft.KeyVault/vaults/shared-kv
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
