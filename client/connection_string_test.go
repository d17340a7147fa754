package client

import (
	"strings"
	"testing"
)

// Keys and values of StackExchange.Redis's current release that this client refused before
// (highIntegrity from 2.8.0, tcpKeepAlive from 2.13.17, keepAlive=-1, connectTimeout=0, a
// negative connectRetry, a protocol and proxy as numbers, a major version alone, TLS versions by
// number) connect to a real server as written; protocol=+2 reaches it as RESP2.
func TestCurrentStackExchangeRedisStringsConnect(t *testing.T) {
	s := startRedis(t, serverConfig{})
	c, err := New(timeout(t), "cache", WithConnectionString(s.addr+",highIntegrity=true,tcpKeepAlive=false,keepAlive=-1,connectTimeout=0,"+
		"connectRetry=-1,configCheckSeconds=-1,protocol=+2,proxy=0,version=7,sslProtocols=3072|12288,tunnel=,name=current-keys"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	roundTrip(t, c, "current-keys")
	list, err := s.admin.ClientList(timeout(t)).Result()
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(list, "\n") {
		if strings.Contains(line, " name=current-keys ") && !strings.Contains(line, " resp=2") {
			t.Errorf("protocol=+2, yet: %s", line)
		}
	}
	if !strings.Contains(list, " name=current-keys ") {
		t.Errorf("no connection of the client:\n%s", list)
	}
}
