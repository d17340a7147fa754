package client

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"
)

// uriFields are the go-redis options a URI sets, as ParseURL reads them.
var uriFields = []string{"Username", "Password", "DB", "Protocol", "ClientName", "MaxRetries", "MinRetryBackoff", "MaxRetryBackoff",
	"DialTimeout", "ReadTimeout", "WriteTimeout", "PoolFIFO", "PoolSize", "PoolTimeout", "MinIdleConns", "MaxIdleConns", "MaxActiveConns",
	"MaxConcurrentDials", "PipelinePoolSize", "PipelineReadBufferSize", "PipelineWriteBufferSize", "ConnMaxIdleTime", "ConnMaxLifetime",
	"ConnMaxLifetimeJitter"}

// The oracle is go-redis's own ParseURL: a URI (its scheme in any case) gives the client the
// options ParseURL gives, and is refused when ParseURL refuses it, except where the client is
// deliberately stricter (a negative database, no host).
func TestURIsAreReadAsGoRedisReadsThem(t *testing.T) {
	uris := []string{
		"redis://c:7000", "redis://c", "rediss://c:10000", "REDIS://c:7000/3", "Rediss://app:s3cret@c:10000/2",
		"redis://c:7000?db=3", "redis://c:7000/1?db=4", "redis://c/", "redis://:k%2By%2F%3D%3D@c:1",
		"rediss://c:1?skip_verify=true", "redis://c:1?protocol=2&client_name=api",
		"redis://c:1?dial_timeout=3&read_timeout=500ms&write_timeout=0", "redis://c:1?read_timeout=-1",
		"redis://c:1?max_retries=5&min_retry_backoff=8ms&max_retry_backoff=1s",
		"redis://c:1?pool_fifo=true&pool_size=20&pool_timeout=2s&min_idle_conns=2&max_idle_conns=5&max_active_conns=30&max_concurrent_dials=4",
		"redis://c:1?conn_max_idle_time=1m&conn_max_lifetime=1h&conn_max_lifetime_jitter=1m",
		"redis://c:1?idle_timeout=30s&max_conn_age=2h", "redis://c:1?pipeline_pool_size=-1&pipeline_read_buffer_size=1024&pipeline_write_buffer_size=2048",
		// Refused by ParseURL.
		"redis://c:1?sll=true", "redis://c:1?db=x", "redis://c:1/db", "redis://c:1/0/1", "redis://c:1?dial_timeout=soon",
		"redis://c:1?pool_fifo=maybe", "redis://c:1?pool_size=many", "redis://c:1?db=1&sll=true&tls=1",
	}
	for _, uri := range uris {
		t.Run(uri, func(t *testing.T) {
			scheme, rest, _ := strings.Cut(uri, "://")
			want, wantErr := redis.ParseURL(strings.ToLower(scheme) + "://" + rest)
			o := collect([]Option{WithConnectionString(uri)})
			c, s, err := configure("cache", o, environmentOf(nil))
			var got *redis.UniversalOptions
			if err == nil {
				got, _, err = redisOptions(c, o, s)
			}
			if (err == nil) != (wantErr == nil) {
				t.Fatalf("the client says %v, ParseURL %v", err, wantErr)
			}
			if err != nil {
				return
			}
			if got.Addrs[0] != want.Addr {
				t.Errorf("address %s, ParseURL's %s", got.Addrs[0], want.Addr)
			}
			for _, field := range uriFields {
				if g, w := reflect.ValueOf(*got).FieldByName(field).Interface(), reflect.ValueOf(*want).FieldByName(field).Interface(); !reflect.DeepEqual(g, w) {
					t.Errorf("%s %v, ParseURL's %v", field, g, w)
				}
			}
			if (got.TLSConfig == nil) != (want.TLSConfig == nil) {
				t.Fatalf("TLS %v, ParseURL's %v", got.TLSConfig, want.TLSConfig)
			}
			if want.TLSConfig != nil && (got.TLSConfig.ServerName != want.TLSConfig.ServerName ||
				got.TLSConfig.InsecureSkipVerify != want.TLSConfig.InsecureSkipVerify || got.TLSConfig.MinVersion != want.TLSConfig.MinVersion) {
				t.Errorf("TLS %+v, ParseURL's %+v", got.TLSConfig, want.TLSConfig)
			}
		})
	}
}

// Against a real server: a URI's scheme in capitals connects, its database (path or ?db=) is the
// one written to, its query options reach the server (client_name), and an option go-redis does
// not know is refused, naming it.
func TestURIsOnARealServer(t *testing.T) {
	s := startRedis(t, serverConfig{})
	unsetenv(t, "ConnectionStrings__cache") // the examples' (TestMain)
	tests := []struct {
		uri string
		db  int
	}{
		{fmt.Sprintf("REDIS://%s?db=3&client_name=uri-client", s.addr), 3},
		{fmt.Sprintf("Redis://%s/5?client_name=uri-client", s.addr), 5},
	}
	for _, tt := range tests {
		t.Run(tt.uri, func(t *testing.T) {
			t.Setenv("CACHE_URI", tt.uri)
			c, err := New(timeout(t), "cache")
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			key := fmt.Sprintf("in-db-%d", tt.db)
			roundTrip(t, c, key)
			in := redis.NewClient(&redis.Options{Addr: s.addr, DB: tt.db})
			defer in.Close()
			if n, err := in.Exists(timeout(t), key).Result(); err != nil || n != 1 {
				t.Errorf("%s is not in database %d (%v)", key, tt.db, err)
			}
			if list, err := s.admin.ClientList(timeout(t)).Result(); err != nil || !strings.Contains(list, " name=uri-client ") {
				t.Errorf("no connection named by ?client_name (%v):\n%s", err, list)
			}
		})
	}
	t.Setenv("CACHE_URI", "redis://"+s.addr+"?sll=true")
	if c, err := New(timeout(t), "cache"); err == nil {
		c.Close()
		t.Error("?sll=true accepted")
	} else if !strings.Contains(err.Error(), "CACHE_URI: unknown query option sll") {
		t.Errorf("?sll=true: %v", err)
	}
}
