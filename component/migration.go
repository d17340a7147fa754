package component

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure/redisenterprise"
)

// Moving from Azure Cache for Redis (classic, Microsoft.Cache/redis). The source is read with
// azure-native's getRedis (3.28.0's default API, 2024-11-01) while the program runs, never
// written, as soon as its id is known, and with it the new cache once that exists
// (migration_read.go); what the user did not give is derived from what was read
// (migration_derive.go, a pure function), and every rule is checked with the values the cache
// will really have, so that a preview refuses everything at once. Then, with switchDns, the
// package's own Migration resource takes the source's host name over once everything else
// exists (migration_switch.go).

// MigrationSource is an Azure Cache for Redis (classic) cache this cache succeeds.
type MigrationSource struct {
	// CacheId is the ARM id of the source, a `Microsoft.Cache/redis` cache
	// (`/subscriptions/<sub>/resourceGroups/<group>/providers/Microsoft.Cache/Redis/<name>`), in
	// the subscription the cache deploys to. It is read as soon as it is known (at preview
	// unless it comes from a resource still to be created), never written.
	CacheId pulumi.StringInput `pulumi:"cacheId"`
	// SwitchDns points the source's host name at the new cache with Azure's migration, once the
	// cache, its access and its secrets exist, after Azure's validation: the source's clients
	// keep their host name and access key; no data is copied. Turning it back to false undoes
	// the switch while Azure allows it. Default: false.
	SwitchDns bool `pulumi:"switchDns,optional"`
}

// MigrationStatus is what migrateFrom derived from its source, the state of the host name
// switch, and what the new cache does not have. Before removing migrateFrom from the program,
// write `sku`, `location`, `highAvailability` (false for a Basic source), `publicNetworkAccess`,
// `tags`, `authentication` and the database's `clusteringPolicy` and `evictionPolicy` with the
// cache's values, or the defaults would apply.
type MigrationStatus struct {
	// SourceHostName is the source's host name (empty once the source is deleted).
	SourceHostName string `pulumi:"sourceHostName" json:"sourceHostName"`
	// SourceSku is the source's SKU, e.g. `Premium P2` (`Premium P2 x3` for a cache of three
	// shards; empty once the source is deleted).
	SourceSku string `pulumi:"sourceSku" json:"sourceSku"`
	// Sku is the new cache's SKU: the given one, or the one chosen from Microsoft's mapping table.
	Sku string `pulumi:"sku" json:"sku"`
	// State is `NotStarted` without switchDns, else Azure's state of the migration (`Completed`
	// once the source's host name points at the new cache; `Cancelled` once undone).
	State string `pulumi:"state" json:"state"`
	// StatusDetails are Azure's details of the migration's state.
	StatusDetails string `pulumi:"statusDetails" json:"statusDetails"`
	// RollbackEligibleUntil is when Azure stops allowing the switch to be undone, where its API
	// version says (empty otherwise).
	RollbackEligibleUntil string `pulumi:"rollbackEligibleUntil" json:"rollbackEligibleUntil"`
	// NotCarried are the source's settings the new cache does not have.
	NotCarried []string `pulumi:"notCarried" json:"notCarried"`
}

// MigrationStatusOutput is a MigrationStatus Output.
type MigrationStatusOutput struct{ *pulumi.OutputState }

func (MigrationStatusOutput) ElementType() reflect.Type { return reflect.TypeFor[MigrationStatus]() }

func init() {
	pulumi.RegisterOutputType(MigrationStatusOutput{})
}

// MigrationNotStarted is the migration's state without switchDns.
const MigrationNotStarted = "NotStarted"

// migration is migrateFrom resolved.
type migration struct {
	cacheId   pulumi.StringOutput // checked
	switchDns bool
	// derived is what the source decided (nil while its id is unknown: pending).
	derived *derivedCache
	// given are the inputs the user wrote, which the source does not decide (read while pending).
	given struct{ sku, location, highAvailability, publicNetworkAccess, clusteringPolicy, evictionPolicy bool }
}

// pending: the source's id is not known yet (a preview), so neither is what it decides.
func (m *migration) pending() bool { return m.derived == nil }

var (
	classicCacheId    = regexp.MustCompile(`(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.Cache/redis/[^/]+$`)
	enterpriseCacheId = regexp.MustCompile(`(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.Cache/redisEnterprise/`)
)

// cacheIdProblem: a Microsoft.Cache/redis id.
func cacheIdProblem(id string) string {
	switch {
	case classicCacheId.MatchString(id):
		return ""
	case enterpriseCacheId.MatchString(id):
		return fmt.Sprintf("%q is an Azure Cache for Redis Enterprise (or Azure Managed Redis) cache: this package "+
			"moves Basic, Standard and Premium caches; move an Enterprise cache in place with Microsoft's Enterprise "+
			"migration tooling (a SKU update of the cache, after tagging it amr-migration-data-preserve=False)", id)
	}
	return fmt.Sprintf("%q is not the ARM id of an Azure Cache for Redis cache "+
		"(/subscriptions/<sub>/resourceGroups/<group>/providers/Microsoft.Cache/Redis/<name>)", id)
}

