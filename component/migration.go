package component

import (
	"errors"
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure/redis"
	"github.com/managedredis/pulumi-azure-managed-redis/azure/redisenterprise"
)

// Moving from Azure Cache for Redis (classic, Microsoft.Cache/redis): the new cache is sized and
// configured from the source, read with azure-native's getRedis (3.28.0's default API,
// 2024-11-01), never written.
//
// Everything the source decides that is only a resource input (the SKU, location, high
// availability, public network access, clustering and eviction policies, tags) is an Output
// derived from the read, in deriveMigration: the one place. The authentication, which decides
// which resources exist, is read before any child is registered (migration_authentication.go)
// unless given; a given one is checked against the source. Once the cache exists its own values
// win over the source's, so a source that changed or was deleted changes nothing.

// MigrationSource is an Azure Cache for Redis (classic) cache this cache succeeds.
type MigrationSource struct {
	// CacheId is the ARM id of the source, a `Microsoft.Cache/redis` cache
	// (`/subscriptions/<sub>/resourceGroups/<group>/providers/Microsoft.Cache/Redis/<name>`). It
	// is read, never written. Without authentication it must be known while the program runs
	// (also at preview): the source decides the authentication.
	CacheId pulumi.StringInput `pulumi:"cacheId"`
	// SwitchDns is whether to point the source's host name at the new cache: not supported (default
	// false), because azure-native
	// 3.28.0 has no resource for Azure's migration (`Microsoft.Cache/redisEnterprise/migrations`),
	// so `true` is refused; after `up`, switch with Microsoft's tooling (`az redisenterprise
	// migration start`, see the README).
	SwitchDns bool `pulumi:"switchDns,optional"`
}

// MigrationStatus is what migrateFrom derived from its source, and what the new cache does not
// have. Before removing migrateFrom from the program, write `sku`, `location`,
// `highAvailability` (false for a Basic source), `publicNetworkAccess`, `tags`,
// `database.clusteringPolicy` and `database.evictionPolicy` explicitly with the cache's values,
// or the defaults would apply (and may replace the cache).
type MigrationStatus struct {
	// SourceHostName is the source's host name (empty once the source is deleted).
	SourceHostName string `pulumi:"sourceHostName" json:"sourceHostName"`
	// SourceSku is the source's SKU, e.g. `Premium P2` (`Premium P2 x3` for a cache of three
	// shards; empty once the source is deleted).
	SourceSku string `pulumi:"sourceSku" json:"sourceSku"`
	// Sku is the new cache's SKU: the given one, or the one chosen from Microsoft's mapping table.
	Sku string `pulumi:"sku" json:"sku"`
	// State is `NotStarted`: the host name switch is left to Microsoft's tooling.
	State string `pulumi:"state" json:"state"`
	// NotCarried are the source's settings the new cache does not have.
	NotCarried []string `pulumi:"notCarried" json:"notCarried"`
}

// MigrationStatusOutput is a MigrationStatus Output.
type MigrationStatusOutput struct{ *pulumi.OutputState }

func (MigrationStatusOutput) ElementType() reflect.Type { return reflect.TypeFor[MigrationStatus]() }

// derivedCacheOutput is a derivedCache Output.
type derivedCacheOutput struct{ *pulumi.OutputState }

func (derivedCacheOutput) ElementType() reflect.Type { return reflect.TypeFor[derivedCache]() }

func init() {
	pulumi.RegisterOutputType(MigrationStatusOutput{})
	pulumi.RegisterOutputType(derivedCacheOutput{})
}

// MigrationNotStarted is the migration's state: this package does not switch host names.
const MigrationNotStarted = "NotStarted"

// migration is migrateFrom resolved.
type migration struct {
	cacheId   pulumi.StringOutput // checked
	switchDns bool
	// given are the inputs the user wrote, which win over the source's.
	given struct{ sku, location, highAvailability, publicNetworkAccess, clusteringPolicy, evictionPolicy bool }
	// read is what was read while the program ran, when the source decided the authentication
	// (migration_authentication.go); nil: deriveMigration reads it.
	read *migrationState
	// derived is the source's values, set by deriveMigration before the cache is registered.
	derived *derivedCacheOutput
}

// derivedCache is what the new cache takes from its source (or, once it exists, from itself).
type derivedCache struct {
	Sku, Location, HighAvailability, PublicNetworkAccess string
	ClusteringPolicy, EvictionPolicy                     string
	Tags                                                 map[string]string
	Status                                               MigrationStatus
}

