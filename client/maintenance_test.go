package client

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/redis/go-redis/v9/maintnotifications"
)

// Azure Managed Redis moves a cache's endpoint during maintenance and tells each connection
// first, in a RESP3 push (MOVING <seq> <seconds> <host:port>); go-redis v9.23 hands the
// connection off to the new endpoint (smart client handoff) when the connection asked for
// these notifications (CLIENT MAINT_NOTIFICATIONS ON, its default auto mode). A proxy in front
// of a real redis-server plays the endpoint in maintenance: it answers the handshake as a
// server that supports it (redis-server 7.0 refuses it, and go-redis's auto mode then turns the
// notifications off) and, once told, sends MOVING before the next reply on every connection. The
// client's commands must then all go to the new endpoint (another proxy and redis-server),
// authenticated, with no command failing on the way.
func TestAMovingNotificationHandsConnectionsOffToTheNewEndpoint(t *testing.T) {
	cases := []struct {
		name string
		// setup starts the two servers and returns the client's options and the user the
		// client authenticates as; tls, when set, is what the proxies serve.
		setup func(t *testing.T, old, new *server) (tlsConfig *tls.Config, user string, opts []Option)
		start func(t *testing.T) (old, new *server)
	}{
		{"an access key", func(t *testing.T, _, _ *server) (*tls.Config, string, []Option) {
			return nil, "default", []Option{WithSettings(func(s *Settings) {})}
		}, func(t *testing.T) (*server, *server) {
			return startRedis(t, serverConfig{password: "Acc3ss-key"}), startRedis(t, serverConfig{password: "Acc3ss-key"})
		}},
		{"Entra ID over TLS", func(t *testing.T, old, new *server) (*tls.Config, string, []Option) {
			ca := newTestCA(t)
			cred := &fakeCredential{oid: testOID, lifetime: time.Hour}
			acceptTokens(t, cred, old, new)
			certFile, keyFile := ca.serverCertificate(t, t.TempDir())
			cert, err := tls.LoadX509KeyPair(certFile, keyFile)
			if err != nil {
				t.Fatal(err)
			}
			return &tls.Config{Certificates: []tls.Certificate{cert}}, testOID,
				[]Option{WithTLSConfig(ca.clientConfig()), WithAzureAuthentication(cred), azureHere}
		}, func(t *testing.T) (*server, *server) {
			return startRedis(t, serverConfig{}), startRedis(t, serverConfig{})
		}},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			oldServer, newServer := tt.start(t)
			tlsConfig, user, opts := tt.setup(t, oldServer, newServer)
			oldEndpoint := startMaintenanceProxy(t, oldServer.addr, tlsConfig)
			newEndpoint := startMaintenanceProxy(t, newServer.addr, tlsConfig)
			connection := oldEndpoint.addr
			if user == "default" {
				connection += ",password=Acc3ss-key"
			} else {
				connection += ",ssl=true"
			}
			c, err := New(timeout(t), "cache", append(opts, WithConnectionString(connection+",abortConnect=true"))...)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if _, single := c.(*redis.Client); !single {
				t.Fatalf("a single endpoint got a %T", c)
			}
			failed := 0
			commands := func(n int, phase string) {
				t.Helper()
				for i := range n {
					ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
					key := fmt.Sprintf("%s-%d", phase, i)
					if err := c.Set(ctx, key, i, 0).Err(); err != nil {
						failed++
						t.Errorf("%s: SET %s: %v", phase, key, err)
					} else if got, err := c.Get(ctx, key).Int(); err != nil || got != i {
						failed++
						t.Errorf("%s: GET %s: %d, %v", phase, key, got, err)
					}
					cancel()
					time.Sleep(10 * time.Millisecond)
				}
			}
			commands(20, "before")
			if oldEndpoint.handshakes() == 0 {
				t.Fatal("the client's connections did not ask for maintenance notifications (CLIENT MAINT_NOTIFICATIONS ON)")
			}
			if n := oldServer.stat(t, "commandstats", "cmdstat_set"); n != 20 {
				t.Fatalf("the old endpoint's server ran %d SET, want 20", n)
			}

			oldEndpoint.move(newEndpoint.addr, 15)
			// The handoff happens after the command whose reply follows the notification; the
			// commands meanwhile still succeed on the old endpoint.
			deadline := time.Now().Add(10 * time.Second)
			for round := 0; oldEndpoint.open() > 0 || newEndpoint.open() == 0; round++ {
				if time.Now().After(deadline) {
					t.Fatalf("after 10 s, %d connections on the old endpoint, %d on the new one", oldEndpoint.open(), newEndpoint.open())
				}
				commands(1, fmt.Sprintf("during-%d", round))
			}
			if newEndpoint.handshakes() == 0 {
				t.Error("the connections handed off did not ask the new endpoint for maintenance notifications")
			}

			// From now on every command goes to the new endpoint.
			sets := oldServer.stat(t, "commandstats", "cmdstat_set")
			setsNew := newServer.stat(t, "commandstats", "cmdstat_set")
			commands(30, "after")
			if more := oldServer.stat(t, "commandstats", "cmdstat_set") - sets; more != 0 {
				t.Errorf("%d SET went to the old endpoint after the handoff", more)
			}
			if more := newServer.stat(t, "commandstats", "cmdstat_set") - setsNew; more != 30 {
				t.Errorf("the new endpoint's server ran %d of the 30 SET after the handoff", more)
			}
			if ids := connectionsOf(t, newServer, user); len(ids) == 0 {
				t.Errorf("no connection of user %s on the new endpoint's server: the handed-off connections are not authenticated", user)
			}
			if failed != 0 {
				t.Errorf("%d commands failed across the handoff", failed)
			}
		})
	}
}

