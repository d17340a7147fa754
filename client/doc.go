// Package client connects a Go app to an Azure Managed Redis cache, as .NET Aspire's client
// integration (AddRedisClient, WithAzureAuthentication, AddKeyedRedisClient) connects a .NET
// app: it reads the settings the pulumi-azure-managed-redis component hands the app (its
// environment output), authenticates with Microsoft Entra ID or the access key, picks a
// cluster-aware or a single-endpoint go-redis client, and instruments it with OpenTelemetry.
//
//	rdb, err := client.New(ctx, "cache", client.WithAzureAuthentication(nil))
//	if err != nil {
//		return err
//	}
//	defer rdb.Close()
//	http.HandleFunc("/ready", readiness(client.HealthCheck(rdb)))
//
// The module depends on go-redis, go-redis-entraid, the Azure SDK and OpenTelemetry, never on
// Pulumi. Files by responsibility: settings.go (options and settings), config.go (where the
// settings come from, and their formats), entra.go (Entra ID tokens), client.go (New), clients.go
// (keyed clients), health.go (readiness checks).
package client
