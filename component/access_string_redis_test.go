package component

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Where the access-string check and Redis deliberately disagree (access_string.go, README).
type aclDifference int

const (
	sameAsRedis aclDifference = iota
	// azureOwns: a rule about the user itself (state, passwords, selectors) or an empty string:
	// Redis takes it, the check refuses it, since Azure owns the user.
	azureOwns
	// newerRedis: a command of a Redis newer than the server's (Azure Managed Redis runs 7.2 and
	// 7.4): taken by the check, by Redis from the version given on.
	newerRedis
	// moduleCommand: a module's command: taken by the check where any module may be enabled,
	// refused where none is, as by a Redis that has not loaded the module.
	moduleCommand
)

// aclCase is an access string and how the check's verdict relates to Redis's.
type aclCase struct {
	accessString string
	difference   aclDifference
	since        string // newerRedis: the version that added the command (redis/docs "since")
}

// aclCases are the access strings asked of Redis: what users write, the issue's, Redis's order
// rules, every form of a command rule, and every deliberate difference.
var aclCases = []aclCase{
	// Taken by Redis.
	{accessString: "+@all -config|set ~*"}, // blocking one subcommand, Redis 7.0's own example
	{accessString: "%WR~foo"},
	{accessString: "~user:(1)"},
	{accessString: "+@read +@connection ~cache:*"},
	{accessString: "+@all ~user:*"},
	{accessString: "+@read +@write ~app:* ~session:*"},
	{accessString: "+@read +set +get ~data:*"},
	{accessString: "+@all -@write ~*"},
	{accessString: "+@write +@read %W~jobs:* %R~*"},
	{accessString: "+@pubsub +@connection resetchannels &events:* &alerts:*"},
	{accessString: "+@all -flushall -keys -flushdb ~*"},
	{accessString: "+@read +client|setname +config|get ~*"},
	{accessString: "+GET +HSET ~* allchannels"},
	{accessString: "allcommands allkeys"},
	{accessString: "  +@read   ~cache:*  "},
	{accessString: "%rw~x"},
	{accessString: "%wR~x"},
	{accessString: "%R~~x"},
	{accessString: "%R"},
	{accessString: "~"},
	{accessString: "&"},
	{accessString: "%R~"},
	{accessString: "~x ~*"},
	{accessString: "~* resetkeys ~x"},
	{accessString: "allkeys resetkeys %R~x"},
	{accessString: "&* resetchannels &x"},
	{accessString: "allchannels resetchannels &x"},
	{accessString: "~* ~*"},
	{accessString: "~* allkeys"},
	{accessString: "allchannels &*"},
	{accessString: "%RW~* ~x"},
	{accessString: "+select|0"},
	{accessString: "+debug|object"},
	{accessString: "+@all -client|kill ~*"},
	{accessString: "+CONFIG|GET ~*"},
	{accessString: "nocommands +get ~x"},
	{accessString: "-@ALL +@READ"},
	{accessString: "RESETKEYS ALLKEYS AllChannels"},
	{accessString: "~a\x01b"},
	{accessString: "+@all -@dangerous ~* &*"},
	{accessString: "+acl|whoami +ping"},
	// Refused by Redis.
	{accessString: "~* ~cache:*"},
	{accessString: "allkeys ~x"},
	{accessString: "~* %R~x"},
	{accessString: "&* &x"},
	{accessString: "allchannels &x"},
	{accessString: "ALLKEYS ~x"},
	{accessString: "allkeys %W~x"},
	{accessString: "~* %RW~*"},
	{accessString: "+@reads ~*"},
	{accessString: "-@reads"},
	{accessString: "+gett ~*"},
	{accessString: "+client|kil ~*"},
	{accessString: "+config|get|maxmemory"},
	{accessString: "+acl|setuser|x"},
	{accessString: "-client|kill|x"},
	{accessString: "-get|x"},
	{accessString: "-select|0"},
	{accessString: "+select|0|1"},
	{accessString: "+get|"},
	{accessString: "+|get"},
	{accessString: "+"},
	{accessString: "-"},
	{accessString: "+@"},
	{accessString: "%X~a:*"},
	{accessString: "%~a"},
	{accessString: "%RR~a"},
	{accessString: "%"},
	{accessString: "%RWR~x"},
	{accessString: "read ~*"},
	{accessString: "@read"},
	{accessString: "+allcommands"},
	{accessString: "~a\tb"},
	{accessString: "&a\nb"},
	{accessString: "+@all|x"},
	{accessString: "-config|"},
	{accessString: "+@read ~* +gett"},
	{accessString: "<Zq9Xw7Vb"}, // removing a password the user does not have
	{accessString: "#abc"},      // not a SHA-256
	{accessString: "(~x"},       // a selector never closed
	{accessString: "+ft.nosuch"},
	{accessString: "+ft.config|get"},
	// Taken by Redis, refused here: Azure owns the user.
	{accessString: "", difference: azureOwns},
	{accessString: "   ", difference: azureOwns},
	{accessString: "on +@all ~*", difference: azureOwns},
	{accessString: "OFF", difference: azureOwns},
	{accessString: "nopass +@all ~*", difference: azureOwns},
	{accessString: ">Zq9Xw7Vb +@all ~*", difference: azureOwns},
	{accessString: "#" + strings.Repeat("5e", 32), difference: azureOwns},
	{accessString: "reset +@read ~*", difference: azureOwns},
	{accessString: "resetpass", difference: azureOwns},
	{accessString: "clearselectors", difference: azureOwns},
	{accessString: "sanitize-payload skip-sanitize-payload", difference: azureOwns},
	{accessString: "(~x +get)", difference: azureOwns},
	{accessString: "+@read (~other:* +@write)", difference: azureOwns},
	// Commands of Redis 7.2 and 7.4 (redis/docs content/commands, "since").
	{accessString: "+waitaof", difference: newerRedis, since: "7.2.0"},
	{accessString: "+client|no-touch", difference: newerRedis, since: "7.2.0"},
	{accessString: "+client|setinfo", difference: newerRedis, since: "7.2.0"},
	{accessString: "+cluster|myshardid", difference: newerRedis, since: "7.2.0"},
	{accessString: "+hexpire +httl ~h:*", difference: newerRedis, since: "7.4.0"},
	{accessString: "-hpersist", difference: newerRedis, since: "7.4.0"},
	// Commands of the modules (component/redis_module_commands.txt).
	{accessString: "+@read +ft.search +json.get ~docs:*", difference: moduleCommand},
	{accessString: "+bf.add +cf.add +cms.query +topk.add +tdigest.add ~b:*", difference: moduleCommand},
	{accessString: "+ts.range -ft.dropindex", difference: moduleCommand},
}

