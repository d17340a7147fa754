package component

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure/redis"
	"github.com/managedredis/pulumi-azure-managed-redis/azure/redisenterprise"
	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/azuremock"
	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
)

// Microsoft's mapping table, every row, and clustered Premium caches by total memory within the
// Balanced family.
func TestMappedSku(t *testing.T) {
	tests := []struct {
		family   string
		capacity int
		shards   int
		want     string
		needGB   float64
		problem  string
	}{
		{"C", 0, 0, "Balanced_B0", 0.5, ""}, {"C", 1, 0, "Balanced_B1", 1, ""}, {"C", 2, 0, "Balanced_B3", 3, ""},
		{"C", 3, 0, "Balanced_B5", 6, ""}, {"C", 4, 0, "MemoryOptimized_M10", 12, ""}, {"C", 5, 0, "MemoryOptimized_M20", 24, ""},
		{"C", 6, 0, "MemoryOptimized_M50", 60, ""},
		{"P", 1, 0, "Balanced_B5", 6, ""}, {"P", 2, 0, "Balanced_B10", 12, ""}, {"P", 3, 0, "Balanced_B20", 24, ""},
		{"P", 4, 0, "Balanced_B50", 60, ""}, {"P", 5, 0, "Balanced_B100", 120, ""},
		// 3 x 13 GB = 39 GB: the smallest Balanced SKU that holds it is B50 (60 GB).
		{"P", 2, 3, "Balanced_B50", 60, ""},
		// 2 x 6 GB = 12 GB, less the table's 8%: B10.
		{"P", 1, 2, "Balanced_B10", 12, ""},
		// 10 x 120 GB = 1200 GB: more than Balanced_B1000 (960 GB).
		{"P", 5, 10, "", 1104, "1200 GB (10 shards of P5), more than Balanced_B1000"},
		{"C", 7, 0, "", 0, "not in Microsoft's mapping table"}, {"P", 0, 0, "", 0, "not in Microsoft's mapping table"},
	}
	for _, tt := range tests {
		got, need, problem := mappedSku(sourceSize{tt.family, tt.capacity, tt.shards})
		if got != tt.want || need != tt.needGB || (tt.problem == "") != (problem == "") || !strings.Contains(problem, tt.problem) {
			t.Errorf("mappedSku(%s%d x%d) = %q, %g, %q; want %q, %g, %q", tt.family, tt.capacity, tt.shards, got, need, problem,
				tt.want, tt.needGB, tt.problem)
		}
	}
}

// A given SKU takes the source's place when it holds at least the memory the table's choice
// holds, in any family; a smaller one, and a legacy one, are refused naming both sizes.
func TestGivenSku(t *testing.T) {
	tests := []struct {
		given, mapped string
		needGB        float64
		problem       string
	}{
		{"Balanced_B10", "Balanced_B10", 12, ""},
		{"MemoryOptimized_M10", "Balanced_B10", 12, ""},
		{"ComputeOptimized_X20", "Balanced_B10", 12, ""},
		{"FlashOptimized_A250", "Balanced_B100", 120, ""},
		{"FlashOptimized_A1500", "", 1104, ""},
		{"Balanced_B5", "Balanced_B10", 12, "sku Balanced_B5 (6 GB) is smaller than Balanced_B10 (12 GB)"},
		{"MemoryOptimized_M1000", "", 1104, "sku MemoryOptimized_M1000 (960 GB) is smaller than the 1104 GB the source needs"},
		{"Enterprise_E10", "Balanced_B10", 12, "legacy Enterprise SKU"},
		{"Balanced_B7", "Balanced_B10", 12, ""}, // not a SKU: the allowed values refuse it
	}
	for _, tt := range tests {
		if got := givenSkuProblem(tt.given, tt.mapped, tt.needGB); (tt.problem == "") != (got == "") || !strings.Contains(got, tt.problem) {
			t.Errorf("givenSkuProblem(%s, %s, %g) = %q, want %q", tt.given, tt.mapped, tt.needGB, got, tt.problem)
		}
	}
}

var classicId = fakearm.ClassicCacheId("rg-classic", "old")

// classic is a fake holding one classic cache "old".
func classic(skuName, family string, capacity, shards int, extra map[string]any) *azuremock.Fake {
	return azuremock.New(fakearm.ClassicCache("rg-classic", "old", "eastus", skuName, family, capacity, shards, extra))
}

