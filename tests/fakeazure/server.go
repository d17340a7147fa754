// Package fakeazure is a TEST DOUBLE of the azure-native provider plugin v3.28.0: it answers
// the engine for every token the component uses, with the ids and outputs of the shared ARM
// model (internal/testdouble/fakearm), and behaves like Azure and azure-native where the component's
// correctness depends on it:
//
//   - create-only inputs (names, location, port, modules, geo-replication, as azure-native's
//     metadata marks them) force a replacement in Diff; everything else is an update, which
//     Azure refuses when it cannot make it on the existing resource (high availability off, a
//     SKU outside listSkusForScaling's targets, zones, less capacity, a clustering policy other
//     than away from NoCluster: fakearm.UpdateRefusal). Diff never asks for delete-first: a
//     replacement under the same Azure name fails, as a create under an existing name does,
//     unless the program asked for deleteBeforeReplace;
//   - an update's preview keeps the outputs no update changes (name, location), as azure-native
//     does; the rest of what Azure computes is unknown;
//   - a database created again under its name has new keys;
//   - listRedisEnterpriseSkusForScaling answers the cluster's scale targets (fakearm.ScaleTargets);
//   - a create under a name that exists fails with Conflict, as azure-native refuses it;
//   - listDatabaseKeys fails when the database's access keys are disabled;
//   - two access policy assignment writes in flight on one database fail, as Azure refuses them;
//     each write is logged with its start and end (assignments.log), so that tests see which
//     writes overlapped;
//   - a second link of a virtual network to a zone of one name (privatelink.redis.azure.net in
//     two resource groups) fails with BadRequest, as Azure refuses it;
//   - Key Vault vaults and secrets are soft-deleted: a deleted one keeps its name and is
//     recovered when one of that name is created again, as azure-native 3.28.0 does;
//   - resources live in a folder (FAKE_AZURE_STATE), so an "existing" cache or vault can be
//     pre-seeded, and every write to a seeded resource is recorded, as is every call;
//   - FAKE_AZURE_SEED ("vault:shared/shared-kv") pre-seeds resources, for a demo;
//   - FAKE_AZURE_LATENCY ("RedisEnterprise=2s,Database=500ms") slows writes down per type, for
//     benchmarks and for tests that need writes to overlap;
//   - FAKE_AZURE_FAIL ("azure-native:redisenterprise:getRedisEnterprise,...") fails those
//     functions as Azure does when it throttles (HTTP 429, whose text holds "404" in its
//     correlation id), for tests that a failed read is not taken for a missing resource;
//   - getClientToken gives each provider instance (plugin process) a token of its own, which
//     the fake's ARM endpoint (arm.go) takes.
//
// It is not Azure and does not validate what Azure validates beyond the above.
package fakeazure

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/managedredis/pulumi-azure-managed-redis/azure"
	"github.com/managedredis/pulumi-azure-managed-redis/azure/schema"
	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
)

// Version is the azure-native version the fake claims to be.
const Version = "3.28.0"

// AssignmentWindow is how long an access policy assignment write stays in flight, beyond its
// latency: long enough for writes the engine runs in parallel to overlap.
const AssignmentWindow = 300 * time.Millisecond

// Server is the fake plugin's gRPC server.
type Server struct {
	pulumirpc.UnimplementedResourceProviderServer

	store   *Store
	latency map[string]time.Duration
	// failing are the functions that fail, throttled (FAKE_AZURE_FAIL).
	failing []string
	// assignmentWindow is how long an access policy assignment write stays in flight.
	assignmentWindow time.Duration

	// parameterized is the package this plugin serves after the engine's Parameterize call (the
	// preview package), "" for azure-native itself.
	parameterized string

	// providerUrn is the URN of the provider this plugin process serves (Configure), token the
	// token getClientToken gives it (tokens.go).
	providerUrn, token string

	mu       sync.Mutex
	inFlight map[string]bool // database ids with an assignment write in flight
	links    sync.Mutex      // held while a virtual network link is checked and created
}

