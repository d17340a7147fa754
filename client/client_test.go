package client

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
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

// azureHere makes 127.0.0.1 an Azure Managed Redis host, as the tests' servers stand in for one.
var azureHere = WithSettings(func(s *Settings) { s.AzureHostSuffixes = []string{"127.0.0.1"} })

// An access-key cache, as the component hands it to an app in ConnectionStrings__<name>, over
// TLS with the cache's certificate from a private CA. The password wins over Entra ID.
func TestAccessKeyFromConnectionStringsOverTLS(t *testing.T) {
	const key = "k+y/S3cr3t=="
	ca := newTestCA(t)
	s := startRedis(t, serverConfig{ca: ca, password: key})
	t.Setenv("ConnectionStrings__cache", s.addr+",ssl=true,password="+key+",abortConnect=False")
	cred := &fakeCredential{oid: "unused", lifetime: time.Hour}

	c, err := New(timeout(t), "cache", WithTLSConfig(ca.clientConfig()), WithAzureAuthentication(cred), azureHere)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, single := c.(*redis.Client); !single {
		t.Errorf("a server without cluster mode got a %T", c)
	}
	roundTrip(t, c, "session")
	if cred.callCount() != 0 {
		t.Error("an access-key cache asked Entra ID for a token")
	}
	if err := HealthCheck(c)(timeout(t)); err != nil {
		t.Errorf("health check: %v", err)
	}

	// The server's certificate is trusted only through the CA given.
	t.Setenv("ConnectionStrings__cache", s.addr+",ssl=true,password="+key)
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
	if cred.callCount() != 0 {
		t.Error("Entra ID was asked for a token for a local Redis")
	}
}

// An Azure host written as an absolute name (a trailing dot) is an Azure host: with the default
// suffixes, Entra ID authenticates it (the connection is dialled to a real server standing in).
func TestAnAzureHostWithATrailingDot(t *testing.T) {
	ca := newTestCA(t)
	s := startRedis(t, serverConfig{ca: ca})
	cred := &fakeCredential{oid: testOID, lifetime: time.Hour}
	acceptTokens(t, cred, s)
	toServer := WithSettings(func(settings *Settings) {
		settings.ConfigureOptions = func(u *redis.UniversalOptions) {
			dialer := &tls.Dialer{Config: u.TLSConfig} // go-redis leaves TLS to a Dialer of the app's
			u.Dialer = func(ctx context.Context, network, _ string) (net.Conn, error) {
				return dialer.DialContext(ctx, network, s.addr)
			}
		}
	})
	c, err := New(timeout(t), "cache", WithConnectionString("cache.westeurope.redis.azure.net.:10000,sslHost=127.0.0.1,abortConnect=true"),
		WithTLSConfig(ca.clientConfig()), WithAzureAuthentication(cred), toServer)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if who, err := c.Do(timeout(t), "ACL", "WHOAMI").Text(); err != nil || who != testOID {
		t.Errorf("authenticated as %q (%v), want the token's object id", who, err)
	}
}

func TestKeyedClientsOnTwoServers(t *testing.T) {
	cache, sessions := startRedis(t, serverConfig{}), startRedis(t, serverConfig{password: "sessions-key"})
	t.Setenv("ConnectionStrings__cache", cache.addr)
	unsetenv(t, "ConnectionStrings__sessions") // the examples' (TestMain)
	t.Setenv("SESSIONS_HOST", "127.0.0.1")
	t.Setenv("sessions_port", fmt.Sprint(sessions.port))
	t.Setenv("SESSIONS_PASSWORD", "sessions-key")
	// Aspire's keyed section: health checks off for sessions only.
	t.Setenv("Aspire__StackExchange__Redis__sessions__DisableHealthChecks", "true")
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
	if _, err := NewClients(ctx, []string{"cache", "missing"}); !errors.Is(err, ErrNotConfigured) || !strings.Contains(err.Error(), `"missing"`) {
		t.Errorf("a keyed client without settings: %v", err)
	}
	sessions.admin.Shutdown(ctx)
	if err := clients.HealthCheck()(ctx); err != nil {
		t.Errorf("sessions' health checks are off in its keyed section, yet: %v", err)
	}
	cache.admin.Shutdown(ctx)
	if err := clients.HealthCheck()(ctx); err == nil || !strings.Contains(err.Error(), "cache:") {
		t.Errorf("a stopped cache: %v", err)
	}
}