func migrateArgs(authentication string, change func(a *ManagedRedisArgs)) *ManagedRedisArgs {
	a := &ManagedRedisArgs{ResourceGroupName: str("rg"), Authentication: authentication,
		MigrateFrom: &MigrationSource{CacheId: str(classicId)}}
	if change != nil {
		change(a)
	}
	return a
}

// The new cache derived from its source: what reaches the cluster and the database, and the
// migration output.
func TestMigrationDerivesTheNewCache(t *testing.T) {
	tests := []struct {
		name   string
		fake   *azuremock.Fake
		args   *ManagedRedisArgs
		inputs map[string]any // cluster "sku.name", ... and database "database.<input>"
		status MigrationStatus
	}{
		{"Standard C1", classic("Standard", "C", 1, 0, nil), migrateArgs(AccessKey, nil),
			map[string]any{"sku.name": "Balanced_B1", "location": "eastus", "highAvailability": "Enabled", "publicNetworkAccess": "Enabled",
				"tags": map[string]any{"source": "old"}, "database.clusteringPolicy": "EnterpriseCluster",
				"database.evictionPolicy": "VolatileLRU", "database.accessKeysAuthentication": "Enabled"},
			MigrationStatus{SourceHostName: "old.redis.cache.windows.net", SourceSku: "Standard C1", Sku: "Balanced_B1", State: "NotStarted", NotCarried: []string{}}},
		{"Premium P2 x3, clustered", classic("Premium", "P", 2, 3, map[string]any{
			"redisConfiguration": map[string]any{"maxmemoryPolicy": "AllKeys-LRU", "rdbBackupEnabled": "true"}, "zones": []any{"1", "2"}}),
			migrateArgs(AccessKey, nil),
			map[string]any{"sku.name": "Balanced_B50", "database.clusteringPolicy": "OSSCluster", "database.evictionPolicy": "AllKeysLRU"},
			MigrationStatus{SourceHostName: "old.redis.cache.windows.net", SourceSku: "Premium P2 x3", Sku: "Balanced_B50", State: "NotStarted",
				NotCarried: []string{"persistence", "zones"}}},
		{"Basic C0: high availability off", classic("Basic", "C", 0, 0, map[string]any{"enableNonSslPort": true}), migrateArgs(AccessKey, nil),
			map[string]any{"sku.name": "Balanced_B0", "highAvailability": "Disabled"},
			MigrationStatus{SourceHostName: "old.redis.cache.windows.net", SourceSku: "Basic C0", Sku: "Balanced_B0", State: "NotStarted",
				NotCarried: []string{"the non-TLS port"}}},
		{"keys disabled: Entra ID", classic("Standard", "C", 3, 0, map[string]any{"disableAccessKeyAuthentication": true, "publicNetworkAccess": "Disabled"}),
			migrateArgs(EntraID, nil),
			map[string]any{"sku.name": "Balanced_B5", "publicNetworkAccess": "Disabled", "database.accessKeysAuthentication": "Disabled"},
			MigrationStatus{SourceHostName: "old.redis.cache.windows.net", SourceSku: "Standard C3", Sku: "Balanced_B5", State: "NotStarted", NotCarried: []string{}}},
		{"a policy Azure Managed Redis does not have, and an empty location", classic("Standard", "C", 2, 0, map[string]any{
			"redisConfiguration": map[string]any{"maxmemoryPolicy": "volatile-lrm"}}), migrateArgs(AccessKey, func(a *ManagedRedisArgs) { a.Location = output("") }),
			map[string]any{"sku.name": "Balanced_B3", "location": "eastus", "database.evictionPolicy": "VolatileLRU"},
			MigrationStatus{SourceHostName: "old.redis.cache.windows.net", SourceSku: "Standard C2", Sku: "Balanced_B3", State: "NotStarted",
				NotCarried: []string{"maxmemory-policy volatile-lrm"}}},
		{"what the user gives wins", classic("Standard", "C", 1, 0, nil), migrateArgs(AccessKey, func(a *ManagedRedisArgs) {
			a.Sku, a.Location, a.HighAvailability = "Balanced_B3", str("northeurope"), boolPtr(false)
			a.Tags = pulumi.StringMap{"source": str("mine"), "team": str("a")}
			a.Database = &DatabaseSettings{EvictionPolicy: "NoEviction", ClusteringPolicy: "OSSCluster"}
		}), map[string]any{"sku.name": "Balanced_B3", "location": "northeurope", "highAvailability": "Disabled",
			"tags": map[string]any{"source": "mine", "team": "a"}, "database.clusteringPolicy": "OSSCluster", "database.evictionPolicy": "NoEviction"},
			MigrationStatus{SourceHostName: "old.redis.cache.windows.net", SourceSku: "Standard C1", Sku: "Balanced_B3", State: "NotStarted", NotCarried: []string{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			redis := newCache(t, tt.fake, tt.args)
			for path, want := range tt.inputs {
				token, at := clusterToken, path
				if rest, ok := strings.CutPrefix(path, "database."); ok {
					token, at = databaseToken, rest
				}
				registered := tt.fake.Registered(token)
				if len(registered) != 1 || !azuremock.EqualJSON(azuremock.Input(registered[0], at), want) {
					t.Errorf("%s: %v, want %v", path, registered, want)
				}
			}
			if got := awaitStatus(t, redis.Migration); !equalStatus(got, tt.status) {
				t.Errorf("migration = %+v, want %+v", got, tt.status)
			}
		})
	}
}

// Without migrateFrom the migration output is empty, not absent.
func TestNoMigrationIsEmpty(t *testing.T) {
	redis := newCache(t, azuremock.New(), &ManagedRedisArgs{ResourceGroupName: str("rg")})
	if got := awaitStatus(t, redis.Migration); !equalStatus(got, MigrationStatus{NotCarried: []string{}}) {
		t.Errorf("migration = %+v, want empty", got)
	}
}

// Each refusal names its input and rule, and nothing is written: no cluster, database, vault or
// secret (the reads of the source and of the cache are no writes).
func TestMigrationRefusals(t *testing.T) {
	tests := []struct {
		name          string
		fake          *azuremock.Fake
		args          *ManagedRedisArgs
		input, rule   string
		wantInProblem string
	}{
		{"switchDns from a source in a virtual network", classic("Standard", "C", 1, 0, map[string]any{"subnetId": "/subscriptions/s/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/v/subnets/x"}),
			migrateArgs(AccessKey, func(a *ManagedRedisArgs) { a.MigrateFrom.SwitchDns = true }), "migrateFrom.switchDns", "migration", "injected into a virtual network"},
		{"switchDns from a geo-replicated source", classic("Premium", "P", 1, 0, map[string]any{"linkedServers": []any{map[string]any{"id": "x"}}}),
			migrateArgs(AccessKey, func(a *ManagedRedisArgs) { a.MigrateFrom.SwitchDns = true }), "migrateFrom.switchDns", "migration", "geo-replicated"},
		{"switchDns from a source with private endpoints", classic("Premium", "P", 1, 0, map[string]any{"privateEndpointConnections": []any{map[string]any{"id": "x"}}}),
			migrateArgs(AccessKey, func(a *ManagedRedisArgs) { a.MigrateFrom.SwitchDns = true }), "migrateFrom.switchDns", "migration", "private endpoints"},
		{"switchDns to another region", classic("Standard", "C", 1, 0, nil),
			migrateArgs(AccessKey, func(a *ManagedRedisArgs) { a.MigrateFrom.SwitchDns, a.Location = true, str("westus") }), "migrateFrom.switchDns", "migration", "in one region"},
		{"a source larger than the Balanced family", classic("Premium", "P", 5, 10, nil), migrateArgs(AccessKey, nil),
			"sku", "migration", "1200 GB"},
		{"a legacy SKU", classic("Standard", "C", 1, 0, nil), migrateArgs(AccessKey, func(a *ManagedRedisArgs) { a.Sku = "Enterprise_E10" }),
			"sku", "migration", "legacy Enterprise SKU"},
		{"zones", classic("Standard", "C", 1, 0, nil), migrateArgs(AccessKey, func(a *ManagedRedisArgs) { a.Zones = []string{"1"} }),
			"zones", "migration", "leave them out"},
		{"no authentication, and a source id not known yet", classic("Standard", "C", 1, 0, nil), migrateArgs("", func(a *ManagedRedisArgs) {
			a.MigrateFrom.CacheId = pulumi.UnsafeUnknownOutput(nil).ApplyT(func(any) string { return "" }).(pulumi.StringOutput)
		}), "authentication", "migration", "migrateFrom.cacheId is not known yet"},
		{"no authentication, a vault, and a source with keys disabled", classic("Standard", "C", 1, 0, map[string]any{"disableAccessKeyAuthentication": true}),
			migrateArgs("", func(a *ManagedRedisArgs) { a.KeyVaultId = str(azuremock.GivenVaultId) }), "keyVaultId", "key vault", "only to authentication AccessKey"},
		{"no authentication, a source in another subscription", classic("Standard", "C", 1, 0, nil), migrateArgs("", func(a *ManagedRedisArgs) {
			a.MigrateFrom.CacheId = str("/subscriptions/other/resourceGroups/rg-classic/providers/Microsoft.Cache/Redis/old")
		}), "migrateFrom.cacheId", "migration", "same subscription"},
		{"no authentication, a source that does not exist", azuremock.New(), migrateArgs("", nil), "migrateFrom.cacheId", "migration", "was not found"},
		{"with existing", classic("Standard", "C", 1, 0, nil), migrateArgs(AccessKey, func(a *ManagedRedisArgs) {
			a.Existing = &ExistingCache{ClusterName: str("legacy")}
		}), "migrateFrom", "existing cache", "existing"},
		{"not a cache id", classic("Standard", "C", 1, 0, nil), migrateArgs(AccessKey, func(a *ManagedRedisArgs) {
			a.MigrateFrom.CacheId = str("/subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/x")
		}), "migrateFrom.cacheId", "migration", "not the ARM id of an Azure Cache for Redis cache"},
		{"an Enterprise cache", classic("Standard", "C", 1, 0, nil), migrateArgs(AccessKey, func(a *ManagedRedisArgs) {
			a.MigrateFrom.CacheId = str("/subscriptions/s/resourceGroups/g/providers/Microsoft.Cache/redisEnterprise/e")
		}), "migrateFrom.cacheId", "migration", "Enterprise migration tooling"},
		{"an Output id, not a cache id", classic("Standard", "C", 1, 0, nil), migrateArgs(AccessKey, func(a *ManagedRedisArgs) {
			a.MigrateFrom.CacheId = output("/subscriptions/s/resourceGroups/g/providers/Microsoft.Cache/redisEnterprise/e")
		}), "migrateFrom.cacheId", "migration", "Enterprise migration tooling"},
		{"a SKU smaller than the table's", classic("Premium", "P", 2, 0, nil), migrateArgs(AccessKey, func(a *ManagedRedisArgs) { a.Sku = "Balanced_B5" }),
			"sku", "migration", "smaller than Balanced_B10"},
		{"a SKU smaller than the clustered source's memory", classic("Premium", "P", 2, 3, nil), migrateArgs(AccessKey, func(a *ManagedRedisArgs) { a.Sku = "Balanced_B20" }),
			"sku", "migration", "smaller than Balanced_B50"},
		{"Entra ID only while the source's clients use keys", classic("Standard", "C", 1, 0, nil), migrateArgs(EntraID, nil),
			"authentication", "migration", "stop working"},
		{"a source in another subscription", classic("Standard", "C", 1, 0, nil), migrateArgs(AccessKey, func(a *ManagedRedisArgs) {
			a.MigrateFrom.CacheId = str("/subscriptions/other/resourceGroups/rg-classic/providers/Microsoft.Cache/Redis/old")
		}), "migrateFrom.cacheId", "migration", "same subscription"},
		{"a source that does not exist", azuremock.New(), migrateArgs(AccessKey, nil), "migrateFrom.cacheId", "migration", "was not found"},
		{"geo-replication on the SKU a Standard C1 source decides", classic("Standard", "C", 1, 0, nil), migrateArgs(AccessKey, func(a *ManagedRedisArgs) {
			a.Database = &DatabaseSettings{GeoReplication: geo()}
		}), "database.geoReplication", "V3", "derived from the source: sku Balanced_B1"},
		{"geo-replication without the high availability a Basic source turns off", classic("Basic", "C", 3, 0, nil), migrateArgs(AccessKey, func(a *ManagedRedisArgs) {
			a.Database = &DatabaseSettings{GeoReplication: geo()}
		}), "highAvailability", "V3", "highAvailability false"},
		{"NoCluster on the SKU a clustered Premium source decides", classic("Premium", "P", 2, 3, nil), migrateArgs(AccessKey, func(a *ManagedRedisArgs) {
			a.Database = &DatabaseSettings{ClusteringPolicy: "NoCluster"}
		}), "database.clusteringPolicy", "V12", "derived from the source: sku Balanced_B50"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := runCache(tt.fake, tt.args)
			if !hasInputError(err, tt.input, tt.rule) || !strings.Contains(err.Error(), tt.wantInProblem) {
				t.Fatalf("%v, want an InputError of %s, rule %s, saying %q", err, tt.input, tt.rule, tt.wantInProblem)
			}
			for _, token := range []string{clusterToken, databaseToken, vaultToken, secretToken, roleToken} {
				if n := len(tt.fake.Registered(token)); n != 0 {
					t.Errorf("%d %s registered", n, token)
				}
			}
		})
	}
}

