package client

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// HealthCheck on a real three-node cluster pings every shard, and fails once one is down.
func TestHealthCheckPingsEveryShardOfACluster(t *testing.T) {
	nodes := clusterOf(t, 3, nil)
	c := clusterClient(t, nodes)
	pings := make([]int, len(nodes))
	for i, node := range nodes {
		pings[i] = node.stat(t, "commandstats", "cmdstat_ping")
	}
	if err := HealthCheck(c)(timeout(t)); err != nil {
		t.Fatalf("health: %v", err)
	}
	for i, node := range nodes {
		if n := node.stat(t, "commandstats", "cmdstat_ping"); n <= pings[i] {
			t.Errorf("shard %s was not pinged", node.addr)
		}
	}
	nodes[2].admin.Do(timeout(t), "SHUTDOWN", "NOSAVE") // its error is the server closing the connection
	if nodes[2].admin.Ping(timeout(t)).Err() == nil {
		t.Fatalf("shard %s still answers after SHUTDOWN", nodes[2].addr)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := HealthCheck(c)(ctx); err == nil {
		t.Errorf("healthy with shard %s down", nodes[2].addr)
	}
}

// Nil clients are errors, never panics: HealthCheck(nil), a nil *redis.Client, and nil *Clients
// (a failed NewClients returns one).
func TestNilClientsAreErrorsNotPanics(t *testing.T) {
	ctx := timeout(t)
	var single *redis.Client
	var cluster *redis.ClusterClient
	for name, c := range map[string]redis.UniversalClient{"nil": nil, "a nil *redis.Client": single, "a nil *redis.ClusterClient": cluster} {
		if err := HealthCheck(c)(ctx); err == nil || !strings.Contains(err.Error(), "nil client") {
			t.Errorf("HealthCheck of %s: %v", name, err)
		}
	}
	var clients *Clients
	if clients.Get("cache") != nil || clients.Names() != nil {
		t.Error("nil Clients hold a client")
	}
	if err := clients.HealthCheck()(ctx); err == nil {
		t.Error("nil Clients are healthy")
	}
	if err := clients.Close(); err == nil {
		t.Error("closing nil Clients is no error")
	}
}
