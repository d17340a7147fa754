package client

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/redis/go-redis/v9/maintnotifications"
)

// New connects to the cache an app knows as connectionName, as Aspire's
// AddRedisClient(connectionName) does: it reads the settings (see the package documentation for
// where from, in which order), authenticates with the settings' password or, with
// WithAzureAuthentication, with Entra ID tokens, and returns a cluster-aware client for a
// clustered cache (the component's default OSSCluster policy) or a single-endpoint one
// otherwise, as the cache answers at connect time unless Settings.Clustering says.
//
// New returns by ctx's deadline. It fails when a setting is wrong (an error naming it, never a
// password or token). When the cache cannot be reached, or the credential gives no token, it
// fails only with abortConnect=true (the default, except for Azure Managed Redis hosts, as
// StackExchange.Redis has it): with abortConnect=false it returns a client that reaches the
// cache once it answers. Either way the commands honour their context.
//
// The caller closes the client; that also stops every background token refresh.
func New(ctx context.Context, connectionName string, opts ...Option) (redis.UniversalClient, error) {
	return open(ctx, connectionName, collect(opts), readEnvironment(os.Environ()))
}

func open(ctx context.Context, connectionName string, o options, env environment) (redis.UniversalClient, error) {
	conn, settings, err := configure(connectionName, o, env)
	if err != nil {
		return nil, err
	}
	fail := func(format string, args ...any) error {
		return redact(fmt.Errorf("client: %s: "+format, append([]any{connectionName}, args...)...), conn.secrets)
	}
	u, entra, err := redisOptions(conn, o, settings)
	if err != nil {
		return nil, fail("%s: %w", conn.source, err)
	}
	if settings.ConfigureOptions != nil {
		settings.ConfigureOptions(u)
		if u.StreamingCredentialsProvider != entra {
			entra = nil // the app brought its own credentials
		}
	}
	abortConnect := abortOnConnectFail(conn, settings)
	if entra != nil {
		if _, err := entra.token(ctx); err != nil && (abortConnect || ctx.Err() != nil) {
			return nil, fail("%w", err)
		}
	}
	c, err := connect(ctx, u, conn, settings.Clustering, abortConnect)
	if err != nil {
		return nil, fail("%w", err)
	}
	if entra != nil {
		c.AddHook(entra.hook())
	}
	instrument(c, settings)
	healthChecks.set(c, !settings.DisableHealthChecks)
	return c, nil
}

// redact keeps secrets (of 3 characters or more) out of err's message, should a server, the TLS
// stack or go-redis ever quote one (a piece of a password holding a comma given as sslHost, say).
// The error still answers errors.Is as err does.
func redact(err error, secrets []string) error {
	msg := err.Error()
	for _, secret := range secrets {
		if len(secret) >= 3 {
			msg = strings.ReplaceAll(msg, secret, "[redacted]")
		}
	}
	if msg == err.Error() {
		return err
	}
	return &redactedError{msg, err}
}

type redactedError struct {
	msg string
	err error // not unwrapped: its message holds the secret
}

func (e *redactedError) Error() string        { return e.msg }
func (e *redactedError) Is(target error) bool { return errors.Is(e.err, target) }

// isAzureHost says whether host is one of Settings.AzureHostSuffixes, whatever its case, also
// written as an absolute name (a trailing dot: <name>.redis.azure.net.).
func isAzureHost(host string, s Settings) bool {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	return slices.ContainsFunc(s.AzureHostSuffixes, func(suffix string) bool {
		return strings.HasSuffix(host, strings.TrimSuffix(strings.ToLower(suffix), "."))
	})
}

// abortOnConnectFail is StackExchange.Redis's abortConnect: as the settings say, else false for
// Azure hosts (its Azure Managed Redis defaults) and true otherwise.
func abortOnConnectFail(c *connection, s Settings) bool {
	if c.abortConnect != nil {
		return *c.abortConnect
	}
	return !isAzureHost(c.host(), s)
}