// Day 2: once the cache exists, a source that changed or was deleted changes nothing: the
// cluster's and database's inputs stay as the first deployment wrote them, and up succeeds.
func TestMigrationOnceTheCacheExists(t *testing.T) {
	changed := fakearm.ClassicCache("rg-classic", "old", "westus", "Premium", "P", 4, 0,
		map[string]any{"tags": map[string]any{"source": "changed"}, "redisConfiguration": map[string]any{"maxmemoryPolicy": "noeviction"}})
	for name, change := range map[string]func(f *azuremock.Fake){
		"changed": func(f *azuremock.Fake) { f.Seed(changed) },
		"deleted": func(f *azuremock.Fake) { f.Delete(classicId) },
	} {
		t.Run(name, func(t *testing.T) {
			fake := classic("Standard", "C", 1, 0, nil)
			newCache(t, fake, migrateArgs(AccessKey, nil))
			last := func(token string) pulumi.MockResourceArgs { r := fake.Registered(token); return r[len(r)-1] }
			created := map[string]pulumi.MockResourceArgs{clusterToken: last(clusterToken), databaseToken: last(databaseToken)}
			change(fake)
			redis := newCache(t, fake, migrateArgs(AccessKey, nil))
			for token, first := range created {
				for _, at := range []string{"sku.name", "location", "highAvailability", "publicNetworkAccess", "tags", "clusteringPolicy", "evictionPolicy"} {
					if got, want := azuremock.Input(last(token), at), azuremock.Input(first, at); !azuremock.EqualJSON(got, want) {
						t.Errorf("%s %s = %v, want %v as created", token, at, got, want)
					}
				}
			}
			if got := awaitStatus(t, redis.Migration); got.Sku != "Balanced_B1" || got.State != MigrationNotStarted {
				t.Errorf("migration = %+v", got)
			}
		})
	}
}

