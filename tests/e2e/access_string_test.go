package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
	"github.com/managedredis/pulumi-azure-managed-redis/tests/fakeazure"
)

// accessStringsProgram is a YAML program: a cache whose principal "reader" has the access
// string reader (none when empty) and "admin" has none, and a standalone access "events" with
// an access string, on the same database.
func accessStringsProgram(reader string) string {
	line := ""
	if reader != "" {
		line = "\n          accessString: \"" + reader + "\""
	}
	return `name: access-strings
runtime: yaml
resources:
  reader:
    type: azure-native:managedidentity:UserAssignedIdentity
    properties: {resourceGroupName: rg}
    options: {version: 3.28.0}
  admin:
    type: azure-native:managedidentity:UserAssignedIdentity
    properties: {resourceGroupName: rg}
    options: {version: 3.28.0}
  events:
    type: azure-native:managedidentity:UserAssignedIdentity
    properties: {resourceGroupName: rg}
    options: {version: 3.28.0}
  cache:
    type: azure-managed-redis:index:ManagedRedis
    properties:
      resourceGroupName: rg
      accessPrincipals:
        - name: reader
          objectId: ${reader.principalId}` + line + `
        - name: admin
          objectId: ${admin.principalId}
  eventsAccess:
    type: azure-managed-redis:index:ManagedRedisAccess
    properties:
      clusterName: ${cache.clusterName}
      resourceGroupName: ${cache.resourceGroupName}
      objectId: ${events.principalId}
      accessString: "+@pubsub +@connection &events:*"
`
}

