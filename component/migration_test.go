package component

import (
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/azuremock"
	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
)

// Microsoft's mapping table, every row, and clustered Premium caches by total memory.
func TestMappedSku(t *testing.T) {
	tests := []struct {
		family   string
		capacity int
		shards   int
		want     string
	}{
		{"C", 0, 0, "Balanced_B0"}, {"C", 1, 0, "Balanced_B1"}, {"C", 2, 0, "Balanced_B3"}, {"C", 3, 0, "Balanced_B5"},
		{"C", 4, 0, "MemoryOptimized_M10"}, {"C", 5, 0, "MemoryOptimized_M20"}, {"C", 6, 0, "MemoryOptimized_M50"},
		{"P", 1, 0, "Balanced_B5"}, {"P", 2, 0, "Balanced_B10"}, {"P", 3, 0, "Balanced_B20"}, {"P", 4, 0, "Balanced_B50"},
		{"P", 5, 0, "Balanced_B100"},
		// 3 x 13 GB = 39 GB: the smallest Memory Optimized SKU that holds it is M50 (60 GB).
		{"P", 2, 3, "MemoryOptimized_M50"},
		// 2 x 6 GB = 12 GB: M10.
		{"P", 1, 2, "MemoryOptimized_M10"},
		// 10 x 120 GB = 1200 GB: M1500.
		{"P", 5, 10, "MemoryOptimized_M1500"},
		{"C", 7, 0, ""}, {"P", 0, 0, ""},
	}
	for _, tt := range tests {
		if got := mappedSku(tt.family, tt.capacity, tt.shards); got != tt.want {
			t.Errorf("mappedSku(%s, %d, %d) = %q, want %q", tt.family, tt.capacity, tt.shards, got, tt.want)
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
			"redisConfiguration": map[string]any{"maxmemoryPolicy": "allkeys-lru", "rdbBackupEnabled": "true"}, "zones": []any{"1", "2"}}),
			migrateArgs(AccessKey, nil),
			map[string]any{"sku.name": "MemoryOptimized_M50", "database.clusteringPolicy": "OSSCluster", "database.evictionPolicy": "AllKeysLRU"},
			MigrationStatus{SourceHostName: "old.redis.cache.windows.net", SourceSku: "Premium P2 x3", Sku: "MemoryOptimized_M50", State: "NotStarted",
				NotCarried: []string{"persistence", "zones"}}},
		{"Basic C0: high availability off", classic("Basic", "C", 0, 0, map[string]any{"enableNonSslPort": true}), migrateArgs(AccessKey, nil),
			map[string]any{"sku.name": "Balanced_B0", "highAvailability": "Disabled"},
			MigrationStatus{SourceHostName: "old.redis.cache.windows.net", SourceSku: "Basic C0", Sku: "Balanced_B0", State: "NotStarted",
				NotCarried: []string{"the non-TLS port"}}},
		{"keys disabled: Entra ID", classic("Standard", "C", 3, 0, map[string]any{"disableAccessKeyAuthentication": true, "publicNetworkAccess": "Disabled"}),
			migrateArgs(EntraID, nil),
			map[string]any{"sku.name": "Balanced_B5", "publicNetworkAccess": "Disabled", "database.accessKeysAuthentication": "Disabled"},
			MigrationStatus{SourceHostName: "old.redis.cache.windows.net", SourceSku: "Standard C3", Sku: "Balanced_B5", State: "NotStarted", NotCarried: []string{}}},
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
		{"switchDns", classic("Standard", "C", 1, 0, nil), migrateArgs(AccessKey, func(a *ManagedRedisArgs) { a.MigrateFrom.SwitchDns = true }),
			"migrateFrom.switchDns", "migration", "az redisenterprise migration start"},
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
			"sku", "migration", "smaller than MemoryOptimized_M50"},
		{"Entra ID only while the source's clients use keys", classic("Standard", "C", 1, 0, nil), migrateArgs(EntraID, nil),
			"authentication", "migration", "stop working"},
		{"a source in another subscription", classic("Standard", "C", 1, 0, nil), migrateArgs(AccessKey, func(a *ManagedRedisArgs) {
			a.MigrateFrom.CacheId = str("/subscriptions/other/resourceGroups/rg-classic/providers/Microsoft.Cache/Redis/old")
		}), "migrateFrom.cacheId", "migration", "same subscription"},
		{"a source that does not exist", azuremock.New(), migrateArgs(AccessKey, nil), "migrateFrom.cacheId", "migration", "was not found"},
		{"geo-replication on the SKU a Standard C1 source decides", classic("Standard", "C", 1, 0, nil), migrateArgs(AccessKey, func(a *ManagedRedisArgs) {
			a.Database = &DatabaseSettings{GeoReplication: geo()}
		}), "database.geoReplication", "V3", "decided sku Balanced_B1"},
		{"geo-replication without the high availability a Basic source turns off", classic("Basic", "C", 3, 0, nil), migrateArgs(AccessKey, func(a *ManagedRedisArgs) {
			a.Database = &DatabaseSettings{GeoReplication: geo()}
		}), "highAvailability", "V3", "highAvailability false"},
		{"NoCluster on the SKU a clustered Premium source decides", classic("Premium", "P", 2, 3, nil), migrateArgs(AccessKey, func(a *ManagedRedisArgs) {
			a.Database = &DatabaseSettings{ClusteringPolicy: "NoCluster"}
		}), "database.clusteringPolicy", "V12", "decided sku MemoryOptimized_M50"},
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

// A refusal that holds whatever the source says comes before any read.
func TestMigrationRefusesBeforeReadingTheSource(t *testing.T) {
	fake := classic("Standard", "C", 1, 0, nil)
	err := runCache(fake, migrateArgs("", func(a *ManagedRedisArgs) { a.Sku = "Balanced_B7" }))
	if !hasInputError(err, "sku", "allowed values") {
		t.Fatalf("%v, want the sku refused", err)
	}
	if calls := fake.Calls(); len(calls) != 0 {
		t.Errorf("%d reads before the refusal, first %s", len(calls), calls[0].Token)
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
