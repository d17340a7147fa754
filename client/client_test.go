package client

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
)

func timeout(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// roundTrip writes and reads a key, failing the test when the client cannot.
func roundTrip(t *testing.T, c redis.UniversalClient, key string) {
	t.Helper()
	ctx := timeout(t)
	if err := c.Set(ctx, key, "v-"+key, time.Minute).Err(); err != nil {
		t.Fatalf("SET %s: %v", key, err)
	}
	if got, err := c.Get(ctx, key).Result(); err != nil || got != "v-"+key {
		t.Fatalf("GET %s: %q, %v", key, got, err)
	}
}

// An access-key cache, as the component hands it to an app in ConnectionStrings__<name>, over
// TLS with the cache's certificate from a private CA. The password wins over Entra ID.
func TestAccessKeyFromConnectionStringsOverTLS(t *testing.T) {
	const key = "k+y/S3cr3t=="
	ca := newTestCA(t)
	s := startRedis(t, serverConfig{ca: ca, password: key})
	t.Setenv("ConnectionStrings__cache", s.addr+",ssl=true,password="+key+",abortConnect=False")
	cred := &fakeCredential{oid: "unused", lifetime: time.Hour}
	azureHere := WithSettings(func(s *Settings) { s.AzureHostSuffixes = []string{"127.0.0.1"} })

	c, err := New(timeout(t), "cache", WithTLSConfig(ca.clientConfig()), WithAzureAuthentication(cred), azureHere)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, single := c.(*redis.Client); !single {
		t.Errorf("a server without cluster mode got a %T", c)
	}
	roundTrip(t, c, "session")
	if cred.count() != 0 {
		t.Error("an access-key cache asked Entra ID for a token")
	}
	if err := HealthCheck(c)(timeout(t)); err != nil {
		t.Errorf("health check: %v", err)
	}

	// The server's certificate is trusted only through the CA given.
	_, err = New(timeout(t), "cache")
	if err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Errorf("without the CA: %v, want a certificate error", err)
	}
	if err != nil && strings.Contains(err.Error(), key) {
		t.Errorf("error %q shows the key", err)
	}
	// A wrong key is refused, and not shown.
	t.Setenv("ConnectionStrings__cache", s.addr+",ssl=true,password=wrong-"+key)
	_, err = New(timeout(t), "cache", WithTLSConfig(ca.clientConfig()))
	if err == nil || strings.Contains(err.Error(), key) {
		t.Errorf("a wrong key: %v", err)
	}
}