// NewServer opens the store named by FAKE_AZURE_STATE and reads FAKE_AZURE_LATENCY.
func NewServer() (*Server, error) {
	dir := os.Getenv("FAKE_AZURE_STATE")
	if dir == "" {
		dir = os.TempDir() + "/fake-azure"
	}
	store, err := OpenStore(dir)
	if err != nil {
		return nil, err
	}
	latency, err := parseLatency(os.Getenv("FAKE_AZURE_LATENCY"))
	if err != nil {
		return nil, err
	}
	if err := seedFromEnvironment(store, os.Getenv("FAKE_AZURE_SEED")); err != nil {
		return nil, err
	}
	return &Server{store: store, latency: latency, assignmentWindow: AssignmentWindow,
		inFlight: map[string]bool{}, failing: strings.FieldsFunc(os.Getenv("FAKE_AZURE_FAIL"), func(r rune) bool { return r == ',' })}, nil
}

func parseLatency(spec string) (map[string]time.Duration, error) {
	latency := map[string]time.Duration{}
	for _, item := range strings.Split(spec, ",") {
		if item = strings.TrimSpace(item); item == "" {
			continue
		}
		typ, value, ok := strings.Cut(item, "=")
		d, err := time.ParseDuration(value)
		if !ok || err != nil {
			return nil, fmt.Errorf("FAKE_AZURE_LATENCY: %q is not <Type>=<duration>", item)
		}
		latency[typ] = d
	}
	return latency, nil
}

// classicSeed is an Azure Cache for Redis (classic) cache "<name>/<sku>" in group, the sku as
// Standard_C1, Basic_C0 or Premium_P2 (Premium_P2x3 for three shards).
func classicSeed(group, spec string) (fakearm.Seed, error) {
	name, sku, _ := strings.Cut(spec, "/")
	tier, size, ok := strings.Cut(sku, "_")
	size, shardsText, _ := strings.Cut(size, "x")
	shards := 0
	if shardsText != "" {
		shards, _ = strconv.Atoi(shardsText)
	}
	if !ok || len(size) < 2 {
		return fakearm.Seed{}, fmt.Errorf("FAKE_AZURE_SEED: classic:%s/%s: want classic:<group>/<name>/<Tier>_<size>[x<shards>]", group, spec)
	}
	capacity, err := strconv.Atoi(size[1:])
	if err != nil {
		return fakearm.Seed{}, fmt.Errorf("FAKE_AZURE_SEED: classic:%s/%s: %w", group, spec, err)
	}
	return fakearm.ClassicCache(group, name, fakearm.DefaultLocation, tier, size[:1], capacity, shards, nil), nil
}

// seedFromEnvironment holds the resources FAKE_AZURE_SEED names ("vault:<group>/<name>" for an
// RBAC-mode Key Vault, "cache:<group>/<name>" for a cache with access keys enabled,
// "classic:<group>/<name>/<sku>" for an Azure Cache for Redis cache (classicSeed), separated
// by commas) as pre-existing, unless the store already has them: a demo's given vault.
func seedFromEnvironment(store *Store, spec string) error {
	for _, item := range strings.Split(spec, ",") {
		if item = strings.TrimSpace(item); item == "" {
			continue
		}
		kind, where, _ := strings.Cut(item, ":")
		group, name, ok := strings.Cut(where, "/")
		var seeds []fakearm.Seed
		switch {
		case ok && kind == "vault":
			seeds = fakearm.ExistingVault(group, name, true)
		case ok && kind == "cache":
			seeds = fakearm.ExistingCache(group, name, fakearm.DefaultLocation, "Enabled")
		case ok && kind == "classic":
			seed, err := classicSeed(group, name)
			if err != nil {
				return err
			}
			seeds = []fakearm.Seed{seed}
		default:
			return fmt.Errorf("FAKE_AZURE_SEED: %q is not vault:<group>/<name>, cache:<group>/<name> or classic:<group>/<name>/<sku>", item)
		}
		for _, seed := range seeds {
			existing, err := store.Get(seed.ID)
			switch {
			case err != nil:
				return err
			case existing != nil: // seeded by an earlier run: kept as it is now
				continue
			}
			if err := store.Seed(seed); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *Server) wait(typ string) {
	name := typ[strings.LastIndex(typ, ":")+1:]
	time.Sleep(s.latency[name])
}

func (s *Server) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: Version}, nil
}

