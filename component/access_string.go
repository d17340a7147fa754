package component

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
)

// Access strings (preview): the Redis ACL rules a principal gets instead of the full access of
// the `default` policy, e.g. `+@read +@connection ~cache:*`. Azure applies them with ACL SETUSER
// on a user it owns (named by the principal's object id, authenticated by its Entra token), and
// reports a string Redis refuses only after the write (provisioningError InvalidAccessString),
// leaving the principal without the access it asked for. So each token is checked here first,
// against Redis's own grammar (redis.io, ACL SETUSER; Redis 7.x's src/acl.c) and Azure's docs
// (azure-docs articles/redis/configure-access-permissions.md, 2026-06-01).

// ACLCategories are Redis 7.x's command categories (src/acl.c, ACLCommandCategories), and
// `all`.
var ACLCategories = []string{
	"all", "keyspace", "read", "write", "set", "sortedset", "list", "hash", "string", "bitmap", "hyperloglog",
	"geo", "stream", "pubsub", "admin", "fast", "slow", "blocking", "dangerous", "connection", "transaction",
	"scripting",
}

// aclModulePrefixes are the command prefixes of the modules an Azure Managed Redis database may
// enable (RediSearch, RedisJSON, RedisBloom, RedisTimeSeries): their commands are not in
// redis_commands.txt.
var aclModulePrefixes = []string{"ft.", "json.", "bf.", "cf.", "cms.", "topk.", "tdigest.", "ts."}

// aclUserRules are ACL SETUSER's rules about the user itself, which Azure owns (its existence,
// passwords and selectors): refused in an access string.
var aclUserRules = []string{"on", "off", "nopass", "resetpass", "reset", "sanitize-payload", "skip-sanitize-payload", "clearselectors"}

// aclBareRules are the rules that are one word.
var aclBareRules = []string{"allkeys", "resetkeys", "allchannels", "resetchannels", "allcommands", "nocommands"}

//go:embed redis_commands.txt
var redisCommandList string

// redisCommands are the names ACL rules may give commands and subcommands ("client|kill").
var redisCommands = func() map[string]bool {
	names := map[string]bool{}
	for _, line := range strings.Split(redisCommandList, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			names[line] = true
		}
	}
	return names
}()

// accessStringProblems are the problems of an access string, one per refused token, each naming
// the token; none when Redis would take it.
func accessStringProblems(accessString string) []string {
	tokens := strings.Fields(accessString)
	if len(tokens) == 0 {
		return []string{"an access string needs at least one rule, e.g. \"+@read ~cache:*\"; leave accessString out for full access"}
	}
	var problems []string
	for _, token := range tokens {
		if problem := aclTokenProblem(token); problem != "" {
			problems = append(problems, fmt.Sprintf("%q: %s", token, problem))
		}
	}
	return problems
}

// aclTokenProblem is what is wrong with one rule of an access string ("" when nothing is).
func aclTokenProblem(token string) string {
	lower := strings.ToLower(token)
	switch {
	case slices.Contains(aclBareRules, lower):
		return ""
	case slices.Contains(aclUserRules, lower), strings.HasPrefix(token, ">"), strings.HasPrefix(token, "<"),
		strings.HasPrefix(token, "#"), strings.HasPrefix(token, "!"):
		return "manages the Redis user itself (its state, passwords or hashes), which Azure owns: give only command, key and channel rules"
	case strings.HasPrefix(token, "(") || strings.HasSuffix(token, ")"):
		return "selectors are not supported in an access string: list the rules themselves"
	case strings.HasPrefix(token, "+@") || strings.HasPrefix(token, "-@"):
		if category := lower[2:]; !slices.Contains(ACLCategories, category) {
			return fmt.Sprintf("%q is not a Redis ACL category: use one of %s", category, strings.Join(ACLCategories, ", "))
		}
		return ""
	case strings.HasPrefix(token, "+") || strings.HasPrefix(token, "-"):
		return aclCommandProblem(token[0], lower[1:])
	case strings.HasPrefix(token, "~"):
		return patternProblem(token[1:], "key")
	case strings.HasPrefix(lower, "%r~"), strings.HasPrefix(lower, "%w~"):
		return patternProblem(token[3:], "key")
	case strings.HasPrefix(lower, "%rw~"):
		return patternProblem(token[4:], "key")
	case strings.HasPrefix(token, "%"):
		return "a key permission is %R~, %W~ or %RW~ followed by a pattern"
	case strings.HasPrefix(token, "&"):
		return patternProblem(token[1:], "channel")
	}
	return "is not an ACL rule: use +@<category>, -@<category>, +<command>, -<command>, +<command>|<subcommand>, " +
		"~<key pattern>, %R~/%W~/%RW~<key pattern>, &<channel pattern>, allkeys, resetkeys, allchannels, resetchannels, " +
		"allcommands or nocommands"
}

// aclCommandProblem checks the command of +<command>, -<command> or +<command>|<subcommand>, as
// Redis spells them (in any case). Redis refuses to take away one subcommand of a command (-x|y).
func aclCommandProblem(sign byte, name string) string {
	command, subcommand, hasSubcommand := strings.Cut(name, "|")
	for _, prefix := range aclModulePrefixes {
		if strings.HasPrefix(command, prefix) && len(command) > len(prefix) && !hasSubcommand {
			return ""
		}
	}
	switch {
	case !redisCommands[command]:
		return fmt.Sprintf("%q is not a Redis command", command)
	case hasSubcommand && sign == '-':
		return "Redis cannot take away a single subcommand: allow the others one by one instead"
	case hasSubcommand && !redisCommands[name]:
		return fmt.Sprintf("%q is not a subcommand of %s", subcommand, strings.ToUpper(command))
	}
	return ""
}

// patternProblem checks a key or channel pattern: it is not empty (a space ends a rule).
func patternProblem(pattern, of string) string {
	if pattern == "" {
		return fmt.Sprintf("a %s pattern is missing after the prefix, e.g. cache:* (or * for every %s)", of, of)
	}
	return ""
}