// classicMemoryGB is the memory of each size of Azure Cache for Redis (Microsoft's pricing
// pages; consistent with the "additional memory" column of the mapping table).
var classicMemoryGB = map[string]float64{
	"C0": 0.25, "C1": 1, "C2": 2.5, "C3": 6, "C4": 13, "C5": 26, "C6": 53,
	"P1": 6, "P2": 13, "P3": 26, "P4": 53, "P5": 120,
}

// migrationSkus is Microsoft's mapping table (articles/redis/migrate/migrate-overview.md): the
// cost-efficient choice first, then the one with ample memory.
var migrationSkus = map[string][]string{
	"C0": {"Balanced_B0"}, "C1": {"Balanced_B1"}, "C2": {"Balanced_B3"}, "C3": {"Balanced_B5"},
	"C4": {"MemoryOptimized_M10", "MemoryOptimized_M20"}, "C5": {"MemoryOptimized_M20", "MemoryOptimized_M50"},
	"C6": {"MemoryOptimized_M50"},
	"P1": {"Balanced_B5"}, "P2": {"Balanced_B10", "Balanced_B20"}, "P3": {"Balanced_B20", "Balanced_B50"},
	"P4": {"Balanced_B50"}, "P5": {"Balanced_B100"},
}

// managedRedisMemoryGB is the total memory of an Azure Managed Redis size (the number of its
// SKU name): B10, M10 and X10 hold 12 GB.
var managedRedisMemoryGB = map[int]float64{
	0: 0.5, 1: 1, 3: 3, 5: 6, 10: 12, 20: 24, 50: 60, 100: 120, 150: 180, 250: 240, 350: 360,
	500: 480, 700: 720, 1000: 960, 1500: 1440, 2000: 1920,
}

// costEfficientShare: the table's cost-efficient choices hold 8% less than the source.
const costEfficientShare = 0.92

// memoryOptimizedSizes are the Memory Optimized sizes, smallest first.
var memoryOptimizedSizes = []int{10, 20, 50, 100, 150, 250, 350, 500, 700, 1000, 1500, 2000}

// mappedSku is the SKU Microsoft's table recommends for a source: the cost-efficient one; for a
// clustered Premium cache, the smallest Memory Optimized SKU with its total memory (shards x
// the size's memory). "" when the source's size is unknown.
func mappedSku(family string, capacity int, shards int) string {
	size := fmt.Sprintf("%s%d", family, capacity)
	choices, ok := migrationSkus[size]
	if !ok {
		return ""
	}
	if family != "P" || shards < 1 {
		return choices[0]
	}
	total := classicMemoryGB[size] * float64(shards)
	for _, n := range memoryOptimizedSizes {
		if managedRedisMemoryGB[n] >= total*costEfficientShare {
			return fmt.Sprintf("MemoryOptimized_M%d", n)
		}
	}
	return fmt.Sprintf("MemoryOptimized_M%d", memoryOptimizedSizes[len(memoryOptimizedSizes)-1])
}

// skuSmallerProblem refuses a given SKU with less memory than the mapping's choice.
func skuSmallerProblem(given, chosen string) string {
	g, ok := parseSku(given)
	c, _ := parseSku(chosen)
	if ok && !g.legacy() && g.family != "FlashOptimized" && managedRedisMemoryGB[g.size] >= managedRedisMemoryGB[c.size] {
		return ""
	}
	return fmt.Sprintf("sku %s is smaller than %s, the smallest Microsoft's mapping table recommends for the "+
		"migrateFrom source: give %s or larger, or leave sku out", given, chosen, chosen)
}

// evictionPolicies maps Redis's maxmemory-policy to Azure Managed Redis's eviction policy.
var evictionPolicies = map[string]string{
	"volatile-lru": "VolatileLRU", "allkeys-lru": "AllKeysLRU", "volatile-lfu": "VolatileLFU",
	"allkeys-lfu": "AllKeysLFU", "volatile-random": "VolatileRandom", "allkeys-random": "AllKeysRandom",
	"volatile-ttl": "VolatileTTL", "noeviction": "NoEviction",
}

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

// cacheIdParts are the resource group and name of a checked source id.
func cacheIdParts(id string) (group, name string) {
	parts := strings.Split(id, "/")
	return parts[4], parts[8]
}