func (s *Server) GetSchema(context.Context, *pulumirpc.GetSchemaRequest) (*pulumirpc.GetSchemaResponse, error) {
	if s.parameterized != "" {
		return &pulumirpc.GetSchemaResponse{Schema: string(schema.Preview)}, nil
	}
	return &pulumirpc.GetSchemaResponse{Schema: string(schema.AzureNative)}, nil
}

// Parameterize makes this plugin azure-native's package of one module at another API version,
// as azure-native does (provider_parameterize.go): from `pulumi package add`'s args
// [module, version], or from the value a generated SDK replays, the base64 text of
// {"module": ..., "version": ...}. The fake models one: redisenterprise 2026-06-01-preview.
func (s *Server) Parameterize(_ context.Context, req *pulumirpc.ParameterizeRequest) (*pulumirpc.ParameterizeResponse, error) {
	var module, version string
	switch p := req.GetParameters().(type) {
	case *pulumirpc.ParameterizeRequest_Args:
		if args := p.Args.GetArgs(); len(args) == 2 {
			module, version = args[0], "v"+strings.NewReplacer("-", "").Replace(args[1])
		}
	case *pulumirpc.ParameterizeRequest_Value:
		decoded, err := base64.StdEncoding.DecodeString(string(p.Value.GetValue()))
		var parameter struct{ Module, Version string }
		if err == nil {
			err = json.Unmarshal(decoded, &parameter)
		}
		if err != nil {
			return nil, fmt.Errorf("azure-native: the parameter %q is not the base64 text of {\"module\", \"version\"}: %w", p.Value.GetValue(), err)
		}
		module, version = parameter.Module, parameter.Version
	}
	name := "azure-native_" + module + "_" + version
	if name != azure.RedisEnterprisePreviewPackage {
		return nil, fmt.Errorf("the fake azure-native %s models one parameterized package, %s, not %s",
			Version, azure.RedisEnterprisePreviewPackage, name)
	}
	s.parameterized = name
	s.store.Log("calls", "Parameterize %s", name)
	return &pulumirpc.ParameterizeResponse{Name: name, Version: Version}, nil
}

func (s *Server) CheckConfig(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	return &pulumirpc.CheckResponse{Inputs: req.GetNews()}, nil
}

func (s *Server) DiffConfig(context.Context, *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE}, nil
}

func (s *Server) Configure(_ context.Context, req *pulumirpc.ConfigureRequest) (*pulumirpc.ConfigureResponse, error) {
	s.mu.Lock()
	s.providerUrn = req.GetUrn()
	s.mu.Unlock()
	return &pulumirpc.ConfigureResponse{AcceptSecrets: true, SupportsPreview: true, AcceptResources: true,
		AcceptOutputs: true}, nil
}

func (s *Server) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}

// Check refuses an unknown type or a missing required input, as azure-native does, and
// auto-names a resource whose name input is absent, keeping the name it had.
func (s *Server) Check(_ context.Context, req *pulumirpc.CheckRequest) (_ *pulumirpc.CheckResponse, err error) {
	typ := typeOf(req.GetUrn())
	defer guard(&err, "Check", typ)
	s.store.Log("calls", "Check %s", typ)
	news, err := unmarshal(req.GetNews())
	if err != nil {
		return nil, err
	}
	t, err := fakearm.Validate(typ, plainMap(news, false))
	if err != nil {
		return &pulumirpc.CheckResponse{Failures: []*pulumirpc.CheckFailure{{Reason: err.Error()}}}, nil
	}
	if _, named := news[resource.PropertyKey(t.NameInput)]; !named {
		olds, err := unmarshal(req.GetOlds())
		if err != nil {
			return nil, err
		}
		name, had := olds[resource.PropertyKey(t.NameInput)]
		if !had {
			sum := sha256.Sum256([]byte(req.GetUrn()))
			name = resource.NewProperty(resource.URN(req.GetUrn()).Name() + "-" + hex.EncodeToString(sum[:4]))
		}
		news[resource.PropertyKey(t.NameInput)] = name
	}
	inputs, err := marshal(news)
	return &pulumirpc.CheckResponse{Inputs: inputs}, err
}

