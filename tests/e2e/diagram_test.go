package e2e

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// docs/resources.dot, the picture of what the component creates in the README and the Registry
// docs, is drawn from the state of a real run (tests/e2e/testdata/diagram: a cache in each
// authentication mode, with one app's identity given access), so that it cannot drift from the
// code: this test fails when the committed file is not what the code gives now.
// `make diagram` rewrites it (UPDATE_DIAGRAM=1) and renders docs/resources.svg with Graphviz.
func TestResourceDiagramIsCurrent(t *testing.T) {
	w := newWorld(t)
	dir := yamlProject(t, "tests/e2e/testdata/diagram/Pulumi.yaml")
	w.cli(dir, "stack", "init", "dev", "--secrets-provider", "passphrase")
	w.cli(dir, "up", "--yes")
	var state struct {
		Deployment struct {
			Resources []stateResource `json:"resources"`
		} `json:"deployment"`
	}
	if err := json.Unmarshal([]byte(w.cli(dir, "stack", "export")), &state); err != nil {
		t.Fatal(err)
	}
	got := resourceGraph(state.Deployment.Resources)
	file := filepath.Join(repo, "docs/resources.dot")
	if os.Getenv("UPDATE_DIAGRAM") != "" {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil || string(want) != got {
		t.Errorf("docs/resources.dot is not what the code creates now (run make diagram, then commit): %v\nthe code gives:\n%s", err, got)
	}
	// The picture is the DOT's rendering: make diagram writes the DOT's hash into it.
	svg, err := os.ReadFile(filepath.Join(repo, "docs/resources.svg"))
	if sum := sha256.Sum256(want); err != nil || !strings.Contains(string(svg), "rendered from resources.dot sha256:"+hex.EncodeToString(sum[:])) {
		t.Errorf("docs/resources.svg is not rendered from docs/resources.dot (run make diagram, then commit): %v", err)
	}
}

type stateResource struct {
	URN          string         `json:"urn"`
	Type         string         `json:"type"`
	Custom       bool           `json:"custom"`
	Parent       string         `json:"parent"`
	Dependencies []string       `json:"dependencies"`
	Outputs      map[string]any `json:"outputs"`
}

// resourceGraph draws resources as DOT: each component a dashed box holding its children, each
// resource its type and name, an arrow from each resource to what depends on it (what is
// created first points at what comes after; a resource outside a component that its children
// depend on points at the component's box). The engine's own resources (the stack, providers,
// the stash that keeps a cache's names) are left out; lines are sorted, so the same resources
// give the same file.
func resourceGraph(resources []stateResource) string {
	byURN := map[string]stateResource{}
	for _, r := range resources {
		if !strings.HasPrefix(r.Type, "pulumi:") {
			byURN[r.URN] = r
		}
	}
	name := func(urn string) string { return urn[strings.LastIndex(urn, "::")+2:] }
	id := func(urn string) string { return strings.TrimPrefix(byURN[urn].Type, "azure-native:") + " " + name(urn) }
	var parents []string
	for urn, r := range byURN {
		if !r.Custom {
			parents = append(parents, urn)
		}
	}
	slices.Sort(parents)
	cluster := map[string]int{}
	for i, parent := range parents {
		cluster[parent] = i
	}
	children := map[string][]string{}
	var top, edges []string
	for urn, r := range byURN {
		if !r.Custom {
			continue
		}
		node := fmt.Sprintf("%q [label=%q];", id(urn), strings.TrimPrefix(r.Type, "azure-native:")+"\n"+name(urn))
		if _, ok := byURN[r.Parent]; ok {
			children[r.Parent] = append(children[r.Parent], node)
		} else {
			top = append(top, "  "+node)
		}
		for _, d := range r.Dependencies {
			dep, ok := byURN[d]
			if !ok || !dep.Custom {
				continue
			}
			if _, inside := byURN[r.Parent]; inside && dep.Parent != r.Parent {
				// Into a component from outside: one arrow to its box.
				edges = append(edges, fmt.Sprintf("  %q -> %q [lhead=cluster_%d];", id(d), id(children0(byURN, r.Parent)),
					cluster[r.Parent]))
				continue
			}
			edges = append(edges, fmt.Sprintf("  %q -> %q;", id(d), id(urn)))
		}
	}
	var b strings.Builder
	b.WriteString("// What ManagedRedis creates, drawn from an engine test's state by make diagram (tests/e2e/diagram_test.go).\n")
	b.WriteString("digraph resources {\n  rankdir=LR;\n  compound=true;\n")
	b.WriteString("  node [shape=box, style=rounded, fontname=\"Helvetica\", fontsize=10];\n  edge [color=\"#555555\"];\n")
	slices.Sort(top)
	b.WriteString(strings.Join(top, "\n") + "\n")
	for _, parent := range parents {
		r := byURN[parent]
		label := fmt.Sprintf("%s %s (%v)", r.Type[strings.LastIndex(r.Type, ":")+1:], name(parent), r.Outputs["authentication"])
		nodes := children[parent]
		slices.Sort(nodes)
		fmt.Fprintf(&b, "  subgraph cluster_%d {\n    label=%q;\n    style=dashed;\n    %s\n  }\n", cluster[parent], label,
			strings.Join(nodes, "\n    "))
	}
	slices.Sort(edges)
	edges = slices.Compact(edges)
	b.WriteString(strings.Join(edges, "\n") + "\n}\n")
	return b.String()
}

// children0 is a component's first child (by type and name): where arrows into its box point.
func children0(byURN map[string]stateResource, parent string) string {
	var first string
	for urn, r := range byURN {
		if r.Parent == parent && r.Custom && (first == "" || r.Type+urn < byURN[first].Type+first) {
			first = urn
		}
	}
	return first
}
