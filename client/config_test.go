package client

import (
	"crypto/tls"
	"errors"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// environmentOf is an environment of the given variables.
func environmentOf(vars map[string]string) environment {
	var entries []string
	for name, value := range vars {
		entries = append(entries, name+"="+value)
	}
	return readEnvironment(entries)
}

func on(b bool) *bool { return &b }

func TestWhereTheCacheIsComesFromTheFirstSourceSet(t *testing.T) {
	all := map[string]string{
		"ConnectionStrings__cache": "from-connection-strings:10000,ssl=true",
		"CACHE_URI":                "rediss://from-uri:10000",
		"CACHE_HOST":               "from-host",
		"Aspire__StackExchange__Redis__cache__ConnectionString": "from-keyed-section:1",
		"Aspire__StackExchange__Redis__ConnectionString":        "from-section:1",
	}
	tests := []struct {
		name     string
		given    *string
		without  []string
		wantAddr string
	}{
		{"WithConnectionString first", ptr("given:1"), nil, "given:1"},
		{"then ConnectionStrings__<name>", nil, nil, "from-connection-strings:10000"},
		{"then <NAME>_URI", nil, []string{"ConnectionStrings__cache"}, "from-uri:10000"},
		{"then <NAME>_HOST", nil, []string{"ConnectionStrings__cache", "CACHE_URI"}, "from-host:6379"},
		{"then Aspire's keyed section", nil, []string{"ConnectionStrings__cache", "CACHE_URI", "CACHE_HOST"}, "from-keyed-section:1"},
		{"then Aspire's section", nil, []string{"ConnectionStrings__cache", "CACHE_URI", "CACHE_HOST",
			"Aspire__StackExchange__Redis__cache__ConnectionString"}, "from-section:1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vars := map[string]string{}
			for k, v := range all {
				vars[k] = v
			}
			for _, k := range tt.without {
				delete(vars, k)
			}
			c, _, err := configure("cache", options{connectionString: tt.given}, environmentOf(vars))
			if err != nil {
				t.Fatal(err)
			}
			if c.addrs[0] != tt.wantAddr {
				t.Errorf("address %s, want %s", c.addrs[0], tt.wantAddr)
			}
		})
	}
}

func ptr(s string) *string { return &s }

// .NET configuration reads environment variables whatever their case; so does the client.
func TestEnvironmentNamesMatchWhateverTheirCase(t *testing.T) {
	for _, vars := range []map[string]string{
		{"CONNECTIONSTRINGS__CACHE": "a:1"},
		{"connectionstrings__Cache": "a:1"},
		{"cache_uri": "redis://a:1"},
		{"Cache_Host": "a", "CACHE_port": "1"},
		{"ASPIRE__STACKEXCHANGE__REDIS__CONNECTIONSTRING": "a:1"},
	} {
		c, _, err := configure("cache", options{}, environmentOf(vars))
		if err != nil || c.addrs[0] != "a:1" {
			t.Errorf("%v: %+v, %v", vars, c, err)
		}
	}
	_, _, err := configure("cache", options{}, environmentOf(map[string]string{
		"ConnectionStrings__cache": "a:1,password=first-secret", "CONNECTIONSTRINGS__CACHE": "b:1,password=second-secret"}))
	if err == nil || !strings.Contains(err.Error(), "ConnectionStrings__cache") || !strings.Contains(err.Error(), "CONNECTIONSTRINGS__CACHE") ||
		!strings.Contains(err.Error(), "differ only in case") || strings.Contains(err.Error(), "secret") {
		t.Errorf("two variables differing only in case: %v", err)
	}
}

