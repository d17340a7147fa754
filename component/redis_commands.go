package component

import (
	_ "embed"
	"strings"
)

// The command names an ACL rule may give: Redis's own (redis_commands.txt, written by
// tools/redis-commands/redis-commands.sh) and those of the modules a database may enable
// (redis_module_commands.txt, written by tools/redis-commands/redis-module-commands.sh).

//go:embed redis_commands.txt
var redisCommandList string

//go:embed redis_module_commands.txt
var redisModuleCommandList string

// redisCommands are Redis's commands and subcommands ("client|kill"), in lower case.
var redisCommands = func() map[string]bool {
	names := map[string]bool{}
	for _, line := range listLines(redisCommandList) {
		names[line] = true
	}
	return names
}()

// redisContainers are the commands that have subcommands (CONFIG, CLIENT, ...): Redis reads
// +<command>|<name> of these as a subcommand, of the others as a first argument.
var redisContainers = func() map[string]bool {
	containers := map[string]bool{}
	for name := range redisCommands {
		if command, _, sub := strings.Cut(name, "|"); sub {
			containers[command] = true
		}
	}
	return containers
}()

// moduleCommands are the modules' commands, in lower case, by the module that adds them.
var moduleCommands = func() map[string]string {
	modules := map[string]string{}
	for _, line := range listLines(redisModuleCommandList) {
		module, command, _ := strings.Cut(line, " ")
		modules[command] = module
	}
	return modules
}()

// modulePrefixes are the prefixes of the modules' commands, and the module of each.
var modulePrefixes = map[string]string{
	"ft.": ModuleRediSearch, "json.": ModuleRedisJSON, "bf.": ModuleRedisBloom, "cf.": ModuleRedisBloom,
	"cms.": ModuleRedisBloom, "topk.": ModuleRedisBloom, "tdigest.": ModuleRedisBloom, "ts.": ModuleRedisTimeSeries,
}

// moduleOfPrefix is the module whose prefix command (lower case) has, "" for none.
func moduleOfPrefix(command string) string {
	for prefix, module := range modulePrefixes {
		if strings.HasPrefix(command, prefix) {
			return module
		}
	}
	return ""
}

// listLines are the lines of a list file that are neither empty nor comments.
func listLines(list string) []string {
	var lines []string
	for _, line := range strings.Split(list, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			lines = append(lines, line)
		}
	}
	return lines
}
