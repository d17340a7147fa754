package client

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

const testOID = "6f1c2a9e-0b4d-4c3e-9a51-7d2e8f0a1b2c"

// newClient is how the Entra ID tests make a client: New. entraid_eval_test.go (built with
// -tags ignore, see README.md) makes them run on go-redis-entraid's provider instead.
var newClient = New

// entraClient connects to servers standing in for an Azure Managed Redis cache with Entra ID:
// TLS, the credential's tokens accepted only while current.
func entraClient(t *testing.T, cred *fakeCredential, ca *testCA, nodes []*server, more ...Option) redis.UniversalClient {
	t.Helper()
	acceptTokens(t, cred, nodes...)
	opts := append([]Option{WithConnectionString(nodes[0].addr + ",ssl=true"), WithTLSConfig(ca.clientConfig()),
		WithAzureAuthentication(cred), azureHere}, more...)
	c, err := newClient(timeout(t), "cache", opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// Entra ID: the user is the token's object id, the password the token. The server accepts a
// token only while it is current; the client keeps one connection open across several refreshes,
// because it sends AUTH again on it.
func TestEntraIdTokensAreRefreshedAndSentAgainOnOpenConnections(t *testing.T) {
	ca := newTestCA(t)
	s := startRedis(t, serverConfig{ca: ca})
	cred := &fakeCredential{oid: testOID, lifetime: 3 * time.Second}
	c := entraClient(t, cred, ca, []*server{s}, WithSettings(func(s *Settings) { s.PoolSize = 1 }))
	ctx := timeout(t)
	if who, err := c.Do(ctx, "ACL", "WHOAMI").Text(); err != nil || who != testOID {
		t.Fatalf("authenticated as %q (%v), want the token's object id", who, err)
	}
	connection, err := c.Do(ctx, "CLIENT", "ID").Int64()
	if err != nil {
		t.Fatal(err)
	}
	auths, tokens := s.stat(t, "commandstats", "cmdstat_auth"), cred.count()

	// Three lifetimes of a token: at least three refreshes, on the same connection.
	for end := time.Now().Add(9 * time.Second); time.Now().Before(end); time.Sleep(250 * time.Millisecond) {
		roundTrip(t, c, "refreshing")
		if id, err := c.Do(ctx, "CLIENT", "ID").Int64(); err != nil || id != connection {
			t.Fatalf("connection %d (%v), want the same connection %d", id, err, connection)
		}
	}
	if refreshed, again := cred.count()-tokens, s.stat(t, "commandstats", "cmdstat_auth")-auths; refreshed < 3 || again < refreshed-1 {
		t.Errorf("%d refreshes, %d AUTH on the open connection: want at least 3, each sent", refreshed, again)
	}
	if ids := connectionsOf(t, s, testOID); len(ids) != 1 || ids[0] != connection {
		t.Errorf("connections of the object id: %v, want only %d", ids, connection)
	}
	for _, scope := range cred.scopes {
		if scope != RedisScope {
			t.Errorf("token requested for scope %q, want %q", scope, RedisScope)
		}
	}
	// The first token no longer opens a connection.
	stale := redis.NewClient(&redis.Options{Addr: s.addr, TLSConfig: ca.clientConfig(), Username: testOID, Password: cred.tokens[0]})
	defer stale.Close()
	if err := stale.Ping(ctx).Err(); err == nil || !strings.Contains(err.Error(), "WRONGPASS") {
		t.Errorf("an expired token: %v, want WRONGPASS", err)
	}
}

// A credential outage of several seconds spans a refresh and the token's expiry (3 s tokens):
// every command returns by its deadline, commands fail only once no valid token is left (and
// then with the credential's error), connections opened during the outage work while the token
// does, and once the credential answers again commands succeed without a restart, and later
// refreshes keep working on the connection.
func TestCommandsSurviveACredentialOutage(t *testing.T) {
	outages := []struct {
		name string
		fail error
		hang bool
	}{
		{"the credential fails (IMDS answers 503)", errors.New("IMDS: 503 Service Unavailable"), false},
		{"the credential hangs (IMDS unreachable)", nil, true},
	}
	for _, outage := range outages {
		t.Run(outage.name, func(t *testing.T) {
			ca := newTestCA(t)
			s := startRedis(t, serverConfig{ca: ca})
			cred := &fakeCredential{oid: testOID, lifetime: 3 * time.Second}
			c := entraClient(t, cred, ca, []*server{s})
			start := time.Now()
			const (
				deadline      = time.Second
				outageStarts  = 1 * time.Second
				reconnect     = 1500 * time.Millisecond // all connections close while the token is still valid
				tokenExpired  = 2800 * time.Millisecond // the token was issued just before start
				outageEnds    = 6 * time.Second
				recovered     = outageEnds + 1500*time.Millisecond
				end           = 13 * time.Second
				sameConnAfter = recovered + 500*time.Millisecond
			)
			type result struct {
				at, took time.Duration
				err      error
			}
			var results []result
			var firstID int64
			started, reconnected, ended := false, false, false
			for at := time.Since(start); at < end; at = time.Since(start) {
				switch {
				case !started && at >= outageStarts:
					cred.outage(outage.fail, outage.hang)
					started = true
				case !reconnected && at >= reconnect:
					s.admin.Do(context.Background(), "CLIENT", "KILL", "USER", testOID)
					reconnected = true
				case !ended && at >= outageEnds:
					cred.outage(nil, false)
					ended = true
				}
				within(t, deadline+2*time.Second, fmt.Sprintf("a command at %s", at.Round(time.Millisecond)), func() {
					ctx, cancel := context.WithTimeout(context.Background(), deadline)
					defer cancel()
					begin := time.Now()
					err := c.Set(ctx, "k", at.String(), 0).Err()
					results = append(results, result{at, time.Since(begin), err})
					if err == nil && at >= sameConnAfter && firstID == 0 {
						firstID, _ = c.Do(ctx, "CLIENT", "ID").Int64()
					}
				})
				time.Sleep(100 * time.Millisecond)
			}
			failedDuringOutage := 0
			for _, r := range results {
				if r.took > deadline+300*time.Millisecond {
					t.Errorf("a command at %s took %s, past its deadline (%s)", r.at, r.took, deadline)
				}
				switch {
				case r.err == nil:
				case r.at < tokenExpired:
					t.Errorf("a command at %s failed while the token was valid: %v", r.at, r.err)
				case r.at >= recovered:
					t.Errorf("a command at %s failed after the credential answered again (at %s): %v", r.at, outageEnds, r.err)
				default:
					failedDuringOutage++
					if outage.fail != nil && !strings.Contains(r.err.Error(), outage.fail.Error()) {
						t.Errorf("a command at %s failed with %q, which does not say the credential's error", r.at, r.err)
					}
				}
			}
			if failedDuringOutage == 0 {
				t.Error("no command failed once the token expired during the outage: the server does not stand in for Azure")
			}
			// Tokens were refreshed after the outage and sent on the open connections: the
			// server, which closes a connection whose token expires, kept them.
			if open := connectionsOf(t, s, testOID); firstID == 0 || !slices.Contains(open, firstID) {
				t.Errorf("connection %d, opened after the outage, is gone (open: %v): refreshes did not reach it", firstID, open)
			}
			if refreshed := cred.count(); refreshed < 4 {
				t.Errorf("%d tokens in all: refreshes stopped after the outage", refreshed)
			}
		})
	}
}

// A credential that failed while New ran, then answers in 600 ms while commands allow 200 ms:
// a token request runs on its own, not under the deadline of the command that started it, so
// commands succeed within seconds (each waits under its own deadline, the next one joining the
// request under way) and keep succeeding across refreshes. No request is abandoned: every one
// after New's gives a token.
func TestASlowCredentialGivesTokensToQuickerCommands(t *testing.T) {
	ca := newTestCA(t)
	s := startRedis(t, serverConfig{ca: ca})
	cred := &fakeCredential{oid: testOID, lifetime: 4 * time.Second}
	cred.outage(errors.New("IMDS: 503 Service Unavailable"), false)
	c := entraClient(t, cred, ca, []*server{s}) // an Azure host: abortConnect=false, New succeeds
	failedInNew := cred.callCount()
	cred.outage(nil, false)
	cred.answerAfter(600 * time.Millisecond)
	const (
		deadline = 200 * time.Millisecond
		duration = 10 * time.Second
	)
	start := time.Now()
	firstSuccess := time.Duration(-1)
	for at := time.Duration(0); at < duration; at = time.Since(start) {
		within(t, deadline+2*time.Second, fmt.Sprintf("a command at %s", at.Round(time.Millisecond)), func() {
			ctx, cancel := context.WithTimeout(context.Background(), deadline)
			defer cancel()
			switch err := c.Set(ctx, "k", at.String(), 0).Err(); {
			case err == nil && firstSuccess < 0:
				firstSuccess = at
			case err != nil && firstSuccess >= 0:
				t.Errorf("a command at %s failed after the first success (at %s): %v", at.Round(time.Millisecond), firstSuccess, err)
			}
		})
		time.Sleep(100 * time.Millisecond)
	}
	if firstSuccess < 0 || firstSuccess > 3*time.Second {
		t.Fatalf("first success at %s (-1: none in %s), want within 3 s of the credential answering", firstSuccess, duration)
	}
	tokens, calls := cred.count(), cred.callCount()-failedInNew
	if tokens < 3 {
		t.Errorf("%d tokens in %s of 4 s tokens: refreshes stopped", tokens, duration)
	}
	if calls != tokens || tokens > 6 {
		t.Errorf("%d requests gave %d tokens: want every request answered (none abandoned by a command's deadline), one at a time", calls, tokens)
	}
}

// connectionsOf are the ids of a user's connections to s.
func connectionsOf(t *testing.T, s *server, user string) []int64 {
	t.Helper()
	list, err := s.admin.ClientList(timeout(t)).Result()
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, line := range strings.Split(strings.TrimSpace(list), "\n") {
		if strings.Contains(line, " user="+user+" ") {
			id, _, _ := strings.Cut(strings.TrimPrefix(line, "id="), " ")
			n, _ := strconv.ParseInt(id, 10, 64)
			ids = append(ids, n)
		}
	}
	return ids
}

// Entra ID on an OSSCluster cache: every node authenticates the token's object id, and every
// node's connections are sent each refreshed token.
func TestEntraIdOnAClusterWithARefresh(t *testing.T) {
	ca := newTestCA(t)
	nodes := clusterOf(t, 3, ca)
	cred := &fakeCredential{oid: testOID, lifetime: 3 * time.Second}
	c := entraClient(t, cred, ca, nodes)
	if _, cluster := c.(*redis.ClusterClient); !cluster {
		t.Fatalf("a cluster got a %T", c)
	}
	tokens := cred.count()
	for end, i := time.Now().Add(8*time.Second), 0; time.Now().Before(end); i++ {
		roundTrip(t, c, fmt.Sprintf("key-%d", i%30))
		time.Sleep(50 * time.Millisecond)
	}
	if refreshed := cred.count() - tokens; refreshed < 2 {
		t.Errorf("%d refreshes in 8 s of 3 s tokens", refreshed)
	}
	for _, node := range nodes {
		if n := node.stat(t, "commandstats", "cmdstat_auth"); n == 0 {
			t.Errorf("node %s: no AUTH: its open connections were not sent the refreshed tokens", node.addr)
		}
		if n, _ := node.admin.DBSize(timeout(t)).Result(); n == 0 {
			t.Errorf("node %s holds no key", node.addr)
		}
	}
}

// New returns by its context's deadline, even with a credential that hangs, or one that ignores
// its context altogether.
func TestNewHonoursItsContext(t *testing.T) {
	s := startRedis(t, serverConfig{ca: newTestCA(t)})
	ignoring := make(chan struct{})
	defer close(ignoring)
	credentials := map[string]*fakeCredential{
		"a credential that hangs":               {oid: testOID, lifetime: time.Hour, hang: true},
		"a credential that ignores its context": {oid: testOID, lifetime: time.Hour},
	}
	credentials["a credential that ignores its context"].issued = func(string, time.Time) error { <-ignoring; return nil }
	for name, cred := range credentials {
		for _, abortConnect := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s, abortConnect=%v", name, abortConnect), func(t *testing.T) {
				ctx, cancel := context.WithTimeout(context.Background(), time.Second)
				defer cancel()
				begin := time.Now()
				within(t, 3*time.Second, "New", func() {
					c, err := newClient(ctx, "cache", WithConnectionString(fmt.Sprintf("%s,ssl=true,abortConnect=%v", s.addr, abortConnect)),
						WithAzureAuthentication(cred), azureHere)
					if err == nil {
						c.Close()
						t.Error("New succeeded without a token before its deadline")
					} else if !errors.Is(err, context.DeadlineExceeded) {
						t.Errorf("New: %v, want the context's deadline", err)
					}
				})
				if took := time.Since(begin); took > 1300*time.Millisecond {
					t.Errorf("New took %s with a 1 s context", took)
				}
			})
		}
	}
}