func TestNothingSetIsErrNotConfigured(t *testing.T) {
	_, _, err := configure("session-cache", options{}, environmentOf(nil))
	if !errors.Is(err, ErrNotConfigured) {
		t.Fatalf("%v is not ErrNotConfigured", err)
	}
	for _, want := range []string{`"session-cache"`, "ConnectionStrings__session-cache", "SESSION_CACHE_URI", "SESSION_CACHE_HOST",
		"SESSION_CACHE_PORT", "SESSION_CACHE_PASSWORD", "Aspire__StackExchange__Redis__session-cache__ConnectionString",
		"Aspire__StackExchange__Redis__ConnectionString", "WithConnectionString"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}

// Aspire's section sets DisableTracing and DisableHealthChecks, the keyed form over the unkeyed
// one; what the app says in WithSettings wins over both.
func TestAspireSectionThenTheAppsSettings(t *testing.T) {
	base := map[string]string{"ConnectionStrings__cache": "a:1"}
	with := func(vars map[string]string) map[string]string {
		for k, v := range base {
			vars[k] = v
		}
		return vars
	}
	tests := []struct {
		name                              string
		env                               map[string]string
		app                               []func(*Settings)
		tracingOff, metricsOff, checksOff bool
	}{
		{"nothing said", with(map[string]string{}), nil, false, false, false},
		// Aspire's DisableTracing turns telemetry off: its Redis client has no metrics to keep.
		{"the section", with(map[string]string{"Aspire__StackExchange__Redis__DisableTracing": "true",
			"aspire__stackexchange__redis__disablehealthchecks": "True"}), nil, true, true, true},
		{"the keyed section over the section", with(map[string]string{"Aspire__StackExchange__Redis__DisableTracing": "true",
			"Aspire__StackExchange__Redis__cache__DisableTracing": "false"}), nil, false, false, false},
		{"another name's keyed section is not ours", with(map[string]string{"Aspire__StackExchange__Redis__other__DisableTracing": "true"}), nil, false, false, false},
		{"the app over both", with(map[string]string{"Aspire__StackExchange__Redis__cache__DisableHealthChecks": "true",
			"Aspire__StackExchange__Redis__DisableTracing": "true"}),
			[]func(*Settings){func(s *Settings) { s.DisableHealthChecks = false; s.DisableMetrics = false }}, true, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, s, err := configure("cache", options{settings: tt.app}, environmentOf(tt.env))
			if err != nil {
				t.Fatal(err)
			}
			if s.DisableTracing != tt.tracingOff || s.DisableMetrics != tt.metricsOff || s.DisableHealthChecks != tt.checksOff {
				t.Errorf("tracing off %v, metrics off %v, health checks off %v; want %v, %v, %v",
					s.DisableTracing, s.DisableMetrics, s.DisableHealthChecks, tt.tracingOff, tt.metricsOff, tt.checksOff)
			}
		})
	}
}

