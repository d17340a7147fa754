package client

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"slices"
	"strconv"
	"strings"
	"time"
)

// parseConnectionString reads a StackExchange.Redis connection string
// ("<host>:<port>[,<host>:<port>...],key=value,..."), or a redis:// or rediss:// URI. Keys match
// whatever their case, as StackExchange.Redis reads them; a key it does not define is an error,
// so that a typo (sll=true) never silently means something else (no TLS).
func parseConnectionString(source, s string) (*connection, error) {
	if strings.HasPrefix(s, "redis://") || strings.HasPrefix(s, "rediss://") {
		return parseURI(source, s)
	}
	c := &connection{source: source}
	var hosts []string
	afterPassword, passwordSeen := false, false
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		name, value, isOption := strings.Cut(item, "=")
		switch {
		case item == "":
		case !isOption && passwordSeen:
			// Endpoints come before password=, as the Azure portal and Aspire write them: a piece
			// without = after it is most likely the rest of a password holding a comma, never to
			// be dialled (a connect error would show it) nor quoted.
			return nil, fmt.Errorf("client: %s: a piece without = after password= (endpoints go before it): "+
				"a password holding a comma cannot be written in a connection string; use a redis:// URI "+
				"with the password percent-encoded, or <NAME>_PASSWORD", source)
		case !isOption:
			hosts = append(hosts, item)
		default:
			name, value = strings.TrimSpace(name), strings.TrimSpace(value)
			if afterPassword {
				// Perhaps the rest of the password: kept out of every error New returns.
				c.secrets = append(c.secrets, item, value)
			}
			if err := c.readKey(name, value, afterPassword); err != nil {
				return nil, fmt.Errorf("client: %s: %w", source, err)
			}
			afterPassword = strings.EqualFold(name, "password")
			if afterPassword {
				passwordSeen = true
				c.secrets = append(c.secrets, value)
			}
			continue
		}
		afterPassword = false
	}
	if len(hosts) == 0 {
		return nil, fmt.Errorf("client: %s: no endpoint: expected a StackExchange.Redis connection string "+
			"(<host>:<port>,ssl=true,password=...) or a redis:// or rediss:// URI", source)
	}
	// StackExchange.Redis's default ports: 6380 with TLS, 6379 without.
	defaultPort := 6379
	if c.tls != nil && *c.tls {
		defaultPort = 6380
	}
	for i, host := range hosts {
		addr, err := address(host, defaultPort)
		if err != nil {
			// Not quoted: a password holding a comma would show a piece of itself here.
			return nil, fmt.Errorf("client: %s: endpoint %d of %d: expected <host>:<port number>", source, i+1, len(hosts))
		}
		c.addrs = append(c.addrs, addr)
	}
	return c, nil
}

// readKey reads one key=value of a connection string.
func (c *connection) readKey(name, value string, afterPassword bool) error {
	if strings.HasPrefix(name, "$") {
		return nil // a command rename ($INFO=...): go-redis sends commands by their own names
	}
	k, known := stackExchangeKeys[strings.ToLower(name)]
	if !known {
		if afterPassword {
			// Most likely the rest of a password that holds a comma: never echo it.
			return errors.New("the item after password= is not a StackExchange.Redis option: a password holding a comma cannot be written in a connection string")
		}
		hint := ""
		if near := nearestKey(name); near != "" {
			hint = fmt.Sprintf(" (did you mean %s?)", near)
		}
		return fmt.Errorf("unknown key %q%s: StackExchange.Redis defines %s", name, hint, keyList())
	}
	if err := k.read(c, value); err != nil {
		if afterPassword {
			// Perhaps the rest of a password holding a comma: neither the key nor the value is
			// quoted.
			return errors.New("the item after password= is not a valid StackExchange.Redis option: a password holding a comma cannot be written in a connection string")
		}
		if k.name == "password" || k.name == "user" {
			return fmt.Errorf("%s: %w", k.name, err)
		}
		return fmt.Errorf("%s=%s: %w", k.name, value, err)
	}
	return nil
}

