package component

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure/redis"
	"github.com/managedredis/pulumi-azure-managed-redis/azure/redisenterprise"
)

// derivedCache is what the new cache takes from its source, or, once it exists, from itself,
// for each input the user did not give.
type derivedCache struct {
	Sku, Location, PublicNetworkAccess, ClusteringPolicy, EvictionPolicy, Authentication string
	HighAvailability                                                                     bool
	// Tags are carried over, under the given ones.
	Tags map[string]string
	// Status is the migration output's part the derivation decides.
	Status MigrationStatus
	// Warning is what to tell at preview about what is not carried ("" when all is).
	Warning string
}

// derive is the derivation: a pure function of what was read and what the user gave. While the
// cache does not exist, the source decides; once it exists, its own values win (a source that
// changed or was deleted changes nothing); what the user gave always wins. It returns the
// migration's refusals, every one.
func derive(a *ManagedRedisArgs, r migrationRead) (derivedCache, []error) {
	d := derivedCache{Status: MigrationStatus{State: MigrationNotStarted, NotCarried: []string{}}}
	var refused []error
	refuse := func(input, format string, args ...any) {
		refused = append(refused, inputError(input, "migration", format, args...))
	}
	if err := sameSubscription(r.CacheId, r.Subscription); err != nil && !r.Cluster.Found {
		return d, []error{err}
	}
	if !r.Source.Found && !r.Cluster.Found {
		refuse("migrateFrom.cacheId", "the source cache %s was not found", r.CacheId)
		return d, refused
	}
	if r.Source.Found {
		d.fromSource(a, r.Source.Result, !r.Cluster.Found, refuse)
	}
	if r.Cluster.Found {
		d.fromCluster(r.Cluster.Result, r.Source)
	}
	if r.Database.Found {
		db := r.Database.Result
		d.ClusteringPolicy = orDefault(deref(db.ClusteringPolicy), d.ClusteringPolicy)
		d.EvictionPolicy = orDefault(deref(db.EvictionPolicy), d.EvictionPolicy)
		d.Authentication = EntraID
		if deref(db.AccessKeysAuthentication) == string(redisenterprise.AccessKeysAuthenticationEnabled) {
			d.Authentication = AccessKey
		}
	}
	d.Status.Sku = orDefault(a.Sku, d.Sku)
	if len(d.Status.NotCarried) > 0 && !r.Cluster.Found {
		d.Warning = fmt.Sprintf("migrateFrom: the new cache does not have these settings of the source: %s (Azure Managed "+
			"Redis or Microsoft's migration does not carry them); firewall rules and patch schedules, if the source has "+
			"any, are not carried either. No data is copied.", strings.Join(d.Status.NotCarried, ", "))
	}
	return d, refused
}

// fromSource takes what the source decides. While the cache is still to be created (creating),
// the source's size and clients decide too: a given SKU must hold it, and Entra ID only would
// stop clients that use keys.
func (d *derivedCache) fromSource(a *ManagedRedisArgs, s redis.LookupRedisResult, creating bool, refuse func(string, string, ...any)) {
	size := sourceSize{family: s.Sku.Family, capacity: s.Sku.Capacity, shards: deref(s.ShardCount)}
	d.Status.SourceHostName = s.HostName
	d.Status.SourceSku = fmt.Sprintf("%s %s", s.Sku.Name, size.name())
	if size.clustered() {
		d.Status.SourceSku += fmt.Sprintf(" x%d", size.shards)
	}
	mapped, need, problem := mappedSku(size)
	d.Sku = mapped
	switch {
	case !creating:
	case a.Sku != "" && need > 0:
		if p := givenSkuProblem(a.Sku, mapped, need); p != "" {
			refuse("sku", "%s", p)
		}
	case a.Sku == "" && problem != "":
		refuse("sku", "%s", problem)
	}
	d.Location = s.Location
	d.HighAvailability = s.Sku.Name != "Basic"
	d.PublicNetworkAccess = orDefault(deref(s.PublicNetworkAccess), string(redisenterprise.PublicNetworkAccessEnabled))
	d.ClusteringPolicy = string(redisenterprise.ClusteringPolicyEnterpriseCluster)
	if size.clustered() {
		d.ClusteringPolicy = string(redisenterprise.ClusteringPolicyOSSCluster)
	}
	d.Status.NotCarried = notCarried(s)
	d.EvictionPolicy = DefaultEvictionPolicy
	if c := s.RedisConfiguration; c != nil && deref(c.MaxmemoryPolicy) != "" {
		if policy, ok := evictionPolicies[strings.ToLower(*c.MaxmemoryPolicy)]; ok {
			d.EvictionPolicy = policy
		} else {
			d.Status.NotCarried = append(d.Status.NotCarried, "maxmemory-policy "+*c.MaxmemoryPolicy)
		}
	}
	d.Tags = maps.Clone(s.Tags)
	d.Authentication = EntraID
	if allowsAccessKeys(s) {
		d.Authentication = AccessKey
		if creating && a.Authentication == EntraID {
			refuse("authentication", "the source %s allows access keys, so its clients may use them, and EntraId would "+
				"disable them on the new cache (they would stop working): use AccessKey, or leave authentication out, or "+
				"disable access keys on the source first", s.Id)
		}
	}
	if a.MigrateFrom.SwitchDns {
		d.switchableFrom(a, s, refuse)
	}
}

