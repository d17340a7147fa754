package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/component"
	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
)

const (
	privateZoneType     = fakearm.PrivateZoneType
	networkLinkType     = fakearm.NetworkLinkType
	privateEndpointType = fakearm.PrivateEndpointType
	// zoneId is a zone privatelink.redis.azure.net made once, for every cache of the network.
	zoneId = "/subscriptions/" + fakearm.Subscription + "/resourceGroups/net/providers/Microsoft.Network/privateDnsZones/privatelink.redis.azure.net"
)

// Access that holds on every edit, with the real engine in every language: one line of
// assignments per database, renames that write nothing, and one private DNS zone per network.

func TestOneLineOfAssignmentsPerDatabase(t *testing.T)  { forEachLanguage(t, linesPerDatabase) }
func TestRenamedPrincipalsKeepTheirAccess(t *testing.T) { forEachLanguage(t, renamedPrincipals) }
func TestTwoPrivateCachesInOneNetwork(t *testing.T)     { forEachLanguage(t, twoPrivateCaches) }

// assignmentLatency keeps each access policy assignment write in flight long enough that
// writes the engine runs in parallel overlap in the fake's log.
const assignmentLatency = "AccessPolicyAssignment=400ms"

// Two caches, each with its own principals and a ManagedRedisAccess: on each database the
// writes come one after another, as Azure requires, and the two databases' lines run side by
// side; deletes too.
func linesPerDatabase(t *testing.T, l language) {
	w := newWorld(t)
	w.Latency = assignmentLatency
	s := newStack(t, l, w, "dev")
	sp := spec{ResourceGroupName: "rg", Identities: []string{"a1", "a2", "a3", "b1", "b2", "b3"},
		Principals: []principal{identity("a1"), identity("a2")}, Accesses: []string{"a3"},
		Others: []otherCache{{Name: "other", Principals: []principal{identity("b1"), identity("b2")}, Accesses: []string{"b3"}}}}
	up := s.mustRun("up", sp)
	if n := len(stepsOf(up, "create", assignmentType)); n != 6 {
		t.Errorf("%d assignments created, want 6", n)
	}
	writes := assignmentWrites(t, w)
	checkLines(t, "up", writes, 3)
	s.mustRun("destroy", sp)
	checkLines(t, "destroy", assignmentWrites(t, w)[len(writes):], 3)
	if conflicts := conflictsIn(w); len(conflicts) > 0 {
		t.Errorf("Azure refused writes: %v", conflicts)
	}
}

// write is one access policy assignment write the fake logged.
type write struct {
	database   string
	start, end time.Time
}

func assignmentWrites(t *testing.T, w *world) []write {
	t.Helper()
	var writes []write
	for _, line := range w.Store.Lines("assignments") {
		var start, end int64
		var id string
		if _, err := fmt.Sscanf(line, "%d %d %s", &start, &end, &id); err != nil {
			t.Fatalf("assignments.log: %q: %v", line, err)
		}
		database, _, _ := strings.Cut(id, "/accessPolicyAssignments/")
		writes = append(writes, write{strings.ToLower(database), time.Unix(0, start), time.Unix(0, end)})
	}
	return writes
}

// checkLines fails unless each of the two databases had perDatabase writes, none overlapping
// another of its database, and some write of one overlapped one of the other.
func checkLines(t *testing.T, what string, writes []write, perDatabase int) {
	t.Helper()
	byDatabase := map[string][]write{}
	for _, w := range writes {
		byDatabase[w.database] = append(byDatabase[w.database], w)
	}
	if len(byDatabase) != 2 {
		t.Fatalf("%s: writes on %d databases, want 2", what, len(byDatabase))
	}
	overlap := func(a, b write) bool { return a.start.Before(b.end) && b.start.Before(a.end) }
	for database, line := range byDatabase {
		if len(line) != perDatabase {
			t.Errorf("%s: %d writes on %s, want %d", what, len(line), database, perDatabase)
		}
		slices.SortFunc(line, func(a, b write) int { return a.start.Compare(b.start) })
		for i := 1; i < len(line); i++ {
			if overlap(line[i-1], line[i]) {
				t.Errorf("%s: two writes on %s overlap", what, database)
			}
		}
	}
	var lines [][]write
	for _, line := range byDatabase {
		lines = append(lines, line)
	}
	for _, a := range lines[0] {
		for _, b := range lines[1] {
			if overlap(a, b) {
				return
			}
		}
	}
	t.Errorf("%s: no write on one database overlapped one on the other: the lines waited for each other", what)
}

// A principal renamed with its earlier name in aliases (also a name given to a principal keyed
// by its object id) changes nothing in Azure; renamed without, the up fails as Azure refuses
// the new assignment under the old one's name, and nothing is lost.
func renamedPrincipals(t *testing.T, l language) {
	w := newWorld(t)
	s := newStack(t, l, w, "dev")
	before := spec{ResourceGroupName: "rg", Identities: []string{"api"},
		Principals: []principal{{ObjectId: principalA}, identity("api")}}
	s.mustRun("up", before)
	written := azureWrites(w)

	renamed := before
	renamed.Principals = []principal{{Name: "admin", ObjectId: principalA, Aliases: []string{principalA}},
		{Name: "web", Identity: "api", Aliases: []string{"api"}}}
	expectNoChanges(t, "renaming with aliases", s.mustRun("up", renamed))
	if after := azureWrites(w); after != written {
		t.Errorf("renaming with aliases wrote to Azure: %d writes, before %d", after, written)
	}
	expectNoChanges(t, "the next up", s.mustRun("up", renamed))

	withoutAliases := renamed
	withoutAliases.Principals = []principal{{Name: "ops", ObjectId: principalA}, renamed.Principals[1]}
	failed := s.run("up", withoutAliases)
	if !strings.Contains(failed.Error, "already exists") {
		t.Errorf("renaming without aliases: %q, want Azure's refusal (already exists)", failed.Error)
	}
	if n := len(stepsOf(failed, "delete", assignmentType)); n != 0 {
		t.Errorf("renaming without aliases deleted %d assignments", n)
	}
	if n := resourcesOfType(t, w, assignmentType); n != 2 {
		t.Errorf("%d assignments in Azure after the failed rename, want 2", n)
	}
}