// A cache with the OSSCluster policy answers as a Redis Cluster: the client detects it and
// spreads keys over the shards; a single-endpoint cache gets a single-endpoint client.
func TestOSSClusterGetsAClusterAwareClient(t *testing.T) {
	nodes := clusterOf(t, 3, nil)
	c := clusterClient(t, nodes)
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

// clusterClient is New's client of the cluster of nodes (ConnectionStrings__cluster): a
// cluster-aware one, which has written keys over the shards.
func clusterClient(t *testing.T, nodes []*server) redis.UniversalClient {
	t.Helper()
	t.Setenv("ConnectionStrings__cluster", nodes[0].addr)
	c, err := New(timeout(t), "cluster")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if _, cluster := c.(*redis.ClusterClient); !cluster {
		t.Fatalf("a cluster got a %T", c)
	}
	for i := range 30 {
		roundTrip(t, c, fmt.Sprintf("key-%d", i))
	}
	return c
}

// Every endpoint of a connection string is tried: one that is down does not keep the client
// from the others, and a primary is preferred to a replica.
func TestEveryEndpointIsTried(t *testing.T) {
	primary, replica := startRedis(t, serverConfig{}), startRedis(t, serverConfig{})
	ctx := timeout(t)
	if err := replica.admin.Do(ctx, "REPLICAOF", "127.0.0.1", strconv.Itoa(primary.port)).Err(); err != nil {
		t.Fatal(err)
	}
	down := fmt.Sprintf("127.0.0.1:%d", freePort(t, false))
	c, err := New(ctx, "cache", WithConnectionString(down+","+replica.addr+","+primary.addr))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	roundTrip(t, c, "written")
	if n, _ := primary.admin.Exists(ctx, "written").Result(); n != 1 {
		t.Error("the client did not write to the primary")
	}
	// None answers: every endpoint is named, with what went wrong.
	other := fmt.Sprintf("127.0.0.1:%d", freePort(t, false))
	_, err = New(ctx, "cache", WithConnectionString(down+","+other+",password=S3cr3t"))
	for _, want := range []string{down, other, "refused"} {
		if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "S3cr3t") {
			t.Errorf("no endpoint answers: %v, want it to say %q", err, want)
		}
	}
}

// abortConnect=false (the default for Azure hosts): New returns a client although the cache
// does not answer yet, and that client reaches the cache, whichever its clustering, once it
// does.
func TestAbortConnectFalseTakesACacheThatIsNotUpYet(t *testing.T) {
	for _, clustered := range []bool{false, true} {
		t.Run(fmt.Sprintf("clustered %v", clustered), func(t *testing.T) {
			port := freePort(t, clustered)
			addr := fmt.Sprintf("127.0.0.1:%d", port)
			var c redis.UniversalClient
			within(t, 10*time.Second, "New", func() {
				var err error
				c, err = New(timeout(t), "cache", WithConnectionString(addr+",abortConnect=false"))
				if err != nil {
					t.Error(err)
				}
			})
			if c == nil {
				t.FailNow()
			}
			defer c.Close()
			ctx := timeout(t)
			if err := c.Ping(ctx).Err(); err == nil {
				t.Fatal("a cache that is not up answered")
			}
			if clustered {
				startClusterOn(t, port)
			} else {
				startRedisOn(t, port)
			}
			for i := range 20 {
				roundTrip(t, c, fmt.Sprintf("later-%d", i))
			}
		})
	}
	// abortConnect=true: New fails, saying where it tried.
	addr := fmt.Sprintf("127.0.0.1:%d", freePort(t, false))
	if _, err := New(timeout(t), "cache", WithConnectionString(addr)); err == nil || !strings.Contains(err.Error(), addr) {
		t.Errorf("abortConnect=true and no cache: %v", err)
	}
}

