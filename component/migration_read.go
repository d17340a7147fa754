package component

import (
	"errors"
	"strings"

	"github.com/managedredis/pulumi-azure-managed-redis/azure/redis"
)

// migrationRead is what the derivation reads: the source, and the new cache once it exists.
type migrationRead struct {
	// CacheId is the source's id; Subscription the one the cache deploys to (getRedis reads
	// that subscription, so a source in another is not read).
	CacheId, Subscription string
	Source                lookup[redis.LookupRedisResult]
	cacheNow
}

// readMigration reads, now, the source and the new cache by the name it will have: after what
// the component depends on, with its providers. It returns nil when the source's id is not
// known yet (a preview whose id comes from a resource still to be created), and refuses an id
// that is not a classic cache's. The cache is not read while its name or resource group is
// unknown (it cannot exist yet); what the component depends on is waited for when known
// (always during an update).
func (b *builder) readMigration(name string, a *ManagedRedisArgs) (*migrationRead, error) {
	s := resolve(name, *a)
	values, known, err := b.now(b.dependencies, a.MigrateFrom.CacheId.ToStringOutput(), b.client().SubscriptionId())
	switch {
	case err != nil:
		return nil, err
	case !known[1]:
		return nil, nil
	}
	read := &migrationRead{CacheId: values[1].(string), Subscription: values[2].(string)}
	if problem := cacheIdProblem(read.CacheId); problem != "" {
		return nil, inputError("migrateFrom.cacheId", "migration", "%s", problem)
	}
	if sameSubscription(read.CacheId, read.Subscription) == nil {
		if read.Source, err = b.readClassicCache(read.CacheId); err != nil {
			return nil, err
		}
	}
	clusterName, err := b.newClusterName(s)
	if err != nil {
		return nil, err
	}
	names, known, err := b.now(clusterName, s.resourceGroupName)
	var refused *InputError
	switch {
	case errors.As(err, &refused): // an invalid name: a rule refuses it
		return read, nil
	case err != nil:
		return nil, err
	case !known[0] || !known[1]:
		return read, nil
	}
	read.cacheNow, err = b.readCache(names[0].(string), names[1].(string))
	return read, err
}

// readable says whether migrateFrom's source can be read: given, and not a literal id a rule
// refuses (the args are refused then, without reading anything).
func readable(a *ManagedRedisArgs) bool {
	if a.MigrateFrom == nil || a.MigrateFrom.CacheId == nil {
		return false
	}
	id, isLiteral := literal(a.MigrateFrom.CacheId)
	return !isLiteral || cacheIdProblem(id) == ""
}

// sameSubscription: getRedis reads the provider's subscription, so a source in another one is
// not the cache its id names.
func sameSubscription(cacheId, subscription string) error {
	if from := strings.Split(cacheId, "/")[2]; !strings.EqualFold(from, subscription) {
		return inputError("migrateFrom.cacheId", "migration", "the source %s is in subscription %s, and the cache "+
			"deploys to %s: the new cache and its source must be in the same subscription (Microsoft's migration "+
			"tooling needs it too)", cacheId, from, subscription)
	}
	return nil
}
