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
// # Where settings come from
//
// Where the cache is, and how to reach it, comes from the first of these that is set, for a
// connection name such as "session-cache" (<NAME> is SESSION_CACHE: upper case, hyphens as
// underscores, as the component's environment output writes it):
//
//  1. WithConnectionString;
//  2. ConnectionStrings__<name>: a StackExchange.Redis connection string or a URI;
//  3. <NAME>_URI: a redis:// or rediss:// URI (scheme in any case), read as go-redis's ParseURL
//     reads it (?db=3, timeouts, pool options; an option it does not know is an error);
//  4. <NAME>_HOST, with <NAME>_PORT (default 6379) and <NAME>_PASSWORD;
//  5. Aspire__StackExchange__Redis__<name>__ConnectionString (Aspire's keyed section);
//  6. Aspire__StackExchange__Redis__ConnectionString (Aspire's section).
//
// None set is ErrNotConfigured. Environment variable names match whatever their case, as .NET
// configuration reads them (two that differ only in case are an error).
//
// The Settings come from, in this order, each over the one before:
//
//  1. their zero value: tracing, metrics and health checks on, clustering detected;
//  2. Aspire's section: Aspire__StackExchange__Redis__DisableTracing and __DisableHealthChecks;
//  3. its keyed form: Aspire__StackExchange__Redis__<name>__DisableTracing, ...;
//  4. WithSettings, in the order given: the app has the last word;
//  5. Settings.ConfigureOptions, last of all, on go-redis's own options.
//
// A StackExchange.Redis connection string accepts every key StackExchange.Redis defines, whatever
// its case; those go-redis has an equivalent for are mapped (ssl, password, user, connectTimeout,
// syncTimeout, asyncTimeout, abortConnect, connectRetry, defaultDatabase, name, sslHost,
// sslProtocols, protocol, setlib, serviceName), the others are checked and ignored (README.md
// lists them). A key it does not define is an error naming the key. A setting that is wrong is an
// error naming the variable or key and what was expected; a password or token never appears in
// one, not even in part. Endpoints go before password= in a connection string: a piece without =
// after it (the rest of a password holding a comma) is refused, and quoted nowhere.
//
// # Production behaviour
//
// Commands honour their context, also while the Entra ID credential fails (IMDS answering 503,
// say): they fail with its error and succeed again once it answers, without a restart, including
// on connections opened during the outage. Tokens are refreshed at 70% of their lifetime and sent
// again on open connections. Close stops every background refresh. go-redis's maintenance
// notifications stay on: during Azure maintenance (MOVING) a single-endpoint client's connections
// are handed off to the new endpoint, authenticated again, with no command failing. OpenTelemetry
// costs nothing until the app installs an SDK or gives a provider.
//
// The module depends on go-redis, the Azure SDK and OpenTelemetry, never on Pulumi. Files by
// responsibility: settings.go (options and settings), config.go (where the settings come from),
// connection_string.go (StackExchange.Redis connection strings), environment.go (how variables
// are read), entra.go (Entra ID tokens), client.go (New), telemetry.go (OpenTelemetry),
// clients.go (keyed clients), health.go (readiness checks).
package client
