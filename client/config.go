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

	"github.com/redis/go-redis/v9"
)

// ErrNotConfigured is the error (errors.Is) of New when no setting names the cache.
var ErrNotConfigured = errors.New("no settings name the cache")

// aspireSection is Aspire's configuration section of its Redis client integration
// (Aspire:StackExchange:Redis), as environment variables spell it.
const aspireSection = "Aspire__StackExchange__Redis"

// connection is what the settings say of the cache: where it is and how to reach it.
type connection struct {
	source             string   // the option or variable the settings came from
	addrs              []string // host:port of each endpoint, in the order given
	username, password string
	tls                *bool // nil: the settings do not say
	tlsServerName      string
	tlsMinVersion      uint16 // 0: TLS 1.2
	tlsMaxVersion      uint16 // 0: the newest
	db                 int
	dialTimeout        time.Duration
	syncTimeout        time.Duration // a connection string's; a URI's timeouts are in uri
	asyncTimeout       time.Duration
	connectRetry       *int
	abortConnect       *bool // nil: the settings do not say
	clientName         string
	protocol           int    // 0: go-redis's
	serviceName        string // a Redis Sentinel service: the client follows its primary
	sentinelUsername   string // the sentinels' own credentials, when they differ
	sentinelPassword   string
	disableIdentity    bool
	// uri is what go-redis's ParseURL read of a URI: its query's options, applied to go-redis's
	// options as they are (uriOptions).
	uri *redis.Options
	// secrets are kept out of every error New returns: the password, and what follows it in a
	// connection string (the rest of a password holding a comma, perhaps).
	secrets []string
}

// host is the first endpoint's host name.
func (c *connection) host() string {
	host, _, _ := net.SplitHostPort(c.addrs[0])
	return host
}

var connectionNamePattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*$`)

// environmentPrefix is how a connection name starts the environment variables of the cache:
// upper case, hyphens as underscores ("session-cache" reads SESSION_CACHE_HOST), as the
// component's environment output names them.
func environmentPrefix(connectionName string) string {
	return strings.ToUpper(strings.ReplaceAll(connectionName, "-", "_"))
}

// configure reads the settings of one connection, in the order the package documentation gives:
// where the cache is (the first source found), then the Settings (Aspire's section, then the
// app's WithSettings).
func configure(connectionName string, o options, env environment) (*connection, Settings, error) {
	if !connectionNamePattern.MatchString(connectionName) {
		return nil, Settings{}, fmt.Errorf("client: connection name %q: use a letter, then letters, digits, hyphens or underscores", connectionName)
	}
	settings, err := aspireSettings(connectionName, env)
	if err != nil {
		return nil, Settings{}, err
	}
	for _, change := range o.settings {
		change(&settings)
	}
	if len(settings.AzureHostSuffixes) == 0 {
		settings.AzureHostSuffixes = []string{AzureManagedRedisHostSuffix}
	}
	c, err := locate(connectionName, o, env)
	return c, settings, err
}

// locate finds where the cache is: the first source that names it.
func locate(connectionName string, o options, env environment) (*connection, error) {
	if o.connectionString != nil {
		return parseConnectionString("WithConnectionString", *o.connectionString)
	}
	prefix := environmentPrefix(connectionName)
	keyed, unkeyed := aspireSection+"__"+connectionName+"__ConnectionString", aspireSection+"__ConnectionString"
	sources := []struct {
		name  string
		parse func(v variable) (*connection, error)
	}{
		{"ConnectionStrings__" + connectionName, func(v variable) (*connection, error) { return parseConnectionString(v.name, v.value) }},
		{prefix + "_URI", func(v variable) (*connection, error) { return parseURI(v.name, v.value) }},
		{prefix + "_HOST", func(v variable) (*connection, error) { return parseHostAndPort(prefix, v, env) }},
		{keyed, func(v variable) (*connection, error) { return parseConnectionString(v.name, v.value) }},
		{unkeyed, func(v variable) (*connection, error) { return parseConnectionString(v.name, v.value) }},
	}
	for _, source := range sources {
		v, found, err := env.lookup(source.name)
		if err != nil {
			return nil, err
		}
		if found {
			return source.parse(v)
		}
	}
	return nil, fmt.Errorf("client: connection %[1]q: %[2]w: set ConnectionStrings__%[1]s, %[3]s_URI or %[3]s_HOST (with %[3]s_PORT and %[3]s_PASSWORD), "+
		"%[4]s or %[5]s, or use WithConnectionString", connectionName, ErrNotConfigured, prefix, keyed, unkeyed)
}

// aspireSettings reads Aspire's section: DisableTracing and DisableHealthChecks, the keyed
// form (Aspire__StackExchange__Redis__<name>__DisableTracing) over the unkeyed one, as .NET
// binds Aspire:StackExchange:Redis and then Aspire:StackExchange:Redis:<name>.
func aspireSettings(connectionName string, env environment) (Settings, error) {
	var s Settings
	flags := []struct {
		name string
		set  *bool
	}{{"DisableTracing", &s.DisableTracing}, {"DisableHealthChecks", &s.DisableHealthChecks}}
	for _, section := range []string{aspireSection, aspireSection + "__" + connectionName} {
		for _, flag := range flags {
			v, found, err := env.lookup(section + "__" + flag.name)
			if err != nil {
				return s, err
			}
			if !found {
				continue
			}
			on, err := strconv.ParseBool(strings.TrimSpace(v.value))
			if err != nil {
				return s, fmt.Errorf("client: %s=%q: expected true or false", v.name, v.value)
			}
			*flag.set = on
		}
	}
	// Aspire's DisableTracing is about telemetry as a whole: its Redis client has no metrics of
	// its own to keep.
	s.DisableMetrics = s.DisableTracing
	return s, nil
}

// isURI says whether s is a redis:// or rediss:// URI, its scheme in any case.
func isURI(s string) bool {
	scheme, _, found := strings.Cut(s, "://")
	return found && (strings.EqualFold(scheme, "redis") || strings.EqualFold(scheme, "rediss"))
}

// parseURI reads redis://[user[:password]@]host[:port][/db][?option=value&...] or rediss://...
// (TLS), the scheme in any case, as go-redis's ParseURL reads it: the database from the path or
// ?db=, and its query options (timeouts, pool, protocol, ...); an option it does not know is an
// error naming it. An error never quotes the URI: its password, or a piece of it, could be
// anywhere in it.
func parseURI(source, s string) (*connection, error) {
	scheme, rest, _ := strings.Cut(s, "://")
	s = strings.ToLower(scheme) + "://" + rest
	u, err := url.Parse(s)
	if !isURI(s) || err != nil || u.Host == "" {
		return nil, fmt.Errorf("client: %s: expected a URI redis://[user[:password]@]host[:port][/db][?option=value] or rediss://...", source)
	}
	addr, err := address(u.Host, 6379)
	if err != nil {
		return nil, fmt.Errorf("client: %s: expected <host>:<port number> after the scheme and credentials", source)
	}
	o, err := redis.ParseURL(s)
	if err != nil {
		return nil, fmt.Errorf("client: %s: %s", source, uriProblem(err))
	}
	if o.DB < 0 {
		return nil, fmt.Errorf("client: %s: the database number (the path or ?db=): expected 0 or more", source)
	}
	on := o.TLSConfig != nil
	c := &connection{source: source, addrs: []string{addr}, tls: &on, username: o.Username, password: o.Password,
		db: o.DB, clientName: o.ClientName, protocol: o.Protocol, dialTimeout: o.DialTimeout, uri: o}
	if u.User != nil {
		c.secrets = []string{c.password, u.User.String()}
	}
	return c, nil
}

// uriOption finds the query option a ParseURL error is about.
var uriOption = regexp.MustCompile(`^redis: invalid (\w+) (number|duration|boolean)`)

// uriProblem says what ParseURL refused, naming the part or the option but never quoting a value
// (its own errors do).
func uriProblem(err error) string {
	msg := err.Error()
	switch {
	case strings.HasPrefix(msg, "redis: unexpected option: "):
		return fmt.Sprintf("unknown query option %s: go-redis's ParseURL reads db, protocol, client_name, dial_timeout, read_timeout, "+
			"write_timeout, pool_size, ... (see its documentation)", strings.TrimPrefix(msg, "redis: unexpected option: "))
	case strings.HasPrefix(msg, "redis: invalid database number"):
		return "the database number (the path or ?db=): expected a whole number (redis://host:port/0)"
	case strings.HasPrefix(msg, "redis: invalid URL path"):
		return "the path: expected a database number (redis://host:port/0)"
	}
	if m := uriOption.FindStringSubmatch(msg); m != nil {
		expected := map[string]string{"number": "a whole number", "duration": "seconds or a duration such as 500ms",
			"boolean": "true, false, 1 or 0"}[m[2]]
		return fmt.Sprintf("?%s=: expected %s", m[1], expected)
	}
	return "expected a URI redis://[user[:password]@]host[:port][/db][?option=value] or rediss://..."
}

// parseHostAndPort reads <NAME>_HOST, <NAME>_PORT and <NAME>_PASSWORD.
func parseHostAndPort(prefix string, host variable, env environment) (*connection, error) {
	if strings.TrimSpace(host.value) == "" || strings.ContainsAny(host.value, ":/@ ") {
		return nil, fmt.Errorf("client: %s=%q: expected a host name", host.name, host.value)
	}
	port := 6379
	v, found, err := env.lookup(prefix + "_PORT")
	if err != nil {
		return nil, err
	}
	if found {
		if port, err = strconv.Atoi(v.value); err != nil || port < 1 || port > 65535 {
			return nil, fmt.Errorf("client: %s=%q: expected a port number", v.name, v.value)
		}
	}
	password, _, err := env.lookup(prefix + "_PASSWORD")
	if err != nil {
		return nil, err
	}
	return &connection{source: host.name, addrs: []string{net.JoinHostPort(host.value, strconv.Itoa(port))}, password: password.value,
		secrets: []string{password.value}}, nil
}
