#!/usr/bin/env bash
# Installs Debian's redis-server (and redis-cli) when absent: the Go client's tests start real
# Redis servers with it, on 127.0.0.1 and free ports, and stop them when they end.
set -euo pipefail
if command -v redis-server >/dev/null && command -v redis-cli >/dev/null; then
	exit 0
fi
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server >/dev/null
# The package starts a server on 6379 for the machine; the tests start their own.
$sudo service redis-server stop >/dev/null 2>&1 || true
redis-server --version