func (s *Server) Diff(_ context.Context, req *pulumirpc.DiffRequest) (_ *pulumirpc.DiffResponse, err error) {
	typ := typeOf(req.GetUrn())
	defer guard(&err, "Diff", typ)
	s.store.Log("calls", "Diff %s %s", typ, req.GetId())
	t, err := fakearm.TypeOf(typ)
	if err != nil {
		return nil, err
	}
	oldStruct := req.GetOldInputs()
	if oldStruct == nil {
		oldStruct = req.GetOlds()
	}
	olds, err := plainOf(oldStruct, false)
	if err != nil {
		return nil, err
	}
	news, err := plainOf(req.GetNews(), false)
	if err != nil {
		return nil, err
	}
	diffs := fakearm.Changed(olds, news)
	if len(diffs) == 0 {
		return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE}, nil
	}
	replaces := t.Replaces(olds, news)
	return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_SOME, Diffs: diffs, Replaces: replaces}, nil
}

func (s *Server) Create(_ context.Context, req *pulumirpc.CreateRequest) (_ *pulumirpc.CreateResponse, err error) {
	typ := typeOf(req.GetUrn())
	defer guard(&err, "Create", typ)
	inputs, err := unmarshal(req.GetProperties())
	if err != nil {
		return nil, err
	}
	in := plainMap(inputs, false)
	t, err := fakearm.Validate(typ, in)
	if err != nil {
		return nil, err
	}
	if req.GetPreview() {
		// Every output is unknown until Azure answers, the id too.
		return s.respond("", inputs, t.Outputs(t.ID(in), in), true)
	}
	id := t.ID(in)
	existing, err := s.touch("Create", typ, id)
	if err != nil {
		return nil, err
	}
	switch {
	case existing != nil && existing.Deleted:
		// azure-native 3.28.0 recovers a soft-deleted vault or secret, then writes it.
		s.store.Log("calls", "Recover %s %s", typ, id)
	case existing != nil:
		s.store.Log("calls", "Conflict %s", id)
		return nil, fmt.Errorf("(Conflict) %s already exists: import it or choose another name", id)
	}
	if typ == fakearm.NetworkLinkType {
		// Check and write at once, so that two links created in parallel see each other.
		s.links.Lock()
		defer s.links.Unlock()
		if err := s.refuseOverlappingLink(id, in); err != nil {
			return nil, err
		}
	}
	properties, err := s.put(typ, id, inputs, false)
	if err == nil && typ == fakearm.DatabaseType {
		err = s.newKeysIfRecreated(id)
	}
	return &pulumirpc.CreateResponse{Id: id, Properties: properties}, err
}

// newKeysIfRecreated gives a database created again under its name new keys, kept with it as
// Azure keeps them (never an output).
func (s *Server) newKeysIfRecreated(id string) error {
	creation, err := s.store.CountCreation(id)
	keys := fakearm.RecreatedKeys(id, creation)
	if err != nil || keys == nil {
		return err
	}
	r, err := s.store.Get(id)
	if err != nil {
		return err
	}
	r.Properties[fakearm.KeysProperty] = keys
	return s.store.Put(r)
}

// previewUpdate is the outputs of an update at preview, as azure-native 3.28.0 gives them: the
// inputs, with what Azure computes unknown, except the outputs no update changes (name and
// location, from the old state), so that what depends on them is not replaced in the preview.
func (s *Server) previewUpdate(req *pulumirpc.UpdateRequest, id string, inputs resource.PropertyMap, outputs map[string]any,
) (*pulumirpc.UpdateResponse, error) {
	olds, err := unmarshal(req.GetOlds())
	if err != nil {
		return nil, err
	}
	resp, err := s.respond(id, inputs, outputs, true)
	if err != nil {
		return nil, err
	}
	props, err := unmarshal(resp.GetProperties())
	if err != nil {
		return nil, err
	}
	for _, stable := range []resource.PropertyKey{"name", "location"} {
		if old, had := olds[stable]; had {
			props[stable] = old
		}
	}
	st, err := marshal(props)
	return &pulumirpc.UpdateResponse{Properties: st}, err
}

