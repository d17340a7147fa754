package client

import (
	"crypto/tls"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/redis/go-redis/v9"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/trace"
)

// Settings tune a client, as Aspire's StackExchangeRedisSettings do. The zero value is the
// default: tracing, metrics and health checks on, clustering detected, go-redis's timeouts
// unless the connection string sets them. Aspire's configuration section fills them first
// (see the package documentation); WithSettings changes them after, so the app has the last word.
type Settings struct {
	// DisableTracing turns off OpenTelemetry tracing of commands. Tracing costs nothing until
	// the app installs an OpenTelemetry SDK (or gives TracerProvider).
	DisableTracing bool
	// DisableMetrics turns off OpenTelemetry metrics of the connection pool and commands; like
	// tracing, they cost nothing until the app installs an SDK (or gives MeterProvider).
	DisableMetrics bool
	// DisableHealthChecks makes HealthCheck report the client healthy without contacting Redis.
	DisableHealthChecks bool

	// Clustering says which client to make: DetectClustering (the default) asks the server at
	// connect time; Cluster and SingleEndpoint decide without connecting.
	Clustering Clustering

	// AzureHostSuffixes are the host names WithAzureAuthentication applies to, by suffix,
	// whatever their case: Azure Managed Redis's ".redis.azure.net" when empty. Other hosts (a
	// local Redis in development) use the settings' password, or none. For these hosts, as
	// StackExchange.Redis does for Azure, TLS is on and abortConnect is false unless the
	// settings say otherwise.
	AzureHostSuffixes []string

	// DialTimeout, ReadTimeout and WriteTimeout override go-redis's defaults and the
	// connection string's connectTimeout and syncTimeout when set.
	DialTimeout, ReadTimeout, WriteTimeout time.Duration
	// PoolSize is the number of connections per node; go-redis's default when zero.
	PoolSize int

	// TracerProvider and MeterProvider receive the telemetry; OpenTelemetry's global ones
	// when nil.
	TracerProvider trace.TracerProvider
	MeterProvider  metric.MeterProvider

	// ConfigureOptions has the last word on go-redis's options, as Aspire's configureOptions
	// delegate: it runs once the settings are applied, before the client is made.
	ConfigureOptions func(*redis.UniversalOptions)
}

// Clustering is how a client reaches the cache's shards.
type Clustering string

const (
	// DetectClustering asks the server (INFO cluster) when the client is made: caches with the
	// OSSCluster clustering policy, the component's default, answer cluster_enabled:1 and get
	// a cluster-aware client; EnterpriseCluster and NoCluster caches a single-endpoint one.
	DetectClustering Clustering = ""
	// Cluster makes a cluster-aware client (redis.ClusterClient).
	Cluster Clustering = "cluster"
	// SingleEndpoint makes a single-endpoint client (redis.Client).
	SingleEndpoint Clustering = "single"
)

// AzureManagedRedisHostSuffix ends the host names of Azure Managed Redis caches.
const AzureManagedRedisHostSuffix = ".redis.azure.net"

// Option configures New and NewClients.
type Option func(*options)

type options struct {
	connectionString *string
	credential       azcore.TokenCredential
	entra            bool
	tlsConfig        *tls.Config
	settings         []func(*Settings) // the app's changes, applied in order after Aspire's section
}

// WithConnectionString gives the cache's settings directly, instead of reading them from the
// environment: a StackExchange.Redis connection string ("<host>:10000,ssl=true,password=...")
// or a redis:// or rediss:// URI.
func WithConnectionString(s string) Option {
	return func(o *options) { o.connectionString = &s }
}

// WithAzureAuthentication authenticates with Microsoft Entra ID, as Aspire's
// WithAzureAuthentication does: tokens for https://redis.azure.com/.default from cred (nil:
// azidentity's DefaultAzureCredential), the user name their object id (oid), refreshed before
// they expire and sent again on every open connection. It applies to Azure Managed Redis hosts
// (see Settings.AzureHostSuffixes) whose settings carry no password: an access-key cache, or a
// local Redis, is reached as the settings say.
func WithAzureAuthentication(cred azcore.TokenCredential) Option {
	return func(o *options) { o.entra, o.credential = true, cred }
}

// WithTLSConfig is the TLS configuration of the connections, such as a private CA's RootCAs;
// it also turns TLS on when the settings do not say (a host and a port).
func WithTLSConfig(config *tls.Config) Option {
	return func(o *options) { o.tlsConfig = config }
}

// WithSettings changes the client's Settings, after Aspire's configuration section has set
// them: what the app says wins.
func WithSettings(change func(*Settings)) Option {
	return func(o *options) { o.settings = append(o.settings, change) }
}

func collect(opts []Option) options {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	return o
}