// migrationRules: migrateFrom does not switch host names, and takes an Azure Managed Redis SKU
// (not with existing: the existing cache rule refuses every input of a new cache).
func migrationRules(a *ManagedRedisArgs, _ *settings) []refusal {
	m := a.MigrateFrom
	if m == nil {
		return nil
	}
	var refused []refusal
	if m.SwitchDns {
		refused = append(refused, refuse("migrateFrom.switchDns", "switching the source's host name is not supported: "+
			"azure-native 3.28.0 has no resource for Azure's migration (Microsoft.Cache/redisEnterprise/migrations/default "+
			"has no DELETE, so azure-native generates none); leave switchDns out, run `up`, then switch with Microsoft's "+
			"tooling: `az redisenterprise migration start --cluster-name <cluster> --resource-group <group> "+
			"--source-resource-id <cacheId> --switch-dns true --skip-data-migration true` (or the portal)"))
	}
	if a.Capacity != nil || len(a.Zones) > 0 {
		input := "capacity"
		if a.Capacity == nil {
			input = "zones"
		}
		refused = append(refused, refuse(input, "capacity and zones are for the legacy Enterprise SKUs, and a migrateFrom "+
			"cache is an Azure Managed Redis SKU: leave them out"))
	}
	return refused
}

// deriveMigration reads the source and, when it exists, the cache by its name (unless they
// were read while the program ran: m.read), and derives from them what the user did not give:
// the one place the new cache's migrated settings come from. It refuses (as the Output's
// error, before the cache is registered) a given SKU smaller than the mapping's choice, and
// Entra ID only when the source's clients use keys.
func (b *builder) deriveMigration(s *settings, clusterName pulumi.StringOutput) {
	m := s.migration
	var state pulumi.Output
	if m.read != nil {
		state = pulumi.ToOutput(*m.read)
	} else {
		state = read(b, func(v []any, opts ...pulumi.InvokeOption) (*migrationState, error) {
			return b.readMigrationState(v[0].(string), v[1].(string), v[2].(string), v[3].(string), opts...)
		}, m.cacheId, b.client().SubscriptionId(), clusterName, s.resourceGroupName)
	}
	var tags pulumi.StringMapOutput = pulumi.StringMap{}.ToStringMapOutput()
	if s.tags != nil {
		tags = s.tags.ToStringMapOutput()
	}
	derived := pulumi.All(m.cacheId, state, tags).ApplyT(func(v []any) (derivedCache, error) {
		d, warning, err := derive(s, v[0].(string), v[1].(migrationState), v[2].(map[string]string))
		if err == nil && warning != "" && b.ctx.DryRun() {
			_ = b.ctx.Log.Warn(warning, &pulumi.LogArgs{Resource: b.parent})
		}
		return d, err
	}).(derivedCacheOutput)
	m.derived = &derived
	// Every child takes the resource group: so none is written before the source is checked.
	s.resourceGroupName = pulumi.All(derived, s.resourceGroupName).ApplyT(func(v []any) string { return v[1].(string) }).(pulumi.StringOutput)
}

// migrationState is what the derivation reads: the source, and the new cache's cluster and
// database once they exist.
type migrationState struct {
	// Exported: Outputs copy structs by their exported fields.
	Source   lookup[redis.LookupRedisResult]
	Cluster  lookup[redisenterprise.LookupRedisEnterpriseResult]
	Database lookup[redisenterprise.LookupDatabaseResult]
}

// readMigrationState reads the source (in the subscription the cache deploys to) and the new
// cache by its name.
func (b *builder) readMigrationState(cacheId, subscription, clusterName, resourceGroupName string,
	opts ...pulumi.InvokeOption,
) (*migrationState, error) {
	if err := sameSubscription(cacheId, subscription); err != nil {
		return nil, err
	}
	sourceGroup, sourceName := cacheIdParts(cacheId)
	source, err := found(redis.LookupRedis(b.ctx, &redis.LookupRedisArgs{Name: sourceName, ResourceGroupName: sourceGroup}, opts...))
	if err != nil {
		return nil, err
	}
	cluster, err := found(redisenterprise.LookupRedisEnterprise(b.ctx, &redisenterprise.LookupRedisEnterpriseArgs{
		ClusterName: clusterName, ResourceGroupName: resourceGroupName}, opts...))
	if err != nil {
		return nil, err
	}
	database, err := found(redisenterprise.LookupDatabase(b.ctx, &redisenterprise.LookupDatabaseArgs{
		ClusterName: clusterName, DatabaseName: DatabaseName, ResourceGroupName: resourceGroupName}, opts...))
	if err != nil {
		return nil, err
	}
	return &migrationState{Source: *source, Cluster: *cluster, Database: *database}, nil
}