// Without authentication, the source decides it before anything is registered: AccessKey when
// its clients may use keys (a vault and the two secrets), EntraId when keys are disabled; once
// the cache exists its database decides, whatever the source becomes.
func TestMigrationDerivesTheAuthentication(t *testing.T) {
	keysDisabled := map[string]any{"disableAccessKeyAuthentication": true}
	tests := []struct {
		name       string
		source     map[string]any // the classic cache's extra properties when first deployed
		then       func(f *azuremock.Fake)
		want, keys string // the authentication output, the database's accessKeysAuthentication
		vaults     int
	}{
		{"keys allowed: AccessKey", nil, nil, AccessKey, "Enabled", 1},
		{"keys disabled: EntraId", keysDisabled, nil, EntraID, "Disabled", 0},
		{"AccessKey stays once the source is deleted", nil, func(f *azuremock.Fake) { f.Delete(classicId) }, AccessKey, "Enabled", 1},
		{"EntraId stays once the source allows keys", keysDisabled,
			func(f *azuremock.Fake) {
				f.Seed(fakearm.ClassicCache("rg-classic", "old", "eastus", "Standard", "C", 1, 0, nil))
			}, EntraID, "Disabled", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := classic("Standard", "C", 1, 0, tt.source)
			redis := newCache(t, fake, migrateArgs("", nil))
			if tt.then != nil {
				tt.then(fake)
				redis = newCache(t, fake, migrateArgs("", nil))
			}
			azuremock.ExpectOutput(t, redis.Authentication, tt.want, false)
			databases := fake.Registered(databaseToken)
			if got := azuremock.Input(databases[len(databases)-1], "accessKeysAuthentication"); got != tt.keys {
				t.Errorf("accessKeysAuthentication = %v, want %s", got, tt.keys)
			}
			runs := 1
			if tt.then != nil {
				runs = 2
			}
			if got := len(fake.Registered(vaultToken)); got != tt.vaults*runs {
				t.Errorf("%d vaults registered over %d runs, want %d a run", got, runs, tt.vaults)
			}
		})
	}
}

