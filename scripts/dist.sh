#!/usr/bin/env bash
# make dist: the release artefacts of one version, as the release workflow publishes them.
#
#   scripts/dist.sh <version> <out> <os-arch>...
#
# <out>/pulumi-resource-azure-managed-redis-v<version>-<os>-<arch>.tar.gz  the plugin, named as
#     the engine looks for it among the release assets (pluginDownloadURL in the schema)
# <out>/managedredis-azure-managed-redis-<version>.tgz                      the npm package
# <out>/pulumi_azure_managed_redis-<version>-py3-none-any.whl               the Python wheel
# <out>/build/schema.json, <out>/build/sdk/                                  the schema and the SDKs of
#     this version (the release tags the Go SDK sdk/v<version> with build/sdk/go)
# <out>/checksums.txt
#
# The version goes into the plugin, the schema and every SDK. It uses the Node.js tools of
# tests/nodejs (npm ci there) and the Python environment of the tests (.cache/venv).
set -euo pipefail
version=$1 out=$2
shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
plugin=pulumi-resource-azure-managed-redis
cd "$root"
rm -rf "$out"
mkdir -p "$out/build"
out=$(cd "$out" && pwd)

echo "== schema and SDKs, version $version"
go run ./tools/gen-sdk -version "$version" -out "$out/build"
cp sdk/go.mod sdk/go.sum "$out/build/sdk/"

for platform in "$@"; do
	os=${platform%-*} arch=${platform#*-}
	echo "== plugin for $os/$arch"
	stage=$(mktemp -d)
	exe=$plugin
	[ "$os" = windows ] && exe=$plugin.exe
	CGO_ENABLED=0 GOOS=$os GOARCH=$arch go build -trimpath -o "$stage/$exe" \
		-ldflags "-s -w -X github.com/managedredis/pulumi-azure-managed-redis/provider.Version=$version" \
		./provider/cmd/$plugin
	cp LICENSE README.md "$stage/"
	tar -czf "$out/$plugin-v$version-$os-$arch.tar.gz" -C "$stage" .
	rm -rf "$stage"
done

echo "== npm package"
nodejs=$out/build/sdk/nodejs
ln -s "$root/tests/nodejs/node_modules" "$nodejs/node_modules"
"$nodejs/node_modules/.bin/tsc" -p "$nodejs"
rm "$nodejs/node_modules"
cp "$nodejs/package.json" "$nodejs/README.md" LICENSE "$nodejs/bin/"
(cd "$nodejs/bin" && npm pack --silent --pack-destination "$out" >/dev/null)

echo "== Python wheel"
"$root/.cache/venv/bin/pip" wheel --quiet --no-deps --no-build-isolation -w "$out" "$out/build/sdk/python"

(cd "$out" && sha256sum ./*.tar.gz ./*.tgz ./*.whl > checksums.txt)
echo "== $out"
ls -1 "$out"
