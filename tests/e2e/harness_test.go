// Package e2e runs the real Pulumi engine over the components, in Go, TypeScript, Python and
// YAML, against the fake azure-native plugin (tests/fakeazure): up, a second up with no
// changes, updates that must not replace the cache, destroy.
package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/managedredis/pulumi-azure-managed-redis/tests/harness"
)

// engine is the Pulumi CLI with the plugins installed in a PULUMI_HOME of its own; repo the
// repository root; env the environment every Pulumi run gets.
var (
	engine *harness.Engine
	repo   string
	env    []string
)

// TestMain builds the provider plugin and the fake azure-native, installs them into a fresh
// PULUMI_HOME as plugins (nothing of ours on PATH), and makes the process's environment the
// engine's, for the Automation API.
func TestMain(m *testing.M) {
	code, err := setUp(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		os.Exit(1)
	}
	os.Exit(code)
}

func setUp(m *testing.M) (int, error) {
	tmp, err := os.MkdirTemp("", "amr-e2e-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(tmp)
	if engine, err = harness.New(tmp, harness.Options{}); err != nil {
		return 0, err
	}
	repo, env = engine.Repo, engine.Env
	engine.UseInThisProcess()
	return m.Run(), nil
}

// world is one test's private Azure and Pulumi backend.
type world struct {
	*harness.World
	t *testing.T
}

func newWorld(t *testing.T) *world {
	t.Helper()
	w, err := harness.NewWorld(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Close)
	return &world{World: w, t: t}
}

// environment is what a Pulumi run of this world needs on top of the process environment.
// spec is the program every language builds: user-assigned identities, one ManagedRedis named
// "cache" exporting every output, and standalone ManagedRedisAccess components built from its
// outputs. The drivers of the other languages read it as JSON.
type spec struct {
	ResourceGroupName string `json:"resourceGroupName"`
	// Identities are user-assigned identities the program declares, by name; a principal or an
	// access names one to use its principalId, an Output.
	Identities          []string          `json:"identities,omitempty"`
	Authentication      string            `json:"authentication,omitempty"`
	Principals          []principal       `json:"principals,omitempty"`
	Tags                map[string]string `json:"tags,omitempty"`
	EvictionPolicy      string            `json:"evictionPolicy,omitempty"`
	Sku                 string            `json:"sku,omitempty"`
	ExistingClusterName string            `json:"existingClusterName,omitempty"`
	// MigrateFrom is migrateFrom.cacheId: the cache succeeds that Azure Cache for Redis cache;
	// SwitchDns is migrateFrom.switchDns.
	MigrateFrom string `json:"migrateFrom,omitempty"`
	SwitchDns   bool   `json:"switchDns,omitempty"`
	// AccessKeyRotation is accessKeyRotation's label (AccessKey mode); none when empty.
	AccessKeyRotation string `json:"accessKeyRotation,omitempty"`
	// GeoReplicationGroup adds a geo-replication group (refused on small SKUs).
	GeoReplicationGroup string `json:"geoReplicationGroup,omitempty"`
	// Accesses are ManagedRedisAccess components, one per identity named, named after it and
	// built from the cache's outputs (EntraId mode).
	Accesses []string `json:"accesses,omitempty"`
	// AccessStrings are the access strings (preview) of Accesses, by name.
	AccessStrings map[string]string `json:"accessStrings,omitempty"`
	// SubnetId gives the cache a private endpoint in that subnet, in PrivateDnsZoneId's zone
	// (empty: a new zone).
	SubnetId         string `json:"subnetId,omitempty"`
	PrivateDnsZoneId string `json:"privateDnsZoneId,omitempty"`
	// WorkspaceId sends diagnostics to that Log Analytics workspace.
	WorkspaceId string `json:"workspaceId,omitempty"`
	// KeyUrl encrypts the cache with that key, read with the identity KeyIdentity (of
	// Identities, by its id: an Output), granted the key's role in the vault KeyVaultId.
	KeyUrl      string `json:"keyUrl,omitempty"`
	KeyIdentity string `json:"keyIdentity,omitempty"`
	KeyVaultId  string `json:"keyVaultId,omitempty"`
	// RoleAssignments are control-plane roles on the cache's cluster.
	RoleAssignments []roleAssignment `json:"roleAssignments,omitempty"`
	// Others are more caches in the resource group, with the default settings but these.
	Others []otherCache `json:"others,omitempty"`
}

// principal is an entry of accessPrincipals: a literal object id, or an identity's principalId.
type principal struct {
	Name     string   `json:"name,omitempty"`
	ObjectId string   `json:"objectId,omitempty"`
	Identity string   `json:"identity,omitempty"`
	Type     string   `json:"type,omitempty"`
	Aliases  []string `json:"aliases,omitempty"`
	// AccessString (preview); none when empty.
	AccessString string `json:"accessString,omitempty"`
}

// roleAssignment is an entry of roleAssignments, for an identity's principalId.
type roleAssignment struct {
	Name     string `json:"name,omitempty"`
	Role     string `json:"role"`
	Identity string `json:"identity"`
}

// otherCache is one more ManagedRedis, named Name.
type otherCache struct {
	Name       string      `json:"name"`
	Principals []principal `json:"principals,omitempty"`
	// Accesses are ManagedRedisAccess components named "<Name>-<identity>", built from this
	// cache's outputs.
	Accesses         []string `json:"accesses,omitempty"`
	SubnetId         string   `json:"subnetId,omitempty"`
	PrivateDnsZoneId string   `json:"privateDnsZoneId,omitempty"`
}

// request is one Pulumi operation on a stack.
type request struct {
	Operation string            `json:"operation"` // up, preview, destroy
	Project   string            `json:"project"`
	Stack     string            `json:"stack"`
	WorkDir   string            `json:"workDir"`
	Env       map[string]string `json:"env"`
	Spec      spec              `json:"spec"`
}

// response is what an operation reports.
type response struct {
	Outputs map[string]output `json:"outputs"`
	Steps   []step            `json:"steps"`
	Error   string            `json:"error,omitempty"`
}

type output struct {
	Value  any  `json:"value"`
	Secret bool `json:"secret"`
}

// step is one resource step the engine announced.
type step struct {
	Op   string `json:"op"`
	Type string `json:"type"`
	URN  string `json:"urn"`
}

// language runs requests: in-process for Go, through a driver program otherwise.
type language interface {
	name() string
	run(t *testing.T, req request) response
}

// driver runs a language's driver program with the request on stdin and reads the response
// from the last line of its stdout.
type driver struct {
	language string
	command  []string
}

func (d driver) name() string { return d.language }

func (d driver) run(t *testing.T, req request) response {
	t.Helper()
	in, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(d.command[0], d.command[1:]...)
	cmd.Dir = repo
	cmd.Env = env
	cmd.Stdin = strings.NewReader(string(in))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s driver: %v\n%s\n%s", d.language, err, out, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	var resp response
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &resp); err != nil {
		t.Fatalf("%s driver answered %q: %v\n%s", d.language, out, err, stderr.String())
	}
	return resp
}

// cli runs the Pulumi CLI in dir with this world's backend and returns its standard output.
func (w *world) cli(dir string, args ...string) string {
	w.t.Helper()
	out, err := engine.Run(dir, w.Environment(), args...)
	if err != nil {
		w.t.Fatal(err)
	}
	return out
}
