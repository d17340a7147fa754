package component

import (
	"strings"
	"testing"
)

// Access strings users write, accepted or refused rule by rule, each refusal naming its rule
// and saying what to do. (Whether Redis agrees is access_string_redis_test.go's question.)
func TestAccessStringProblems(t *testing.T) {
	tests := []struct {
		name         string
		accessString string
		modules      enabledModules
		refused      []string // how the refused rules are named, in order
		advice       string   // in the first refusal
	}{
		{"read only on a prefix", "+@read +@connection ~cache:*", anyModule, nil, ""},
		{"a subcommand taken away", "+@all -config|set ~*", anyModule, nil, ""},
		{"R and W in any order", "%WR~foo %wr~bar", anyModule, nil, ""},
		{"parentheses in a pattern", "~user:(1)", anyModule, nil, ""},
		{"Redis 7.4 hash field expiry", "+hexpire +httl ~h:*", anyModule, nil, ""},
		{"a module's command, the module enabled", "+ft.search ~docs:*", modulesOf([]DatabaseModule{{Name: ModuleRediSearch}}), nil, ""},

		{"empty", "", anyModule, []string{""}, "leave accessString out"},
		{"only spaces", "   ", anyModule, []string{""}, "leave accessString out"},
		{"a pattern after ~*", "~* ~cache:*", anyModule, []string{`"~cache:*"`}, "resetkeys"},
		{"a pattern after allkeys", "allkeys ~x", anyModule, []string{`"~x"`}, "resetkeys"},
		{"a permission pattern after ~*", "~* %R~x", anyModule, []string{`"%R~x"`}, "resetkeys"},
		{"a channel after &*", "&* &x", anyModule, []string{`"&x"`}, "resetchannels"},
		{"a channel after allchannels", "allchannels &x", anyModule, []string{`"&x"`}, "resetchannels"},
		{"a category misspelt", "+@reads ~*", anyModule, []string{`"+@reads"`}, "use one of all, keyspace, read"},
		{"an unknown command", "+gett ~*", anyModule, []string{`"+gett"`}, `"gett" is not a Redis command`},
		{"an unknown subcommand", "+client|kil ~*", anyModule, []string{`"+client|kil"`}, "not a subcommand of CLIENT"},
		{"a first argument taken away", "-select|0", anyModule, []string{`"-select|0"`}, "+select|<argument>"},
		{"a bad key permission", "+@read %X~a:*", anyModule, []string{`"%X~a:*"`}, "%R~, %W~ or %RW~"},
		{"a module's command, the module not enabled", "+ft.search +json.get ~docs:*", modulesOf([]DatabaseModule{{Name: ModuleRediSearch}}),
			[]string{`"+json.get"`}, "add RedisJSON to database.modules"},
		{"an unknown command of a module", "+ft.nosuch", anyModule, []string{`"+ft.nosuch"`}, `"ft.nosuch" is not a command of RediSearch`},
		{"a module command's subcommand", "+ft.config|get", anyModule, []string{`"+ft.config|get"`}, "allow or deny FT.CONFIG as a whole"},
		{"user management", "on >Zq9Xw7Vb +@all nopass reset #5e5e ~*",
			anyModule, []string{`"on"`, "a password rule (>...)", `"nopass"`, `"reset"`, "a password hash rule (#...)"}, "Azure owns"},
		{"a selector", "+@read (~other:* +@write)", anyModule, []string{`"(~other:*" "+@write)"`}, "selectors are not supported"},
		{"not a rule", "read ~*", anyModule, []string{`"read"`}, "is not an ACL rule"},
		{"every bad rule at once", "+@reads +gett %~ off", anyModule, []string{`"+@reads"`, `"+gett"`, `"%~"`, `"off"`}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			problems := accessStringProblems(tt.accessString, tt.modules)
			if len(problems) != len(tt.refused) {
				t.Fatalf("%q: %d problems %q, want %d (%q)", tt.accessString, len(problems), problems, len(tt.refused), tt.refused)
			}
			for i, rule := range tt.refused {
				if rule != "" && !strings.HasPrefix(problems[i], rule+": ") {
					t.Errorf("problem %d %q does not name the rule %s", i, problems[i], rule)
				}
			}
			if len(problems) > 0 && !strings.Contains(problems[0], tt.advice) {
				t.Errorf("%q does not say %q", problems[0], tt.advice)
			}
		})
	}
}

// A refused password or hash is named by its kind: no piece of it is in the message.
func TestARefusedPasswordIsNeverShown(t *testing.T) {
	const secret = "Zq9Xw7Vb4Lm2"
	for _, rule := range []string{">" + secret, "<" + secret, "#" + secret, "!" + secret, "(>" + secret, ">" + secret + ")"} {
		problems := accessStringProblems("+@read "+rule+" ~*", anyModule)
		message := strings.Join(problems, "\n")
		if len(problems) == 0 {
			t.Fatalf("%q accepted", rule)
		}
		for i := 0; i+3 <= len(secret); i++ {
			if piece := secret[i : i+3]; strings.Contains(message, piece) {
				t.Errorf("%q: the message shows %q of the password: %s", rule, piece, message)
			}
		}
	}
}

// The lists the check reads: Redis's commands with their subcommands, and the modules'.
func TestTheCommandListsHoldWhatTheCheckNeeds(t *testing.T) {
	for _, name := range []string{"get", "config|set", "client|kill", "waitaof", "client|no-touch", "hexpire"} {
		if !redisCommands[name] {
			t.Errorf("redis_commands.txt lacks %s", name)
		}
	}
	for _, container := range []string{"config", "client", "acl", "cluster"} {
		if !redisContainers[container] {
			t.Errorf("%s has no subcommands in redis_commands.txt", container)
		}
	}
	for command, module := range map[string]string{"ft.search": ModuleRediSearch, "json.get": ModuleRedisJSON, "bf.add": ModuleRedisBloom,
		"tdigest.add": ModuleRedisBloom, "ts.range": ModuleRedisTimeSeries, "ft.config": ModuleRediSearch} {
		if moduleCommands[command] != module || moduleOfPrefix(command) != module {
			t.Errorf("%s: module %q by the list, %q by its prefix; want %s", command, moduleCommands[command], moduleOfPrefix(command), module)
		}
	}
	for command, module := range moduleCommands {
		if moduleOfPrefix(command) != module {
			t.Errorf("%s is listed for %s, but its prefix names %q", command, module, moduleOfPrefix(command))
		}
	}
	// Redis 8's module commands are not in Azure Managed Redis's 7.x modules.
	if _, listed := moduleCommands["ft.hybrid"]; listed {
		t.Error("FT.HYBRID (Redis 8.4) is listed")
	}
}