// Entra ID: the user is the token's object id, the password the token. The server accepts only
// the newest token; the client keeps one connection open across several refreshes, because it
// sends AUTH again on it.
func TestEntraIdTokensAreRefreshedAndSentAgainOnOpenConnections(t *testing.T) {
	const oid = "6f1c2a9e-0b4d-4c3e-9a51-7d2e8f0a1b2c"
	ca := newTestCA(t)
	s := startRedis(t, serverConfig{ca: ca})
	cred := &fakeCredential{oid: oid, lifetime: 3 * time.Second, issued: func(token string) error {
		// Only the newest token is a valid password.
		return s.admin.Do(context.Background(), "ACL", "SETUSER", oid, "on", "resetpass", ">"+token, "~*", "&*", "+@all").Err()
	}}
	c, err := New(timeout(t), "cache", WithConnectionString(s.addr+",ssl=true"), WithTLSConfig(ca.clientConfig()),
		WithAzureAuthentication(cred),
		WithSettings(func(s *Settings) { s.AzureHostSuffixes, s.PoolSize = []string{"127.0.0.1"}, 1 }))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx := timeout(t)
	if who, err := c.Do(ctx, "ACL", "WHOAMI").Text(); err != nil || who != oid {
		t.Fatalf("authenticated as %q (%v), want the token's object id", who, err)
	}
	connection, err := c.Do(ctx, "CLIENT", "ID").Int64()
	if err != nil {
		t.Fatal(err)
	}
	auths := s.stat(t, "commandstats", "cmdstat_auth")
	tokens := cred.count()

	// Three lifetimes of a token: at least three refreshes.
	for end := time.Now().Add(9 * time.Second); time.Now().Before(end); time.Sleep(250 * time.Millisecond) {
		roundTrip(t, c, "refreshing")
		if id, err := c.Do(ctx, "CLIENT", "ID").Int64(); err != nil || id != connection {
			t.Fatalf("connection %d (%v), want the same connection %d", id, err, connection)
		}
	}
	// Every refreshed token is sent on the open connection (the last one maybe a moment after
	// it was issued: go-redis authenticates a connection again once it is idle).
	var refreshed, again int
	for end := time.Now().Add(3 * time.Second); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		roundTrip(t, c, "settling")
		refreshed, again = cred.count()-tokens, s.stat(t, "commandstats", "cmdstat_auth")-auths
		if again >= refreshed {
			break
		}
	}
	if refreshed < 3 {
		t.Fatalf("%d tokens refreshed, want at least 3", refreshed)
	}
	if again < refreshed {
		t.Errorf("%d AUTH after %d refreshes: the open connection was not authenticated again", again, refreshed)
	}
	// The object id's only connection is the one opened first: no reconnection.
	list, err := s.admin.ClientList(ctx).Result()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, line := range strings.Split(strings.TrimSpace(list), "\n") {
		if strings.Contains(line, " user="+oid+" ") {
			id, _, _ := strings.Cut(strings.TrimPrefix(line, "id="), " ")
			ids = append(ids, id)
		}
	}
	if len(ids) != 1 || ids[0] != fmt.Sprint(connection) {
		t.Errorf("connections of %s: %v, want only %d", oid, ids, connection)
	}
	for _, scope := range cred.scopes {
		if scope != RedisScope {
			t.Errorf("token requested for scope %q, want %q", scope, RedisScope)
		}
	}
	// The first token no longer opens a connection.
	stale := redis.NewClient(&redis.Options{Addr: s.addr, TLSConfig: ca.clientConfig(), Username: oid, Password: cred.tokens[0]})
	defer stale.Close()
	if err := stale.Ping(ctx).Err(); err == nil || !strings.Contains(err.Error(), "WRONGPASS") {
		t.Errorf("an expired token: %v, want WRONGPASS", err)
	}
}

func TestAFailingCredentialIsAClearError(t *testing.T) {
	s := startRedis(t, serverConfig{})
	cred := &fakeCredential{fail: errors.New("no managed identity endpoint on this machine")}
	_, err := New(timeout(t), "cache", WithConnectionString(s.addr), WithAzureAuthentication(cred),
		WithSettings(func(s *Settings) { s.AzureHostSuffixes = []string{"127.0.0.1"} }))
	for _, want := range []string{"client: cache", "Entra ID token for " + RedisScope, "no managed identity endpoint on this machine"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not say %q", err, want)
		}
	}
}

// WithAzureAuthentication applies to Azure Managed Redis hosts: the same app code reaches a
// local Redis without Entra ID.
func TestAzureAuthenticationIsForAzureHosts(t *testing.T) {
	s := startRedis(t, serverConfig{})
	cred := &fakeCredential{oid: "unused", lifetime: time.Hour}
	c, err := New(timeout(t), "cache", WithConnectionString(s.addr), WithAzureAuthentication(cred))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	roundTrip(t, c, "local")
	if cred.count() != 0 {
		t.Error("Entra ID was asked for a token for a local Redis")
	}
	u, err := redisOptions(&endpoint{addrs: []string{"c.westeurope.redis.azure.net:10000"}}, collect([]Option{WithAzureAuthentication(cred)}))
	if err != nil || u.StreamingCredentialsProvider == nil || u.TLSConfig == nil || u.TLSConfig.ServerName != "c.westeurope.redis.azure.net" {
		t.Errorf("an Azure host: %+v, %v; want Entra ID and TLS", u, err)
	}
}