// refuseOverlappingLink refuses to link a virtual network to a private DNS zone when it is
// linked to another zone of that name already (in another resource group), as Azure does.
func (s *Server) refuseOverlappingLink(id string, in map[string]any) error {
	network, _ := in["virtualNetwork"].(map[string]any)
	networkId, _ := network["id"].(string)
	all, err := s.store.All()
	if err != nil {
		return err
	}
	for _, r := range all {
		other, _ := r.Properties["virtualNetwork"].(map[string]any)
		otherId, _ := other["id"].(string)
		if r.Type == fakearm.NetworkLinkType && !strings.EqualFold(r.ID, id) && strings.EqualFold(otherId, networkId) &&
			strings.EqualFold(fakearm.Str(r.Properties, "privateZoneName"), fakearm.Str(in, "privateZoneName")) {
			s.store.Log("calls", "BadRequest %s", id)
			return fmt.Errorf("(BadRequest) a virtual network cannot be linked to multiple zones with overlapping "+
				"namespaces: %s is linked to %s by %s", networkId, fakearm.Str(in, "privateZoneName"), r.ID)
		}
	}
	return nil
}

func (s *Server) Update(_ context.Context, req *pulumirpc.UpdateRequest) (_ *pulumirpc.UpdateResponse, err error) {
	typ := typeOf(req.GetUrn())
	defer guard(&err, "Update", typ)
	id := req.GetId()
	inputs, err := unmarshal(req.GetNews())
	if err != nil {
		return nil, err
	}
	in := plainMap(inputs, false)
	t, err := fakearm.Validate(typ, in)
	if err != nil {
		return nil, err
	}
	if req.GetPreview() {
		return s.previewUpdate(req, id, inputs, t.Outputs(id, in))
	}
	existing, err := s.touch("Update", typ, id)
	if err != nil {
		return nil, err
	}
	if existing == nil || existing.Deleted {
		return nil, fmt.Errorf("(ResourceNotFound) %s does not exist", id)
	}
	if refusal := fakearm.UpdateRefusal(typ, id, existing.Properties, in); refusal != "" {
		s.store.Log("calls", "Refused %s", id)
		return nil, errors.New(refusal)
	}
	properties, err := s.put(typ, id, inputs, existing.Seeded)
	return &pulumirpc.UpdateResponse{Properties: properties}, err
}

func (s *Server) Delete(_ context.Context, req *pulumirpc.DeleteRequest) (_ *emptypb.Empty, err error) {
	typ := typeOf(req.GetUrn())
	defer guard(&err, "Delete", typ)
	id := req.GetId()
	t, err := fakearm.TypeOf(typ)
	if err != nil {
		return nil, err
	}
	if _, err := s.touch("Delete", typ, id); err != nil {
		return nil, err
	}
	done, err := s.enterAssignmentWrite(typ, id)
	if err != nil {
		return nil, err
	}
	defer done()
	s.wait(typ)
	if t.SoftDelete {
		return &emptypb.Empty{}, s.store.SoftDelete(id)
	}
	return &emptypb.Empty{}, s.store.Delete(id)
}

// touch logs an operation and reads the resource it is about to write, recording the write
// when the resource was pre-seeded.
func (s *Server) touch(operation, typ, id string) (*Resource, error) {
	s.store.Log("calls", "%s %s %s", operation, typ, id)
	existing, err := s.store.Get(id)
	if err == nil && existing != nil && existing.Seeded {
		s.store.Log("writes", "%s %s", operation, id)
	}
	return existing, err
}

