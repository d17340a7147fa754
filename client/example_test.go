package client_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"

	"github.com/managedredis/pulumi-azure-managed-redis/client"
	"github.com/redis/go-redis/v9"
)

// An app deployed with the component's environment output (ConnectionStrings__cache, ...)
// connects with its managed identity, as AddRedisClient("cache").WithAzureAuthentication().
// Here ConnectionStrings__cache names a local Redis, which Entra ID leaves alone: the same code
// runs in development.
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
	fmt.Println(rdb.Get(ctx, "greeting").Val())
	// Output: hello
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
	if err := sessions.Set(ctx, "session:42", "{}", 0).Err(); err != nil {
		log.Fatal(err)
	}
	fmt.Println(clients.Names(), sessions.Exists(ctx, "session:42").Val())
	// Output: [cache sessions] 1
}

// Settings, as Aspire's: no tracing, a single-endpoint client without asking the server, and
// the last word on go-redis's options.
func ExampleWithSettings() {
	ctx := context.Background()
	rdb, err := client.New(ctx, "cache", client.WithSettings(func(s *client.Settings) {
		s.DisableTracing = true
		s.Clustering = client.SingleEndpoint
		s.ConfigureOptions = func(o *redis.UniversalOptions) { o.ClientName = "orders-api" }
	}))
	if err != nil {
		log.Fatal(err)
	}
	defer rdb.Close()
	fmt.Println(rdb.ClientGetName(ctx).Val())
	// Output: orders-api
}

// A connection name no setting names: ErrNotConfigured, in an error that lists where the
// settings were looked for.
func ExampleErrNotConfigured() {
	_, err := client.New(context.Background(), "orders")
	fmt.Println(errors.Is(err, client.ErrNotConfigured))
	// Output: true
}
