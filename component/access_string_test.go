package component

import (
	"strings"
	"testing"
)

// Access strings users write, accepted or refused token by token.
func TestAccessStringProblems(t *testing.T) {
	tests := []struct {
		name         string
		accessString string
		refused      []string // the tokens refused, in order
	}{
		{"read only on a prefix", "+@read +@connection ~cache:*", nil},
		{"Azure's examples", "+@all ~user:*", nil},
		{"read and write two prefixes", "+@read +@write ~app:* ~session:*", nil},
		{"read plus two commands", "+@read +set +get ~data:*", nil},
		{"everything but writes (the portal's)", "+@all -@write ~*", nil},
		{"write one prefix only", "+@write +@read %W~jobs:* %R~*", nil},
		{"pub/sub only", "+@pubsub +@connection resetchannels &events:* &alerts:*", nil},
		{"deny FLUSHALL and KEYS", "+@all -flushall -keys -flushdb ~*", nil},
		{"a subcommand", "+@read +client|setname +config|get ~*", nil},
		{"commands in capitals", "+GET +HSET ~* allchannels", nil},
		{"module commands", "+@read +ft.search +json.get ~docs:*", nil},
		{"Redis 7.4 hash field expiry", "+hexpire +httl ~h:*", nil},
		{"bare rules", "allcommands allkeys", nil},
		{"extra spaces", "  +@read   ~cache:*  ", nil},

		{"empty", "", []string{""}},
		{"only spaces", "   ", []string{""}},
		{"a category misspelt", "+@reads ~*", []string{"+@reads"}},
		{"an unknown command", "+gett ~*", []string{"+gett"}},
		{"an unknown subcommand", "+client|kil ~*", []string{"+client|kil"}},
		{"a subcommand taken away", "+@all -config|set ~*", []string{"-config|set"}},
		{"a key rule without a pattern", "+@read ~", []string{"~"}},
		{"a bad key permission", "+@read %X~a:*", []string{"%X~a:*"}},
		{"a channel rule without a pattern", "+@pubsub &", []string{"&"}},
		{"user management", "on >secret +@all nopass reset #abc ~*", []string{"on", ">secret", "nopass", "reset", "#abc"}},
		{"a selector", "+@read (~other:* +@write)", []string{"(~other:*", "+@write)"}},
		{"not a rule", "read ~*", []string{"read"}},
		{"every bad token at once", "+@reads +gett ~ off", []string{"+@reads", "+gett", "~", "off"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			problems := accessStringProblems(tt.accessString)
			if len(problems) != len(tt.refused) {
				t.Fatalf("%q: %d problems %q, want %d (%q)", tt.accessString, len(problems), problems, len(tt.refused), tt.refused)
			}
			for i, token := range tt.refused {
				if token != "" && !strings.HasPrefix(problems[i], `"`+token+`": `) {
					t.Errorf("problem %d %q does not name the token %q", i, problems[i], token)
				}
			}
		})
	}
}