// unsetenv unsets a variable for the test.
func unsetenv(t *testing.T, name string) {
	t.Helper()
	value, set := os.LookupEnv(name)
	os.Unsetenv(name)
	t.Cleanup(func() {
		if set {
			os.Setenv(name, value)
		}
	})
}

// startRedisOn starts a server on a given port; startClusterOn makes it, and two more nodes, a
// Redis Cluster.
func startRedisOn(t *testing.T, port int) *server {
	t.Helper()
	return startRedis(t, serverConfig{port: port})
}

func startClusterOn(t *testing.T, port int) {
	t.Helper()
	first := startRedis(t, serverConfig{port: port, cluster: true})
	nodes := []*server{first, startRedis(t, serverConfig{cluster: true}), startRedis(t, serverConfig{cluster: true})}
	makeCluster(t, nodes, nil)
}

// Settings.ConfigureOptions has the last word on go-redis's options.
func TestConfigureOptionsHasTheLastWord(t *testing.T) {
	s := startRedis(t, serverConfig{})
	c, err := New(timeout(t), "cache", WithConnectionString(s.addr+",name=from-connection-string"), WithSettings(func(s *Settings) {
		s.ConfigureOptions = func(u *redis.UniversalOptions) { u.ClientName = "from-configure-options" }
	}))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if name, err := c.ClientGetName(timeout(t)).Result(); err != nil || name != "from-configure-options" {
		t.Errorf("client name %q (%v)", name, err)
	}
}

// serviceName: a Redis Sentinel service, whose primary the client follows; with
// sentinelUser/sentinelPassword (StackExchange.Redis 3.1.13) when the sentinels' credentials
// are not the primary's.
func TestSentinelServiceName(t *testing.T) {
	tests := []struct {
		name                    string
		primaryKey, sentinelKey string
		connectionStringSuffix  string
	}{
		{"no passwords", "", "", ""},
		{"a password for each", "primary-key", "sentinel-key", ",password=primary-key,sentinelUser=default,sentinelPassword=sentinel-key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			primary := startRedis(t, serverConfig{password: tt.primaryKey})
			sentinel := startSentinel(t, primary, tt.sentinelKey)
			c, err := New(timeout(t), "cache", WithConnectionString(sentinel+",serviceName=primary"+tt.connectionStringSuffix))
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			roundTrip(t, c, "through-sentinel")
			if n, _ := primary.admin.Exists(timeout(t), "through-sentinel").Result(); n != 1 {
				t.Error("the key is not on the primary the sentinel names")
			}
		})
	}
}

// startSentinel starts a Redis Sentinel monitoring primary as the service "primary", requiring
// password when one is given, and returns its address.
func startSentinel(t *testing.T, primary *server, password string) string {
	t.Helper()
	dir := t.TempDir()
	port := freePort(t, false)
	config := fmt.Sprintf("port %d\nbind 127.0.0.1\nsentinel monitor primary 127.0.0.1 %d 1\n", port, primary.port)
	if primary.password != "" {
		config += fmt.Sprintf("sentinel auth-pass primary %s\n", primary.password)
	}
	if password != "" {
		config += fmt.Sprintf("requirepass %s\n", password)
	}
	conf := filepath.Join(dir, "sentinel.conf")
	if err := os.WriteFile(conf, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("redis-server", conf, "--sentinel")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	sentinel := fmt.Sprintf("127.0.0.1:%d", port)
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if conn, err := net.Dial("tcp", sentinel); err == nil {
			conn.Close()
			return sentinel
		}
		if time.Now().After(deadline) {
			t.Fatal("sentinel did not start")
		}
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