// redisOptions turns the settings into go-redis options, and the Entra ID credentials when the
// client authenticates with Entra ID.
func redisOptions(c *connection, o options, s Settings) (*redis.UniversalOptions, *entraCredentials, error) {
	u := &redis.UniversalOptions{
		Addrs:            c.addrs,
		Username:         c.username,
		Password:         c.password,
		DB:               c.db,
		ClientName:       c.clientName,
		Protocol:         c.protocol,
		MasterName:       c.serviceName,
		DialTimeout:      first(s.DialTimeout, c.dialTimeout),
		ReadTimeout:      first(s.ReadTimeout, max(c.syncTimeout, c.asyncTimeout)),
		WriteTimeout:     first(s.WriteTimeout, max(c.syncTimeout, c.asyncTimeout)),
		PoolSize:         s.PoolSize,
		SentinelUsername: c.sentinelUsername,
		SentinelPassword: c.sentinelPassword,
		// Every command returns by its context's deadline, also while reading a reply.
		ContextTimeoutEnabled: true,
		DisableIdentity:       c.disableIdentity,
	}
	if c.connectRetry != nil {
		u.DialerRetries = max(*c.connectRetry, 0) + 1 // go-redis counts attempts, StackExchange.Redis retries
	}
	if c.uri != nil {
		uriOptions(u, c.uri, s)
	}
	host := c.host()
	azure := isAzureHost(host, s)
	// TLS as the settings say; when they do not, on for Azure hosts and with a TLS config.
	if on := c.tls; (on != nil && *on) || (on == nil && (azure || o.tlsConfig != nil)) {
		u.TLSConfig = &tls.Config{MinVersion: tls.VersionTLS12}
		if o.tlsConfig != nil {
			u.TLSConfig = o.tlsConfig.Clone()
		}
		if c.tlsMinVersion != 0 {
			u.TLSConfig.MinVersion, u.TLSConfig.MaxVersion = c.tlsMinVersion, c.tlsMaxVersion
		}
		if u.TLSConfig.ServerName == "" {
			u.TLSConfig.ServerName = first(c.tlsServerName, host)
		}
		if c.uri != nil && c.uri.TLSConfig != nil && c.uri.TLSConfig.InsecureSkipVerify {
			u.TLSConfig.InsecureSkipVerify = true // ?skip_verify=true
		}
	}
	// Entra ID for Azure hosts without a password; a password means an access-key cache.
	if !o.entra || !azure || c.password != "" {
		return u, nil, nil
	}
	if u.TLSConfig == nil {
		return nil, nil, errors.New("ssl=false: Entra ID authenticates over TLS only")
	}
	entra, err := newEntraCredentials(o.credential)
	if err != nil {
		return nil, nil, err
	}
	u.StreamingCredentialsProvider = entra
	return u, entra, nil
}

// uriOptions applies what go-redis's ParseURL read of a URI's query, as it reads it; the
// Settings still win.
func uriOptions(u *redis.UniversalOptions, o *redis.Options, s Settings) {
	u.ReadTimeout, u.WriteTimeout, u.PoolSize = first(s.ReadTimeout, o.ReadTimeout), first(s.WriteTimeout, o.WriteTimeout), first(s.PoolSize, o.PoolSize)
	u.MaxRetries, u.MinRetryBackoff, u.MaxRetryBackoff = o.MaxRetries, o.MinRetryBackoff, o.MaxRetryBackoff
	u.PoolFIFO, u.PoolTimeout, u.MaxConcurrentDials = o.PoolFIFO, o.PoolTimeout, o.MaxConcurrentDials
	u.MinIdleConns, u.MaxIdleConns, u.MaxActiveConns = o.MinIdleConns, o.MaxIdleConns, o.MaxActiveConns
	u.ConnMaxIdleTime, u.ConnMaxLifetime, u.ConnMaxLifetimeJitter = o.ConnMaxIdleTime, o.ConnMaxLifetime, o.ConnMaxLifetimeJitter
	u.PipelinePoolSize, u.PipelineReadBufferSize, u.PipelineWriteBufferSize = o.PipelinePoolSize, o.PipelineReadBufferSize, o.PipelineWriteBufferSize
}

// connect makes the client clustering asks for; DetectClustering asks the endpoints first.
func connect(ctx context.Context, u *redis.UniversalOptions, c *connection, clustering Clustering, abortConnect bool) (redis.UniversalClient, error) {
	if u.MasterName != "" {
		return redis.NewFailoverClient(u.Failover()), nil // a Sentinel service names the primary
	}
	switch clustering {
	case Cluster:
		return redis.NewClusterClient(u.Cluster()), nil
	case SingleEndpoint:
		return redis.NewClient(u.Simple()), nil
	case DetectClustering:
	default:
		return nil, fmt.Errorf("Settings.Clustering %q: expected DetectClustering, Cluster or SingleEndpoint", clustering)
	}
	found, err := detect(ctx, u)
	switch {
	case err == nil && found.cluster:
		return redis.NewClusterClient(u.Cluster()), nil
	case err == nil:
		single := u.Simple()
		single.Addr = found.addr
		return redis.NewClient(single), nil
	case abortConnect || ctx.Err() != nil:
		return nil, fmt.Errorf("connecting (settings from %s): %w", c.source, err)
	}
	// Unreachable for now: a client that learns the cache's shape once it answers.
	cluster := u.Cluster()
	cluster.ClusterSlots = slotsOf(u)
	return redis.NewClusterClient(cluster), nil
}

