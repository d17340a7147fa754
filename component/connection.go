package component

import (
	"fmt"
	"strings"
)

// How apps connect, in the formats Aspire hands them.

// connectionString is the StackExchange.Redis form: "<host>:10000,ssl=true", plus
// ",password=<key>" when a key is given.
func connectionString(host, key string) string {
	s := fmt.Sprintf("%s:%d,ssl=true", host, Port)
	if key != "" {
		s += ",password=" + key
	}
	return s
}

// redisUri is "rediss://<host>:10000", or "rediss://:<url-encoded key>@<host>:10000".
func redisUri(host, key string) string {
	if key == "" {
		return fmt.Sprintf("rediss://%s:%d", host, Port)
	}
	return fmt.Sprintf("rediss://:%s@%s:%d", escapeDataString(key), host, Port)
}

// escapeDataString percent-encodes everything but RFC 3986's unreserved characters, as .NET's
// Uri.EscapeDataString does (Go's url.QueryEscape would turn a space into '+').
func escapeDataString(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || strings.IndexByte("-._~", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// environment is what Aspire's WithReference hands an app, as app settings:
// ConnectionStrings__<name>, and <NAME>_HOST, _PORT, _URI, and _PASSWORD when a key is given.
func environment(connectionName, host, key string) map[string]string {
	prefix := strings.ToUpper(strings.ReplaceAll(connectionName, "-", "_"))
	env := map[string]string{
		"ConnectionStrings__" + connectionName: connectionString(host, key),
		prefix + "_HOST":                       host,
		prefix + "_PORT":                       fmt.Sprint(Port),
		prefix + "_URI":                        redisUri(host, key),
	}
	if key != "" {
		env[prefix+"_PASSWORD"] = key
	}
	return env
}

// Secret names in Key Vault, as Aspire names them.
func connectionStringSecretName(connectionName string) string {
	return "connectionstrings--" + connectionName
}

func primaryAccessKeySecretName(connectionName string) string {
	return "primaryaccesskey--" + connectionName
}