// lookup is a read that may find nothing (NotFound).
type lookup[R any] struct {
	Found  bool
	Result R
}

func found[R any](r *R, err error) (*lookup[R], error) {
	if err != nil {
		if strings.Contains(err.Error(), "NotFound") || strings.Contains(err.Error(), "404") {
			return &lookup[R]{}, nil
		}
		return nil, err
	}
	return &lookup[R]{Found: true, Result: *r}, nil
}

// derive is the derivation itself: the cache's own values once it exists, else the source's;
// what the user gave always wins. It returns the warning to log about what is not carried.
func derive(s *settings, cacheId string, state migrationState, given map[string]string) (derivedCache, string, error) {
	source, cluster, database := state.Source, state.Cluster, state.Database
	d := derivedCache{Status: MigrationStatus{State: MigrationNotStarted, NotCarried: []string{}}}
	if !source.Found && !cluster.Found {
		return d, "", sourceNotFound(cacheId)
	}
	if source.Found {
		r := source.Result
		d.Status.SourceHostName = r.HostName
		shards := 0
		if r.ShardCount != nil {
			shards = *r.ShardCount
		}
		d.Status.SourceSku = fmt.Sprintf("%s %s%d", r.Sku.Name, r.Sku.Family, r.Sku.Capacity)
		if r.Sku.Family == "P" && shards > 0 {
			d.Status.SourceSku += fmt.Sprintf(" x%d", shards)
		}
		d.Sku = mappedSku(r.Sku.Family, r.Sku.Capacity, shards)
		if d.Sku == "" {
			return d, "", inputError("migrateFrom.cacheId", "migration", "the source's SKU %s is not one of Microsoft's mapping table", d.Status.SourceSku)
		}
		d.Location = r.Location
		d.HighAvailability = string(redisenterprise.HighAvailabilityEnabled)
		if r.Sku.Name == "Basic" {
			d.HighAvailability = string(redisenterprise.HighAvailabilityDisabled)
		}
		d.PublicNetworkAccess = orDefault(deref(r.PublicNetworkAccess), string(redisenterprise.PublicNetworkAccessEnabled))
		d.ClusteringPolicy = string(redisenterprise.ClusteringPolicyEnterpriseCluster)
		if shards > 0 {
			d.ClusteringPolicy = string(redisenterprise.ClusteringPolicyOSSCluster)
		}
		d.EvictionPolicy = DefaultEvictionPolicy
		if c := r.RedisConfiguration; c != nil {
			if p, ok := evictionPolicies[deref(c.MaxmemoryPolicy)]; ok {
				d.EvictionPolicy = p
			}
		}
		d.Tags = maps.Clone(r.Tags)
		d.Status.NotCarried = notCarried(r)
		// The source's clients may use keys unless keys are disabled: Entra ID only would stop them.
		if allowsAccessKeys(r) && s.authentication == EntraID && !cluster.Found {
			return d, "", inputError("authentication", "migration", "the source %s allows access keys, so its clients may "+
				"use them, and EntraId would disable them on the new cache (they would stop working): use AccessKey, "+
				"or disable access keys on the source first", cacheId)
		}
	}
	// Once the cache exists, its own values win: a changed or deleted source changes nothing.
	if cluster.Found {
		c := cluster.Result
		d.Sku, d.Location, d.PublicNetworkAccess = c.Sku.Name, c.Location, c.PublicNetworkAccess
		d.HighAvailability = orDefault(deref(c.HighAvailability), d.HighAvailability)
		d.Tags = maps.Clone(c.Tags)
	}
	if database.Found {
		db := database.Result
		d.ClusteringPolicy = orDefault(deref(db.ClusteringPolicy), d.ClusteringPolicy)
		d.EvictionPolicy = orDefault(deref(db.EvictionPolicy), d.EvictionPolicy)
	}
	if s.migration.given.sku {
		if !cluster.Found && source.Found {
			if problem := skuSmallerProblem(s.skuName, d.Sku); problem != "" {
				return d, "", inputError("sku", "migration", "%s", problem)
			}
		}
		d.Sku = s.skuName
	}
	d.Status.Sku = d.Sku
	if !cluster.Found && !s.migration.given.sku {
		if err := derivedSkuRefusals(s, d); err != nil {
			return d, "", err
		}
	}
	if d.Tags == nil {
		d.Tags = map[string]string{}
	}
	maps.Copy(d.Tags, given)
	warning := ""
	if len(d.Status.NotCarried) > 0 {
		warning = fmt.Sprintf("migrateFrom: the new cache does not have these settings of the source: %s (Azure Managed Redis or "+
			"Microsoft's migration tooling does not carry them); firewall rules and patch schedules, if the source has "+
			"any, are not carried either. No data is copied.", strings.Join(d.Status.NotCarried, ", "))
	}
	return d, warning, nil
}

