package client

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// parseConnectionString reads a StackExchange.Redis connection string
// ("<host>:<port>[,<host>:<port>...],key=value,..."), or a redis:// or rediss:// URI (scheme in
// any case). Keys match whatever their case, as StackExchange.Redis reads them; a key it does
// not define is an error, so that a typo (sll=true) never silently means something else (no
// TLS). An error names keys, never a value: a password may hold commas, so what follows one may
// be a piece of it.
func parseConnectionString(source, s string) (*connection, error) {
	if isURI(s) {
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
			if err := c.readKey(name, value, afterPassword, passwordSeen); err != nil {
				return nil, fmt.Errorf("client: %s: %w", source, err)
			}
			afterPassword = strings.EqualFold(name, "password") || strings.EqualFold(name, "sentinelPassword")
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

// readKey reads one key=value of a connection string. An error names the key, never the value;
// nor an unknown key once a password was given (it may be a piece of a password holding a
// comma).
func (c *connection) readKey(name, value string, afterPassword, passwordSeen bool) error {
	if strings.HasPrefix(name, "$") {
		return nil // a command rename ($INFO=...): go-redis sends commands by their own names
	}
	k, known := stackExchangeKeys[strings.ToLower(name)]
	hint := ""
	if !known {
		if near := nearestKey(name); near != "" {
			hint = fmt.Sprintf(" (did you mean %s?)", near)
		}
	}
	switch {
	case !known && afterPassword:
		// Most likely the rest of a password that holds a comma: never echo it.
		return errors.New("the item after password= is not a StackExchange.Redis option: a password holding a comma cannot be written in a connection string")
	case !known && passwordSeen:
		return fmt.Errorf("a key after password= is not one StackExchange.Redis defines%s; it is not quoted, since a password "+
			"holding a comma would put a piece of itself there: StackExchange.Redis defines %s", hint, keyList())
	case !known:
		return fmt.Errorf("unknown key %q%s: StackExchange.Redis defines %s", name, hint, keyList())
	}
	if err := k.read(c, value); err != nil {
		if afterPassword {
			// Perhaps the rest of a password holding a comma: neither the key nor the value is
			// quoted.
			return errors.New("the item after password= is not a valid StackExchange.Redis option: a password holding a comma cannot be written in a connection string")
		}
		return fmt.Errorf("%s: %w", k.name, err)
	}
	return nil
}

// stackExchangeKey is one key StackExchange.Redis defines: its spelling, and how this client
// reads it (mapped to go-redis, or checked as StackExchange.Redis checks it and ignored).
type stackExchangeKey struct {
	name string
	read func(c *connection, value string) error
}

// stackExchangeKeys are the keys of StackExchange.Redis's ConfigurationOptions (its current
// release, 3.1: src/StackExchange.Redis/ConfigurationOptions.cs, OptionKeys and DoParse), by
// lower-case name, each with the values it accepts there. README.md's table says what each maps
// to and which release added the newest; keep the two together.
var stackExchangeKeys = func() map[string]stackExchangeKey {
	keys := map[string]stackExchangeKey{}
	add := func(name string, read func(c *connection, value string) error) {
		keys[strings.ToLower(name)] = stackExchangeKey{name, read}
	}
	// Mapped to go-redis.
	add("abortConnect", boolean(func(c *connection, on bool) { c.abortConnect = &on }))
	add("asyncTimeout", milliseconds(func(c *connection, d time.Duration) { c.asyncTimeout = d }))
	add("connectRetry", integer(func(c *connection, n int) { c.connectRetry = &n }))
	// Any whole number, as StackExchange.Redis takes it; 0 or less leaves go-redis's default.
	add("connectTimeout", integer(func(c *connection, ms int) { c.dialTimeout = time.Duration(max(ms, 0)) * time.Millisecond }))
	add("defaultDatabase", readDatabase)
	add("name", text(func(c *connection, s string) { c.clientName = s }))
	add("password", text(func(c *connection, s string) { c.password = s }))
	add("protocol", readProtocol)
	add("sentinelPassword", text(func(c *connection, s string) { c.sentinelPassword = s })) // 3.1.13
	add("sentinelUser", text(func(c *connection, s string) { c.sentinelUsername = s }))     // 3.1.13
	add("serviceName", text(func(c *connection, s string) { c.serviceName = s }))
	add("setlib", boolean(func(c *connection, on bool) { c.disableIdentity = !on }))
	add("ssl", boolean(func(c *connection, on bool) { c.tls = &on }))
	add("sslHost", text(func(c *connection, s string) { c.tlsServerName = s }))
	add("sslProtocols", readTLSVersions)
	add("syncTimeout", milliseconds(func(c *connection, d time.Duration) { c.syncTimeout = d }))
	add("user", text(func(c *connection, s string) { c.username = s }))
	// Checked, then ignored: go-redis has no such setting, or needs none.
	for _, name := range []string{"allowAdmin", "checkCertificateRevocation", "resolveDns",
		"highIntegrity", // 2.8.0
		"tcpKeepAlive",  // 2.13.17
	} {
		add(name, boolean(func(*connection, bool) {}))
	}
	for _, name := range []string{"configCheckSeconds", "keepAlive"} {
		add(name, integer(func(*connection, int) {}))
	}
	for _, name := range []string{"channelPrefix", "configChannel", "tiebreaker"} {
		add(name, text(func(*connection, string) {}))
	}
	add("proxy", readProxy)
	add("tunnel", readTunnel)
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

// boolean reads a value as StackExchange.Redis reads booleans (Format.TryParseBoolean).
func boolean(set func(*connection, bool)) func(*connection, string) error {
	return func(c *connection, value string) error {
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

// parseInt32 reads a whole number as .NET's int.TryParse does with NumberStyles.Integer (a sign,
// 32 bits).
func parseInt32(value string) (int, bool) {
	n, err := strconv.ParseInt(value, 10, 32)
	return int(n), err == nil
}

// integer reads any whole number, as StackExchange.Redis's ParseInt32 without a minimum.
func integer(set func(*connection, int)) func(*connection, string) error {
	return func(c *connection, value string) error {
		n, ok := parseInt32(value)
		if !ok {
			return errors.New("expected a whole number")
		}
		set(c, n)
		return nil
	}
}

// milliseconds reads syncTimeout and asyncTimeout: a whole number of at least 1.
func milliseconds(set func(*connection, time.Duration)) func(*connection, string) error {
	return func(c *connection, value string) error {
		ms, ok := parseInt32(value)
		if !ok || ms < 1 {
			return errors.New("expected milliseconds, 1 or more")
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

// readDatabase reads defaultDatabase. StackExchange.Redis parses any whole number but fails on a
// negative one when it is used (GetDatabase): refused here at once.
func readDatabase(c *connection, value string) error {
	n, ok := parseInt32(value)
	if !ok || n < 0 {
		return errors.New("expected a database number, 0 or more")
	}
	c.db = n
	return nil
}

// readProtocol reads protocol as StackExchange.Redis does: 2 or 3, or resp2 or resp3.
func readProtocol(c *connection, value string) error {
	if n, ok := parseInt32(value); ok && (n == 2 || n == 3) {
		c.protocol = n
		return nil
	}
	switch strings.ToLower(value) {
	case "resp2":
		c.protocol = 2
	case "resp3":
		c.protocol = 3
	default:
		return errors.New("expected resp2 or resp3 (or 2 or 3)")
	}
	return nil
}

// readProxy reads proxy as .NET reads the Proxy enum: a name in any case, or a number.
func readProxy(_ *connection, value string) error {
	if _, ok := parseInt32(value); ok {
		return nil
	}
	for _, name := range []string{"None", "Twemproxy", "Envoyproxy"} {
		if strings.EqualFold(name, value) {
			return nil
		}
	}
	return errors.New("expected one of None, Twemproxy, Envoyproxy")
}

// readTunnel reads tunnel: nothing, or an HTTP proxy http:<host>:<port> (or http://...), as
// StackExchange.Redis does.
func readTunnel(_ *connection, value string) error {
	if value == "" {
		return nil
	}
	if strings.HasPrefix(value, "http:") && !strings.HasPrefix(value, "http://") {
		value = "http://" + value[len("http:"):]
	}
	u, err := url.Parse(value)
	if err != nil || u.Scheme != "http" || u.Hostname() == "" || u.Port() == "" {
		return errors.New("expected an HTTP proxy, http:<host>:<port>")
	}
	return nil
}

// readVersion reads version as StackExchange.Redis does (.NET's Version, or a major version
// alone): 1 to 4 whole numbers of 0 or more, joined by dots.
func readVersion(_ *connection, value string) error {
	parts := strings.Split(value, ".")
	if len(parts) > 4 || (len(parts) == 1 && value == "") {
		return errors.New("expected a version such as 7.4")
	}
	for _, part := range parts {
		if n, ok := parseInt32(part); !ok || n < 0 {
			return errors.New("expected a version such as 7.4")
		}
	}
	return nil
}

// sslProtocolFlags are .NET's SslProtocols flags by name, and the TLS version of the two this
// client offers (0: obsolete, or none). Default (the system's choice) leaves the versions as
// they are.
var sslProtocolFlags = []struct {
	name    string
	bits    int
	version uint16
}{
	{"none", 0, 0}, {"ssl2", 12, 0}, {"ssl3", 48, 0}, {"tls", 192, 0}, {"default", 0, 0}, {"tls11", 768, 0},
	{"tls12", 3072, tls.VersionTLS12}, {"tls13", 12288, tls.VersionTLS13},
}

// sslProtocolBits are the bits of one SslProtocols flag, given by name or number.
func sslProtocolBits(flag string) (int, bool) {
	if bits, numeric := parseInt32(flag); numeric {
		return bits, true
	}
	for _, f := range sslProtocolFlags {
		if f.name == flag {
			return f.bits, true
		}
	}
	return 0, false
}

// readTLSVersions reads sslProtocols (SslProtocols flags joined by '|', e.g. Tls12|Tls13, by name
// or number, as .NET parses the enum): the connection uses the versions listed from TLS 1.2 up;
// older ones are not offered.
func readTLSVersions(c *connection, value string) error {
	var oldest, newest uint16
	onlyObsolete := false
	for _, flag := range strings.Split(value, "|") {
		bits, known := sslProtocolBits(strings.ToLower(strings.TrimSpace(flag)))
		if !known {
			return errors.New("expected SslProtocols flags joined by |, such as Tls12|Tls13")
		}
		for _, f := range sslProtocolFlags {
			switch {
			case f.bits == 0 || bits&f.bits != f.bits:
			case f.version == 0:
				onlyObsolete = true
			default:
				newest = max(newest, f.version)
				if oldest == 0 || f.version < oldest {
					oldest = f.version
				}
			}
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