// migrationRules: a migrateFrom cache is an Azure Managed Redis SKU (not with existing: the
// existing cache rule refuses every input of a new cache).
func migrationRules(a *ManagedRedisArgs, _ *settings) []refusal {
	if a.MigrateFrom == nil || (a.Capacity == nil && len(a.Zones) == 0) {
		return nil
	}
	input := "capacity"
	if a.Capacity == nil {
		input = "zones"
	}
	return []refusal{refuse(input, "capacity and zones are for the legacy Enterprise SKUs, and a migrateFrom "+
		"cache is an Azure Managed Redis SKU: leave them out")}
}

// settingsFromSource resolves args whose migrateFrom source decides what they do not give: it
// reads the source (and the new cache, once it exists), derives, and checks every rule with the
// values the cache will have, refusing everything at once.
func (b *builder) settingsFromSource(name string, args *ManagedRedisArgs) (*settings, error) {
	read, err := b.readMigration(name, args)
	if err != nil {
		return nil, err
	}
	if read == nil {
		// The source's id is not known yet (it comes from a resource still to be created): what
		// it decides is not either, until `up`; the authentication decides which resources
		// exist, so it must be written then.
		if args.Authentication == "" {
			return nil, errors.Join(validateWhateverTheAuthentication(name, args), inputError("authentication", "migration",
				"with migrateFrom and no authentication, the source decides it, read while the program runs, but "+
					"migrateFrom.cacheId is not known yet (it comes from a resource still to be created): write "+
					"authentication (AccessKey if the source's clients use access keys, EntraId if it has them disabled)"))
		}
		return b.checked(name, args)
	}
	derived, refused := derive(args, *read)
	effective := derived.onto(*args)
	s, err := b.checked(name, &effective)
	if err != nil {
		refused = append(refused, fromDerivedValues(err, refusals(args, resolve(name, *args)), derived)...)
	}
	if len(refused) > 0 {
		return nil, errors.Join(refused...)
	}
	if derived.Warning != "" && b.ctx.DryRun() {
		_ = b.ctx.Log.Warn(derived.Warning, &pulumi.LogArgs{Resource: b.parent})
	}
	s.migration.derived = &derived
	return s, nil
}

// fromDerivedValues is the refusals of err, each one that the inputs as written do not meet
// (base) saying which derived values it met.
func fromDerivedValues(err error, base []error, d derivedCache) []error {
	seen := map[string]bool{}
	for _, e := range InputErrors(errors.Join(base...)) {
		seen[e.Input+"\x00"+e.Rule] = true
	}
	var refused []error
	for _, e := range InputErrors(err) {
		if !seen[e.Input+"\x00"+e.Rule] {
			e = &InputError{Input: e.Input, Rule: e.Rule, Problem: e.Problem + " (with what migrateFrom derived from the source: " + d.summary() + ")"}
		}
		refused = append(refused, e)
	}
	if len(refused) == 0 { // not a refusal of inputs
		return []error{err}
	}
	return refused
}

// noMigration is the migration output without migrateFrom: empty.
func noMigration() MigrationStatusOutput {
	return pulumi.ToOutput(MigrationStatus{NotCarried: []string{}}).(MigrationStatusOutput)
}

// applyPending makes the cluster's and database's inputs the source decides unknown while it is
// pending: in a preview whose source's id comes from a resource still to be created. (A source
// is always read during an update, so these never resolve.)
func (m *migration) applyPending(cluster *redisenterprise.RedisEnterpriseArgs, database *redisenterprise.DatabaseArgs) {
	if !m.pending() {
		return
	}
	unknown := m.cacheId.ApplyT(func(string) (string, error) {
		return "", errors.New("migrateFrom: the source was not read")
	}).(pulumi.StringOutput)
	g := m.given
	if !g.sku {
		cluster.Sku = redisenterprise.SkuArgs{Name: unknown}
	}
	if !g.location {
		cluster.Location = unknown
	}
	if !g.highAvailability {
		cluster.HighAvailability = unknown
	}
	if !g.publicNetworkAccess {
		cluster.PublicNetworkAccess = unknown
	}
	cluster.Tags = unknown.ApplyT(func(string) map[string]string { return nil }).(pulumi.StringMapOutput)
	if !g.clusteringPolicy {
		database.ClusteringPolicy = unknown
	}
	if !g.evictionPolicy {
		database.EvictionPolicy = unknown
	}
}
