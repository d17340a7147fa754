package fakearm

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// The model agrees with the facts of azure-native 3.28.0 the bindings are checked against
// (azure/*/testdata): each type's required inputs are the schema's, and its name and create-only
// inputs are inputs of the type.
func TestTheModelAgreesWithTheFacts(t *testing.T) {
	files, err := filepath.Glob("../../../azure/*/testdata/azure-native-3.28.0-*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no facts files: %v", err)
	}
	checked := 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var facts struct {
			Resources map[string]struct {
				Token          string
				RequiredInputs []string
				Inputs         []struct{ Name string }
			}
		}
		if err := json.Unmarshal(data, &facts); err != nil {
			t.Fatal(err)
		}
		for _, r := range facts.Resources {
			model, modelled := Types[r.Token]
			if !modelled {
				continue
			}
			checked++
			required := slices.Sorted(slices.Values(model.Required))
			if want := slices.Sorted(slices.Values(r.RequiredInputs)); !slices.Equal(required, want) {
				t.Errorf("%s: required %v, the schema says %v", r.Token, required, want)
			}
			var inputs []string
			for _, in := range r.Inputs {
				inputs = append(inputs, in.Name)
			}
			for _, name := range append([]string{model.NameInput}, model.CreateOnly...) {
				if !slices.Contains(inputs, name) {
					t.Errorf("%s: %s is not one of its inputs %v", r.Token, name, inputs)
				}
			}
		}
	}
	if checked < 8 {
		t.Errorf("only %d modelled types found in the facts", checked)
	}
}

// A cluster scales within its tier: in-memory SKUs to in-memory ones, Flash Optimized to Flash
// Optimized (never across, V8), legacy Enterprise tiers up only.
func TestScaleTargets(t *testing.T) {
	tests := []struct {
		from  string
		to    []string
		notTo []string
	}{
		{"Balanced_B1", []string{"Balanced_B0", "Balanced_B3", "MemoryOptimized_M20", "ComputeOptimized_X700"},
			[]string{"Balanced_B1", "FlashOptimized_A250", "Enterprise_E10"}},
		{"FlashOptimized_A500", []string{"FlashOptimized_A250", "FlashOptimized_A1000"}, []string{"Balanced_B500", "FlashOptimized_A500"}},
		{"Enterprise_E10", []string{"Enterprise_E20"}, []string{"Enterprise_E5", "Balanced_B10", "EnterpriseFlash_F300"}},
	}
	for _, tt := range tests {
		targets := ScaleTargets(tt.from)
		for _, sku := range tt.to {
			if !slices.Contains(targets, sku) {
				t.Errorf("%s does not scale to %s: %v", tt.from, sku, targets)
			}
		}
		for _, sku := range tt.notTo {
			if slices.Contains(targets, sku) {
				t.Errorf("%s scales to %s", tt.from, sku)
			}
		}
	}
}