// What only one authentication refuses waits for the source: a given vault is refused with
// EntraId (TestMigrationRefusals) and used with AccessKey.
func TestMigrationWithAGivenVaultUsesItWhenTheSourceAllowsKeys(t *testing.T) {
	fake := classic("Standard", "C", 1, 0, nil)
	redis := newCache(t, fake, migrateArgs("", func(a *ManagedRedisArgs) { a.KeyVaultId = str(azuremock.GivenVaultId) }))
	azuremock.ExpectOutput(t, redis.Authentication, AccessKey, false)
	azuremock.ExpectOutput(t, redis.KeyVaultId, azuremock.GivenVaultId, false)
	if n := len(fake.Registered(vaultToken)); n != 0 {
		t.Errorf("%d vaults created beside the given one", n)
	}
}

// Every refusal at once: what holds whatever the source says, and what the source decides,
// in one error, with nothing written.
func TestMigrationRefusesEverythingAtOnce(t *testing.T) {
	fake := classic("Standard", "C", 1, 0, nil)
	err := runCache(fake, migrateArgs(EntraID, func(a *ManagedRedisArgs) {
		a.Sku, a.ConnectionName = "Balanced_B7", "no_underscores"
	}))
	for _, want := range [][2]string{{"sku", "allowed values"}, {"connectionName", "connection name"}, {"authentication", "migration"}} {
		if !hasInputError(err, want[0], want[1]) {
			t.Errorf("%v: want %s refused (rule %s) too", err, want[0], want[1])
		}
	}
	if n := len(fake.Registered(clusterToken)); n != 0 {
		t.Errorf("%d clusters registered", n)
	}
}

