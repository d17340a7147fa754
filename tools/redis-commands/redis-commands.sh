#!/usr/bin/env bash
# Writes component/redis_commands.txt: the command names (and command|subcommand names) a Redis
# ACL rule may name, as `COMMAND LIST` of a local redis-server prints them, plus those of the
# Redis versions Azure Managed Redis runs that the local server (Debian's 7.0) lacks. The
# access-string check (component/access_string.go) reads it.
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${REDIS_COMMANDS_PORT:-6398}
redis-server --port "$port" --save '' --appendonly no --daemonize yes >/dev/null
trap 'redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true' EXIT
for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
version=$(redis-server --version | sed -E 's/.*v=([0-9.]+).*/\1/')
{
  echo "# Redis commands for ACL rules: COMMAND LIST of redis-server $version (tools/redis-commands/redis-commands.sh),"
  echo "# then the commands and subcommands added in Redis 7.2 and 7.4, which Azure Managed Redis runs: those"
  echo "# redis/docs content/commands documents \"since: 7.2.0\" and \"since: 7.4.0\" (their release notes agree)."
  redis-cli -p "$port" COMMAND LIST | tr 'A-Z' 'a-z' | sort -u
  echo "# Redis 7.2"
  printf '%s\n' waitaof 'client|no-touch' 'client|setinfo' 'cluster|myshardid'
  echo "# Redis 7.4"
  printf '%s\n' hexpire hexpireat hexpiretime hpersist hpexpire hpexpireat hpexpiretime hpttl httl
} > component/redis_commands.txt