// No setting of the client turns go-redis's maintenance notifications off: every client New
// makes has them in auto mode, over RESP3. (protocol=resp2 does, as README.md says: they are
// RESP3 pushes.)
func TestMaintenanceNotificationsStayOn(t *testing.T) {
	s := startRedis(t, serverConfig{})
	nodes := clusterOf(t, 3, nil)
	ca := newTestCA(t)
	secure := startRedis(t, serverConfig{ca: ca})
	cred := &fakeCredential{oid: testOID, lifetime: time.Hour}
	acceptTokens(t, cred, secure)
	cases := []struct {
		name string
		opts []Option
	}{
		{"detected single endpoint", []Option{WithConnectionString(s.addr)}},
		{"SingleEndpoint", []Option{WithConnectionString(s.addr), WithSettings(func(s *Settings) { s.Clustering = SingleEndpoint })}},
		{"detected cluster", []Option{WithConnectionString(nodes[0].addr)}},
		{"Cluster", []Option{WithConnectionString(s.addr), WithSettings(func(s *Settings) { s.Clustering = Cluster })}},
		{"abortConnect=false, unreachable", []Option{WithConnectionString(fmt.Sprintf("127.0.0.1:%d,abortConnect=false", freePort(t, false)))}},
		{"Entra ID", []Option{WithConnectionString(secure.addr + ",ssl=true"), WithTLSConfig(ca.clientConfig()), WithAzureAuthentication(cred), azureHere}},
		{"timeouts and pool size", []Option{WithConnectionString(s.addr + ",connectTimeout=1000,syncTimeout=1000,connectRetry=2,name=app"),
			WithSettings(func(s *Settings) { s.PoolSize = 3; s.ReadTimeout = time.Second })}},
		{"telemetry off", []Option{WithConnectionString(s.addr), WithSettings(func(s *Settings) { s.DisableTracing, s.DisableMetrics = true, true })}},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			c, err := New(timeout(t), "cache", tt.opts...)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			var config *maintnotifications.Config
			protocol := 0
			switch c := c.(type) {
			case *redis.Client:
				config, protocol = c.Options().MaintNotificationsConfig, c.Options().Protocol
				if c.GetMaintNotificationsManager() == nil {
					t.Error("no maintenance notifications manager")
				}
			case *redis.ClusterClient:
				config, protocol = c.Options().MaintNotificationsConfig, c.Options().Protocol
			default:
				t.Fatalf("a %T", c)
			}
			if config != nil && config.Mode == maintnotifications.ModeDisabled {
				t.Errorf("maintenance notifications %s", config.Mode)
			}
			if protocol != 0 && protocol != 3 {
				t.Errorf("protocol %d: maintenance notifications need RESP3", protocol)
			}
		})
	}
}

// maintenanceProxy stands in for an Azure Managed Redis endpoint in front of a real
// redis-server: it answers CLIENT MAINT_NOTIFICATIONS as a server that supports it, forwards
// every other command, and once told to move, sends each connection a MOVING push before the
// reply to its next command (the handshake's commands aside).
type maintenanceProxy struct {
	addr     string
	upstream string

	mu       sync.Mutex
	conns    map[net.Conn]struct{}
	asked    int    // CLIENT MAINT_NOTIFICATIONS ON seen
	movingTo string // set by move
	seconds  int
	seq      int64
}

