package component

import (
	"fmt"
	"slices"
	"strings"
)

// Access strings (preview): the Redis ACL rules a principal gets instead of the full access of
// the `default` policy, e.g. `+@read +@connection ~cache:*`. Azure applies them with ACL SETUSER
// on a user it owns (named by the principal's object id, authenticated by its Entra token), and
// reports a string Redis refuses only after the write (provisioningError InvalidAccessString),
// leaving the principal without the access it asked for. So the string is checked here first,
// rule by rule and in order, as Redis's ACL SETUSER reads it (Redis 7.x's src/acl.c): the judge
// is Redis itself, and access_string_redis_test.go asks a real redis-server the same questions.
//
// Deliberately stricter than Redis (the README says why): rules about the user itself, which
// Azure owns (its state, passwords, selectors), an empty string, a module command on a database
// without that module, and `|` after a module command, which cannot be checked here.

// ACLCategories are Redis's command categories: a copy, which the caller may change.
func ACLCategories() []string { return slices.Clone(aclCategories) }

// aclCategories are Redis 7.x's command categories (src/acl.c, ACLCommandCategories), and
// `all`.
var aclCategories = []string{
	"all", "keyspace", "read", "write", "set", "sortedset", "list", "hash", "string", "bitmap", "hyperloglog",
	"geo", "stream", "pubsub", "admin", "fast", "slow", "blocking", "dangerous", "connection", "transaction",
	"scripting",
}

// aclUserRules are ACL SETUSER's one-word rules about the user itself, which Azure owns.
var aclUserRules = []string{"on", "off", "nopass", "resetpass", "reset", "sanitize-payload", "skip-sanitize-payload", "clearselectors"}

// aclSecretRules name the rules that hold a password or its hash by their first character:
// refused, and named by kind only, never shown.
var aclSecretRules = map[byte]string{
	'>': "a password rule (>...)", '<': "a password removal rule (<...)",
	'#': "a password hash rule (#...)", '!': "a password hash removal rule (!...)",
}

// enabledModules says whether an access string may name the commands of a module.
type enabledModules func(module string) bool

// modulesOf allows the commands of the modules a database enables.
func modulesOf(modules []DatabaseModule) enabledModules {
	return func(module string) bool {
		return slices.ContainsFunc(modules, func(m DatabaseModule) bool { return m.Name == module })
	}
}

// anyModule allows the known commands of every module, where the database's modules are not
// known (ManagedRedisAccess, an existing cache).
func anyModule(string) bool { return true }

// accessStringProblems are the problems of an access string, one per refused rule, each naming
// the rule (a password or hash by its kind only); none when Redis would take the string and it
// grants nothing Azure owns.
func accessStringProblems(accessString string, modules enabledModules) []string {
	rules := aclRules(accessString)
	if len(rules) == 0 {
		return []string{"an access string needs at least one rule, e.g. \"+@read ~cache:*\"; leave accessString out for full access"}
	}
	var problems []string
	var acl aclState
	for i := 0; i < len(rules); i++ {
		rule := rules[i]
		if strings.HasPrefix(rule, "(") {
			// A selector runs to the rule that closes it, as ACL SETUSER joins its arguments.
			end := i
			for end < len(rules)-1 && !strings.HasSuffix(rules[end], ")") {
				end++
			}
			selector := make([]string, 0, end-i+1)
			for _, part := range rules[i : end+1] {
				selector = append(selector, shownRule(part))
			}
			problems = append(problems, strings.Join(selector, " ")+": selectors are not supported in an access string: "+
				"list the rules themselves")
			i = end
			continue
		}
		if problem := acl.problem(rule, modules); problem != "" {
			problems = append(problems, shownRule(rule)+": "+problem)
		}
	}
	return problems
}

// aclRules are the rules of an access string: the words between its spaces.
func aclRules(accessString string) []string {
	return slices.DeleteFunc(strings.Split(accessString, " "), func(rule string) bool { return rule == "" })
}

// shownRule names a rule in a message: quoted, or by its kind when it holds a password or hash
// (also inside a selector's parenthesis).
func shownRule(rule string) string {
	if bare := strings.TrimLeft(rule, "("); bare != "" {
		if kind, secret := aclSecretRules[bare[0]]; secret {
			return kind
		}
	}
	return fmt.Sprintf("%q", rule)
}

// aclState is what Redis remembers between the rules of one ACL SETUSER: whether every key, or
// every channel, is granted already (another pattern is then refused).
type aclState struct{ allKeys, allChannels bool }