func TestAFailingCredentialIsAClearError(t *testing.T) {
	s := startRedis(t, serverConfig{ca: newTestCA(t)})
	cred := &fakeCredential{fail: errors.New("no managed identity endpoint on this machine")}
	_, err := newClient(timeout(t), "cache", WithConnectionString(s.addr+",ssl=true,abortConnect=true"), WithAzureAuthentication(cred), azureHere)
	for _, want := range []string{"client: cache", "Entra ID token for " + RedisScope, "no managed identity endpoint on this machine"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not say %q", err, want)
		}
	}
}

// Close stops every background refresh: after commands, on a client that never ran one, and
// after a failed New (an app retrying New leaks nothing). Nothing runs afterwards and the
// credential is not asked again.
func TestCloseStopsEveryRefresh(t *testing.T) {
	ca := newTestCA(t)
	s := startRedis(t, serverConfig{ca: ca})
	cases := []struct {
		name string
		run  func(t *testing.T, cred *fakeCredential)
	}{
		{"after commands", func(t *testing.T, cred *fakeCredential) {
			c := entraClient(t, cred, ca, []*server{s})
			for range 5 {
				roundTrip(t, c, "before-close")
				time.Sleep(200 * time.Millisecond) // a refresh (0.7 s into 1 s tokens) happens meanwhile
			}
			c.Close()
		}},
		{"a client that never ran a command", func(t *testing.T, cred *fakeCredential) {
			c := entraClient(t, cred, ca, []*server{s}, WithSettings(func(s *Settings) { s.Clustering = SingleEndpoint }))
			c.Close()
		}},
		{"failed New, five times", func(t *testing.T, cred *fakeCredential) {
			acceptTokens(t, cred, s)
			down := fmt.Sprintf("127.0.0.1:%d", freePort(t, false))
			for range 5 {
				if c, err := newClient(timeout(t), "cache", WithConnectionString(down+",ssl=true,abortConnect=true"), WithTLSConfig(ca.clientConfig()),
					WithAzureAuthentication(cred), azureHere); err == nil {
					c.Close()
					t.Fatal("New succeeded without a cache")
				}
			}
		}},
		{"abortConnect=false while the credential fails", func(t *testing.T, cred *fakeCredential) {
			cred.outage(errors.New("IMDS: 503"), false)
			c := entraClient(t, cred, ca, []*server{s})
			c.Ping(timeout(t))
			c.Close()
		}},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			before := runtime.NumGoroutine()
			cred := &fakeCredential{oid: testOID, lifetime: time.Second}
			tt.run(t, cred)
			var now int
			for deadline := time.Now().Add(3 * time.Second); ; time.Sleep(20 * time.Millisecond) {
				if now = runtime.NumGoroutine(); now <= before || time.Now().After(deadline) {
					break
				}
			}
			if now > before {
				t.Errorf("%d goroutines before, %d after Close", before, now)
			}
			calls := cred.callCount()
			time.Sleep(2500 * time.Millisecond) // two and a half token lifetimes
			if more := cred.callCount() - calls; more != 0 {
				t.Errorf("the credential was asked %d more times after Close", more)
			}
		})
	}
}