// redisRefusal is how Redis names the rule it refuses.
var redisRefusal = regexp.MustCompile(`^ERR Error in ACL SETUSER modifier '(.*)': `)

// Every access string of the table is sent to a real redis-server as ACL SETUSER <user> reset
// <rules>, as Azure applies it: the check's verdict is Redis's, the rule it names first is the
// one Redis names, and where they differ, it is deliberately and as the table says.
func TestAccessStringsAsRedisJudgesThem(t *testing.T) {
	server := startRedisServer(t)
	version := server.version(t)
	if n := len(aclCases); n < 60 {
		t.Fatalf("%d access strings: ask Redis about 60 at least", n)
	}
	for _, tt := range aclCases {
		_, redisErr := server.do(append([]string{"ACL", "SETUSER", "checked", "reset"}, aclRules(tt.accessString)...)...)
		problems := accessStringProblems(tt.accessString, anyModule)
		accepted := len(problems) == 0
		switch tt.difference {
		case sameAsRedis:
			if accepted != (redisErr == nil) {
				t.Errorf("%q: Redis says %v, the check says %q", tt.accessString, orOK(redisErr), problems)
			} else if m := redisRefusal.FindStringSubmatch(errorText(redisErr)); m != nil && !strings.HasPrefix(problems[0], shownRule(ruleNamed(tt.accessString, m[1]))+": ") {
				t.Errorf("%q: Redis refuses %q first, the check %q", tt.accessString, m[1], problems[0])
			}
		case azureOwns:
			if redisErr != nil || accepted {
				t.Errorf("%q: Azure owns the user: want Redis to take it (%v) and the check to refuse it (%q)", tt.accessString, orOK(redisErr), problems)
			}
		case newerRedis:
			if !accepted || (redisErr == nil) != versionAtLeast(version, tt.since) {
				t.Errorf("%q (Redis %s on): Redis %s says %v, the check %q", tt.accessString, tt.since, version, orOK(redisErr), problems)
			}
		case moduleCommand:
			withoutModules := accessStringProblems(tt.accessString, modulesOf(nil))
			if !accepted || redisErr == nil || len(withoutModules) == 0 {
				t.Errorf("%q: want it taken with any module (%q), refused without (%q), as by Redis without them (%v)",
					tt.accessString, problems, withoutModules, orOK(redisErr))
			}
		}
	}
}

// ruleNamed is the rule of accessString that Redis's error names (it prints a line break as a
// space).
func ruleNamed(accessString, named string) string {
	for _, rule := range aclRules(accessString) {
		if strings.NewReplacer("\n", " ", "\r", " ").Replace(rule) == named {
			return rule
		}
	}
	return named
}

func orOK(err error) string {
	if err == nil {
		return "OK"
	}
	return err.Error()
}

func errorText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// versionAtLeast compares dotted versions number by number.
func versionAtLeast(version, least string) bool {
	have, want := strings.Split(version, "."), strings.Split(least, ".")
	for i := range want {
		h, w := 0, 0
		if i < len(have) {
			h, _ = strconv.Atoi(have[i])
		}
		w, _ = strconv.Atoi(want[i])
		if h != w {
			return h > w
		}
	}
	return true
}
