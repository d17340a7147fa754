package client

import (
	"context"
	"errors"
	"reflect"
	"runtime"
	"sync"
	"weak"

	"github.com/redis/go-redis/v9"
)

// HealthCheck is a readiness check of a client, for an app's readiness probe: it pings the
// cache (every shard of a cluster). A client made with Settings.DisableHealthChecks is reported
// healthy without being contacted, as Aspire leaves out its health check. A nil client is
// reported unhealthy, never a panic.
//
//	ready := client.HealthCheck(rdb)
//	http.HandleFunc("/ready", func(w http.ResponseWriter, r *http.Request) {
//		if err := ready(r.Context()); err != nil {
//			http.Error(w, "redis: "+err.Error(), http.StatusServiceUnavailable)
//		}
//	})
func HealthCheck(c redis.UniversalClient) func(context.Context) error {
	if isNil(c) {
		return func(context.Context) error { return errNilClient }
	}
	return func(ctx context.Context) error {
		if !healthChecks.enabled(c) {
			return nil
		}
		if cluster, ok := c.(*redis.ClusterClient); ok {
			return cluster.ForEachShard(ctx, func(ctx context.Context, shard *redis.Client) error {
				return shard.Ping(ctx).Err()
			})
		}
		return c.Ping(ctx).Err()
	}
}

var errNilClient = errors.New("client: HealthCheck of a nil client (did New fail?)")

// isNil says whether c is nil, also a nil *redis.Client (or other pointer) in the interface.
func isNil(c redis.UniversalClient) bool {
	if c == nil {
		return true
	}
	v := reflect.ValueOf(c)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// healthChecks remembers the clients made with health checks disabled, weakly: a client that
// is gone is forgotten.
var healthChecks = &disabledChecks{clients: map[any]struct{}{}}

type disabledChecks struct {
	mu      sync.Mutex
	clients map[any]struct{}
}

func (d *disabledChecks) set(c redis.UniversalClient, enabled bool) {
	if enabled {
		return
	}
	key := weakKey(c)
	d.mu.Lock()
	d.clients[key] = struct{}{}
	d.mu.Unlock()
	forget := func(key any) {
		d.mu.Lock()
		delete(d.clients, key)
		d.mu.Unlock()
	}
	switch c := c.(type) {
	case *redis.Client:
		runtime.AddCleanup(c, forget, key)
	case *redis.ClusterClient:
		runtime.AddCleanup(c, forget, key)
	}
}

func (d *disabledChecks) enabled(c redis.UniversalClient) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	_, disabled := d.clients[weakKey(c)]
	return !disabled
}

func weakKey(c redis.UniversalClient) any {
	switch c := c.(type) {
	case *redis.Client:
		return weak.Make(c)
	case *redis.ClusterClient:
		return weak.Make(c)
	}
	return c
}
