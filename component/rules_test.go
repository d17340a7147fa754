package component

import (
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/azuremock"
	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
)

func boolPtr(b bool) *bool { return &b }
func intPtr(i int) *int    { return &i }

func geo() *GeoReplication {
	return &GeoReplication{GroupNickname: "group", LinkedDatabaseIds: pulumi.StringArray{str("/db/1")}}
}

// Each rule has at least one refused and one accepted configuration. A refused one must fail
// before anything is registered, naming the input and the rule.
func TestRules(t *testing.T) {
	tests := []struct {
		name      string
		args      ManagedRedisArgs
		wantInput string // "" means accepted
		wantRule  string
	}{
		{"required: no resource group", ManagedRedisArgs{}, "resourceGroupName", "required"},
		{"required: resource group given", ManagedRedisArgs{ResourceGroupName: str("rg")}, "", ""},
		{"required: empty resource group", ManagedRedisArgs{ResourceGroupName: str("")}, "resourceGroupName", "required"},
		{"required: empty existing resource group", ManagedRedisArgs{Existing: &ExistingCache{ClusterName: str("c"), ResourceGroupName: str("")}}, "existing.resourceGroupName", "required"},

		{"allowed: unknown sku", ManagedRedisArgs{Sku: "Balanced_B2"}, "sku", "allowed values"},
		{"allowed: known sku", ManagedRedisArgs{Sku: "ComputeOptimized_X700"}, "", ""},
		{"allowed: authentication", ManagedRedisArgs{Authentication: "Password"}, "authentication", "allowed values"},
		{"allowed: eviction", ManagedRedisArgs{Database: &DatabaseSettings{EvictionPolicy: "LRU"}}, "database.evictionPolicy", "allowed values"},
		{"allowed: eviction ok", ManagedRedisArgs{Database: &DatabaseSettings{EvictionPolicy: "AllKeysLRU"}}, "", ""},
		{"allowed: clustering", ManagedRedisArgs{Database: &DatabaseSettings{ClusteringPolicy: "Sharded"}}, "database.clusteringPolicy", "allowed values"},
		{"allowed: protocol", ManagedRedisArgs{Database: &DatabaseSettings{ClientProtocol: "TLS"}}, "database.clientProtocol", "allowed values"},
		{"allowed: module", ManagedRedisArgs{Database: &DatabaseSettings{Modules: []Module{{Name: "RedisGraph"}}}}, "database.modules[0].name", "allowed values"},
		{"allowed: zone 4", ManagedRedisArgs{Sku: "Enterprise_E10", Zones: []string{"1", "4"}}, "zones[1]", "allowed values"},
		{"allowed: principal type", ManagedRedisArgs{AccessPrincipals: []AccessPrincipal{{ObjectId: str(azuremock.PrincipalA), PrincipalType: "App"}}}, "accessPrincipals[0].principalType", "allowed values"},

		{"V1: underscore", ManagedRedisArgs{ClusterName: str("my_cache")}, "clusterName", "V1"},
		{"V1: double hyphen", ManagedRedisArgs{ClusterName: str("my--cache")}, "clusterName", "V1"},
		{"V1: 61 characters", ManagedRedisArgs{ClusterName: str(strings.Repeat("a", 61))}, "clusterName", "V1"},
		{"V1: valid", ManagedRedisArgs{ClusterName: str("my-cache-01")}, "", ""},
		{"V1: existing name", ManagedRedisArgs{Existing: &ExistingCache{ClusterName: str("-bad")}}, "existing.clusterName", "V1"},

		{"V3: B1 cannot geo-replicate", ManagedRedisArgs{Sku: "Balanced_B1", Database: &DatabaseSettings{GeoReplication: geo()}}, "database.geoReplication", "V3"},
		{"V3: flash cannot geo-replicate", ManagedRedisArgs{Sku: "FlashOptimized_A250", Database: &DatabaseSettings{GeoReplication: geo()}}, "database.geoReplication", "V3"},
		{"V3: geo needs HA", ManagedRedisArgs{Sku: "Balanced_B3", HighAvailability: boolPtr(false), Database: &DatabaseSettings{GeoReplication: geo()}}, "highAvailability", "V3"},
		{"V3: E1 cannot geo-replicate", ManagedRedisArgs{Sku: "Enterprise_E1", Database: &DatabaseSettings{GeoReplication: geo()}}, "database.geoReplication", "V3"},
		{"V3: Enterprise Flash geo needs NoEviction", ManagedRedisArgs{Sku: "EnterpriseFlash_F300", Database: &DatabaseSettings{GeoReplication: geo()}}, "database.evictionPolicy", "V3"},
		{"V3: Enterprise Flash geo with NoEviction", ManagedRedisArgs{Sku: "EnterpriseFlash_F300", Database: &DatabaseSettings{GeoReplication: geo(), EvictionPolicy: "NoEviction"}}, "", ""},
		{"V3: B3 geo-replicates", ManagedRedisArgs{Sku: "Balanced_B3", Database: &DatabaseSettings{GeoReplication: geo()}}, "", ""},

		{"V4: geo with RedisBloom", ManagedRedisArgs{Sku: "Balanced_B5", Database: &DatabaseSettings{GeoReplication: geo(), Modules: []Module{{Name: "RedisBloom"}}}}, "database.modules[0].name", "V4"},
		{"V4: geo with RedisJSON", ManagedRedisArgs{Sku: "Balanced_B5", Database: &DatabaseSettings{GeoReplication: geo(), Modules: []Module{{Name: "RedisJSON"}}}}, "", ""},

		{"V5: RediSearch with LRU", ManagedRedisArgs{Database: &DatabaseSettings{Modules: []Module{{Name: "RediSearch"}}, EvictionPolicy: "AllKeysLRU"}}, "database.evictionPolicy", "V5"},
		{"V5: RediSearch with OSSCluster", ManagedRedisArgs{Database: &DatabaseSettings{Modules: []Module{{Name: "RediSearch"}}, ClusteringPolicy: "OSSCluster"}}, "database.clusteringPolicy", "V5"},
		{"V5: RediSearch alone gets valid defaults", ManagedRedisArgs{Database: &DatabaseSettings{Modules: []Module{{Name: "RediSearch"}}}}, "", ""},

		{"V6: AOF and RDB", ManagedRedisArgs{Database: &DatabaseSettings{Persistence: &Persistence{AofFrequency: "1s", RdbFrequency: "1h"}}}, "database.persistence", "V6"},
		{"V6: empty persistence", ManagedRedisArgs{Database: &DatabaseSettings{Persistence: &Persistence{}}}, "database.persistence", "V6"},
		{"V6: AOF always", ManagedRedisArgs{Database: &DatabaseSettings{Persistence: &Persistence{AofFrequency: "always"}}}, "database.persistence.aofFrequency", "V6"},
		{"V6: RDB 2h", ManagedRedisArgs{Database: &DatabaseSettings{Persistence: &Persistence{RdbFrequency: "2h"}}}, "database.persistence.rdbFrequency", "V6"},
		{"V6: persistence with geo", ManagedRedisArgs{Sku: "Balanced_B5", Database: &DatabaseSettings{GeoReplication: geo(), Persistence: &Persistence{AofFrequency: "1s"}}}, "database.persistence", "V6"},
		{"V6: AOF 1s", ManagedRedisArgs{Database: &DatabaseSettings{Persistence: &Persistence{AofFrequency: "1s"}}}, "", ""},

		{"V7: nickname ends in hyphen", ManagedRedisArgs{Sku: "Balanced_B5", Database: &DatabaseSettings{GeoReplication: &GeoReplication{GroupNickname: "group-", LinkedDatabaseIds: pulumi.StringArray{str("/db/1")}}}}, "database.geoReplication.groupNickname", "V7"},
		{"V7: six databases", ManagedRedisArgs{Sku: "Balanced_B5", Database: &DatabaseSettings{GeoReplication: &GeoReplication{GroupNickname: "g",
			LinkedDatabaseIds: pulumi.StringArray{str("1"), str("2"), str("3"), str("4"), str("5"), str("6")}}}}, "database.geoReplication.linkedDatabaseIds", "V7"},
		{"V7: no databases", ManagedRedisArgs{Sku: "Balanced_B5", Database: &DatabaseSettings{GeoReplication: &GeoReplication{GroupNickname: "g"}}}, "database.geoReplication.linkedDatabaseIds", "V7"},
		{"V7: a database twice", ManagedRedisArgs{Sku: "Balanced_B5", Database: &DatabaseSettings{GeoReplication: &GeoReplication{GroupNickname: "g",
			LinkedDatabaseIds: pulumi.StringArray{str("/db/1"), str("/DB/1")}}}}, "database.geoReplication.linkedDatabaseIds[1]", "V7"},
		{"V7: one-letter nickname", ManagedRedisArgs{Sku: "Balanced_B5", Database: &DatabaseSettings{GeoReplication: &GeoReplication{GroupNickname: "g", LinkedDatabaseIds: pulumi.StringArray{str("/db/1")}}}}, "", ""},

		{"V9: zones on Balanced", ManagedRedisArgs{Zones: []string{"1"}}, "zones", "V9"},
		{"V9: zones on Enterprise", ManagedRedisArgs{Sku: "Enterprise_E10", Zones: []string{"1", "2"}}, "", ""},

		{"V10: capacity on Balanced", ManagedRedisArgs{Capacity: intPtr(2)}, "capacity", "V10"},
		{"V10: zero capacity", ManagedRedisArgs{Sku: "Enterprise_E10", Capacity: intPtr(0)}, "capacity", "V10"},
		{"V10: capacity on EnterpriseFlash", ManagedRedisArgs{Sku: "EnterpriseFlash_F300", Capacity: intPtr(3)}, "", ""},

		{"V11: HA on Enterprise", ManagedRedisArgs{Sku: "Enterprise_E5", HighAvailability: boolPtr(true)}, "highAvailability", "V11"},
		{"V11: HA off on Balanced", ManagedRedisArgs{Sku: "Balanced_B1", HighAvailability: boolPtr(false)}, "", ""},

		{"V12: NoCluster on M50", ManagedRedisArgs{Sku: "MemoryOptimized_M50", Database: &DatabaseSettings{ClusteringPolicy: "NoCluster"}}, "database.clusteringPolicy", "V12"},
		{"V12: NoCluster on flash", ManagedRedisArgs{Sku: "FlashOptimized_A250", Database: &DatabaseSettings{ClusteringPolicy: "NoCluster"}}, "database.clusteringPolicy", "V12"},
		{"V12: NoCluster on B20", ManagedRedisArgs{Sku: "Balanced_B20", Database: &DatabaseSettings{ClusteringPolicy: "NoCluster"}}, "", ""},

		{"V15: TLS 1.0", ManagedRedisArgs{MinimumTlsVersion: "1.0"}, "minimumTlsVersion", "V15"},
		{"V15: TLS 1.2", ManagedRedisArgs{MinimumTlsVersion: "1.2"}, "", ""},

		{"V16: lower-case value", ManagedRedisArgs{PublicNetworkAccess: "disabled"}, "publicNetworkAccess", "V16"},
		{"V16: Disabled", ManagedRedisArgs{PublicNetworkAccess: "Disabled"}, "", ""},

		{"V18: Entra over plaintext", ManagedRedisArgs{Database: &DatabaseSettings{ClientProtocol: "Plaintext"}}, "database.clientProtocol", "V18"},
		{"V18: keys over plaintext", ManagedRedisArgs{Authentication: AccessKey, Database: &DatabaseSettings{ClientProtocol: "Plaintext"}}, "", ""},

		{"connection name: dots", ManagedRedisArgs{ConnectionName: "my.cache"}, "connectionName", "connection name"},
		{"connection name: hyphens", ManagedRedisArgs{ConnectionName: "my-cache-2"}, "", ""},
		{"connection name: starts with a digit", ManagedRedisArgs{ConnectionName: "2cache"}, "connectionName", "connection name"},
		{"connection name: longer than secret names allow", ManagedRedisArgs{ConnectionName: strings.Repeat("c", 109)}, "connectionName", "connection name"},
		{"connection name: as long as secret names allow", ManagedRedisArgs{ConnectionName: strings.Repeat("c", 108)}, "", ""},

		{"modules: twice RedisJSON", ManagedRedisArgs{Database: &DatabaseSettings{Modules: []Module{{Name: "RedisJSON"}, {Name: "RedisJSON"}}}}, "database.modules[1].name", "modules"},

		{"V22: a group with Entra ID", ManagedRedisArgs{AccessPrincipals: []AccessPrincipal{{ObjectId: str(azuremock.PrincipalA), PrincipalType: PrincipalGroup}}}, "accessPrincipals[0].principalType", "V22"},
		{"V22: a group with access keys", ManagedRedisArgs{Authentication: AccessKey, AccessPrincipals: []AccessPrincipal{{ObjectId: str(azuremock.PrincipalA), PrincipalType: PrincipalGroup}}}, "", ""},

		{"key vault: with Entra ID", ManagedRedisArgs{KeyVaultId: str(azuremock.GivenVaultId)}, "keyVaultId", "key vault"},
		{"key vault: not a vault id", ManagedRedisArgs{Authentication: AccessKey, KeyVaultId: str("shared-kv")}, "keyVaultId", "key vault"},
		{"key vault: vault id", ManagedRedisArgs{Authentication: AccessKey, KeyVaultId: str(azuremock.GivenVaultId)}, "", ""},

		{"existing: sku set", ManagedRedisArgs{Existing: &ExistingCache{ClusterName: str("c")}, Sku: "Balanced_B1"}, "sku", "existing cache"},
		{"existing: acceptDataLoss", ManagedRedisArgs{Existing: &ExistingCache{ClusterName: str("c")}, AcceptDataLoss: true}, "acceptDataLoss", "existing cache"},

		{"data loss: protected", ManagedRedisArgs{ProtectData: true, AcceptDataLoss: true}, "acceptDataLoss", "data loss"},
		{"data loss: accepted", ManagedRedisArgs{AcceptDataLoss: true}, "", ""},
		{"existing: database set", ManagedRedisArgs{Existing: &ExistingCache{ClusterName: str("c")}, Database: &DatabaseSettings{}}, "database", "existing cache"},
		{"existing: no name", ManagedRedisArgs{Existing: &ExistingCache{}}, "existing.clusterName", "required"},
		{"existing: tags and principals", ManagedRedisArgs{Existing: &ExistingCache{ClusterName: str("c")}, Tags: pulumi.StringMap{"a": str("b")},
			AccessPrincipals: []AccessPrincipal{{ObjectId: str(azuremock.PrincipalA)}}}, "", ""},

		{"principals: client name instead of object id", ManagedRedisArgs{AccessPrincipals: []AccessPrincipal{{ObjectId: str("my-app")}}}, "accessPrincipals[0].objectId", "principals"},
		{"principals: missing object id", ManagedRedisArgs{AccessPrincipals: []AccessPrincipal{{}}}, "accessPrincipals[0].objectId", "required"},
		{"principals: twice the same", ManagedRedisArgs{AccessPrincipals: []AccessPrincipal{{ObjectId: str(azuremock.PrincipalA)}, {ObjectId: str(azuremock.PrincipalA)}}}, "accessPrincipals[1].objectId", "principals"},
		{"principals: the same in other letter case", ManagedRedisArgs{AccessPrincipals: []AccessPrincipal{{Name: "a", ObjectId: str(azuremock.PrincipalA)},
			{Name: "b", ObjectId: str(strings.ToUpper(azuremock.PrincipalA))}}}, "accessPrincipals[1].objectId", "principals"},
		{"principals: an Output without a name", ManagedRedisArgs{AccessPrincipals: []AccessPrincipal{{ObjectId: output(azuremock.PrincipalA)}}}, "accessPrincipals[0].name", "principals"},
		{"principals: an Output with a name", ManagedRedisArgs{AccessPrincipals: []AccessPrincipal{{Name: "api", ObjectId: output(azuremock.PrincipalA)}}}, "", ""},
		{"principals: a name twice", ManagedRedisArgs{AccessPrincipals: []AccessPrincipal{{Name: "api", ObjectId: output(azuremock.PrincipalA)},
			{Name: "API", ObjectId: output(azuremock.PrincipalB)}}}, "accessPrincipals[1].name", "principals"},
		{"principals: a name with a space", ManagedRedisArgs{AccessPrincipals: []AccessPrincipal{{Name: "my api", ObjectId: output(azuremock.PrincipalA)}}}, "accessPrincipals[0].name", "principals"},
		{"principals: an alias with a space", ManagedRedisArgs{AccessPrincipals: []AccessPrincipal{{Name: "api", ObjectId: output(azuremock.PrincipalA),
			Aliases: []string{"my api"}}}}, "accessPrincipals[0].aliases[0]", "principals"},
		{"principals: an alias that is another's name", ManagedRedisArgs{AccessPrincipals: []AccessPrincipal{{Name: "api", ObjectId: output(azuremock.PrincipalA)},
			{Name: "web", ObjectId: output(azuremock.PrincipalB), Aliases: []string{"API"}}}}, "accessPrincipals[1].aliases[0]", "principals"},
		{"principals: an alias that is another's alias", ManagedRedisArgs{AccessPrincipals: []AccessPrincipal{
			{Name: "api", ObjectId: output(azuremock.PrincipalA), Aliases: []string{"old"}},
			{Name: "web", ObjectId: output(azuremock.PrincipalB), Aliases: []string{"old"}}}}, "accessPrincipals[1].aliases[0]", "principals"},
		{"principals: a name that is another's alias", ManagedRedisArgs{AccessPrincipals: []AccessPrincipal{
			{Name: "api", ObjectId: output(azuremock.PrincipalA), Aliases: []string{"web"}},
			{Name: "web", ObjectId: output(azuremock.PrincipalB)}}}, "accessPrincipals[1].name", "principals"},
		{"principals: the object id as the alias of a first name", ManagedRedisArgs{AccessPrincipals: []AccessPrincipal{
			{Name: "api", ObjectId: str(azuremock.PrincipalA), Aliases: []string{azuremock.PrincipalA}}}}, "", ""},
		{"principals: an alias in other letter case, its own name", ManagedRedisArgs{AccessPrincipals: []AccessPrincipal{
			{Name: "api", ObjectId: output(azuremock.PrincipalA), Aliases: []string{"API", "api"}}}}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := tt.args
			if args.ResourceGroupName == nil && tt.wantInput != "resourceGroupName" {
				args.ResourceGroupName = str("rg")
			}
			name := "cache"
			fake := azuremock.New(fakearm.ExistingCache("rg", "c", "eastus", "Enabled")...)
			err := azuremock.Run(fake, func(ctx *pulumi.Context) error {
				_, err := NewManagedRedis(ctx, name, &args)
				return err
			})
			if tt.wantInput == "" {
				if err != nil {
					t.Fatalf("refused a valid configuration: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("accepted; want input %q refused by rule %s", tt.wantInput, tt.wantRule)
			}
			if !hasInputError(err, tt.wantInput, tt.wantRule) {
				t.Fatalf("error %q does not refuse input %q by rule %s", err, tt.wantInput, tt.wantRule)
			}
			if !strings.Contains(err.Error(), `"`+tt.wantInput+`"`) || !strings.Contains(err.Error(), "rule "+tt.wantRule) {
				t.Errorf("message %q does not name the input and the rule", err)
			}
			if n := len(fake.Resources()) + len(fake.Calls()); n != 0 {
				t.Errorf("%d resources or calls before the input was refused", n)
			}
		})
	}
}

// A component name that is no valid connection name (an underscore, a dot, a digit first) gets
// a default cleaned the way the default cluster name is, in the secrets, the environment and
// the connectionName output alike; an explicitly given invalid connectionName stays refused.
func TestDefaultConnectionNameIsCleanedLikeTheClusterName(t *testing.T) {
	var redis *ManagedRedis
	fake := azuremock.New()
	err := azuremock.Run(fake, func(ctx *pulumi.Context) error {
		var err error
		redis, err = NewManagedRedis(ctx, "session_cache", &ManagedRedisArgs{ResourceGroupName: str("rg"), Authentication: AccessKey})
		return err
	})
	if err != nil {
		t.Fatalf("refused the component name session_cache: %v", err)
	}
	azuremock.ExpectOutput(t, redis.ConnectionName, "session-cache", false)
	if cluster, _ := azuremock.Value[string](t, redis.ClusterName); !strings.HasPrefix(cluster, "session-cache-") {
		t.Errorf("cluster name %q, want session-cache-<hash>", cluster)
	}
	var names []string
	for _, secret := range fake.Registered(secretToken) {
		names = append(names, azuremock.Input(secret, "secretName").(string))
	}
	slices.Sort(names)
	if !slices.Equal(names, []string{"connectionstrings--session-cache", "primaryaccesskey--session-cache"}) {
		t.Errorf("secrets %v", names)
	}
	env, _ := azuremock.Value[map[string]string](t, redis.Environment)
	if _, ok := env["ConnectionStrings__session-cache"]; !ok || env["SESSION_CACHE_HOST"] == "" {
		t.Errorf("environment %v, want ConnectionStrings__session-cache and SESSION_CACHE_HOST", env)
	}

	err = azuremock.Run(azuremock.New(), func(ctx *pulumi.Context) error {
		_, err := NewManagedRedis(ctx, "session_cache", &ManagedRedisArgs{ResourceGroupName: str("rg"), ConnectionName: "session_cache"})
		return err
	})
	if !hasInputError(err, "connectionName", "connection name") {
		t.Errorf("an explicit connectionName session_cache: got %v, want it refused", err)
	}
	if err := azuremock.Run(azuremock.New(), func(ctx *pulumi.Context) error {
		_, err := NewManagedRedis(ctx, "session_cache", &ManagedRedisArgs{ResourceGroupName: str("rg"), ConnectionName: "my-cache"})
		return err
	}); err != nil {
		t.Fatalf("a valid connection name given: %v", err)
	}
}

func TestAllProblemsAreReportedAtOnce(t *testing.T) {
	err := azuremock.Run(azuremock.New(), func(ctx *pulumi.Context) error {
		_, err := NewManagedRedis(ctx, "cache", &ManagedRedisArgs{
			ResourceGroupName: str("rg"), Sku: "Balanced_B0", Zones: []string{"1"}, MinimumTlsVersion: "1.1",
		})
		return err
	})
	if len(InputErrors(err)) != 2 || !hasInputError(err, "zones", "V9") || !hasInputError(err, "minimumTlsVersion", "V15") {
		t.Fatalf("want V9 and V15 together, got %v", err)
	}
}

// Inputs given as Outputs are checked as soon as they are known, with the same message.
func TestOutputInputsAreCheckedWhenKnown(t *testing.T) {
	tests := []struct {
		name      string
		args      func() *ManagedRedisArgs
		wantInput string
		wantRule  string
	}{
		{"cluster name", func() *ManagedRedisArgs {
			return &ManagedRedisArgs{ResourceGroupName: str("rg"), ClusterName: str("bad_name").ToStringOutput()}
		}, "clusterName", "V1"},
		{"principal object id", func() *ManagedRedisArgs {
			return &ManagedRedisArgs{ResourceGroupName: str("rg"), AccessPrincipals: []AccessPrincipal{{Name: "app", ObjectId: output("app")}}}
		}, "accessPrincipals[0].objectId", "principals"},
		{"principal object ids that resolve equal", func() *ManagedRedisArgs {
			return &ManagedRedisArgs{ResourceGroupName: str("rg"), AccessPrincipals: []AccessPrincipal{
				{Name: "api", ObjectId: output(azuremock.PrincipalA)}, {Name: "worker", ObjectId: output(strings.ToUpper(azuremock.PrincipalA))},
			}}
		}, "accessPrincipals[1].objectId", "principals"},
		{"resource group", func() *ManagedRedisArgs { return &ManagedRedisArgs{ResourceGroupName: output("")} }, "resourceGroupName", "required"},
		{"existing resource group", func() *ManagedRedisArgs {
			return &ManagedRedisArgs{ResourceGroupName: str("rg"), Existing: &ExistingCache{ClusterName: str("c"), ResourceGroupName: output(" ")}}
		}, "existing.resourceGroupName", "required"},
		{"duplicate linked databases", func() *ManagedRedisArgs {
			return &ManagedRedisArgs{ResourceGroupName: str("rg"), Sku: "Balanced_B5", Database: &DatabaseSettings{GeoReplication: &GeoReplication{
				GroupNickname: "g", LinkedDatabaseIds: pulumi.ToStringArray([]string{"/db/A", "/db/a"}).ToStringArrayOutput(),
			}}}
		}, "database.geoReplication.linkedDatabaseIds[1]", "V7"},
		{"key vault id", func() *ManagedRedisArgs {
			return &ManagedRedisArgs{ResourceGroupName: str("rg"), Authentication: AccessKey, KeyVaultId: str("kv").ToStringOutput()}
		}, "keyVaultId", "key vault"},
		{"linked databases", func() *ManagedRedisArgs {
			return &ManagedRedisArgs{ResourceGroupName: str("rg"), Sku: "Balanced_B5", Database: &DatabaseSettings{GeoReplication: &GeoReplication{
				GroupNickname: "g", LinkedDatabaseIds: pulumi.ToStringArray([]string{"1", "2", "3", "4", "5", "6"}).ToStringArrayOutput(),
			}}}
		}, "database.geoReplication.linkedDatabaseIds", "V7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := azuremock.Run(azuremock.New(), func(ctx *pulumi.Context) error {
				_, err := NewManagedRedis(ctx, "cache", tt.args())
				return err
			})
			if err == nil || !strings.Contains(err.Error(), `"`+tt.wantInput+`"`) || !strings.Contains(err.Error(), "rule "+tt.wantRule) {
				t.Fatalf("want input %q refused by rule %s, got %v", tt.wantInput, tt.wantRule, err)
			}
		})
	}
}
