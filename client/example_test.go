package client_test

import (
	"context"
	"log"
	"net/http"

	"github.com/managedredis/pulumi-azure-managed-redis/client"
)

// An app deployed with the component's environment output (ConnectionStrings__cache, ...)
// connects with its managed identity, as AddRedisClient("cache").WithAzureAuthentication().
func ExampleNew() {
	ctx := context.Background()
	rdb, err := client.New(ctx, "cache", client.WithAzureAuthentication(nil))
	if err != nil {
		log.Fatal(err)
	}
	defer rdb.Close()

	ready := client.HealthCheck(rdb)
	http.HandleFunc("/ready", func(w http.ResponseWriter, r *http.Request) {
		if err := ready(r.Context()); err != nil {
			http.Error(w, "redis: "+err.Error(), http.StatusServiceUnavailable)
		}
	})
	if err := rdb.Set(ctx, "greeting", "hello", 0).Err(); err != nil {
		log.Fatal(err)
	}
}

// Several caches, each by its connection name, as AddKeyedRedisClient.
func ExampleNewClients() {
	ctx := context.Background()
	clients, err := client.NewClients(ctx, []string{"cache", "sessions"}, client.WithAzureAuthentication(nil))
	if err != nil {
		log.Fatal(err)
	}
	defer clients.Close()
	sessions := clients.Get("sessions")
	_ = sessions.Set(ctx, "session:42", "{}", 0).Err()
}

// Settings, as Aspire's: no tracing, a cluster-aware client without asking the server.
func ExampleWithSettings() {
	rdb, err := client.New(context.Background(), "cache", client.WithSettings(func(s *client.Settings) {
		s.DisableTracing = true
		s.Clustering = client.Cluster
	}))
	if err != nil {
		log.Fatal(err)
	}
	defer rdb.Close()
}