func TestKeyedClientsOnTwoServers(t *testing.T) {
	cache, sessions := startRedis(t, serverConfig{}), startRedis(t, serverConfig{password: "sessions-key"})
	t.Setenv("ConnectionStrings__cache", cache.addr)
	t.Setenv("SESSIONS_HOST", "127.0.0.1")
	t.Setenv("SESSIONS_PORT", fmt.Sprint(sessions.port))
	t.Setenv("SESSIONS_PASSWORD", "sessions-key")
	clients, err := NewClients(timeout(t), []string{"cache", "sessions"})
	if err != nil {
		t.Fatal(err)
	}
	defer clients.Close()
	roundTrip(t, clients.Get("cache"), "in-cache")
	roundTrip(t, clients.Get("sessions"), "in-sessions")
	ctx := timeout(t)
	for server, want := range map[*server]string{cache: "in-cache", sessions: "in-sessions"} {
		keys, err := server.admin.Keys(ctx, "*").Result()
		if err != nil || len(keys) != 1 || keys[0] != want {
			t.Errorf("server %s holds %v (%v), want only %s", server.addr, keys, err, want)
		}
	}
	if clients.Get("other") != nil {
		t.Error("a client for a name never given")
	}
	if err := clients.HealthCheck()(ctx); err != nil {
		t.Errorf("health: %v", err)
	}
	if _, err := NewClients(ctx, []string{"cache", "sessions"}, WithConnectionString(cache.addr)); err == nil {
		t.Error("one connection string for two keyed clients was accepted")
	}
	if _, err := NewClients(ctx, []string{"cache", "missing"}); err == nil || !strings.Contains(err.Error(), `"missing"`) {
		t.Errorf("a keyed client without settings: %v", err)
	}
}

// A cache with the OSSCluster policy answers as a Redis Cluster: the client detects it and
// spreads keys over the shards; a single-endpoint cache gets a single-endpoint client.
func TestOSSClusterGetsAClusterAwareClient(t *testing.T) {
	nodes := clusterOf(t, 3)
	t.Setenv("ConnectionStrings__cluster", nodes[0].addr)
	c, err := New(timeout(t), "cluster")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, cluster := c.(*redis.ClusterClient); !cluster {
		t.Fatalf("a cluster got a %T", c)
	}
	for i := range 30 {
		roundTrip(t, c, fmt.Sprintf("key-%d", i))
	}
	ctx := timeout(t)
	for _, node := range nodes {
		if n, err := node.admin.DBSize(ctx).Result(); err != nil || n == 0 {
			t.Errorf("node %s holds %d keys (%v): keys were not spread over the shards", node.addr, n, err)
		}
	}
	if err := HealthCheck(c)(ctx); err != nil {
		t.Errorf("health: %v", err)
	}
	explicit, err := New(ctx, "cluster", WithSettings(func(s *Settings) { s.Clustering = SingleEndpoint }))
	if err != nil {
		t.Fatal(err)
	}
	defer explicit.Close()
	if _, single := explicit.(*redis.Client); !single {
		t.Errorf("Clustering SingleEndpoint gave a %T", explicit)
	}
	if _, err := New(ctx, "cluster", WithSettings(func(s *Settings) { s.Clustering = "sharded" })); err == nil {
		t.Error("an unknown clustering was accepted")
	}
}

func TestCommandsAreTracedUnlessDisabled(t *testing.T) {
	s := startRedis(t, serverConfig{})
	for _, disabled := range []bool{false, true} {
		spans := tracetest.NewSpanRecorder()
		provider := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(spans))
		c, err := New(timeout(t), "cache", WithConnectionString(s.addr), WithSettings(func(s *Settings) {
			s.TracerProvider, s.DisableTracing, s.DisableMetrics = provider, disabled, disabled
		}))
		if err != nil {
			t.Fatal(err)
		}
		roundTrip(t, c, "traced")
		c.Close()
		var names []string
		for _, span := range spans.Ended() {
			names = append(names, span.Name())
			for _, attr := range span.Attributes() {
				if strings.Contains(attr.Value.Emit(), "v-traced") {
					t.Errorf("span %s records the value written: %s", span.Name(), attr.Key)
				}
			}
		}
		if traced := strings.Contains(strings.Join(names, " "), "set"); traced == disabled {
			t.Errorf("DisableTracing %v: spans %v", disabled, names)
		}
	}
}

func TestHealthCheck(t *testing.T) {
	s := startRedis(t, serverConfig{})
	c, err := New(timeout(t), "cache", WithConnectionString(s.addr))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	quiet, err := New(timeout(t), "cache", WithConnectionString(s.addr), WithSettings(func(s *Settings) { s.DisableHealthChecks = true }))
	if err != nil {
		t.Fatal(err)
	}
	defer quiet.Close()
	ctx := timeout(t)
	if err := HealthCheck(c)(ctx); err != nil {
		t.Fatalf("healthy server: %v", err)
	}
	s.admin.Shutdown(ctx)
	if err := HealthCheck(c)(ctx); err == nil {
		t.Error("a stopped server is reported healthy")
	}
	if err := HealthCheck(quiet)(ctx); err != nil {
		t.Errorf("health checks disabled, yet %v", err)
	}
}