// stackExchangeKey is one key StackExchange.Redis defines: its spelling, and how this client
// reads it (mapped to go-redis, or checked as StackExchange.Redis checks it and ignored).
type stackExchangeKey struct {
	name string
	read func(c *connection, value string) error
}

// stackExchangeKeys are the keys of StackExchange.Redis's ConfigurationOptions, by lower-case
// name. README.md's table says what each maps to; keep the two together.
var stackExchangeKeys = func() map[string]stackExchangeKey {
	keys := map[string]stackExchangeKey{}
	add := func(name string, read func(c *connection, value string) error) {
		keys[strings.ToLower(name)] = stackExchangeKey{name, read}
	}
	// Mapped to go-redis.
	add("abortConnect", boolean(func(c *connection, on bool) { c.abortConnect = &on }))
	add("asyncTimeout", milliseconds(func(c *connection, d time.Duration) { c.asyncTimeout = d }))
	add("connectRetry", integer(0, func(c *connection, n int) { c.connectRetry = &n }))
	add("connectTimeout", milliseconds(func(c *connection, d time.Duration) { c.dialTimeout = d }))
	add("defaultDatabase", integer(0, func(c *connection, n int) { c.db = n }))
	add("name", text(func(c *connection, s string) { c.clientName = s }))
	add("password", text(func(c *connection, s string) { c.password = s }))
	add("protocol", readProtocol)
	add("serviceName", text(func(c *connection, s string) { c.serviceName = s }))
	add("setlib", boolean(func(c *connection, on bool) { c.disableIdentity = !on }))
	add("ssl", boolean(func(c *connection, on bool) { c.tls = &on }))
	add("sslHost", text(func(c *connection, s string) { c.tlsServerName = s }))
	add("sslProtocols", readTLSVersions)
	add("syncTimeout", milliseconds(func(c *connection, d time.Duration) { c.syncTimeout = d }))
	add("user", text(func(c *connection, s string) { c.username = s }))
	// Checked, then ignored: go-redis has no such setting, or needs none.
	for _, name := range []string{"allowAdmin", "checkCertificateRevocation", "resolveDns"} {
		add(name, boolean(func(*connection, bool) {}))
	}
	for _, name := range []string{"configCheckSeconds", "keepAlive"} {
		add(name, integer(0, func(*connection, int) {}))
	}
	for _, name := range []string{"channelPrefix", "configChannel", "tiebreaker", "tunnel"} {
		add(name, text(func(*connection, string) {}))
	}
	add("proxy", oneOf("None", "Twemproxy", "Envoyproxy"))
	add("version", readVersion)
	// Obsolete: StackExchange.Redis itself ignores them.
	for _, name := range []string{"highPriorityThreads", "preserveAsyncOrder", "responseTimeout", "writeBuffer"} {
		add(name, func(*connection, string) error { return nil })
	}
	return keys
}()