// In YAML, over the wire: access strings are written through the preview package (the engine's
// Parameterize call answered by the plugin), in the database's one line with the default
// assignments; changing a string is in place, removing or adding one replaces the assignment
// delete-first; after every up each principal has exactly one assignment, a preview is clean, and
// Azure never saw two assignments of one principal or two writes at once; a bad string is
// refused at preview (the order rules too, with Redis's advice) with no write.
func TestYamlAccessStrings(t *testing.T) {
	w := newWorld(t)
	w.Latency = assignmentLatency
	dir := t.TempDir()
	write := func(reader string) {
		if err := os.WriteFile(filepath.Join(dir, "Pulumi.yaml"), []byte(accessStringsProgram(reader)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("+@read +@connection ~cache:*")
	w.cli(dir, "stack", "init", "dev", "--secrets-provider", "passphrase")

	for _, step := range []struct{ name, reader, wantReader string }{
		{"up", "+@read +@connection ~cache:*", "+@read +@connection ~cache:*"},
		{"the string changed", "+@read +@write ~cache:*", "+@read +@write ~cache:*"},
		{"the string removed", "", ""},
		{"the string added back", "+@read ~cache:*", "+@read ~cache:*"},
	} {
		write(step.reader)
		w.cli(dir, "up", "--yes", "--skip-preview")
		assignments := assignmentsByObjectId(t, w)
		if len(assignments) != 3 {
			t.Fatalf("%s: %d principals with assignments, want 3: %v", step.name, len(assignments), assignments)
		}
		kinds := map[string]int{}
		for objectId, all := range assignments {
			if len(all) != 1 {
				t.Errorf("%s: %s has %d assignments", step.name, objectId, len(all))
			}
			kinds[all[0].Type]++
			if s := fakearm.Str(all[0].Properties, "accessString"); all[0].Type == fakearm.PreviewAssignmentType &&
				s != step.wantReader && s != "+@pubsub +@connection &events:*" {
				t.Errorf("%s: access string %q", step.name, s)
			}
		}
		wantPreview := 2
		if step.wantReader == "" {
			wantPreview = 1
		}
		if kinds[fakearm.PreviewAssignmentType] != wantPreview || kinds[assignmentType] != 3-wantPreview {
			t.Errorf("%s: assignments by type %v, want %d of the preview version", step.name, kinds, wantPreview)
		}
		w.cli(dir, "preview", "--expect-no-changes")
	}
	if conflicts := conflictsIn(w); len(conflicts) > 0 {
		t.Errorf("Azure refused writes: %v", conflicts)
	}
	for _, line := range w.Store.Lines("calls") {
		if strings.HasPrefix(line, "Duplicate ") {
			t.Errorf("Azure saw two assignments of one principal: %s", line)
		}
	}
	checkOneLine(t, assignmentWrites(t, w))
	if !strings.Contains(strings.Join(w.Store.Lines("calls"), "\n"), "Parameterize azure-native_redisenterprise_v20260601preview") {
		t.Error("the engine never parameterized the plugin")
	}

	written := azureWrites(w)
	write("+@reads ~* ~cache:* off")
	out, err := engine.Run(dir, w.Environment(), "preview")
	if err == nil {
		t.Fatal("a bad access string passed the preview")
	}
	for _, want := range []string{`accessPrincipals[0].accessString`, `"+@reads"`, `"~cache:*"`, "resetkeys", `"off"`, "rule access string"} {
		if !strings.Contains(out, want) {
			t.Errorf("the refusal lacks %s:\n%s", want, out)
		}
	}
	if azureWrites(w) != written {
		t.Error("the refused preview wrote to Azure")
	}
	write("+@read ~cache:*")
	w.cli(dir, "destroy", "--yes", "--skip-preview")
	if n := resourcesOfType(t, w, fakearm.PreviewAssignmentType) + resourcesOfType(t, w, assignmentType); n != 0 {
		t.Errorf("%d assignments after destroy", n)
	}
}

// assignmentsByObjectId are the access policy assignments in the fake Azure, at either API
// version, by the object id they grant.
func assignmentsByObjectId(t *testing.T, w *world) map[string][]fakeazure.Resource {
	t.Helper()
	all, err := w.Store.All()
	if err != nil {
		t.Fatal(err)
	}
	byId := map[string][]fakeazure.Resource{}
	for _, r := range all {
		if fakearm.IsAssignment(r.Type) {
			user, _ := r.Properties["user"].(map[string]any)
			id := strings.ToLower(fakearm.Str(user, "objectId"))
			byId[id] = append(byId[id], r)
		}
	}
	return byId
}

// checkOneLine: on one database, no two assignment writes were in flight at once.
func checkOneLine(t *testing.T, writes []write) {
	t.Helper()
	for i, a := range writes {
		for _, b := range writes[i+1:] {
			if a.database == b.database && a.start.Before(b.end) && b.start.Before(a.end) {
				t.Errorf("two assignment writes on %s at once", a.database)
			}
		}
	}
}

func TestAccessStringsInEveryLanguage(t *testing.T) { forEachLanguage(t, accessStrings) }

// Through each SDK: two principals, one with a read-only string, and a standalone access with a
// string on the same database; then the string changed, removed and added back: after each up one
// assignment per principal, of the version its string asks for, and a preview without changes;
// a bad string is refused at preview with no write, its password not shown.
func accessStrings(t *testing.T, l language) {
	w := newWorld(t)
	w.Latency = assignmentLatency
	s := newStack(t, l, w, "dev")
	sp := func(reader string) spec {
		return spec{ResourceGroupName: "rg", Identities: []string{"reader", "admin", "events"},
			Principals: []principal{{Name: "reader", Identity: "reader", AccessString: reader}, identity("admin")},
			Accesses:   []string{"events"}, AccessStrings: map[string]string{"events": "+@pubsub &events:*"}}
	}
	for _, reader := range []string{"+@read ~cache:*", "+@read +@write ~cache:*", "", "+@read ~cache:*"} {
		up := s.mustRun("up", sp(reader))
		if n := len(stepsOf(up, "replace", fakearm.PreviewAssignmentType)) + len(stepsOf(up, "replace", assignmentType)); n != 0 {
			t.Errorf("reader %q: %d assignments replaced", reader, n)
		}
		wantPreview := map[bool]int{true: 1, false: 2}[reader == ""]
		kinds := map[string]int{}
		for objectId, all := range assignmentsByObjectId(t, w) {
			if len(all) != 1 {
				t.Errorf("reader %q: %s has %d assignments", reader, objectId, len(all))
			}
			kinds[all[0].Type]++
		}
		if kinds[fakearm.PreviewAssignmentType] != wantPreview || kinds[assignmentType] != 3-wantPreview {
			t.Errorf("reader %q: assignments by type %v", reader, kinds)
		}
		if preview := s.mustRun("preview", sp(reader)); len(preview.Steps) != countOps(preview.Steps, "same") {
			t.Errorf("reader %q: the preview after up has changes: %v", reader, preview.Steps)
		}
	}
	checkOneLine(t, assignmentWrites(t, w))
	if conflicts := conflictsIn(w); len(conflicts) > 0 {
		t.Errorf("Azure refused writes: %v", conflicts)
	}
	written := azureWrites(w)
	// A password is named by its kind, never shown.
	if resp := s.run("preview", sp("+@read ~cache:* >Zq9Xw7Vb")); !strings.Contains(resp.Error, `accessPrincipals[0].accessString`) ||
		!strings.Contains(resp.Error, "a password rule (>...)") || !strings.Contains(resp.Error, "rule access string") ||
		strings.Contains(resp.Error, "Zq9Xw7Vb") {
		t.Errorf("a bad string: preview error %q", resp.Error)
	}
	if azureWrites(w) != written {
		t.Error("the refused preview wrote to Azure")
	}
	s.mustRun("destroy", sp("+@read ~cache:*"))
}