// A literal source id that is not one is refused before anything is read.
func TestMigrationRefusesAnInvalidIdBeforeReading(t *testing.T) {
	fake := classic("Standard", "C", 1, 0, nil)
	err := runCache(fake, migrateArgs("", func(a *ManagedRedisArgs) { a.MigrateFrom.CacheId = str("/subscriptions/s/x") }))
	if !hasInputError(err, "migrateFrom.cacheId", "migration") {
		t.Fatalf("%v, want the id refused", err)
	}
	if calls := fake.Calls(); len(calls) != 0 {
		t.Errorf("%d reads before the refusal, first %s", len(calls), calls[0].Token)
	}
}

// A resource group created by the same program is unknown at preview: the source is read all
// the same and what it decides is refused (the cache, which cannot exist yet, is not read). The
// engine tests run such a program's preview and up.
func TestMigrationReadsTheSourceWhateverElseIsUnknown(t *testing.T) {
	unknown := func() pulumi.StringOutput {
		return pulumi.UnsafeUnknownOutput(nil).ApplyT(func(any) string { return "" }).(pulumi.StringOutput)
	}
	fake := classic("Standard", "C", 1, 0, nil)
	err := runCache(fake, migrateArgs(EntraID, func(a *ManagedRedisArgs) { a.ResourceGroupName = unknown() }))
	if !hasInputError(err, "authentication", "migration") {
		t.Errorf("%v, want Entra ID over a source with keys refused", err)
	}
	if fake.Called(fakearm.GetRedisEnterprise) {
		t.Errorf("the cache was read by a name not known yet")
	}
}

