package component

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// How apps connect, in the formats Aspire hands them.

// connection is every form of a cache's connection details, built once from its host and key
// ("" without access keys): the outputs and the Key Vault secrets read the same values. A key
// makes every value that carries it secret.
type connection struct {
	key              pulumi.StringOutput
	connectionString pulumi.StringOutput
	uri              pulumi.StringOutput
	environment      pulumi.StringMapOutput
}

func newConnection(connectionName string, host, key pulumi.StringOutput) connection {
	withKey := pulumi.All(host, key) // keeps the key's secretness
	return connection{
		key: key,
		connectionString: withKey.ApplyT(func(v []any) string {
			return connectionString(v[0].(string), v[1].(string))
		}).(pulumi.StringOutput),
		uri: withKey.ApplyT(func(v []any) string { return redisUri(v[0].(string), v[1].(string)) }).(pulumi.StringOutput),
		environment: withKey.ApplyT(func(v []any) map[string]string {
			return environment(connectionName, v[0].(string), v[1].(string))
		}).(pulumi.StringMapOutput),
	}
}

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
	prefix := environmentPrefix(connectionName)
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

// environmentPrefix is how a connection name starts the environment variables of the cache:
// upper case, hyphens as underscores ("session-cache" gives SESSION_CACHE_HOST).
func environmentPrefix(connectionName string) string {
	return strings.ToUpper(strings.ReplaceAll(connectionName, "-", "_"))
}

// Secret names in Key Vault, as Aspire names them.
func connectionStringSecretName(connectionName string) string {
	return "connectionstrings--" + connectionName
}

func primaryAccessKeySecretName(connectionName string) string {
	return "primaryaccesskey--" + connectionName
}