func TestSettingsFormats(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want connection
	}{
		{"the component's Entra ID connection string", map[string]string{"ConnectionStrings__cache": "c.westeurope.redis.azure.net:10000,ssl=true"},
			connection{source: "ConnectionStrings__cache", addrs: []string{"c.westeurope.redis.azure.net:10000"}, tls: on(true)}},
		{"the component's access-key connection string", map[string]string{"ConnectionStrings__cache": "c:10000,ssl=true,password=k+y/=="},
			connection{source: "ConnectionStrings__cache", addrs: []string{"c:10000"}, tls: on(true), password: "k+y/=="}},
		{"the Azure portal's", map[string]string{"ConnectionStrings__cache": "c.westeurope.redis.azure.net:10000,password=k=,ssl=True,abortConnect=False"},
			connection{source: "ConnectionStrings__cache", addrs: []string{"c.westeurope.redis.azure.net:10000"}, tls: on(true), password: "k=", abortConnect: on(false)}},
		{"StackExchange.Redis options whatever their case", map[string]string{"ConnectionStrings__cache": " a:1 , b ,SSL=False,User=app,Password=p,abortconnect=yes," +
			"connectTimeout=2000,syncTimeout=3000,asyncTimeout=4000,connectRetry=2,DefaultDatabase=2,name=api,sslHost=alias,allowAdmin=true," +
			"protocol=resp2,setlib=false,sslProtocols=Tls12|Tls13"},
			connection{source: "ConnectionStrings__cache", addrs: []string{"a:1", "b:6379"}, tls: on(false), username: "app", password: "p",
				abortConnect: on(true), dialTimeout: 2 * time.Second, syncTimeout: 3 * time.Second, asyncTimeout: 4 * time.Second,
				connectRetry: intPtr(2), db: 2, clientName: "api", tlsServerName: "alias", protocol: 2, disableIdentity: true,
				tlsMinVersion: tls.VersionTLS12, tlsMaxVersion: tls.VersionTLS13}},
		{"ssl=true without a port: 6380", map[string]string{"ConnectionStrings__cache": "c,ssl=true"},
			connection{source: "ConnectionStrings__cache", addrs: []string{"c:6380"}, tls: on(true)}},
		{"a Sentinel service", map[string]string{"ConnectionStrings__cache": "s:26379,serviceName=primary"},
			connection{source: "ConnectionStrings__cache", addrs: []string{"s:26379"}, serviceName: "primary"}},
		{"a URI in ConnectionStrings", map[string]string{"ConnectionStrings__cache": "redis://c:7000/3"},
			connection{source: "ConnectionStrings__cache", addrs: []string{"c:7000"}, tls: on(false), db: 3}},
		{"the component's URI with a key", map[string]string{"CACHE_URI": "rediss://:k%2By%2F%3D%3D@c:10000"},
			connection{source: "CACHE_URI", addrs: []string{"c:10000"}, tls: on(true), password: "k+y/=="}},
		{"a URI with a user", map[string]string{"CACHE_URI": "rediss://app:secret@c"},
			connection{source: "CACHE_URI", addrs: []string{"c:6379"}, tls: on(true), username: "app", password: "secret"}},
		{"host, port and password", map[string]string{"CACHE_HOST": "c", "CACHE_PORT": "10000", "CACHE_PASSWORD": "k"},
			connection{source: "CACHE_HOST", addrs: []string{"c:10000"}, password: "k"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _, err := configure("cache", options{}, environmentOf(tt.env))
			if err != nil {
				t.Fatal(err)
			}
			c.secrets = nil // TestNoPieceOfAPasswordInAnyError checks them
			c.uri = nil     // what ParseURL read: TestURIsAreReadAsGoRedisReadsThem checks it
			if !reflect.DeepEqual(*c, tt.want) {
				t.Errorf("got  %+v\nwant %+v", *c, tt.want)
			}
		})
	}
	// Hyphens in the connection name are underscores in variable names.
	if c, _, err := configure("session-cache", options{}, environmentOf(map[string]string{"SESSION_CACHE_HOST": "s"})); err != nil || c.addrs[0] != "s:6379" {
		t.Errorf("SESSION_CACHE_HOST: %+v, %v", c, err)
	}
}

func intPtr(n int) *int { return &n }