// Not found is ARM's 404 and nothing else: a throttled read of the cache, whose text holds "404"
// in a correlation id, fails the run (the cache is not taken for absent and derived again).
func TestMigrationFailsOnAFailedRead(t *testing.T) {
	fake := classic("Standard", "C", 1, 0, nil)
	fake.Fail = map[string]string{fakearm.GetRedisEnterprise: fakearm.ThrottledText("/subscriptions/x/resourceGroups/rg/providers/Microsoft.Cache/redisEnterprise/c")}
	err := runCache(fake, migrateArgs("", nil))
	if err == nil || len(InputErrors(err)) != 0 || !strings.Contains(err.Error(), "RESPONSE 429") {
		t.Fatalf("%v, want the read's failure", err)
	}
	if n := len(fake.Registered(clusterToken)) + len(fake.Registered(vaultToken)); n != 0 {
		t.Errorf("%d resources registered after a failed read", n)
	}
	tests := []struct {
		text     string
		notFound bool
	}{
		{fakearm.NotFoundText("/subscriptions/x/resourceGroups/rg/providers/Microsoft.Cache/redisEnterprise/c", false), true},
		{fakearm.NotFoundText("/subscriptions/x/resourceGroups/rg/providers/Microsoft.Cache/redisEnterprise/c/databases/default", true), true},
		{`request failed /subscriptions/x: Status=404 Code="ResourceNotFound" Message="The Resource was not found."`, true},
		{fakearm.ThrottledText("/subscriptions/x"), false},
		{fakearm.ResponseErrorText("GET", "/subscriptions/x", 404, "NotFound", "a proxy's 404"), false},
		{"Status=500 Code=\"InternalServerError\" Message=\"404\"", false},
	}
	for _, tt := range tests {
		if got := isNotFound(errors.New(tt.text)); got != tt.notFound {
			t.Errorf("isNotFound(%q) = %t", tt.text, got)
		}
	}
}

// switchDns: the package's Migration is registered after every other child, with the token of
// the component's azure-native provider as a secret; its state is the migration output's.
func TestSwitchDnsRegistersTheMigrationLast(t *testing.T) {
	for _, switchDns := range []bool{false, true} {
		fake := classic("Standard", "C", 1, 0, nil)
		redis := newCache(t, fake, migrateArgs("", func(a *ManagedRedisArgs) {
			a.MigrateFrom.SwitchDns = switchDns
			a.AccessPrincipals = []AccessPrincipal{{ObjectId: str(azuremock.PrincipalA)}}
		}))
		m := fake.One(t, azuremock.MigrationType)
		if azuremock.Input(m, "token") != azuremock.Token || !azuremock.IsSecretInput(m, "token") || azuremock.Input(m, "switchDns") != switchDns ||
			azuremock.Input(m, "sourceResourceId") != classicId {
			t.Errorf("migration inputs %v", m.Inputs)
		}
		others := 0
		for _, r := range fake.Resources() {
			if strings.HasPrefix(r.TypeToken, "azure-native:") {
				others++
				if !dependsOn(m, r) {
					t.Errorf("the migration does not wait for %s %s", r.TypeToken, r.Name)
				}
			}
		}
		if others < 6 { // cluster, database, vault, two secrets, a role assignment per secret
			t.Errorf("%d other children", others)
		}
		want := MigrationNotStarted
		if switchDns {
			want = "Completed"
		}
		if got := awaitStatus(t, redis.Migration); got.State != want || got.Sku != "Balanced_B1" {
			t.Errorf("migration %+v, want state %s", got, want)
		}
	}
}

func awaitStatus(t *testing.T, o MigrationStatusOutput) MigrationStatus {
	t.Helper()
	status, _ := azuremock.Value[MigrationStatus](t, o)
	return status
}

func equalStatus(a, b MigrationStatus) bool {
	return a.SourceHostName == b.SourceHostName && a.SourceSku == b.SourceSku && a.Sku == b.Sku && a.State == b.State &&
		slices.Equal(a.NotCarried, b.NotCarried)
}