func startMaintenanceProxy(t *testing.T, upstream string, tlsConfig *tls.Config) *maintenanceProxy {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if tlsConfig != nil {
		l = tls.NewListener(l, tlsConfig)
	}
	p := &maintenanceProxy{addr: l.Addr().String(), upstream: upstream, conns: map[net.Conn]struct{}{}}
	var wg sync.WaitGroup
	t.Cleanup(func() {
		l.Close()
		p.mu.Lock()
		for c := range p.conns {
			c.Close()
		}
		p.mu.Unlock()
		wg.Wait()
	})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				p.serve(c)
			}()
		}
	}()
	return p
}

// move makes the endpoint tell every connection it moves to addr within seconds.
func (p *maintenanceProxy) move(addr string, seconds int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.seq++
	p.movingTo, p.seconds = addr, seconds
}

// open is the number of client connections open now; handshakes the CLIENT MAINT_NOTIFICATIONS
// ON it answered.
func (p *maintenanceProxy) open() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.conns)
}

func (p *maintenanceProxy) handshakes() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.asked
}

func (p *maintenanceProxy) serve(client net.Conn) {
	defer client.Close()
	server, err := net.Dial("tcp", p.upstream)
	if err != nil {
		return
	}
	defer server.Close()
	p.mu.Lock()
	p.conns[client] = struct{}{}
	p.mu.Unlock()
	defer func() {
		p.mu.Lock()
		delete(p.conns, client)
		p.mu.Unlock()
	}()
	fromClient, fromServer := bufio.NewReader(client), bufio.NewReader(server)
	told := false
	for {
		raw, args, err := readRESP(fromClient)
		if err != nil {
			return
		}
		name := ""
		if len(args) > 0 {
			name = strings.ToUpper(args[0])
		}
		var reply []byte
		if name == "CLIENT" && len(args) > 2 && strings.EqualFold(args[1], "MAINT_NOTIFICATIONS") {
			p.mu.Lock()
			if strings.EqualFold(args[2], "ON") {
				p.asked++
			}
			p.mu.Unlock()
			reply = []byte("+OK\r\n")
		} else {
			if _, err := server.Write(raw); err != nil {
				return
			}
			if reply, _, err = readRESP(fromServer); err != nil {
				return
			}
		}
		p.mu.Lock()
		movingTo, seconds, seq := p.movingTo, p.seconds, p.seq
		p.mu.Unlock()
		handshake := name == "HELLO" || name == "AUTH" || name == "CLIENT" || name == "SELECT" || name == "READONLY"
		if movingTo != "" && !told && !handshake {
			push := fmt.Sprintf(">4\r\n$6\r\nMOVING\r\n:%d\r\n:%d\r\n$%d\r\n%s\r\n", seq, seconds, len(movingTo), movingTo)
			reply = append([]byte(push), reply...)
			told = true
		}
		if _, err := client.Write(reply); err != nil {
			return
		}
	}
}

// readRESP reads one RESP2 or RESP3 value: its bytes, and its strings when it is an array of
// bulk strings (a command).
func readRESP(r *bufio.Reader) (raw []byte, args []string, err error) {
	line, err := r.ReadBytes('\n')
	if err != nil {
		return nil, nil, err
	}
	if len(line) < 3 || line[len(line)-2] != '\r' {
		return nil, nil, errors.New("not RESP")
	}
	raw = line
	n, _ := strconv.Atoi(string(line[1 : len(line)-2]))
	switch line[0] {
	case '+', '-', ':', ',', '#', '_', '(':
		return raw, nil, nil
	case '$', '!', '=':
		if n < 0 {
			return raw, nil, nil
		}
		data := make([]byte, n+2)
		if _, err := io.ReadFull(r, data); err != nil {
			return nil, nil, err
		}
		return append(raw, data...), nil, nil
	case '*', '~', '>', '%', '|':
		elements := n
		if line[0] == '%' || line[0] == '|' {
			elements = 2 * n
		}
		for range max(elements, 0) {
			element, _, err := readRESP(r)
			if err != nil {
				return nil, nil, err
			}
			raw = append(raw, element...)
			if element[0] == '$' {
				if _, value, ok := strings.Cut(string(element), "\r\n"); ok {
					args = append(args, strings.TrimSuffix(value, "\r\n"))
				}
			}
		}
		if line[0] == '|' { // an attribute comes before the value it describes
			value, _, err := readRESP(r)
			return append(raw, value...), nil, err
		}
		return raw, args, nil
	}
	return nil, nil, fmt.Errorf("unknown RESP type %q", line[0])
}
