package schema

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
)

// The subset binds exactly the tokens of azure/tokens.txt: a token added to the list without
// running tools/facts/schema_subset.py (which needs npm) again fails here.
func TestTheSubsetHasTheListedTokens(t *testing.T) {
	data, err := os.ReadFile("../tokens.txt")
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") && !strings.HasPrefix(line, "official ") {
			listed = append(listed, strings.TrimPrefix(line, "fake ")) // fake: in the subset, no Go binding
		}
	}
	var spec struct {
		Name, Version        string
		Resources, Functions map[string]json.RawMessage
	}
	if err := json.Unmarshal(AzureNative, &spec); err != nil {
		t.Fatal(err)
	}
	var bound []string
	for token := range spec.Resources {
		bound = append(bound, token)
	}
	for token := range spec.Functions {
		bound = append(bound, token)
	}
	slices.Sort(listed)
	slices.Sort(bound)
	if !slices.Equal(listed, bound) {
		t.Errorf("azure/tokens.txt lists %v, the subset binds %v: run tools/facts/schema_subset.py, then make generate",
			listed, bound)
	}
	if spec.Name != "azure-native" || spec.Version != "3.28.0" {
		t.Errorf("the subset is of %s %s", spec.Name, spec.Version)
	}
}
