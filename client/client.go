package client

import (
	"context"
	"crypto/tls"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/redis/go-redis/extra/redisotel/v9"
	"github.com/redis/go-redis/v9"
)

// New connects to the cache an app knows as connectionName, as Aspire's
// AddRedisClient(connectionName) does: it reads the settings (WithConnectionString, else the
// environment the component hands apps, see config.go), authenticates with the settings'
// password or, with WithAzureAuthentication, with Entra ID tokens, and returns a cluster-aware
// client for a clustered cache (the component's default OSSCluster policy) or a
// single-endpoint one otherwise, detected at connect time unless Settings.Clustering says.
// Commands are traced and measured with OpenTelemetry unless the settings turn that off.
//
// The caller closes the client.
func New(ctx context.Context, connectionName string, opts ...Option) (redis.UniversalClient, error) {
	o := collect(opts)
	e, err := lookup(connectionName, o, os.LookupEnv)
	if err != nil {
		return nil, err
	}
	universal, err := redisOptions(e, o)
	if err != nil {
		return nil, fmt.Errorf("client: %s: %w", connectionName, err)
	}
	c, err := connect(ctx, universal, o.settings.Clustering)
	if err != nil {
		return nil, fmt.Errorf("client: %s: connecting to %s (settings from %s): %w", connectionName, e.addrs[0], e.source, err)
	}
	if err := instrument(c, o.settings); err != nil {
		c.Close()
		return nil, fmt.Errorf("client: %s: OpenTelemetry: %w", connectionName, err)
	}
	healthChecks.set(c, !o.settings.DisableHealthChecks)
	return c, nil
}

// redisOptions turns the settings into go-redis options.
func redisOptions(e *endpoint, o options) (*redis.UniversalOptions, error) {
	s := o.settings
	u := &redis.UniversalOptions{
		Addrs:        e.addrs,
		Username:     e.username,
		Password:     e.password,
		DB:           e.db,
		ClientName:   e.clientName,
		DialTimeout:  first(s.DialTimeout, e.dialTimeout),
		ReadTimeout:  first(s.ReadTimeout, e.syncTimeout),
		WriteTimeout: first(s.WriteTimeout, e.syncTimeout),
		PoolSize:     s.PoolSize,
	}
	host := e.host()
	azure := slices.ContainsFunc(s.AzureHostSuffixes, func(suffix string) bool { return strings.HasSuffix(host, suffix) })
	// TLS as the settings say; when they do not, on for Azure hosts and with a TLS config.
	if on := e.tls; (on != nil && *on) || (on == nil && (azure || o.tlsConfig != nil)) {
		u.TLSConfig = &tls.Config{MinVersion: tls.VersionTLS12}
		if o.tlsConfig != nil {
			u.TLSConfig = o.tlsConfig.Clone()
		}
		if u.TLSConfig.ServerName == "" {
			u.TLSConfig.ServerName = first(e.tlsServerName, host)
		}
	}
	// Entra ID for Azure hosts without a password; a password means an access-key cache.
	if o.entra && azure && e.password == "" {
		credentials, err := entraCredentials(o.credential)
		if err != nil {
			return nil, err
		}
		u.StreamingCredentialsProvider = credentials
	}
	return u, nil
}

// connect makes the client clustering asks for; DetectClustering asks the server first.
func connect(ctx context.Context, u *redis.UniversalOptions, clustering Clustering) (redis.UniversalClient, error) {
	switch clustering {
	case Cluster:
		return redis.NewClusterClient(u.Cluster()), nil
	case SingleEndpoint:
		return redis.NewClient(u.Simple()), nil
	case DetectClustering:
	default:
		return nil, fmt.Errorf("Settings.Clustering %q: expected DetectClustering, Cluster or SingleEndpoint", clustering)
	}
	single := redis.NewClient(u.Simple())
	info, err := single.Info(ctx, "cluster").Result()
	if err != nil {
		single.Close()
		return nil, err
	}
	if !clusterEnabled(info) {
		return single, nil
	}
	single.Close()
	return redis.NewClusterClient(u.Cluster()), nil
}

// clusterEnabled reads INFO cluster's cluster_enabled.
func clusterEnabled(info string) bool {
	for _, line := range strings.Split(info, "\n") {
		if value, ok := strings.CutPrefix(strings.TrimSpace(line), "cluster_enabled:"); ok {
			return value == "1"
		}
	}
	return false
}

// instrument traces and measures commands with OpenTelemetry, as the settings say. Traces name
// commands but leave out their arguments (as Aspire's does by default): values may be secrets.
func instrument(c redis.UniversalClient, s Settings) error {
	if !s.DisableTracing {
		opts := []redisotel.TracingOption{redisotel.WithDBStatement(false)}
		if s.TracerProvider != nil {
			opts = append(opts, redisotel.WithTracerProvider(s.TracerProvider))
		}
		if err := redisotel.InstrumentTracing(c, opts...); err != nil {
			return err
		}
	}
	if !s.DisableMetrics {
		var opts []redisotel.MetricsOption
		if s.MeterProvider != nil {
			opts = append(opts, redisotel.WithMeterProvider(s.MeterProvider))
		}
		return redisotel.InstrumentMetrics(c, opts...)
	}
	return nil
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