// endpointAnswer is what one endpoint says of the cache.
type endpointAnswer struct {
	addr             string
	cluster, primary bool
}

// detect asks every endpoint at once whether the cache is a Redis Cluster (INFO cluster) and
// which is a primary (INFO replication). The first endpoint, in the order given, of a cluster
// wins; else the first primary; else the first that answers.
func detect(ctx context.Context, u *redis.UniversalOptions) (endpointAnswer, error) {
	ctx, cancel := context.WithTimeout(ctx, first(u.DialTimeout, 5*time.Second)+first(u.ReadTimeout, 3*time.Second))
	defer cancel()
	answers := make([]endpointAnswer, len(u.Addrs))
	errs := make([]error, len(u.Addrs))
	done := make(chan int, len(u.Addrs))
	for i, addr := range u.Addrs {
		go func() {
			answers[i], errs[i] = ask(ctx, u, addr)
			done <- i
		}()
	}
	for range u.Addrs {
		<-done
	}
	var best *endpointAnswer
	for i := range answers {
		a := &answers[i]
		switch {
		case errs[i] != nil:
		case a.cluster:
			return *a, nil
		case best == nil || (a.primary && !best.primary):
			best = a
		}
	}
	if best != nil {
		return *best, nil
	}
	for i, err := range errs {
		errs[i] = fmt.Errorf("%s: %w", u.Addrs[i], err)
	}
	return endpointAnswer{}, errors.Join(errs...)
}

// ask asks one endpoint, over one connection made once, what it is.
func ask(ctx context.Context, u *redis.UniversalOptions, addr string) (endpointAnswer, error) {
	probe := probeOptions(u, addr)
	c := redis.NewClient(probe)
	defer c.Close()
	info, err := c.Info(ctx, "cluster", "replication").Result()
	if err != nil {
		return endpointAnswer{}, err
	}
	return endpointAnswer{addr: addr, cluster: infoField(info, "cluster_enabled") == "1", primary: infoField(info, "role") != "slave"}, nil
}

// probeOptions are the client's options for one endpoint, with one attempt and one connection.
// A probe asks one question and closes: it does not ask for maintenance notifications (one round
// trip less). That leaves the client's own untouched: its configuration is a copy of its own
// (Simple copies the pointer, which go-redis's NewClient clones before its auto mode may turn
// it off on a server that refuses the handshake).
func probeOptions(u *redis.UniversalOptions, addr string) *redis.Options {
	probe := u.Simple()
	probe.Addr, probe.DialerRetries, probe.MaxRetries, probe.PoolSize, probe.MinIdleConns = addr, 1, -1, 1, 0
	probe.MaintNotificationsConfig = &maintnotifications.Config{Mode: maintnotifications.ModeDisabled}
	return probe
}

// infoField reads one field of an INFO reply.
func infoField(info, field string) string {
	for _, line := range strings.Split(info, "\n") {
		if value, ok := strings.CutPrefix(strings.TrimSpace(line), field+":"); ok {
			return value
		}
	}
	return ""
}

// slotsOf reads a cache's slots for a cluster client made before the cache answered: a Redis
// Cluster's own (CLUSTER SLOTS), or, from a cache that is not one, all slots on the endpoint that
// answered, so that one client type serves both.
func slotsOf(u *redis.UniversalOptions) func(context.Context) ([]redis.ClusterSlot, error) {
	return func(ctx context.Context) ([]redis.ClusterSlot, error) {
		var errs []error
		for _, addr := range u.Addrs {
			slots, err := slotsFrom(ctx, u, addr)
			if err == nil {
				return slots, nil
			}
			errs = append(errs, fmt.Errorf("%s: %w", addr, err))
		}
		return nil, errors.Join(errs...)
	}
}

func slotsFrom(ctx context.Context, u *redis.UniversalOptions, addr string) ([]redis.ClusterSlot, error) {
	c := redis.NewClient(probeOptions(u, addr))
	defer c.Close()
	info, err := c.Info(ctx, "cluster").Result()
	if err != nil {
		return nil, err
	}
	if infoField(info, "cluster_enabled") == "1" {
		return c.ClusterSlots(ctx).Result()
	}
	return []redis.ClusterSlot{{Start: 0, End: 16383, Nodes: []redis.ClusterNode{{Addr: addr}}}}, nil
}

// first is the first value that is not zero.
func first[T comparable](values ...T) T {
	var zero T
	for _, v := range values {
		if v != zero {
			return v
		}
	}
	return zero
}