// put writes a resource as ARM's PUT does, after the type's latency and, for access policy
// assignments, one at a time per database; it returns the resource's outputs.
func (s *Server) put(typ, id string, inputs resource.PropertyMap, seeded bool) (*structpb.Struct, error) {
	done, err := s.enterAssignmentWrite(typ, id)
	if err != nil {
		return nil, err
	}
	defer done()
	s.wait(typ)
	in := plainMap(inputs, false)
	if fakearm.IsAssignment(typ) {
		if err := s.refuseAssignment(typ, id, in); err != nil {
			return nil, err
		}
	}
	outputs := fakearm.Types[typ].Outputs(id, in)
	if err := s.save(typ, id, inputs, outputs, seeded); err != nil {
		return nil, err
	}
	resp, err := s.respond(id, inputs, outputs, false)
	return resp.GetProperties(), err
}

// refuseAssignment refuses what Azure refuses of an access policy assignment: an access string
// Redis does not take (InvalidAccessString), and a second assignment of one object id on a
// database, whichever API version wrote either.
func (s *Server) refuseAssignment(typ, id string, in map[string]any) error {
	if typ == fakearm.PreviewAssignmentType {
		if err := fakearm.InvalidAccessString(fakearm.Str(in, "accessString")); err != nil {
			s.store.Log("calls", "InvalidAccessString %s", id)
			return err
		}
	}
	database, _, _ := strings.Cut(id, "/accessPolicyAssignments/")
	user, _ := in["user"].(map[string]any)
	objectId := fakearm.Str(user, "objectId")
	all, err := s.store.All()
	if err != nil {
		return err
	}
	for _, r := range all {
		other, _ := r.Properties["user"].(map[string]any)
		if fakearm.IsAssignment(r.Type) && !r.Deleted && !strings.EqualFold(r.ID, id) &&
			strings.HasPrefix(strings.ToLower(r.ID), strings.ToLower(database)+"/") &&
			strings.EqualFold(fakearm.Str(other, "objectId"), objectId) {
			s.store.Log("calls", "Duplicate %s", id)
			return fmt.Errorf("(Conflict) the user %s already has an access policy assignment on %s (%s): Azure allows one "+
				"per user and database", objectId, database, r.ID)
		}
	}
	return nil
}

func (s *Server) Read(_ context.Context, req *pulumirpc.ReadRequest) (_ *pulumirpc.ReadResponse, err error) {
	typ := typeOf(req.GetUrn())
	defer guard(&err, "Read", typ)
	s.store.Log("calls", "Read %s", req.GetId())
	if _, err := fakearm.TypeOf(typ); err != nil && typ != "" { // the id is all a read needs
		return nil, err
	}
	existing, err := s.store.Get(req.GetId())
	if err != nil || existing == nil || existing.Deleted {
		return &pulumirpc.ReadResponse{}, err
	}
	props := req.GetProperties()
	if props == nil {
		props, err = structpb.NewStruct(existing.Properties)
		if err != nil {
			return nil, err
		}
	}
	return &pulumirpc.ReadResponse{Id: existing.ID, Properties: props, Inputs: req.GetInputs()}, nil
}

