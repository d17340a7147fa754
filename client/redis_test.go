package client

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/redis/go-redis/v9"
)

// Real Redis servers for the tests: Debian's redis-server (7.0, TLS and cluster capable),
// started on 127.0.0.1 with free ports and stopped when the test ends. No Redis is mocked.

// server is one running redis-server and an admin connection to it.
type server struct {
	addr     string
	port     int
	password string // the default user's
	admin    *redis.Client
}

type serverConfig struct {
	// ca, when set, serves TLS only, with a certificate for 127.0.0.1 from this CA.
	ca *testCA
	// password is the default user's (requirepass); empty: no password.
	password string
	// cluster starts the server in cluster mode (clusterOf makes the cluster).
	cluster bool
	// port is the port to listen on; a free one when 0.
	port int
}

func startRedis(t testing.TB, cfg serverConfig) *server {
	t.Helper()
	binary, err := exec.LookPath("redis-server")
	if err != nil {
		t.Fatal("redis-server is not installed: .ci/run installs it (apt-get install -y redis-server)")
	}
	dir := t.TempDir()
	port := cfg.port
	if port == 0 {
		port = freePort(t, cfg.cluster)
	}
	args := []string{"--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir,
		"--protected-mode", "no", "--daemonize", "no", "--logfile", filepath.Join(dir, "redis.log")}
	if cfg.ca != nil {
		cert, key := cfg.ca.serverCertificate(t, dir)
		args = append(args, "--port", "0", "--tls-port", strconv.Itoa(port), "--tls-cert-file", cert, "--tls-key-file", key,
			"--tls-ca-cert-file", cfg.ca.file, "--tls-auth-clients", "no")
		if cfg.cluster {
			args = append(args, "--tls-cluster", "yes")
		}
	} else {
		args = append(args, "--port", strconv.Itoa(port))
	}
	if cfg.password != "" {
		args = append(args, "--requirepass", cfg.password)
	}
	if cfg.cluster {
		args = append(args, "--cluster-enabled", "yes", "--cluster-config-file", filepath.Join(dir, "nodes.conf"),
			"--cluster-node-timeout", "5000")
	}
	cmd := exec.Command(binary, args...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	s := &server{addr: net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), port: port, password: cfg.password}
	opts := &redis.Options{Addr: s.addr, Password: cfg.password, Protocol: 2}
	if cfg.ca != nil {
		opts.TLSConfig = cfg.ca.clientConfig()
	}
	s.admin = redis.NewClient(opts)
	t.Cleanup(func() { s.admin.Close() })
	deadline := time.Now().Add(10 * time.Second)
	for {
		err := s.admin.Ping(context.Background()).Err()
		if err == nil {
			return s
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(filepath.Join(dir, "redis.log"))
			t.Fatalf("redis-server on %s did not start: %v\n%s", s.addr, err, log)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// freePort is a free loopback port; for a cluster node, its bus port (+10000) is free too.
func freePort(t testing.TB, cluster bool) int {
	t.Helper()
	for range 100 {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		port := l.Addr().(*net.TCPAddr).Port
		l.Close()
		if !cluster {
			return port
		}
		if port+10000 > 65535 {
			continue
		}
		if bus, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port+10000)); err == nil {
			bus.Close()
			return port
		}
	}
	t.Fatal("no free port")
	return 0
}

// clusterOf starts n nodes and makes them one Redis Cluster, each node holding a third of the
// slots, as an OSSCluster cache's endpoint behaves; with a CA, over TLS only.
func clusterOf(t *testing.T, n int, ca *testCA) []*server {
	t.Helper()
	var nodes []*server
	for range n {
		nodes = append(nodes, startRedis(t, serverConfig{cluster: true, ca: ca}))
	}
	makeCluster(t, nodes, ca)
	return nodes
}

// makeCluster makes running cluster-mode nodes one Redis Cluster.
func makeCluster(t *testing.T, nodes []*server, ca *testCA) {
	t.Helper()
	var args []string
	if ca != nil {
		args = append(args, "--tls", "--cacert", ca.file)
	}
	args = append(args, "--cluster", "create")
	for _, node := range nodes {
		args = append(args, node.addr)
	}
	args = append(args, "--cluster-replicas", "0", "--cluster-yes")
	if out, err := exec.Command("redis-cli", args...).CombinedOutput(); err != nil {
		t.Fatalf("redis-cli %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	deadline := time.Now().Add(20 * time.Second)
	for _, node := range nodes {
		for {
			info, _ := node.admin.ClusterInfo(context.Background()).Result()
			if strings.Contains(info, "cluster_state:ok") {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("cluster not ready on %s: %s", node.addr, info)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
}

// stat reads one field of INFO (e.g. "total_connections_received", or "cmdstat_auth" whose
// calls are returned).
func (s *server) stat(t *testing.T, section, field string) int {
	t.Helper()
	info, err := s.admin.Info(context.Background(), section).Result()
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(info, "\r\n") {
		value, ok := strings.CutPrefix(line, field+":")
		if !ok {
			continue
		}
		if calls, ok := strings.CutPrefix(value, "calls="); ok {
			value, _, _ = strings.Cut(calls, ",")
		}
		n, _ := strconv.Atoi(value)
		return n
	}
	return 0
}

// testCA is a certificate authority made for one test, and its certificate's PEM file.
type testCA struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
	file string
}

func newTestCA(t testing.TB) *testCA {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	template := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, template, template, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	file := filepath.Join(t.TempDir(), "ca.pem")
	writePEM(t, file, "CERTIFICATE", der)
	return &testCA{cert: cert, key: key, file: file}
}

// serverCertificate issues a certificate for 127.0.0.1 and writes it and its key in dir.
func (ca *testCA) serverCertificate(t testing.TB, dir string) (certFile, keyFile string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	template := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:    x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, template, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile = filepath.Join(dir, "server.pem"), filepath.Join(dir, "server.key")
	writePEM(t, certFile, "CERTIFICATE", der)
	writePEM(t, keyFile, "EC PRIVATE KEY", keyDER)
	return certFile, keyFile
}

// clientConfig trusts the CA only.
func (ca *testCA) clientConfig() *tls.Config {
	pool := x509.NewCertPool()
	pool.AddCert(ca.cert)
	return &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
}

func writePEM(t testing.TB, file, kind string, der []byte) {
	t.Helper()
	if err := os.WriteFile(file, pem.EncodeToMemory(&pem.Block{Type: kind, Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
}

// fakeCredential is an azcore.TokenCredential issuing short-lived, JWT-shaped tokens for an
// object id, as Entra ID issues them for a managed identity. Each new token is handed to
// issued first (the test makes the server accept it). An outage makes it fail (as IMDS
// answering 503) or hang until the caller gives up (as an unreachable IMDS); a latency makes it
// answer that much later (as a slow IMDS), unless the caller gives up first.
type fakeCredential struct {
	oid      string
	lifetime time.Duration
	issued   func(token string, expires time.Time) error

	mu      sync.Mutex
	fail    error // while set, GetToken fails with it
	hang    bool  // while set, GetToken waits for its context
	latency time.Duration
	calls   int
	tokens  []string
	scopes  []string
}

func (f *fakeCredential) GetToken(ctx context.Context, opts policy.TokenRequestOptions) (azcore.AccessToken, error) {
	f.mu.Lock()
	f.calls++
	f.scopes = append(f.scopes, opts.Scopes...)
	fail, hang, latency := f.fail, f.hang, f.latency
	f.mu.Unlock()
	if hang {
		<-ctx.Done()
		return azcore.AccessToken{}, ctx.Err()
	}
	if fail != nil {
		return azcore.AccessToken{}, fail
	}
	select {
	case <-time.After(latency):
	case <-ctx.Done():
		return azcore.AccessToken{}, ctx.Err()
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	expires := time.Now().Add(f.lifetime)
	token := jwt(map[string]any{"oid": f.oid, "exp": expires.Unix(), "n": len(f.tokens)})
	if f.issued != nil {
		if err := f.issued(token, expires); err != nil {
			return azcore.AccessToken{}, err
		}
	}
	f.tokens = append(f.tokens, token)
	return azcore.AccessToken{Token: token, ExpiresOn: expires}, nil
}

// outage makes the credential fail with err (nil: answer again), or hang.
func (f *fakeCredential) outage(err error, hang bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fail, f.hang = err, hang
}

// answerAfter makes the credential answer after latency.
func (f *fakeCredential) answerAfter(latency time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.latency = latency
}

// count is the number of tokens issued; callCount the number of requests.
func (f *fakeCredential) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.tokens)
}

func (f *fakeCredential) callCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls
}

func (f *fakeCredential) newest() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.tokens) == 0 {
		return ""
	}
	return f.tokens[len(f.tokens)-1]
}

// acceptTokens makes the servers accept the credential's tokens as Azure Managed Redis does:
// the user is the token's object id, its password the newest token, and only while that token
// is current. When a token expires with no newer one issued, the user's connections are closed
// and no password opens new ones.
func acceptTokens(t *testing.T, cred *fakeCredential, nodes ...*server) {
	t.Helper()
	ctx := context.Background()
	cred.issued = func(token string, expires time.Time) error {
		for _, node := range nodes {
			if err := node.admin.Do(ctx, "ACL", "SETUSER", cred.oid, "on", "resetpass", ">"+token, "~*", "&*", "+@all").Err(); err != nil {
				return err
			}
		}
		expiry := time.AfterFunc(time.Until(expires), func() {
			if cred.newest() != token {
				return
			}
			for _, node := range nodes {
				node.admin.Do(ctx, "ACL", "SETUSER", cred.oid, "resetpass")
				node.admin.Do(ctx, "CLIENT", "KILL", "USER", cred.oid)
			}
		})
		t.Cleanup(func() { expiry.Stop() })
		return nil
	}
}

// within fails the test, with every goroutine's stack, when do takes longer than limit: a hang
// fails the test instead of stalling it.
func within(t *testing.T, limit time.Duration, what string, do func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		do()
	}()
	select {
	case <-done:
	case <-time.After(limit):
		var stacks strings.Builder
		pprof.Lookup("goroutine").WriteTo(&stacks, 2)
		t.Fatalf("%s did not return within %s: it hangs\n%s", what, limit, stacks.String())
	}
}

// jwt is an unsigned JSON Web Token of claims: what a client reads of an Entra token.
func jwt(claims map[string]any) string {
	part := func(v any) string {
		data, _ := json.Marshal(v)
		return base64.RawURLEncoding.EncodeToString(data)
	}
	return part(map[string]string{"alg": "none", "typ": "JWT"}) + "." + part(claims) + ".c2ln"
}

// TestMain keeps go-redis's own log (dial retries, connections set aside while they
// authenticate again) out of the test output, and gives the package's examples a cache: a
// redis-server on loopback, as ConnectionStrings__cache and ConnectionStrings__sessions, as the
// component's environment output sets them for an app.
func TestMain(m *testing.M) {
	redis.SetLogger(quiet{})
	stop, err := exampleCache()
	if err != nil {
		fmt.Fprintln(os.Stderr, "the examples' redis-server:", err)
		os.Exit(1)
	}
	code := m.Run()
	stop()
	os.Exit(code)
}

func exampleCache() (stop func(), err error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	cmd := exec.Command("redis-server", "--bind", "127.0.0.1", "--port", strconv.Itoa(port), "--save", "", "--appendonly", "no")
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	stop = func() { cmd.Process.Kill(); cmd.Wait() }
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	probe := redis.NewClient(&redis.Options{Addr: addr})
	defer probe.Close()
	for deadline := time.Now().Add(10 * time.Second); probe.Ping(context.Background()).Err() != nil; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			stop()
			return nil, fmt.Errorf("did not start on %s", addr)
		}
	}
	os.Setenv("ConnectionStrings__cache", addr)
	os.Setenv("ConnectionStrings__sessions", addr)
	return stop, nil
}

type quiet struct{}

func (quiet) Printf(context.Context, string, ...any) {}
