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
	syncTimeout        time.Duration
	asyncTimeout       time.Duration
	connectRetry       *int
	abortConnect       *bool // nil: the settings do not say
	clientName         string
	protocol           int    // 0: go-redis's
	serviceName        string // a Redis Sentinel service: the client follows its primary
	disableIdentity    bool
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

// parseURI reads redis://[user[:password]@]host[:port][/db] or rediss://..., with TLS.
func parseURI(source, s string) (*connection, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "redis" && u.Scheme != "rediss") || u.Host == "" {
		// The parser's error would quote the URI, password included.
		return nil, fmt.Errorf("client: %s: expected a URI redis://[user[:password]@]host[:port][/db] or rediss://...", source)
	}
	on := u.Scheme == "rediss"
	c := &connection{source: source, tls: &on}
	if u.User != nil {
		c.username = u.User.Username()
		c.password, _ = u.User.Password()
		c.secrets = []string{c.password, u.User.String()}
	}
	addr, err := address(u.Host, 6379)
	if err != nil {
		return nil, fmt.Errorf("client: %s: expected <host>:<port number> after the scheme and credentials", source)
	}
	c.addrs = []string{addr}
	if db := strings.Trim(u.Path, "/"); db != "" {
		if c.db, err = strconv.Atoi(db); err != nil || c.db < 0 {
			// Not quoted: a password holding a slash puts a piece of itself in the path.
			return nil, fmt.Errorf("client: %s: the path: expected a database number (redis://host:port/0)", source)
		}
	}
	return c, nil
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