// Every key StackExchange.Redis defines (its current release, 3.1: ConfigurationOptions.cs),
// with values it accepts and values it refuses, so that strings copied from an Aspire app or the
// Azure portal work as they are. The key is matched whatever its case; a refusal names the key
// and never the value.
func TestEveryStackExchangeRedisKeyAndValue(t *testing.T) {
	keys := map[string]struct{ accepted, refused []string }{
		"abortConnect":               {[]string{"false", "True", "yes", "OFF", "1", "0"}, []string{"maybe", ""}},
		"allowAdmin":                 {[]string{"true"}, []string{"2"}},
		"asyncTimeout":               {[]string{"5000", "1", "+5"}, []string{"0", "-1", "soon", "1.5"}},
		"channelPrefix":              {[]string{"app:", ""}, nil},
		"checkCertificateRevocation": {[]string{"false"}, []string{"no way"}},
		"configChannel":              {[]string{"__Booksleeve_MasterChanged"}, nil},
		"configCheckSeconds":         {[]string{"60", "0", "-1"}, []string{"a minute"}},
		"connectRetry":               {[]string{"3", "0", "-1"}, []string{"thrice"}},
		"connectTimeout":             {[]string{"5000", "0", "-1"}, []string{"soon", "2147483648"}},
		"defaultDatabase":            {[]string{"0", "15"}, []string{"-1", "one"}},
		"highIntegrity":              {[]string{"true", "false"}, []string{"high"}}, // 2.8.0
		"highPriorityThreads":        {[]string{"true", "anything"}, nil},
		"keepAlive":                  {[]string{"60", "-1", "0"}, []string{"forever"}},
		"name":                       {[]string{"api"}, nil},
		"password":                   {[]string{"p", ""}, nil},
		"preserveAsyncOrder":         {[]string{"false"}, nil},
		"protocol":                   {[]string{"resp3", "RESP2", "2", "3", "+3"}, []string{"4", "resp4", "1"}},
		"proxy":                      {[]string{"None", "twemproxy", "ENVOYPROXY", "0", "2"}, []string{"squid"}},
		"resolveDns":                 {[]string{"false"}, []string{"sometimes"}},
		"responseTimeout":            {[]string{"5000"}, nil},
		"sentinelPassword":           {[]string{"sp"}, nil}, // 3.1.13
		"sentinelUser":               {[]string{"su"}, nil}, // 3.1.13
		"serviceName":                {[]string{"mymaster"}, nil},
		"setlib":                     {[]string{"true"}, []string{"lib"}},
		"ssl":                        {[]string{"true", "False"}, []string{"tls"}},
		"sslHost":                    {[]string{"c"}, nil},
		"sslProtocols":               {[]string{"Tls12", "tls12|TLS13", "Tls11|Tls12", "None", "Default", "3072", "12288|3072"}, []string{"Tls14", "Tls11", "768"}},
		"syncTimeout":                {[]string{"5000"}, []string{"0"}},
		"tcpKeepAlive":               {[]string{"true", "false"}, []string{"sometimes"}}, // 2.13.17
		"tiebreaker":                 {[]string{""}, nil},
		"tunnel":                     {[]string{"http:proxy:8080", "http://proxy:8080", ""}, []string{"socks5://proxy:1080", "http:proxy"}},
		"user":                       {[]string{"u"}, nil},
		"version":                    {[]string{"7.4", "7", "7.4.0", "7.4.0.1"}, []string{"latest", "7.4.0.1.2", "-1", "7..4"}},
		"writeBuffer":                {[]string{"4096"}, nil},
	}
	if len(keys) != len(stackExchangeKeys) {
		t.Fatalf("%d keys here for the client's %d", len(keys), len(stackExchangeKeys))
	}
	for name, values := range keys {
		for _, spelling := range []string{name, strings.ToUpper(name), strings.ToLower(name)} {
			for _, value := range values.accepted {
				if _, err := parseConnectionString("s", "c:1,"+spelling+"="+value); err != nil {
					t.Errorf("%s=%s: %v", spelling, value, err)
				}
			}
		}
		for _, value := range values.refused {
			_, err := parseConnectionString("s", "c:1,"+name+"="+value)
			switch {
			case err == nil:
				t.Errorf("%s=%s accepted", name, value)
			case !strings.Contains(err.Error(), "s: "+name+": "):
				t.Errorf("%s=%s: %v does not name the key", name, value, err)
			case value != "" && strings.Contains(strings.TrimPrefix(err.Error(), "client: s: "+name+": "), value):
				t.Errorf("%s=%s: %v shows the value", name, value, err)
			}
		}
	}
	if _, err := parseConnectionString("s", "c:1,$INFO=,$CONFIG=CFG"); err != nil {
		t.Errorf("command renames: %v", err)
	}
}

// A value is never quoted: it may be a piece of a password holding a comma, as in the issue's
// password=Qz8,name=x,connectTimeout=Wk3Jv5; nor is an unknown key after a password.
func TestAnErrorNamesKeysNeverValues(t *testing.T) {
	for _, s := range []string{"c:1,password=Qz8,name=x,connectTimeout=Wk3Jv5", "c:1,password=Qz8,name=x,Wk3Jv5=1",
		"c:1,sentinelPassword=Qz8,Wk3Jv5=1", "c:1,password=Qz8,name=x,ssl=Wk3Jv5"} {
		_, err := parseConnectionString("s", s)
		if err == nil || strings.Contains(err.Error(), "Wk3") || strings.Contains(err.Error(), "Qz8") {
			t.Errorf("%s: %v", s, err)
		}
	}
	if _, err := parseConnectionString("s", "c:1,password=Qz8,name=x,connectTimeout=Wk3Jv5"); err == nil || !strings.Contains(err.Error(), "connectTimeout: expected a whole number") {
		t.Errorf("the key is not named: %v", err)
	}
}