// A principal given an access string (the component's preview accessString) is a Redis user
// with those rules: the client authenticates as always, what the rules allow works, and what they
// leave out fails with NOPERM, as the README's read-only example says.
func TestAPrincipalWithAReadOnlyAccessString(t *testing.T) {
	ca := newTestCA(t)
	s := startRedis(t, serverConfig{ca: ca})
	cred := &fakeCredential{oid: testOID, lifetime: time.Hour}
	c := entraClient(t, cred, ca, []*server{s})
	ctx := timeout(t)
	if err := c.Ping(ctx).Err(); err != nil {
		t.Fatal(err)
	}
	// What Azure does with the access string "+@read +@connection ~cache:*".
	if err := s.admin.Do(ctx, "ACL", "SETUSER", testOID, "resetkeys", "nocommands", "+@read", "+@connection", "~cache:*").Err(); err != nil {
		t.Fatal(err)
	}
	if err := s.admin.Set(ctx, "cache:home", "page", 0).Err(); err != nil {
		t.Fatal(err)
	}
	if page, err := c.Get(ctx, "cache:home").Result(); err != nil || page != "page" {
		t.Errorf("a read under cache: gave %q, %v", page, err)
	}
	for what, err := range map[string]error{
		"a write":                  c.Set(ctx, "cache:home", "other", time.Hour).Err(),
		"a read of another prefix": c.Get(ctx, "session:1").Err(),
	} {
		if err == nil || !strings.HasPrefix(err.Error(), "NOPERM") {
			t.Errorf("%s: %v, want NOPERM", what, err)
		}
	}
}