// enterAssignmentWrite refuses a second access policy assignment write on a database while
// one is in flight, as Azure does, and keeps each write in flight for a while so that writes
// the engine runs in parallel overlap.
func (s *Server) enterAssignmentWrite(typ, id string) (done func(), err error) {
	if !fakearm.IsAssignment(typ) {
		return func() {}, nil
	}
	database, _, ok := strings.Cut(id, "/accessPolicyAssignments/")
	if !ok {
		return nil, fmt.Errorf("%s: %q is not the id of an access policy assignment", typ, id)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.inFlight[database] {
		s.store.Log("calls", "Conflict %s", id)
		return nil, fmt.Errorf("(Conflict) another access policy assignment operation is in progress on %s: "+
			"Azure accepts one at a time", database)
	}
	s.inFlight[database] = true
	start := time.Now()
	return func() {
		time.Sleep(s.assignmentWindow)
		s.mu.Lock()
		defer s.mu.Unlock()
		delete(s.inFlight, database)
		s.store.Log("assignments", "%d %d %s", start.UnixNano(), time.Now().UnixNano(), id)
	}, nil
}

// save stores a resource, its secrets blanked, keeping what Azure keeps across a PUT (a
// database's keys).
func (s *Server) save(typ, id string, inputs resource.PropertyMap, outputs map[string]any, seeded bool) error {
	properties := plainMap(inputs, true)
	for k, v := range outputs {
		properties[k] = v
	}
	properties["id"] = id
	if typ == fakearm.SecretType {
		// Azure holds the value; the fake a fingerprint of it, for tests to compare.
		value, _ := plainMap(inputs, false)["properties"].(map[string]any)
		properties[fakearm.SecretFingerprintProperty] = fakearm.SecretFingerprint(fakearm.Str(value, "value"))
	}
	if existing, err := s.store.Get(id); err == nil && existing != nil && !existing.Deleted {
		if keys, ok := existing.Properties[fakearm.KeysProperty]; ok {
			properties[fakearm.KeysProperty] = keys
		}
	}
	return s.store.Put(&Resource{ID: id, Type: typ, Properties: properties, Seeded: seeded})
}

// respond builds a Create response: the inputs (secrets kept secret) with Azure's outputs on
// top, all unknown during a preview. An output replaces the input of its name, which is how a
// Key Vault secret's value is not echoed.
func (s *Server) respond(id string, inputs resource.PropertyMap, outputs map[string]any, preview bool,
) (*pulumirpc.CreateResponse, error) {
	props := inputs.Copy()
	for k, v := range outputs {
		value := resource.NewPropertyValue(v)
		if preview {
			value = resource.MakeComputed(resource.NewProperty(""))
		}
		props[resource.PropertyKey(k)] = value
	}
	props["azureApiVersion"] = resource.NewProperty(fakearm.APIVersion)
	st, err := marshal(props)
	return &pulumirpc.CreateResponse{Id: id, Properties: st}, err
}

// typeOf is the type token of a URN, empty when the URN is not one.
func typeOf(urn string) string {
	if !resource.URN(urn).IsValid() {
		return ""
	}
	return resource.URN(urn).Type().String()
}

// guard turns a panic of the fake into an error naming the call and the type: the engine shows
// it, instead of losing the plugin.
func guard(err *error, call, typ string) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("the fake azure-native failed in %s of %s: %v", call, typ, r)
	}
}

func unmarshal(st *structpb.Struct) (resource.PropertyMap, error) {
	return plugin.UnmarshalProperties(st, plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true,
		KeepResources: true, KeepOutputValues: true, SkipNulls: true})
}

func marshal(props resource.PropertyMap) (*structpb.Struct, error) {
	return plugin.MarshalProperties(props, plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true,
		KeepResources: true, KeepOutputValues: true})
}

func plainOf(st *structpb.Struct, blankSecrets bool) (map[string]any, error) {
	props, err := unmarshal(st)
	if err != nil {
		return nil, err
	}
	return plainMap(props, blankSecrets), nil
}

// plainMap turns properties into plain Go values; unknowns become "<unknown>" and secrets
// their value, or "[secret]" when blanked.
func plainMap(props resource.PropertyMap, blankSecrets bool) map[string]any {
	m := map[string]any{}
	for k, v := range props {
		m[string(k)] = plainValue(v, blankSecrets)
	}
	return m
}

func plainValue(v resource.PropertyValue, blankSecrets bool) any {
	switch {
	case v.IsSecret():
		if blankSecrets {
			return "[secret]"
		}
		return plainValue(v.SecretValue().Element, blankSecrets)
	case v.IsComputed():
		return "<unknown>"
	case v.IsOutput():
		if !v.OutputValue().Known {
			return "<unknown>"
		}
		if v.OutputValue().Secret && blankSecrets {
			return "[secret]"
		}
		return plainValue(v.OutputValue().Element, blankSecrets)
	case v.IsObject():
		return plainMap(v.ObjectValue(), blankSecrets)
	case v.IsArray():
		items := make([]any, len(v.ArrayValue()))
		for i, item := range v.ArrayValue() {
			items[i] = plainValue(item, blankSecrets)
		}
		return items
	default:
		return v.Mappable()
	}
}