// Every missing or malformed setting is an error naming where it was read and what was
// expected, without the password.
func TestBadSettingsAreClearErrorsWithoutThePassword(t *testing.T) {
	const secret = "S3cr3t-p4ss"
	tests := []struct {
		name       string
		connection string
		env        map[string]string
		want       []string
	}{
		{"a bad connection name", "my.cache", nil, []string{`connection name "my.cache"`}},
		{"an empty connection string", "cache", map[string]string{"ConnectionStrings__cache": ""}, []string{"ConnectionStrings__cache: no endpoint"}},
		{"options only", "cache", map[string]string{"ConnectionStrings__cache": "ssl=true,password=" + secret}, []string{"ConnectionStrings__cache: no endpoint"}},
		{"a port that is not a number", "cache", map[string]string{"ConnectionStrings__cache": "c:ten,password=" + secret}, []string{"ConnectionStrings__cache: endpoint 1 of 1: expected <host>:<port number>"}},
		{"a password with a comma, then a host", "cache", map[string]string{"ConnectionStrings__cache": "c:1,password=" + secret + ",x/y:z"}, []string{"a piece without = after password= (endpoints go before it)"}},
		{"a password with a comma, then an equals sign", "cache", map[string]string{"ConnectionStrings__cache": "c:1,password=S3cr3t,p4ss=x"},
			[]string{"the item after password= is not a StackExchange.Redis option"}},
		{"a misspelt key", "cache", map[string]string{"ConnectionStrings__cache": "c:1,sll=true,password=" + secret},
			[]string{`ConnectionStrings__cache: unknown key "sll" (did you mean ssl?)`, "abortConnect, allowAdmin"}},
		{"a key StackExchange.Redis does not define", "cache", map[string]string{"ConnectionStrings__cache": "c:1,poolSize=10"},
			[]string{`unknown key "poolSize": StackExchange.Redis defines`}},
		{"ssl neither true nor false", "cache", map[string]string{"ConnectionStrings__cache": "c:1,ssl=maybe,password=" + secret}, []string{"ConnectionStrings__cache: ssl: expected true or false"}},
		{"abortConnect neither", "cache", map[string]string{"ConnectionStrings__cache": "c:1,ABORTCONNECT=nope"}, []string{"abortConnect: expected true or false"}},
		{"a bad timeout", "cache", map[string]string{"ConnectionStrings__cache": "c:1,syncTimeout=soon"}, []string{"syncTimeout: expected milliseconds"}},
		{"a bad database", "cache", map[string]string{"ConnectionStrings__cache": "c:1,defaultDatabase=-1"}, []string{"defaultDatabase: expected a database number, 0 or more"}},
		{"a bad protocol", "cache", map[string]string{"ConnectionStrings__cache": "c:1,protocol=4"}, []string{"protocol: expected resp2 or resp3"}},
		{"a bad proxy", "cache", map[string]string{"ConnectionStrings__cache": "c:1,proxy=squid"}, []string{"proxy: expected one of None, Twemproxy, Envoyproxy"}},
		{"a bad version", "cache", map[string]string{"ConnectionStrings__cache": "c:1,version=latest"}, []string{"version: expected a version"}},
		{"TLS below 1.2 only", "cache", map[string]string{"ConnectionStrings__cache": "c:1,sslProtocols=Tls11"}, []string{"sslProtocols: TLS 1.2 is the oldest"}},
		{"unknown TLS flags", "cache", map[string]string{"ConnectionStrings__cache": "c:1,sslProtocols=Tls14"}, []string{"sslProtocols: expected SslProtocols flags"}},
		{"an unknown key after the password", "cache", map[string]string{"ConnectionStrings__cache": "c:1,password=" + secret + ",ssl=true,sll=true"},
			[]string{"a key after password= is not one StackExchange.Redis defines (did you mean ssl?)"}},
		{"another scheme", "cache", map[string]string{"CACHE_URI": "http://:" + secret + "@c:1"}, []string{"CACHE_URI: expected a URI redis://"}},
		{"an unparsable URI", "cache", map[string]string{"CACHE_URI": "rediss://:" + secret + "@c:1%zz"}, []string{"CACHE_URI: expected a URI"}},
		{"a URI without host", "cache", map[string]string{"cache_uri": "rediss://"}, []string{"cache_uri: expected a URI"}},
		{"a URI with a bad port", "cache", map[string]string{"CACHE_URI": "rediss://:" + secret + "@c:99999"}, []string{"CACHE_URI: expected <host>:<port number>"}},
		{"a URI with a bad database", "cache", map[string]string{"CACHE_URI": "redis://:" + secret + "@c:1/db"}, []string{"CACHE_URI: the database number (the path or ?db=): expected a whole number"}},
		{"a URI with a bad path", "cache", map[string]string{"CACHE_URI": "redis://:" + secret + "@c:1/0/1"}, []string{"CACHE_URI: the path: expected a database number"}},
		{"a URI with a negative database", "cache", map[string]string{"CACHE_URI": "redis://:" + secret + "@c:1?db=-2"}, []string{"CACHE_URI: the database number (the path or ?db=): expected 0 or more"}},
		{"a URI with an unknown option", "cache", map[string]string{"CACHE_URI": "rediss://:" + secret + "@c:1?sll=true"}, []string{"CACHE_URI: unknown query option sll:"}},
		{"a URI with a bad option", "cache", map[string]string{"CACHE_URI": "rediss://:" + secret + "@c:1?dial_timeout=S3cr3t"}, []string{"CACHE_URI: ?dial_timeout=: expected seconds or a duration"}},
		{"a unix socket", "cache", map[string]string{"CACHE_URI": "unix:///run/redis.sock"}, []string{"CACHE_URI: expected a URI redis://"}},
		{"an empty host", "cache", map[string]string{"CACHE_HOST": "", "CACHE_PASSWORD": secret}, []string{`CACHE_HOST="": expected a host name`}},
		{"a host with a port", "cache", map[string]string{"CACHE_HOST": "c:1"}, []string{`CACHE_HOST="c:1": expected a host name`}},
		{"a port that is not a number", "cache", map[string]string{"CACHE_HOST": "c", "Cache_Port": "http", "CACHE_PASSWORD": secret}, []string{`Cache_Port="http": expected a port number`}},
		{"a section flag neither true nor false", "cache", map[string]string{"ConnectionStrings__cache": "c:1",
			"Aspire__StackExchange__Redis__cache__DisableTracing": "maybe"}, []string{`Aspire__StackExchange__Redis__cache__DisableTracing="maybe": expected true or false`}},
		{"a bad keyed section connection string", "cache", map[string]string{"Aspire__StackExchange__Redis__cache__ConnectionString": "c:1,sll=true"},
			[]string{`Aspire__StackExchange__Redis__cache__ConnectionString: unknown key "sll"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := configure(tt.connection, options{}, environmentOf(tt.env))
			if err == nil {
				t.Fatal("accepted")
			}
			for _, want := range tt.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not say %q", err, want)
				}
			}
			for _, part := range []string{secret, "S3cr3t", "p4ss"} {
				if strings.Contains(err.Error(), part) {
					t.Errorf("error %q shows (a piece of) the password", err)
				}
			}
		})
	}
}

// How the settings become go-redis options.
func TestGoRedisOptions(t *testing.T) {
	cred := &fakeCredential{oid: "unused", lifetime: time.Hour}
	tests := []struct {
		name  string
		conn  string
		opts  []Option
		check func(t *testing.T, u *redis.UniversalOptions, entra *entraCredentials, abort bool)
	}{
		{"an Azure host, whatever its case: TLS with its name, Entra ID, abortConnect false", "C.WestEurope.Redis.Azure.NET:10000",
			[]Option{WithAzureAuthentication(cred)},
			func(t *testing.T, u *redis.UniversalOptions, entra *entraCredentials, abort bool) {
				if u.TLSConfig == nil || u.TLSConfig.ServerName != "C.WestEurope.Redis.Azure.NET" || u.TLSConfig.MinVersion != tls.VersionTLS12 ||
					entra == nil || u.StreamingCredentialsProvider != entra || abort {
					t.Errorf("TLS %+v, Entra %v, abortConnect %v", u.TLSConfig, entra, abort)
				}
			}},
		{"an Azure host with a password: the key, not Entra ID", "c.westeurope.redis.azure.net:10000,password=k", []Option{WithAzureAuthentication(cred)},
			func(t *testing.T, u *redis.UniversalOptions, entra *entraCredentials, abort bool) {
				if entra != nil || u.Password != "k" || u.TLSConfig == nil {
					t.Errorf("Entra %v, password %q, TLS %v", entra, u.Password, u.TLSConfig)
				}
			}},
		{"another host: no TLS unless said, abortConnect true", "localhost:6379", []Option{WithAzureAuthentication(cred)},
			func(t *testing.T, u *redis.UniversalOptions, entra *entraCredentials, abort bool) {
				if u.TLSConfig != nil || entra != nil || !abort {
					t.Errorf("TLS %v, Entra %v, abortConnect %v", u.TLSConfig, entra, abort)
				}
			}},
		{"timeouts, retries, protocol, identity and TLS versions", "c:1,ssl=true,connectTimeout=1500,syncTimeout=2000,asyncTimeout=3000," +
			"connectRetry=0,protocol=2,setlib=false,sslProtocols=Tls13,abortConnect=false", nil,
			func(t *testing.T, u *redis.UniversalOptions, entra *entraCredentials, abort bool) {
				want := redis.UniversalOptions{DialTimeout: 1500 * time.Millisecond, ReadTimeout: 3 * time.Second, WriteTimeout: 3 * time.Second,
					DialerRetries: 1, Protocol: 2, DisableIdentity: true, ContextTimeoutEnabled: true}
				got := redis.UniversalOptions{DialTimeout: u.DialTimeout, ReadTimeout: u.ReadTimeout, WriteTimeout: u.WriteTimeout,
					DialerRetries: u.DialerRetries, Protocol: u.Protocol, DisableIdentity: u.DisableIdentity, ContextTimeoutEnabled: u.ContextTimeoutEnabled}
				if !reflect.DeepEqual(got, want) || u.TLSConfig.MinVersion != tls.VersionTLS13 || abort {
					t.Errorf("got %+v, TLS from %x, abortConnect %v", got, u.TLSConfig.MinVersion, abort)
				}
			}},
		{"Settings over the connection string", "c:1,connectTimeout=1500,syncTimeout=2000", []Option{WithSettings(func(s *Settings) {
			s.DialTimeout, s.ReadTimeout, s.WriteTimeout, s.PoolSize = time.Second, 2*time.Second, 3*time.Second, 7
		})}, func(t *testing.T, u *redis.UniversalOptions, entra *entraCredentials, abort bool) {
			if u.DialTimeout != time.Second || u.ReadTimeout != 2*time.Second || u.WriteTimeout != 3*time.Second || u.PoolSize != 7 {
				t.Errorf("%+v", u)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := collect(append([]Option{WithConnectionString(tt.conn)}, tt.opts...))
			c, s, err := configure("cache", o, environmentOf(nil))
			if err != nil {
				t.Fatal(err)
			}
			u, entra, err := redisOptions(c, o, s)
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, u, entra, abortOnConnectFail(c, s))
		})
	}
	// Entra ID works over TLS only (V18).
	o := collect([]Option{WithConnectionString("c.westeurope.redis.azure.net:10000,ssl=false"), WithAzureAuthentication(cred)})
	c, s, _ := configure("cache", o, environmentOf(nil))
	if _, _, err := redisOptions(c, o, s); err == nil || !strings.Contains(err.Error(), "ssl=false: Entra ID authenticates over TLS only") {
		t.Errorf("Entra ID without TLS: %v", err)
	}
}

// README.md's table of connection-string keys says what each key does here: it names every key
// this client accepts, and no other.
func TestTheReadmeListsEveryKey(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	start := strings.Index(string(readme), "| key | here |")
	end := strings.Index(string(readme)[start:], "\n\n")
	listed := map[string]bool{}
	for _, line := range strings.Split(string(readme)[start:start+end], "\n")[2:] {
		cell := strings.Split(line, "|")[1]
		for _, name := range regexp.MustCompile("`([A-Za-z$<>]+)=?`").FindAllStringSubmatch(cell, -1) {
			listed[name[1]] = true
		}
	}
	for _, k := range stackExchangeKeys {
		if !listed[k.name] {
			t.Errorf("README.md does not say what %s does", k.name)
		}
		delete(listed, k.name)
	}
	delete(listed, "$<COMMAND>")
	for name := range listed {
		t.Errorf("README.md lists %s, which the client does not accept", name)
	}
}