// switchableFrom refuses switchDns for a source Microsoft's migration does not support.
func (d *derivedCache) switchableFrom(a *ManagedRedisArgs, s redis.LookupRedisResult, refuse func(string, string, ...any)) {
	why := func(problem string) {
		refuse("migrateFrom.switchDns", "Azure's migration cannot switch the host name of this source: %s; leave switchDns "+
			"out and move the source's clients to the new cache's host name yourself", problem)
	}
	if location, ok := literal(a.Location); ok && location != "" && !strings.EqualFold(location, s.Location) {
		why(fmt.Sprintf("the source is in %s and the cache in %s (they must be in one region)", s.Location, location))
	}
	if deref(s.SubnetId) != "" {
		why("it is injected into a virtual network")
	}
	if len(s.LinkedServers) > 0 {
		why("it is geo-replicated")
	}
	if len(s.PrivateEndpointConnections) > 0 {
		why("it has private endpoints")
	}
}

// fromCluster takes the existing cluster's own values. Tags: the cluster's, but those the
// source no longer has (while it exists) and those the user removed from tags go (the cluster's
// tags that are not the source's were given).
func (d *derivedCache) fromCluster(c redisenterprise.LookupRedisEnterpriseResult, source lookup[redis.LookupRedisResult]) {
	d.Sku, d.Location, d.PublicNetworkAccess = c.Sku.Name, c.Location, c.PublicNetworkAccess
	if ha := deref(c.HighAvailability); ha != "" {
		d.HighAvailability = ha == string(redisenterprise.HighAvailabilityEnabled)
	}
	d.Tags = map[string]string{}
	for k, v := range c.Tags {
		if _, fromSource := source.Result.Tags[k]; fromSource || !source.Found {
			d.Tags[k] = v
		}
	}
}

// onto is args with the derived values where the user gave none.
func (d derivedCache) onto(a ManagedRedisArgs) ManagedRedisArgs {
	a.Sku = orDefault(a.Sku, d.Sku)
	if a.HighAvailability == nil {
		ha := d.HighAvailability
		a.HighAvailability = &ha
	}
	if a.PublicNetworkAccess == "" && a.PrivateEndpoint == nil {
		a.PublicNetworkAccess = d.PublicNetworkAccess
	}
	a.Authentication = orDefault(a.Authentication, d.Authentication)
	db := DatabaseSettings{}
	if a.Database != nil {
		db = *a.Database
	}
	if !db.hasModule(ModuleRediSearch) { // RediSearch's own defaults win (V5)
		db.ClusteringPolicy = orDefault(db.ClusteringPolicy, d.ClusteringPolicy)
		db.EvictionPolicy = orDefault(db.EvictionPolicy, d.EvictionPolicy)
	}
	a.Database = &db
	a.Location = orSource(a.Location, d.Location)
	a.Tags = under(d.Tags, a.Tags)
	return a
}

// summary names the derived values the rules read.
func (d derivedCache) summary() string {
	return fmt.Sprintf("sku %s, highAvailability %t, clusteringPolicy %s, authentication %s", d.Sku, d.HighAvailability,
		d.ClusteringPolicy, d.Authentication)
}

// orSource is the given location, or the source's when none or an empty one is given.
func orSource(given pulumi.StringInput, derived string) pulumi.StringInput {
	if given == nil {
		return pulumi.String(derived)
	}
	return given.ToStringOutput().ApplyT(func(v string) string { return orDefault(v, derived) }).(pulumi.StringOutput)
}

// under is the carried tags with the given ones on top.
func under(carried map[string]string, given pulumi.StringMapInput) pulumi.StringMapInput {
	if given == nil {
		return pulumi.ToStringMap(carried)
	}
	return given.ToStringMapOutput().ApplyT(func(g map[string]string) map[string]string {
		tags := maps.Clone(carried)
		if tags == nil {
			tags = map[string]string{}
		}
		maps.Copy(tags, g)
		return tags
	}).(pulumi.StringMapOutput)
}

// evictionPolicies maps Redis's maxmemory-policy to Azure Managed Redis's eviction policy.
var evictionPolicies = map[string]string{
	"volatile-lru": "VolatileLRU", "allkeys-lru": "AllKeysLRU", "volatile-lfu": "VolatileLFU",
	"allkeys-lfu": "AllKeysLFU", "volatile-random": "VolatileRandom", "allkeys-random": "AllKeysRandom",
	"volatile-ttl": "VolatileTTL", "noeviction": "NoEviction",
}

// allowsAccessKeys: a classic cache allows keys unless they are disabled.
func allowsAccessKeys(r redis.LookupRedisResult) bool {
	return r.DisableAccessKeyAuthentication == nil || !*r.DisableAccessKeyAuthentication
}

// notCarried lists the source's settings that Azure Managed Redis or the migration does not
// carry over, those the source has.
func notCarried(r redis.LookupRedisResult) []string {
	not := []string{}
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
	return slices.Clip(not)
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
