package component

import (
	"context"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/internals"

	"github.com/managedredis/pulumi-azure-managed-redis/azure/redis"
	"github.com/managedredis/pulumi-azure-managed-redis/azure/redisenterprise"
)

// With migrateFrom and no authentication, the source decides it: AccessKey when the source
// allows access keys (its clients may use them, and must keep working), EntraId when it has
// them disabled. Once the new cache exists, its own database decides (keys enabled or not), so
// a source that changed or was deleted changes nothing.
//
// The authentication decides which resources exist (a vault, two secrets, roles on them), so
// it must be known before any child is registered: these reads block the program, unlike every
// other read of the component. They use the component's providers and wait for what it
// depends on, as the others do. What they need must be known while the program runs, also
// during a preview; when it is not (an id that comes from a resource still to be created, say),
// the authentication must be written.

// needsAuthenticationFromSource: migrateFrom without authentication.
func needsAuthenticationFromSource(a *ManagedRedisArgs) bool {
	return a.MigrateFrom != nil && a.Authentication == "" && a.Existing == nil
}

// authenticationFromSource reads the new cache's database (by the name the cache will have)
// and, when there is none yet, the source, and returns the authentication they call for.
func (b *builder) authenticationFromSource(s *settings) (string, error) {
	var unknown []string
	await := func(what string, o pulumi.Output) (any, error) {
		result, err := internals.UnsafeAwaitOutput(context.Background(), o)
		if err == nil && !result.Known {
			unknown = append(unknown, what)
		}
		return result.Value, err
	}
	values := map[string]any{}
	for _, v := range []struct {
		what string
		o    pulumi.Output
	}{
		{"migrateFrom.cacheId", s.migration.cacheId},
		{"resourceGroupName", s.resourceGroupName},
		{"the cluster's name", b.newClusterName(s)},
		{"the subscription", b.client().SubscriptionId()},
		{"dependsOn", b.dependencies},
	} {
		value, err := await(v.what, v.o)
		if err != nil {
			return "", err
		}
		values[v.what] = value
	}
	if len(unknown) > 0 {
		return "", inputError("authentication", "migration", "with migrateFrom and no authentication, the source decides "+
			"it, read while the program runs, but %s is not known yet (it waits for a resource still to be created): "+
			"write authentication (AccessKey if the source's clients use access keys, EntraId if it has them disabled)",
			strings.Join(unknown, " and "))
	}
	cacheId, group := values["migrateFrom.cacheId"].(string), values["resourceGroupName"].(string)

	database, err := found(redisenterprise.LookupDatabase(b.ctx, &redisenterprise.LookupDatabaseArgs{
		ClusterName: values["the cluster's name"].(string), DatabaseName: DatabaseName, ResourceGroupName: group}, b.invoke()...))
	if err != nil {
		return "", err
	}
	if database.Found {
		if deref(database.Result.AccessKeysAuthentication) == string(redisenterprise.AccessKeysAuthenticationEnabled) {
			return AccessKey, nil
		}
		return EntraID, nil
	}

	if err := sameSubscription(cacheId, values["the subscription"].(string)); err != nil {
		return "", err
	}
	sourceGroup, sourceName := cacheIdParts(cacheId)
	source, err := found(redis.LookupRedis(b.ctx, &redis.LookupRedisArgs{Name: sourceName, ResourceGroupName: sourceGroup}, b.invoke()...))
	if err != nil {
		return "", err
	}
	if !source.Found {
		return "", sourceNotFound(cacheId)
	}
	if allowsAccessKeys(source.Result) {
		return AccessKey, nil
	}
	return EntraID, nil
}

// allowsAccessKeys: a classic cache allows keys unless they are disabled.
func allowsAccessKeys(r redis.LookupRedisResult) bool {
	return r.DisableAccessKeyAuthentication == nil || !*r.DisableAccessKeyAuthentication
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

func sourceNotFound(cacheId string) error {
	return inputError("migrateFrom.cacheId", "migration", "the source cache %s was not found", cacheId)
}