// azureWrites counts the writes the fake received.
func azureWrites(w *world) int {
	n := 0
	for _, line := range w.Store.Lines("calls") {
		for _, op := range []string{"Create ", "Update ", "Delete ", "ARM "} { // ARM: the package's own writes
			if strings.HasPrefix(line, op) {
				n++
			}
		}
	}
	return n
}

// Two private caches in one virtual network without a zone given are refused at preview,
// before any write; with one zone given to both, they deploy.
func twoPrivateCaches(t *testing.T, l language) {
	w := newWorld(t)
	s := newStack(t, l, w, "dev")
	refused := spec{ResourceGroupName: "rg", SubnetId: subnetId, Others: []otherCache{{Name: "other", SubnetId: subnetId}}}
	preview := s.run("preview", refused)
	for _, want := range []string{"privateEndpoint.privateDnsZoneId", "already creates the private DNS zone",
		"pass its id as privateEndpoint.privateDnsZoneId"} {
		if !strings.Contains(preview.Error, want) {
			t.Errorf("preview: %q, want %q", preview.Error, want)
		}
	}
	if n := azureWrites(w); n != 0 {
		t.Errorf("the refused preview wrote to Azure %d times", n)
	}

	shared := refused
	shared.PrivateDnsZoneId = zoneId
	shared.Others = []otherCache{{Name: "other", SubnetId: subnetId, PrivateDnsZoneId: zoneId}}
	s.mustRun("up", shared)
	if n := resourcesOfType(t, w, privateZoneType) + resourcesOfType(t, w, networkLinkType); n != 0 {
		t.Errorf("%d zones and links created, want none: the zone was given", n)
	}
	if n := resourcesOfType(t, w, privateEndpointType); n != 2 {
		t.Errorf("%d private endpoints, want 2", n)
	}
}

// A ManagedRedisAccess is renamed as any Pulumi resource, with the aliases resource option:
// its assignment follows, and nothing is written to Azure. In Go (the library) and in YAML
// (over the wire).
func TestARenamedAccessKeepsItsAssignment(t *testing.T) {
	t.Run("go", func(t *testing.T) {
		w := newWorld(t)
		access := func(name string, opts ...pulumi.ResourceOption) pulumi.RunFunc {
			return func(ctx *pulumi.Context) error {
				_, err := component.NewManagedRedisAccess(ctx, name, &component.ManagedRedisAccessArgs{
					ClusterName: pulumi.String("legacy-cache"), ResourceGroupName: pulumi.String("shared"), ObjectId: pulumi.String(principalA),
				}, opts...)
				return err
			}
		}
		seedCache(t, w)
		previewThenUp(t, runInline(t, w, access("api")))
		written := azureWrites(w)
		renamed := runInline(t, w, access("web", pulumi.Aliases([]pulumi.Alias{{Name: pulumi.String("api")}})))
		for _, run := range renamed {
			if run.Error != "" || countOps(run.Steps, "create")+countOps(run.Steps, "delete")+countOps(run.Steps, "replace") > 0 {
				t.Errorf("%s of the renamed access: %v %s", run.Operation, run.Steps, run.Error)
			}
		}
		if after := azureWrites(w); after != written {
			t.Errorf("renaming the access wrote to Azure: %d writes, before %d", after, written)
		}
	})
	t.Run("yaml", func(t *testing.T) {
		w := newWorld(t)
		seedCache(t, w)
		program := func(name, options string) string {
			return "name: rename\nruntime: yaml\nresources:\n  " + name + ":\n" +
				"    type: azure-managed-redis:index:ManagedRedisAccess\n    properties:\n" +
				"      clusterName: legacy-cache\n      resourceGroupName: shared\n      objectId: " + principalA + "\n" + options
		}
		dir := t.TempDir()
		write := func(content string) {
			if err := os.WriteFile(filepath.Join(dir, "Pulumi.yaml"), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		write(program("api", ""))
		w.cli(dir, "stack", "init", "dev", "--secrets-provider", "passphrase")
		w.cli(dir, "up", "--yes", "--skip-preview")
		written := azureWrites(w)
		// Pulumi YAML takes aliases as URNs.
		write(program("web", "    options:\n      aliases:\n        - urn:pulumi:dev::rename::azure-managed-redis:index:ManagedRedisAccess::api\n"))
		w.cli(dir, "up", "--yes", "--expect-no-changes")
		if after := azureWrites(w); after != written {
			t.Errorf("renaming the access wrote to Azure: %d writes, before %d", after, written)
		}
	})
}

// seedCache gives the world an existing cache, legacy-cache in the resource group shared.
func seedCache(t *testing.T, w *world) {
	t.Helper()
	if err := w.Store.Seed(fakearm.ExistingCache("shared", "legacy-cache", "westeurope", "Disabled")...); err != nil {
		t.Fatal(err)
	}
}
