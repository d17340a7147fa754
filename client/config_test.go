package client

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func environ(vars map[string]string) func(string) (string, bool) {
	return func(name string) (string, bool) {
		v, ok := vars[name]
		return v, ok
	}
}

func on(b bool) *bool { return &b }

func TestSettingsAreReadInOrder(t *testing.T) {
	all := map[string]string{
		"ConnectionStrings__cache": "from-connection-strings:10000,ssl=true",
		"CACHE_URI":                "rediss://from-uri:10000",
		"CACHE_HOST":               "from-host",
	}
	tests := []struct {
		name     string
		given    *string
		env      map[string]string
		wantAddr string
	}{
		{"WithConnectionString first", ptr("given:1"), all, "given:1"},
		{"then ConnectionStrings__<name>", nil, all, "from-connection-strings:10000"},
		{"then <NAME>_URI", nil, without(all, "ConnectionStrings__cache"), "from-uri:10000"},
		{"then <NAME>_HOST", nil, map[string]string{"CACHE_HOST": "from-host"}, "from-host:6379"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := lookup("cache", options{connectionString: tt.given}, environ(tt.env))
			if err != nil {
				t.Fatal(err)
			}
			if e.addrs[0] != tt.wantAddr {
				t.Errorf("address %s, want %s", e.addrs[0], tt.wantAddr)
			}
		})
	}
}

func ptr(s string) *string { return &s }

func without(m map[string]string, key string) map[string]string {
	c := map[string]string{}
	for k, v := range m {
		if k != key {
			c[k] = v
		}
	}
	return c
}

