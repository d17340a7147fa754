package component

import (
	"reflect"
	"testing"
)

func TestConnectionDetails(t *testing.T) {
	const host = "c.westeurope.redis.azure.net"
	tests := []struct {
		name, key               string
		wantConnection, wantUri string
		wantEnvironment         map[string]string
	}{
		{
			name: "entra id", key: "",
			wantConnection: host + ":10000,ssl=true",
			wantUri:        "rediss://" + host + ":10000",
			wantEnvironment: map[string]string{
				"ConnectionStrings__my-cache": host + ":10000,ssl=true",
				"MY_CACHE_HOST":               host, "MY_CACHE_PORT": "10000", "MY_CACHE_URI": "rediss://" + host + ":10000",
			},
		},
		{
			name: "access key", key: "a b+c/d=é",
			wantConnection: host + ":10000,ssl=true,password=a b+c/d=é",
			wantUri:        "rediss://:a%20b%2Bc%2Fd%3D%C3%A9@" + host + ":10000",
			wantEnvironment: map[string]string{
				"ConnectionStrings__my-cache": host + ":10000,ssl=true,password=a b+c/d=é",
				"MY_CACHE_HOST":               host, "MY_CACHE_PORT": "10000",
				"MY_CACHE_URI": "rediss://:a%20b%2Bc%2Fd%3D%C3%A9@" + host + ":10000", "MY_CACHE_PASSWORD": "a b+c/d=é",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := connectionString(host, tt.key); got != tt.wantConnection {
				t.Errorf("connection string %q, want %q", got, tt.wantConnection)
			}
			if got := redisUri(host, tt.key); got != tt.wantUri {
				t.Errorf("uri %q, want %q", got, tt.wantUri)
			}
			if got := environment("my-cache", host, tt.key); !reflect.DeepEqual(got, tt.wantEnvironment) {
				t.Errorf("environment %v, want %v", got, tt.wantEnvironment)
			}
		})
	}
}

func TestEscapeDataStringKeepsUnreservedCharacters(t *testing.T) {
	if got := escapeDataString("AZaz09-._~"); got != "AZaz09-._~" {
		t.Errorf("got %q", got)
	}
	if got := escapeDataString("!*'();:@&=+$,/?#[]%"); got != "%21%2A%27%28%29%3B%3A%40%26%3D%2B%24%2C%2F%3F%23%5B%5D%25" {
		t.Errorf("got %q", got)
	}
}