// The derivation alone, a pure function of what was read and what was given.
func TestDerive(t *testing.T) {
	source := func(tier, family string, capacity, shards int, extra map[string]any) lookup[redis.LookupRedisResult] {
		seed := fakearm.ClassicCache("rg-classic", "old", "eastus", tier, family, capacity, shards, extra)
		var r redis.LookupRedisResult
		if err := json.Unmarshal(must(json.Marshal(seed.Properties)), &r); err != nil {
			t.Fatal(err)
		}
		return lookup[redis.LookupRedisResult]{Found: true, Result: r}
	}
	cluster := lookup[redisenterprise.LookupRedisEnterpriseResult]{Found: true, Result: redisenterprise.LookupRedisEnterpriseResult{
		Sku: redisenterprise.SkuResponse{Name: "Balanced_B3"}, Location: "eastus", PublicNetworkAccess: "Enabled",
		HighAvailability: ptr("Enabled"), Tags: map[string]string{"source": "old", "team": "removed-since"}}}
	database := lookup[redisenterprise.LookupDatabaseResult]{Found: true, Result: redisenterprise.LookupDatabaseResult{
		ClusteringPolicy: ptr("OSSCluster"), EvictionPolicy: ptr("NoEviction"), AccessKeysAuthentication: ptr("Disabled")}}
	read := func(s lookup[redis.LookupRedisResult], c cacheNow) migrationRead {
		return migrationRead{CacheId: classicId, Subscription: fakearm.Subscription, Source: s, cacheNow: c}
	}
	tests := []struct {
		name    string
		given   *ManagedRedisArgs
		read    migrationRead
		want    derivedCache // compared field by field below, Status by Sku and NotCarried
		refused []string     // inputs refused
	}{
		{"Standard C1, to be created", migrateArgs("", nil), read(source("Standard", "C", 1, 0, nil), cacheNow{}),
			derivedCache{Sku: "Balanced_B1", Location: "eastus", HighAvailability: true, PublicNetworkAccess: "Enabled",
				ClusteringPolicy: "EnterpriseCluster", EvictionPolicy: "VolatileLRU", Authentication: AccessKey, Tags: map[string]string{"source": "old"}}, nil},
		{"Basic C0 with keys disabled", migrateArgs("", nil), read(source("Basic", "C", 0, 0, map[string]any{"disableAccessKeyAuthentication": true}), cacheNow{}),
			derivedCache{Sku: "Balanced_B0", Location: "eastus", HighAvailability: false, PublicNetworkAccess: "Enabled",
				ClusteringPolicy: "EnterpriseCluster", EvictionPolicy: "VolatileLRU", Authentication: EntraID, Tags: map[string]string{"source": "old"}}, nil},
		{"Premium P2 x3", migrateArgs("", nil), read(source("Premium", "P", 2, 3, nil), cacheNow{}),
			derivedCache{Sku: "Balanced_B50", Location: "eastus", HighAvailability: true, PublicNetworkAccess: "Enabled",
				ClusteringPolicy: "OSSCluster", EvictionPolicy: "VolatileLRU", Authentication: AccessKey, Tags: map[string]string{"source": "old"}}, nil},
		{"the cache exists: its values, the source's tags it still has", migrateArgs("", nil), read(source("Premium", "P", 4, 0, nil), cacheNow{cluster, database}),
			derivedCache{Sku: "Balanced_B3", Location: "eastus", HighAvailability: true, PublicNetworkAccess: "Enabled",
				ClusteringPolicy: "OSSCluster", EvictionPolicy: "NoEviction", Authentication: EntraID, Tags: map[string]string{"source": "old"}}, nil},
		{"the cache exists, the source is gone", migrateArgs("", nil), read(lookup[redis.LookupRedisResult]{}, cacheNow{cluster, database}),
			derivedCache{Sku: "Balanced_B3", Location: "eastus", HighAvailability: true, PublicNetworkAccess: "Enabled",
				ClusteringPolicy: "OSSCluster", EvictionPolicy: "NoEviction", Authentication: EntraID, Tags: map[string]string{"source": "old", "team": "removed-since"}}, nil},
		{"nothing found", migrateArgs("", nil), read(lookup[redis.LookupRedisResult]{}, cacheNow{}), derivedCache{}, []string{"migrateFrom.cacheId"}},
		{"too small, Entra ID over keys, switchDns from a VNet", migrateArgs(EntraID, func(a *ManagedRedisArgs) { a.Sku, a.MigrateFrom.SwitchDns = "Balanced_B0", true }),
			read(source("Standard", "C", 1, 0, map[string]any{"subnetId": "/subscriptions/s/x"}), cacheNow{}), derivedCache{}, []string{"sku", "authentication", "migrateFrom.switchDns"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, refused := derive(tt.given, tt.read)
			var inputs []string
			for _, e := range InputErrors(errors.Join(refused...)) {
				inputs = append(inputs, e.Input)
			}
			if !slices.Equal(inputs, tt.refused) {
				t.Fatalf("refused %v, want %v", inputs, tt.refused)
			}
			if tt.refused != nil {
				return
			}
			got.Status, got.Warning = MigrationStatus{}, ""
			if !azuremock.EqualJSON(got, tt.want) {
				t.Errorf("derived\n%+v, want\n%+v", got, tt.want)
			}
		})
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}
