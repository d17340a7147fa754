#!/usr/bin/env bash
# Writes component/redis_module_commands.txt: the commands of the Redis modules an Azure Managed
# Redis database may enable, as redis/docs documents them (content/commands/<name>.md, front
# matter `title` and `since`), one "<module> <command>" a line. Commands documented since Redis
# 8 are left out: Azure Managed Redis runs Redis 7.2/7.4 with the modules' own releases, which
# lack them. A subcommand ("FT.CONFIG GET") is listed by its command (ft.config). The
# access-string check (component/access_string.go) reads the file.
#
#   git clone --depth 1 https://github.com/redis/docs /tmp/redis-docs
#   tools/redis-commands/redis-module-commands.sh /tmp/redis-docs
set -euo pipefail
docs=${1:?usage: $0 <a checkout of github.com/redis/docs>}
cd "$(dirname "$0")/../.."
commit=${REDIS_DOCS_COMMIT:-$(git -C "$docs" rev-parse HEAD)}
module_of() {
  case $1 in
    ft.*) echo RediSearch ;;
    json.*) echo RedisJSON ;;
    bf.* | cf.* | cms.* | topk.* | tdigest.*) echo RedisBloom ;;
    ts.*) echo RedisTimeSeries ;;
  esac
}
{
  echo "# Commands of the modules an Azure Managed Redis database may enable: redis/docs"
  echo "# content/commands at $commit, without those since Redis 8"
  echo "# (tools/redis-commands/redis-module-commands.sh)."
  for file in "$docs"/content/commands/{ft,json,bf,cf,cms,topk,tdigest,ts}.*.md; do
    front=$(awk 'NR > 1 && /^---$/ { exit } { print }' "$file")
    since=$(sed -n 's/^since: *//p' <<<"$front")
    title=$(sed -n 's/^title: *//p' <<<"$front")
    [ "${since%%.*}" -ge 8 ] && continue
    command=$(tr 'A-Z' 'a-z' <<<"${title%% *}")
    echo "$(module_of "$command") $command"
  done | sort -u
} > component/redis_module_commands.txt
