package e2e

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
	"github.com/managedredis/pulumi-azure-managed-redis/tests/fakeazure"
)

// Access key rotation (accessKeyRotation) through the package's AccessKeyRotation resource and
// the fake's ARM endpoint: the first label regenerates nothing; each later one regenerates the
// key apps are not using, and the secrets and outputs move to it in the same up, with nothing
// else written; the other key stays as it was in Azure.

// rotationState is what Azure holds: the database's keys, and the fingerprints of the two secrets.
type rotationState struct {
	primary, secondary, keySecret, connectionSecret string
}

func rotationNow(t *testing.T, w *world, databaseId string) rotationState {
	t.Helper()
	database, err := w.Store.Get(databaseId)
	if err != nil || database == nil {
		t.Fatalf("database %s: %v", databaseId, err)
	}
	var s rotationState
	s.primary, s.secondary = fakearm.DatabaseKeys(databaseId, database.Properties)
	for _, r := range mustAll(t, w) {
		switch {
		case r.Type != fakearm.SecretType:
		case strings.HasSuffix(r.ID, "/primaryaccesskey--sessions"):
			s.keySecret, _ = r.Properties[fakearm.SecretFingerprintProperty].(string)
		case strings.HasSuffix(r.ID, "/connectionstrings--sessions"):
			s.connectionSecret, _ = r.Properties[fakearm.SecretFingerprintProperty].(string)
		}
	}
	return s
}

// expectActive checks that the secrets and the outputs carry the key active says.
func expectActive(t *testing.T, step string, now rotationState, outputs map[string]any, active string) {
	t.Helper()
	key := map[string]string{"Primary": now.primary, "Secondary": now.secondary}[active]
	if outputs["activeAccessKey"] != active || outputs["primaryAccessKey"] != now.primary || outputs["secondaryAccessKey"] != now.secondary {
		t.Errorf("%s: outputs active %v, keys not Azure's", step, outputs["activeAccessKey"])
	}
	conn, _ := outputs["connectionString"].(string)
	if !strings.HasSuffix(conn, ",password="+key) || now.connectionSecret != fakearm.SecretFingerprint(conn) ||
		now.keySecret != fakearm.SecretFingerprint(key) {
		t.Errorf("%s: the connection string or the secrets do not carry the %s key", step, active)
	}
}

func TestYamlAccessKeyRotation(t *testing.T) {
	w := newWorld(t)
	dir := yamlProject(t, "tests/e2e/testdata/rotation/Pulumi.yaml")
	w.cli(dir, "stack", "init", "dev", "--secrets-provider", "passphrase")
	outputsNow := func() map[string]any {
		var outputs map[string]any
		if err := json.Unmarshal([]byte(w.cli(dir, "stack", "output", "--json", "--show-secrets")), &outputs); err != nil {
			t.Fatal(err)
		}
		return outputs
	}
	w.cli(dir, "config", "set", "rotation", "2026-q1")
	w.cli(dir, "up", "--yes", "--skip-preview")
	outputs := outputsNow()
	databaseId, _ := outputs["databaseId"].(string)
	first := rotationNow(t, w, databaseId)
	expectActive(t, "the first label", first, outputs, "Primary")
	if calls := armCalls(w, "/regenerateKey"); len(calls) != 0 {
		t.Errorf("the first label regenerated: %v", calls)
	}

	previous := first
	for _, step := range []struct{ label, active string }{{"2026-q2", "Secondary"}, {"2026-q3", "Primary"}} {
		w.cli(dir, "config", "set", "rotation", step.label)
		written := len(w.Store.Lines("calls"))
		w.cli(dir, "preview")
		if n := azureWritesSince(w, written); len(n) != 0 {
			t.Errorf("%s: the preview wrote %v", step.label, n)
		}
		w.cli(dir, "up", "--yes", "--skip-preview")
		now := rotationNow(t, w, databaseId)
		expectActive(t, step.label, now, outputsNow(), step.active)
		regeneratedPrimary, regeneratedSecondary := now.primary != previous.primary, now.secondary != previous.secondary
		if regeneratedPrimary != (step.active == "Primary") || regeneratedSecondary != (step.active == "Secondary") {
			t.Errorf("%s: primary regenerated %t, secondary %t; want only the %s", step.label, regeneratedPrimary, regeneratedSecondary, step.active)
		}
		// The regeneration and the two secrets, nothing else.
		writes := azureWritesSince(w, written)
		if len(writes) != 3 || !strings.Contains(strings.Join(writes, "\n"), "regenerateKey") {
			t.Errorf("%s: writes %v, want the regeneration and the two secrets", step.label, writes)
		}
		w.cli(dir, "preview", "--expect-no-changes")
		previous = now
	}

	// Entra ID has no keys to rotate: refused at preview, nothing written.
	fresh := newWorld(t)
	other := yamlProject(t, "tests/e2e/testdata/rotation/Pulumi.yaml")
	fresh.cli(other, "stack", "init", "dev", "--secrets-provider", "passphrase")
	fresh.cli(other, "config", "set", "rotation", "2026-q1")
	fresh.cli(other, "config", "set", "authentication", "EntraId")
	if out, err := engine.Run(other, fresh.Environment(), "preview"); err == nil || !strings.Contains(out, `invalid input "accessKeyRotation"`) {
		t.Errorf("Entra ID with accessKeyRotation: %v\n%s", err, out)
	}
	if n := azureWrites(fresh); n != 0 {
		t.Errorf("the refused preview wrote %d times", n)
	}
}

// In TypeScript, through the generated SDK: two rotations.
func TestAccessKeyRotationInTypeScript(t *testing.T) {
	l := languages[1]
	w := newWorld(t)
	s := newStack(t, l, w, "dev")
	sp := spec{ResourceGroupName: "rg", Authentication: "AccessKey", AccessKeyRotation: "2026-q1"}
	up := s.mustRun("up", sp)
	databaseId, _ := up.Outputs["databaseId"].Value.(string)
	first := rotationNow(t, w, databaseId)
	for _, step := range []struct{ label, active string }{{"2026-q2", "Secondary"}, {"2026-q3", "Primary"}} {
		sp.AccessKeyRotation = step.label
		up = s.mustRun("up", sp)
		now := rotationNow(t, w, databaseId)
		key := map[string]string{"Primary": now.primary, "Secondary": now.secondary}[step.active]
		conn, _ := up.Outputs["connectionString"].Value.(string)
		if up.Outputs["activeAccessKey"].Value != step.active || !up.Outputs["connectionString"].Secret ||
			!strings.HasSuffix(conn, ",password="+key) {
			t.Errorf("%s: active %v, connection string on another key", step.label, up.Outputs["activeAccessKey"].Value)
		}
		if changed := changes(up); len(changed) != 3 {
			t.Errorf("%s: changed %v, want the rotation and the two secrets", step.label, changed)
		}
	}
	if last := rotationNow(t, w, databaseId); last.primary == first.primary || last.secondary == first.secondary {
		t.Errorf("after two rotations both keys should be new")
	}
}

// azureWritesSince are the writes in the fake's call log after its first n lines.
func azureWritesSince(w *world, n int) []string {
	var writes []string
	for _, line := range w.Store.Lines("calls")[n:] {
		for _, op := range []string{"Create ", "Update ", "Delete ", "ARM "} {
			if strings.HasPrefix(line, op) {
				writes = append(writes, line)
			}
		}
	}
	return writes
}

func mustAll(t *testing.T, w *world) []fakeazure.Resource {
	t.Helper()
	all, err := w.Store.All()
	if err != nil {
		t.Fatal(err)
	}
	return all
}
