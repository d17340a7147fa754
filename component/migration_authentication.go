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

// authenticationFromSource reads the source and the new cache (by the name it will have), and
// returns the authentication they call for, and what it read, for the derivation.
func (b *builder) authenticationFromSource(s *settings) (string, *migrationState, error) {
	inputs := []struct {
		what string
		o    pulumi.Output
	}{
		{"migrateFrom.cacheId", s.migration.cacheId},
		{"the subscription", b.client().SubscriptionId()},
		{"the cluster's name", b.newClusterName(s)},
		{"resourceGroupName", s.resourceGroupName},
		{"dependsOn", b.dependencies},
	}
	values := make([]any, len(inputs))
	var unknown []string
	for i, in := range inputs {
		result, err := internals.UnsafeAwaitOutput(context.Background(), in.o)
		if err != nil {
			return "", nil, err
		}
		if !result.Known {
			unknown = append(unknown, in.what)
		}
		values[i] = result.Value
	}
	if len(unknown) > 0 {
		return "", nil, inputError("authentication", "migration", "with migrateFrom and no authentication, the source decides "+
			"it, read while the program runs, but %s is not known yet (it waits for a resource still to be created): "+
			"write authentication (AccessKey if the source's clients use access keys, EntraId if it has them disabled)",
			strings.Join(unknown, " and "))
	}
	cacheId := values[0].(string)
	state, err := b.readMigrationState(cacheId, values[1].(string), values[2].(string), values[3].(string), b.invoke()...)
	switch {
	case err != nil:
		return "", nil, err
	case state.Database.Found:
		if deref(state.Database.Result.AccessKeysAuthentication) == string(redisenterprise.AccessKeysAuthenticationEnabled) {
			return AccessKey, state, nil
		}
		return EntraID, state, nil
	case !state.Source.Found:
		return "", nil, sourceNotFound(cacheId)
	case allowsAccessKeys(state.Source.Result):
		return AccessKey, state, nil
	}
	return EntraID, state, nil
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