func TestSettingsFormats(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want endpoint
	}{
		{"the component's Entra ID connection string", map[string]string{"ConnectionStrings__cache": "c.westeurope.redis.azure.net:10000,ssl=true"},
			endpoint{source: "ConnectionStrings__cache", addrs: []string{"c.westeurope.redis.azure.net:10000"}, tls: on(true)}},
		{"the component's access-key connection string", map[string]string{"ConnectionStrings__cache": "c:10000,ssl=true,password=k+y/=="},
			endpoint{source: "ConnectionStrings__cache", addrs: []string{"c:10000"}, tls: on(true), password: "k+y/=="}},
		{"StackExchange.Redis options, unknown ones ignored", map[string]string{"ConnectionStrings__cache": " a:1 , b ,ssl=False,user=app,Password=p,abortConnect=false," +
			"connectTimeout=2000,syncTimeout=3000,defaultDatabase=2,name=api,sslHost=alias,allowAdmin=true"},
			endpoint{source: "ConnectionStrings__cache", addrs: []string{"a:1", "b:6379"}, tls: on(false), username: "app", password: "p",
				dialTimeout: 2 * time.Second, syncTimeout: 3 * time.Second, db: 2, clientName: "api", tlsServerName: "alias"}},
		{"ssl=true without a port: 6380", map[string]string{"ConnectionStrings__cache": "c,ssl=true"},
			endpoint{source: "ConnectionStrings__cache", addrs: []string{"c:6380"}, tls: on(true)}},
		{"a URI in ConnectionStrings", map[string]string{"ConnectionStrings__cache": "redis://c:7000/3"},
			endpoint{source: "ConnectionStrings__cache", addrs: []string{"c:7000"}, tls: on(false), db: 3}},
		{"the component's URI with a key", map[string]string{"CACHE_URI": "rediss://:k%2By%2F%3D%3D@c:10000"},
			endpoint{source: "CACHE_URI", addrs: []string{"c:10000"}, tls: on(true), password: "k+y/=="}},
		{"a URI with a user", map[string]string{"CACHE_URI": "rediss://app:secret@c"},
			endpoint{source: "CACHE_URI", addrs: []string{"c:6379"}, tls: on(true), username: "app", password: "secret"}},
		{"host, port and password", map[string]string{"CACHE_HOST": "c", "CACHE_PORT": "10000", "CACHE_PASSWORD": "k"},
			endpoint{source: "CACHE_HOST", addrs: []string{"c:10000"}, password: "k"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := lookup("cache", options{}, environ(tt.env))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(*e, tt.want) {
				t.Errorf("got %+v\nwant %+v", *e, tt.want)
			}
		})
	}
	// Hyphens in the connection name are underscores in variable names.
	if e, err := lookup("session-cache", options{}, environ(map[string]string{"SESSION_CACHE_HOST": "s"})); err != nil || e.addrs[0] != "s:6379" {
		t.Errorf("SESSION_CACHE_HOST: %+v, %v", e, err)
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
		{"nothing set", "cache", nil,
			[]string{`no settings for connection "cache"`, "ConnectionStrings__cache", "CACHE_URI", "CACHE_HOST", "CACHE_PORT", "CACHE_PASSWORD", "WithConnectionString"}},
		{"a bad connection name", "my.cache", nil, []string{`connection name "my.cache"`}},
		{"an empty connection string", "cache", map[string]string{"ConnectionStrings__cache": ""}, []string{"ConnectionStrings__cache: no endpoint"}},
		{"options only", "cache", map[string]string{"ConnectionStrings__cache": "ssl=true,password=" + secret}, []string{"ConnectionStrings__cache: no endpoint"}},
		{"a port that is not a number", "cache", map[string]string{"ConnectionStrings__cache": "c:ten,password=" + secret}, []string{"ConnectionStrings__cache: endpoint 1 of 1: expected <host>:<port number>"}},
		{"a password with a comma", "cache", map[string]string{"ConnectionStrings__cache": "c:1,password=" + secret + ",x/y:z"}, []string{"endpoint 2 of 2"}},
		{"ssl neither true nor false", "cache", map[string]string{"ConnectionStrings__cache": "c:1,ssl=maybe,password=" + secret}, []string{"ConnectionStrings__cache: ssl=maybe: expected true or false"}},
		{"a bad timeout", "cache", map[string]string{"ConnectionStrings__cache": "c:1,connectTimeout=soon"}, []string{"connecttimeout=soon: expected milliseconds"}},
		{"a bad database", "cache", map[string]string{"ConnectionStrings__cache": "c:1,defaultDatabase=-1"}, []string{"defaultDatabase=-1: expected a database number"}},
		{"another scheme", "cache", map[string]string{"CACHE_URI": "http://:" + secret + "@c:1"}, []string{"CACHE_URI: expected a URI redis://"}},
		{"an unparsable URI", "cache", map[string]string{"CACHE_URI": "rediss://:" + secret + "@c:1%zz"}, []string{"CACHE_URI: expected a URI"}},
		{"a URI without host", "cache", map[string]string{"CACHE_URI": "rediss://"}, []string{"CACHE_URI: expected a URI"}},
		{"a URI with a bad port", "cache", map[string]string{"CACHE_URI": "rediss://:" + secret + "@c:99999"}, []string{"CACHE_URI: expected <host>:<port number>"}},
		{"a URI with a bad database", "cache", map[string]string{"CACHE_URI": "redis://:" + secret + "@c:1/db"}, []string{"CACHE_URI: the path /db: expected a database number"}},
		{"an empty host", "cache", map[string]string{"CACHE_HOST": "", "CACHE_PASSWORD": secret}, []string{`CACHE_HOST="": expected a host name`}},
		{"a host with a port", "cache", map[string]string{"CACHE_HOST": "c:1"}, []string{`CACHE_HOST="c:1": expected a host name`}},
		{"a port that is not a number", "cache", map[string]string{"CACHE_HOST": "c", "CACHE_PORT": "http", "CACHE_PASSWORD": secret}, []string{`CACHE_PORT="http": expected a port number`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := lookup(tt.connection, options{}, environ(tt.env))
			if err == nil {
				t.Fatal("accepted")
			}
			for _, want := range tt.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not say %q", err, want)
				}
			}
			if strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), "S3cr3t") {
				t.Errorf("error %q shows the password", err)
			}
		})
	}
}
