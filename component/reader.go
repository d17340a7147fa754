package component

import (
	"regexp"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/internals"

	"github.com/managedredis/pulumi-azure-managed-redis/azure/redis"
	"github.com/managedredis/pulumi-azure-managed-redis/azure/redisenterprise"
)

// Reading Azure while the program runs: what decides the resource graph or a refusal at preview
// (a migration's source, the cache as it is) is read before any child is registered. These reads
// block the program, with the component's providers, after what it depends on, and end with the
// program (its context's cancellation). What they need may be unknown during a preview (a
// resource group created by the same program, say): what cannot be named cannot exist yet.

// lookup is a read that may find nothing.
type lookup[R any] struct {
	// Exported: Outputs copy structs by their exported fields.
	Found  bool
	Result R
}

// found is a read's lookup: not found only on ARM's own answer, anything else a failure.
func found[R any](r *R, err error) (*lookup[R], error) {
	if err != nil {
		if isNotFound(err) {
			return &lookup[R]{}, nil
		}
		return nil, err
	}
	return &lookup[R]{Found: true, Result: *r}, nil
}

// notFound matches ARM's 404 for a missing resource or parent, as azure-native 3.28.0 reports
// it: azcore's ResponseError text (FACTS.md section 7), or azure-native's short form
// (`Status=404 Code="ResourceNotFound"`). A throttled or failed read is no absence, whatever
// its text holds ("404" in a correlation id, say).
var notFound = []*regexp.Regexp{
	regexp.MustCompile(`(?m)^RESPONSE 404: [^\n]*\nERROR CODE: (ResourceNotFound|ParentResourceNotFound)\s*$`),
	regexp.MustCompile(`\bStatus=404 Code="(ResourceNotFound|ParentResourceNotFound)"`),
}

func isNotFound(err error) bool {
	for _, pattern := range notFound {
		if pattern.MatchString(err.Error()) {
			return true
		}
	}
	return false
}

// now is the value of each Output, awaited while the program runs; known is false for those
// still unknown (in a preview).
func (b *builder) now(outputs ...pulumi.Output) (values []any, known []bool, err error) {
	values, known = make([]any, len(outputs)), make([]bool, len(outputs))
	for i, o := range outputs {
		result, err := internals.UnsafeAwaitOutput(b.ctx.Context(), o)
		if err != nil {
			return nil, nil, err
		}
		values[i], known[i] = result.Value, result.Known
	}
	return values, known, nil
}

// cacheNow is a cache as Azure has it: its cluster and its database.
type cacheNow struct {
	Cluster  lookup[redisenterprise.LookupRedisEnterpriseResult]
	Database lookup[redisenterprise.LookupDatabaseResult]
}

// readCache reads a cluster and its database by their names, now (once: a second read of the
// same cache gives the first's answer).
func (b *builder) readCache(clusterName, resourceGroupName string) (cacheNow, error) {
	key := [2]string{strings.ToLower(resourceGroupName), strings.ToLower(clusterName)}
	if read, done := b.reads[key]; done {
		return read, nil
	}
	read, err := b.readCacheNow(clusterName, resourceGroupName)
	if err == nil {
		if b.reads == nil {
			b.reads = map[[2]string]cacheNow{}
		}
		b.reads[key] = read
	}
	return read, err
}

func (b *builder) readCacheNow(clusterName, resourceGroupName string) (cacheNow, error) {
	opts := b.invoke()
	cluster, err := found(redisenterprise.LookupRedisEnterprise(b.ctx, &redisenterprise.LookupRedisEnterpriseArgs{
		ClusterName: clusterName, ResourceGroupName: resourceGroupName}, opts...))
	if err != nil || !cluster.Found {
		return cacheNow{}, err
	}
	database, err := found(redisenterprise.LookupDatabase(b.ctx, &redisenterprise.LookupDatabaseArgs{
		ClusterName: clusterName, DatabaseName: DatabaseName, ResourceGroupName: resourceGroupName}, opts...))
	if err != nil {
		return cacheNow{}, err
	}
	return cacheNow{Cluster: *cluster, Database: *database}, nil
}

// readClassicCache reads an Azure Cache for Redis cache by its checked ARM id, now.
func (b *builder) readClassicCache(id string) (lookup[redis.LookupRedisResult], error) {
	parts := strings.Split(id, "/")
	source, err := found(redis.LookupRedis(b.ctx, &redis.LookupRedisArgs{Name: parts[8], ResourceGroupName: parts[4]}, b.invoke()...))
	if err != nil {
		return lookup[redis.LookupRedisResult]{}, err
	}
	return *source, nil
}

// scaleTargets are the SKUs Azure scales an existing cluster to in place, read now
// (listRedisEnterpriseSkusForScaling).
func (b *builder) scaleTargets(clusterName, resourceGroupName string) ([]string, error) {
	result, err := redisenterprise.ListRedisEnterpriseSkusForScaling(b.ctx, &redisenterprise.ListRedisEnterpriseSkusForScalingArgs{
		ClusterName: clusterName, ResourceGroupName: resourceGroupName}, b.invoke()...)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(result.Skus))
	for i, sku := range result.Skus {
		names[i] = sku.Name
	}
	return names, nil
}
