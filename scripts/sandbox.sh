#!/usr/bin/env bash
# make sandbox: a shell where `pulumi preview` / `pulumi up` of your own program run against the
# FAKE Azure of `make demo` (tests/fakeazure): nothing reaches Azure, no account is needed.
#
#   make sandbox                  a shell in .cache/sandbox/project (a copy of examples/minimal)
#   make sandbox DIR=~/my-redis   a shell in your own program's folder
#   scripts/sandbox.sh CMD...     run one command in the sandbox (from the current folder)
#   source scripts/sandbox.sh     the sandbox's environment in the current shell
#
# YAML programs run with `pulumi` itself. TypeScript programs run with `pulumi-ts preview|up|
# destroy` (this machine has no Node.js language host; pulumi-ts type-checks index.ts and the
# other .ts files of the folder against the SDK and @pulumi/azure-native 3.28.0, then runs the
# program through the Automation API, with the folder's Pulumi.yaml and stack config).
#
# The fake holds, as if they existed before: the vault shared/shared-kv (RBAC mode; its id is
# $SANDBOX_VAULT_ID), the cache shared/legacy-cache (access keys on), for keyVaultId and
# existing, and the Azure Cache for Redis (classic) cache shared/classic-cache (Standard C1; its
# id is $SANDBOX_CLASSIC_CACHE_ID), for migrateFrom. The fake's ARM endpoint, which the package's
# plugin calls for the host name switch, runs while the sandbox does. State lives in
# .cache/sandbox (backend, Pulumi home, the fake's resources) and survives the shell; `rm -rf
# .cache/sandbox` starts afresh.
_sandbox_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
_sandbox=${SANDBOX_STATE:-$_sandbox_root/.cache/sandbox} # SANDBOX_STATE: elsewhere (the tests)
_sandbox_version=${VERSION:-0.0.0-dev}
# The plugins to install (the tests give theirs).
_sandbox_provider=${SANDBOX_PROVIDER:-$_sandbox_root/bin/pulumi-resource-azure-managed-redis}
_sandbox_fake=${SANDBOX_FAKE:-$_sandbox_root/.cache/fake/pulumi-resource-azure-native}
_sandbox_arm=${SANDBOX_ARM:-$_sandbox_root/.cache/fake/fake-arm-endpoint}

_sandbox_setup() {
  local root=$_sandbox_root sandbox=$_sandbox
  for need in "$root/.cache/bin/pulumi" "$root/.cache/bin/pulumi-language-yaml" "$_sandbox_provider" "$_sandbox_fake" "$_sandbox_arm"; do
    [ -x "$need" ] || { echo "sandbox: $need is missing: run make sandbox (it builds it)" >&2; return 1; }
  done
  mkdir -p "$sandbox/home" "$sandbox/backend" "$sandbox/azure" "$sandbox/bin"
  export PATH="$sandbox/bin:$root/.cache/bin:$PATH"
  export PULUMI_HOME=$sandbox/home PULUMI_BACKEND_URL=file://$sandbox/backend PULUMI_CONFIG_PASSPHRASE=sandbox
  export PULUMI_SKIP_UPDATE_CHECK=true PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true FAKE_AZURE_STATE=$sandbox/azure
  export FAKE_AZURE_SEED=vault:shared/shared-kv,cache:shared/legacy-cache,classic:shared/classic-cache/Standard_C1
  export SANDBOX_VAULT_ID=/subscriptions/00000000-0000-0000-0000-00000000aaaa/resourceGroups/shared/providers/Microsoft.KeyVault/vaults/shared-kv
  export SANDBOX_CLASSIC_CACHE_ID=/subscriptions/00000000-0000-0000-0000-00000000aaaa/resourceGroups/shared/providers/Microsoft.Cache/Redis/classic-cache
  # The fake's ARM endpoint, for as long as this shell lives.
  rm -f "$sandbox/azure/arm-endpoint.url"
  "$_sandbox_arm" -watch-pid $$ >"$sandbox/arm-endpoint.log" 2>&1 &
  local tries=0
  until [ -s "$sandbox/azure/arm-endpoint.url" ]; do
    tries=$((tries + 1))
    [ $tries -le 50 ] || { echo "sandbox: the fake ARM endpoint did not start (see $sandbox/arm-endpoint.log)" >&2; return 1; }
    sleep 0.1
  done
  export AZURE_MANAGED_REDIS_ARM_ENDPOINT=$(cat "$sandbox/azure/arm-endpoint.url") SSL_CERT_FILE=$sandbox/azure/fake-arm-ca.pem
  # The plugins, as on a user's machine: this package's built from source, the fake as azure-native 3.28.0.
  pulumi plugin install resource azure-managed-redis "$_sandbox_version" --reinstall \
    --file "$_sandbox_provider" >/dev/null 2>&1 &&
    pulumi plugin install resource azure-native 3.28.0 --reinstall \
      --file "$_sandbox_fake" >/dev/null 2>&1 ||
    { echo "sandbox: installing the plugins into $PULUMI_HOME failed" >&2; return 1; }
  cat >"$sandbox/bin/pulumi-ts" <<EOF
#!/usr/bin/env bash
# pulumi-ts preview|up|destroy [folder]: a TypeScript program of yours, in the sandbox.
set -euo pipefail
nodejs=$root/tests/nodejs
if [ ! -f "\$nodejs/build/tests/nodejs/sandbox.js" ] || [ ! -d "\$nodejs/node_modules" ]; then
  echo "pulumi-ts: building the Node.js SDK and its tests once (make -C $root test_nodejs_build)" >&2
  make -s -C "$root" test_nodejs_build >&2
fi
exec node "\$nodejs/build/tests/nodejs/sandbox.js" "\$@"
EOF
  chmod +x "$sandbox/bin/pulumi-ts"
  if [ ! -f "$sandbox/project/Pulumi.yaml" ]; then
    mkdir -p "$sandbox/project"
    cp "$root/examples/minimal/Pulumi.yaml" "$sandbox/project/"
  fi
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  # Sourced: the environment in the caller's shell.
  _sandbox_setup && echo "sandbox: pulumi now runs against the fake Azure (state in $_sandbox)"
  return
fi

set -euo pipefail
_sandbox_setup
if [ $# -gt 0 ]; then
  exec "$@"
fi
cd "${SANDBOX_DIR:-$_sandbox/project}"
cat <<EOF
== Sandbox: pulumi runs against a FAKE Azure (no account involved); exit to leave ==
Folder: $PWD
  pulumi stack init dev && pulumi config set resourceGroupName my-group
  pulumi preview && pulumi up          # a YAML program
  pulumi-ts preview && pulumi-ts up    # a TypeScript program (index.ts)
  An existing vault for keyVaultId: \$SANDBOX_VAULT_ID; an existing cache: shared/legacy-cache;
  an Azure Cache for Redis cache to migrateFrom: \$SANDBOX_CLASSIC_CACHE_ID.
  pulumi stack graph, pulumi stack export and $FAKE_AZURE_STATE show what was "created".
EOF
rcfile=$_sandbox/bashrc
cat >"$rcfile" <<EOF
[ -f ~/.bashrc ] && . ~/.bashrc
export PATH="$PATH"
PS1="(amr-sandbox) \\w \\$ "
EOF
exec bash --rcfile "$rcfile" -i