// problem is what Redis (or Azure) refuses in one rule, given the rules before it; "" when
// nothing.
func (s *aclState) problem(rule string, modules enabledModules) string {
	lower := strings.ToLower(rule)
	switch {
	case slices.Contains(aclUserRules, lower):
		return "manages the Redis user itself (its state or passwords), which Azure owns: give only command, key and channel rules"
	case aclSecretRules[rule[0]] != "":
		return "sets the Redis user's passwords, which Azure owns (the principal authenticates with its Entra token): remove it"
	case lower == "allkeys" || lower == "~*":
		s.allKeys = true
	case lower == "resetkeys":
		s.allKeys = false
	case lower == "allchannels" || lower == "&*":
		s.allChannels = true
	case lower == "resetchannels":
		s.allChannels = false
	case lower == "allcommands" || lower == "nocommands":
	case rule[0] == '~' || rule[0] == '%':
		return s.keyPatternProblem(rule)
	case rule[0] == '&':
		if s.allChannels {
			return "Redis refuses a channel pattern after &* or allchannels, which grant every channel already: remove it, " +
				"or put resetchannels before it to start an empty list of channels"
		}
		return patternProblem(rule[1:])
	case strings.HasPrefix(rule, "+@") || strings.HasPrefix(rule, "-@"):
		if !slices.Contains(aclCategories, lower[2:]) {
			return fmt.Sprintf("%q is not a Redis ACL category: use one of %s", lower[2:], strings.Join(aclCategories, ", "))
		}
	case rule[0] == '+' || rule[0] == '-':
		return commandRuleProblem(rule[0], lower[1:], modules)
	default:
		return "is not an ACL rule: use +@<category>, -@<category>, +<command>, -<command>, +<command>|<subcommand>, " +
			"-<command>|<subcommand>, ~<key pattern>, %R~/%W~/%RW~<key pattern>, &<channel pattern>, allkeys, resetkeys, " +
			"allchannels, resetchannels, allcommands or nocommands"
	}
	return ""
}

// keyPatternProblem checks ~<pattern> and %<R and/or W>~<pattern>.
func (s *aclState) keyPatternProblem(rule string) string {
	if s.allKeys {
		return "Redis refuses a key pattern after ~* or allkeys, which grant every key already: remove it, " +
			"or put resetkeys before it to start an empty list of patterns"
	}
	pattern := rule[1:]
	if rule[0] == '%' {
		// R and W, each at most once, in any order and case, then ~ and the pattern.
		read, write := false, false
		for pattern != "" && pattern[0] != '~' {
			switch p := pattern[0] | 0x20; {
			case p == 'r' && !read:
				read = true
			case p == 'w' && !write:
				write = true
			default:
				return "a key permission is %R~, %W~ or %RW~ (R and W once each) followed by a pattern"
			}
			pattern = pattern[1:]
		}
		if !read && !write {
			return "a key permission is %R~, %W~ or %RW~ (R and W once each) followed by a pattern"
		}
		pattern = strings.TrimPrefix(pattern, "~")
	}
	return patternProblem(pattern)
}

// patternProblem checks a key or channel pattern as Redis does: no whitespace in it.
func patternProblem(pattern string) string {
	if strings.ContainsAny(pattern, "\t\n\v\f\r\x00") {
		return "a pattern cannot hold a tab, a line break or another space: separate rules with spaces"
	}
	return ""
}

// commandRuleProblem checks +<name> or -<name> (name in lower case), as Redis reads them: a
// command; +<command>|<subcommand> or -<command>|<subcommand> of a command that has
// subcommands; +<command>|<first argument> of one that has none (Redis's deprecated first-arg
// rule, e.g. +select|0). A module's command only where the module is enabled.
func commandRuleProblem(sign byte, name string, modules enabledModules) string {
	command, sub, hasSub := strings.Cut(name, "|")
	if module := moduleOfPrefix(command); module != "" {
		return moduleCommandProblem(module, command, hasSub, modules)
	}
	if !redisCommands[command] {
		return fmt.Sprintf("%q is not a Redis command", command)
	}
	switch {
	case !hasSub:
		return ""
	case strings.Contains(sub, "|"):
		return "Redis takes one | at most: <command>|<subcommand>, or <command>|<first argument> to allow"
	case sub == "":
		return "a subcommand or first argument is missing after |"
	case redisContainers[command] && !redisCommands[name]:
		return fmt.Sprintf("%q is not a subcommand of %s", sub, strings.ToUpper(command))
	case !redisContainers[command] && sign == '-':
		return fmt.Sprintf("%s has no subcommands, and Redis cannot take away one first argument: allow the "+
			"arguments one by one instead (+%s|<argument>)", strings.ToUpper(command), command)
	}
	return ""
}

// moduleCommandProblem checks the command of a module: known, enabled, and whole.
func moduleCommandProblem(module, command string, hasSub bool, modules enabledModules) string {
	switch {
	case moduleCommands[command] != module:
		return fmt.Sprintf("%q is not a command of %s", command, module)
	case !modules(module):
		return fmt.Sprintf("%s is a command of %s, which the database does not enable: add %s to database.modules, "+
			"or remove the rule (Redis refuses the commands of a module it has not loaded)", strings.ToUpper(command), module, module)
	case hasSub:
		return fmt.Sprintf("the subcommands and arguments of a module's commands cannot be checked before deploying: "+
			"allow or deny %s as a whole", strings.ToUpper(command))
	}
	return ""
}