// derivedSkuRules are the rules that need the SKU (skipped at preview when migrateFrom decides
// it), run again with the SKU and high availability the source decided.
var derivedSkuRules = []string{"V3", "V12"}

func derivedSkuRefusals(s *settings, d derivedCache) error {
	derived := *s
	derived.skuName = d.Sku
	derived.sku, _ = parseSku(d.Sku)
	if derived.highAvailability == nil {
		ha := d.HighAvailability == string(redisenterprise.HighAvailabilityEnabled)
		derived.highAvailability = &ha
	}
	var errs []error
	for _, r := range managedRedisRules {
		if !slices.Contains(derivedSkuRules, r.id) {
			continue
		}
		for _, refused := range r.check(nil, &derived) {
			errs = append(errs, &InputError{Input: refused.input, Rule: r.id,
				Problem: refused.problem + fmt.Sprintf(" (the migrateFrom source decided sku %s and highAvailability %t)", d.Sku, *derived.highAvailability)})
		}
	}
	return errors.Join(errs...)
}

// notCarried lists the source's settings that Azure Managed Redis or the migration does not
// carry over, those the source has.
func notCarried(r redis.LookupRedisResult) []string {
	var not []string
	add := func(has bool, what string) {
		if has {
			not = append(not, what)
		}
	}
	c := r.RedisConfiguration
	if c == nil {
		c = &redis.RedisCommonPropertiesRedisConfigurationResponse{}
	}
	add(deref(c.RdbBackupEnabled) == "true" || deref(c.AofBackupEnabled) == "true", "persistence")
	add(deref(c.NotifyKeyspaceEvents) != "", "keyspace notifications")
	add(r.EnableNonSslPort != nil && *r.EnableNonSslPort, "the non-TLS port")
	add(r.Identity != nil && r.Identity.Type != "" && r.Identity.Type != "None", "managed identities")
	add(len(r.Zones) > 0, "zones")
	add(deref(r.SubnetId) != "", "VNet injection")
	add(len(r.LinkedServers) > 0, "geo-replication")
	add(len(r.PrivateEndpointConnections) > 0, "private endpoints")
	add(r.ReplicasPerPrimary != nil && *r.ReplicasPerPrimary > 1, "more than one replica")
	add(deref(c.AadEnabled) == "true", "Entra ID access policies")
	if not == nil {
		return []string{}
	}
	return slices.Clip(not)
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// The cluster's and database's inputs that the source decides when not given.

func (m *migration) string(pick func(d derivedCache) string) pulumi.StringOutput {
	return m.derived.ApplyT(func(d derivedCache) string { return pick(d) }).(pulumi.StringOutput)
}

func (m *migration) status() MigrationStatusOutput {
	return m.derived.ApplyT(func(d derivedCache) MigrationStatus { return d.Status }).(MigrationStatusOutput)
}

// apply puts the derived values in the cluster's and database's inputs the user did not give.
func (m *migration) apply(cluster *redisenterprise.RedisEnterpriseArgs, database *redisenterprise.DatabaseArgs) {
	g := m.given
	cluster.Sku = redisenterprise.SkuArgs{Name: m.string(func(d derivedCache) string { return d.Sku })}
	if !g.location {
		cluster.Location = m.string(func(d derivedCache) string { return d.Location })
	}
	if !g.highAvailability {
		cluster.HighAvailability = m.string(func(d derivedCache) string { return d.HighAvailability })
	}
	if !g.publicNetworkAccess {
		cluster.PublicNetworkAccess = m.string(func(d derivedCache) string { return d.PublicNetworkAccess })
	}
	cluster.Tags = m.derived.ApplyT(func(d derivedCache) map[string]string { return d.Tags }).(pulumi.StringMapOutput)
	if !g.clusteringPolicy {
		database.ClusteringPolicy = m.string(func(d derivedCache) string { return d.ClusteringPolicy })
	}
	if !g.evictionPolicy {
		database.EvictionPolicy = m.string(func(d derivedCache) string { return d.EvictionPolicy })
	}
}

// noMigration is the migration output without migrateFrom: empty.
func noMigration() MigrationStatusOutput {
	return pulumi.ToOutput(MigrationStatus{NotCarried: []string{}}).(MigrationStatusOutput)
}
