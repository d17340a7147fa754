package component

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

// Every rule a refusal can name ("(rule V3)", "(rule connection name)") is a row of the
// README's rules table, which a refusal links to (RulesURL): a new rule cannot go undocumented.
func TestEveryRuleIsInTheReadmeTable(t *testing.T) {
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, found := strings.Cut(string(data), "\n## Rules checked before deploying\n")
	if !found || !strings.HasSuffix(RulesURL, "#rules-checked-before-deploying") {
		t.Fatalf("README.md has no section the rules URL %s points at", RulesURL)
	}
	section, _, _ = strings.Cut(section, "\n## ")
	rows := map[string]bool{}
	for _, line := range strings.Split(section, "\n") {
		if cells := strings.Split(line, "|"); len(cells) > 2 && strings.HasPrefix(line, "| ") {
			for _, id := range strings.Split(cells[1], ",") {
				rows[strings.TrimSpace(id)] = true
			}
		}
	}
	ids := []string{"required", "V7", "V19", "private endpoint", "preview provider"} // named where they are refused
	for _, r := range managedRedisRules {
		ids = append(ids, r.id)
	}
	for _, r := range dayTwoRules {
		ids = append(ids, r.rule)
	}
	for _, c := range managedRedisInputs {
		ids = append(ids, c.rule)
	}
	for _, c := range accessInputs {
		ids = append(ids, c.rule)
	}
	for _, e := range enums {
		ids = append(ids, e.rule())
	}
	for _, id := range ids {
		if id != "" && !rows[id] {
			t.Errorf("rule %q has no row in the README's rules table", id)
		}
	}
	for i := 1; i <= 22; i++ {
		if id := "V" + strconv.Itoa(i); !rows[id] {
			t.Errorf("Azure's rule %s has no row in the README's rules table", id)
		}
	}
}