func keyList() string {
	names := make([]string, 0, len(stackExchangeKeys))
	for _, k := range stackExchangeKeys {
		names = append(names, k.name)
	}
	slices.SortFunc(names, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	return strings.Join(names, ", ")
}

// nearestKey is the key a misspelt one most likely meant: one or two letters away.
func nearestKey(name string) string {
	best, bestDistance := "", 3
	for lower, k := range stackExchangeKeys {
		if d := editDistance(strings.ToLower(name), lower); d < bestDistance || (d == bestDistance && k.name < best) {
			best, bestDistance = k.name, d
		}
	}
	return best
}

func boolean(set func(*connection, bool)) func(*connection, string) error {
	return func(c *connection, value string) error {
		// As StackExchange.Redis reads booleans.
		switch strings.ToLower(value) {
		case "true", "yes", "on", "1":
			set(c, true)
		case "false", "no", "off", "0":
			set(c, false)
		default:
			return errors.New("expected true or false")
		}
		return nil
	}
}

func integer(least int, set func(*connection, int)) func(*connection, string) error {
	return func(c *connection, value string) error {
		n, err := strconv.Atoi(value)
		if err != nil || n < least {
			return fmt.Errorf("expected a whole number of at least %d", least)
		}
		set(c, n)
		return nil
	}
}

func milliseconds(set func(*connection, time.Duration)) func(*connection, string) error {
	return func(c *connection, value string) error {
		ms, err := strconv.Atoi(value)
		if err != nil || ms <= 0 {
			return errors.New("expected milliseconds")
		}
		set(c, time.Duration(ms)*time.Millisecond)
		return nil
	}
}

func text(set func(*connection, string)) func(*connection, string) error {
	return func(c *connection, value string) error {
		set(c, value)
		return nil
	}
}

func oneOf(values ...string) func(*connection, string) error {
	return func(_ *connection, value string) error {
		for _, v := range values {
			if strings.EqualFold(v, value) {
				return nil
			}
		}
		return fmt.Errorf("expected one of %s", strings.Join(values, ", "))
	}
}

func readProtocol(c *connection, value string) error {
	switch strings.ToLower(value) {
	case "2", "resp2":
		c.protocol = 2
	case "3", "resp3":
		c.protocol = 3
	default:
		return errors.New("expected resp2 or resp3")
	}
	return nil
}

func readVersion(_ *connection, value string) error {
	for _, part := range strings.Split(value, ".") {
		if _, err := strconv.Atoi(part); err != nil {
			return errors.New("expected a version such as 7.4")
		}
	}
	return nil
}

// readTLSVersions reads sslProtocols (SslProtocols flags joined by '|', e.g. Tls12|Tls13): the
// connection uses the versions listed from TLS 1.2 up; older ones are not offered.
func readTLSVersions(c *connection, value string) error {
	versions := map[string]uint16{"tls12": tls.VersionTLS12, "tls13": tls.VersionTLS13}
	obsolete := map[string]bool{"ssl2": true, "ssl3": true, "tls": true, "tls11": true}
	var oldest, newest uint16
	onlyObsolete := false
	for _, flag := range strings.Split(value, "|") {
		flag = strings.ToLower(strings.TrimSpace(flag))
		switch v, ok := versions[flag]; {
		case ok:
			newest = max(newest, v)
			if oldest == 0 || v < oldest {
				oldest = v
			}
		case obsolete[flag]:
			onlyObsolete = true
		case flag == "none", flag == "default":
		default:
			return errors.New("expected SslProtocols flags joined by |, such as Tls12|Tls13")
		}
	}
	if oldest == 0 && onlyObsolete {
		return errors.New("TLS 1.2 is the oldest version this client offers: list Tls12 or Tls13")
	}
	c.tlsMinVersion, c.tlsMaxVersion = oldest, newest
	return nil
}

// editDistance is the Levenshtein distance of a and b.
func editDistance(a, b string) int {
	previous := make([]int, len(b)+1)
	for j := range previous {
		previous[j] = j
	}
	for i := 1; i <= len(a); i++ {
		current := make([]int, len(b)+1)
		current[0] = i
		for j := 1; j <= len(b); j++ {
			substitution := previous[j-1]
			if a[i-1] != b[j-1] {
				substitution++
			}
			current[j] = min(previous[j]+1, current[j-1]+1, substitution)
		}
		previous = current
	}
	return previous[len(b)]
}

var errAddress = errors.New("not <host>:<port number>")

// address is host:port, with the default port when none is given.
func address(hostPort string, defaultPort int) (string, error) {
	host, port, err := net.SplitHostPort(hostPort)
	if err != nil {
		// No port (or an IPv6 address without brackets and port).
		host, port = strings.Trim(hostPort, "[]"), strconv.Itoa(defaultPort)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 || host == "" || strings.ContainsAny(host, "/@ ") {
		return "", errAddress
	}
	return net.JoinHostPort(host, port), nil
}
