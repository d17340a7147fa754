#!/usr/bin/env bash
# Runs the client's Entra ID tests against go-redis-entraid's provider (entraid_eval_test.go):
# bash testdata/entraid/run.sh <version>, from client/. go.mod and go.sum are put back after.
set -uo pipefail
version=${1:?usage: run.sh <go-redis-entraid version, e.g. v1.0.6>}
cd "$(dirname "$0")/../.."
cp go.mod /tmp/entraid-eval.go.mod && cp go.sum /tmp/entraid-eval.go.sum
restore() {
	rm -f zz_entraid_eval_test.go
	cp /tmp/entraid-eval.go.mod go.mod && cp /tmp/entraid-eval.go.sum go.sum
}
trap restore EXIT
# The proxy refuses go-redis-entraid's version list: fetch an exact version, outside the sum database.
GONOSUMDB=github.com/redis/go-redis-entraid GOFLAGS=-mod=mod go get "github.com/redis/go-redis-entraid@$version" || exit 1
cp testdata/entraid/entraid_eval_test.go zz_entraid_eval_test.go
GOFLAGS=-mod=mod go test -count=1 -timeout 900s -v \
	-run '^(TestEntraIdTokensAreRefreshedAndSentAgainOnOpenConnections|TestCommandsSurviveACredentialOutage|TestEntraIdOnAClusterWithARefresh|TestNewHonoursItsContext|TestAFailingCredentialIsAClearError|TestCloseStopsEveryRefresh)$' . 2>&1 |
	grep -E '^(=== RUN|--- |\s+--- |FAIL|ok|PASS|panic)|\.go:[0-9]+:'
