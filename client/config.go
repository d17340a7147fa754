package client

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Where a client's settings come from, first found wins, as the component hands them to an app
// (its environment output) and as Aspire reads them:
//
//  1. WithConnectionString;
//  2. ConnectionStrings__<name>: a StackExchange.Redis connection string or a URI;
//  3. <NAME>_URI: a redis:// or rediss:// URI;
//  4. <NAME>_HOST, with <NAME>_PORT (default 6379) and <NAME>_PASSWORD.
//
// <NAME> is the connection name in upper case, hyphens as underscores. A setting that is there
// but malformed is an error naming it and what was expected; a password never appears in one.

// endpoint is what the settings say: where the cache is and how to reach it.
type endpoint struct {
	source             string   // the option or variable the settings came from
	addrs              []string // host:port, the first one the cache's
	username, password string
	tls                *bool // nil: the settings do not say
	db                 int
	dialTimeout        time.Duration
	syncTimeout        time.Duration
	clientName         string
	tlsServerName      string
}

// host is the cache's host name.
func (e *endpoint) host() string {
	host, _, _ := net.SplitHostPort(e.addrs[0])
	return host
}

var connectionNamePattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*$`)

// environmentPrefix is how a connection name starts the environment variables of the cache:
// upper case, hyphens as underscores ("session-cache" reads SESSION_CACHE_HOST), as the
// component's environment output names them.
func environmentPrefix(connectionName string) string {
	return strings.ToUpper(strings.ReplaceAll(connectionName, "-", "_"))
}

// lookup finds the settings of a connection.
func lookup(connectionName string, o options, getenv func(string) (string, bool)) (*endpoint, error) {
	if !connectionNamePattern.MatchString(connectionName) {
		return nil, fmt.Errorf("client: connection name %q: use a letter, then letters, digits, hyphens or underscores", connectionName)
	}
	if o.connectionString != nil {
		return parseConnectionString("WithConnectionString", *o.connectionString)
	}
	connectionString := "ConnectionStrings__" + connectionName
	if value, ok := getenv(connectionString); ok {
		return parseConnectionString(connectionString, value)
	}
	prefix := environmentPrefix(connectionName)
	if value, ok := getenv(prefix + "_URI"); ok {
		return parseURI(prefix+"_URI", value)
	}
	if host, ok := getenv(prefix + "_HOST"); ok {
		return parseHostAndPort(prefix, host, getenv)
	}
	return nil, fmt.Errorf("client: no settings for connection %q: set %s, %s_URI or %s_HOST (with %[4]s_PORT and %[4]s_PASSWORD), "+
		"or use WithConnectionString", connectionName, connectionString, prefix, prefix)
}

// parseConnectionString reads a StackExchange.Redis connection string, or a URI.
func parseConnectionString(source, s string) (*endpoint, error) {
	if strings.HasPrefix(s, "redis://") || strings.HasPrefix(s, "rediss://") {
		return parseURI(source, s)
	}
	e := &endpoint{source: source}
	var hosts []string
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		key, value, isOption := strings.Cut(item, "=")
		switch {
		case item == "":
		case !isOption:
			hosts = append(hosts, item)
		default:
			if err := e.option(strings.ToLower(strings.TrimSpace(key)), strings.TrimSpace(value)); err != nil {
				return nil, fmt.Errorf("client: %s: %w", source, err)
			}
		}
	}
	if len(hosts) == 0 {
		return nil, fmt.Errorf("client: %s: no endpoint: expected a StackExchange.Redis connection string "+
			"(<host>:<port>,ssl=true,password=...) or a redis:// or rediss:// URI", source)
	}
	// StackExchange.Redis's default ports: 6380 with TLS, 6379 without.
	defaultPort := 6379
	if e.tls != nil && *e.tls {
		defaultPort = 6380
	}
	for i, host := range hosts {
		addr, err := address(host, defaultPort)
		if err != nil {
			// Not quoted: a password holding a comma would show a piece of itself here.
			return nil, fmt.Errorf("client: %s: endpoint %d of %d: expected <host>:<port number>", source, i+1, len(hosts))
		}
		e.addrs = append(e.addrs, addr)
	}
	return e, nil
}

// option reads one option of a StackExchange.Redis connection string. Options this client has
// no use for are ignored, as StackExchange.Redis ignores unknown ones.
func (e *endpoint) option(key, value string) error {
	switch key {
	case "password":
		e.password = value
	case "user":
		e.username = value
	case "ssl":
		on, err := strconv.ParseBool(value)
		if err != nil {
			return fmt.Errorf("ssl=%s: expected true or false", value)
		}
		e.tls = &on
	case "sslhost":
		e.tlsServerName = value
	case "name":
		e.clientName = value
	case "defaultdatabase":
		db, err := strconv.Atoi(value)
		if err != nil || db < 0 {
			return fmt.Errorf("defaultDatabase=%s: expected a database number", value)
		}
		e.db = db
	case "connecttimeout", "synctimeout":
		ms, err := strconv.Atoi(value)
		if err != nil || ms <= 0 {
			return fmt.Errorf("%s=%s: expected milliseconds", key, value)
		}
		if key == "connecttimeout" {
			e.dialTimeout = time.Duration(ms) * time.Millisecond
		} else {
			e.syncTimeout = time.Duration(ms) * time.Millisecond
		}
	}
	return nil
}

// parseURI reads redis://[user[:password]@]host[:port][/db] or rediss://..., with TLS.
func parseURI(source, s string) (*endpoint, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "redis" && u.Scheme != "rediss") || u.Host == "" {
		// The parser's error would quote the URI, password included.
		return nil, fmt.Errorf("client: %s: expected a URI redis://[user[:password]@]host[:port][/db] or rediss://...", source)
	}
	on := u.Scheme == "rediss"
	e := &endpoint{source: source, tls: &on}
	if u.User != nil {
		e.username = u.User.Username()
		e.password, _ = u.User.Password()
	}
	addr, err := address(u.Host, 6379)
	if err != nil {
		return nil, fmt.Errorf("client: %s: expected <host>:<port number> after the scheme and credentials", source)
	}
	e.addrs = []string{addr}
	if db := strings.Trim(u.Path, "/"); db != "" {
		if e.db, err = strconv.Atoi(db); err != nil || e.db < 0 {
			return nil, fmt.Errorf("client: %s: the path /%s: expected a database number", source, db)
		}
	}
	return e, nil
}

// parseHostAndPort reads <NAME>_HOST, <NAME>_PORT and <NAME>_PASSWORD.
func parseHostAndPort(prefix, host string, getenv func(string) (string, bool)) (*endpoint, error) {
	if strings.TrimSpace(host) == "" || strings.ContainsAny(host, ":/@ ") {
		return nil, fmt.Errorf("client: %s_HOST=%q: expected a host name", prefix, host)
	}
	port := 6379
	if value, ok := getenv(prefix + "_PORT"); ok {
		var err error
		if port, err = strconv.Atoi(value); err != nil || port < 1 || port > 65535 {
			return nil, fmt.Errorf("client: %s_PORT=%q: expected a port number", prefix, value)
		}
	}
	password, _ := getenv(prefix + "_PASSWORD")
	return &endpoint{source: prefix + "_HOST", addrs: []string{net.JoinHostPort(host, strconv.Itoa(port))}, password: password}, nil
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
