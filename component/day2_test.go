package component

import (
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure/redisenterprise"
	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/azuremock"
	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
)

// Each change of an existing cache is in place or a recreation, as Azure treats it; a
// recreation is refused naming the input, the cache's value in the input's form and the rule,
// and with acceptDataLoss the database alone or the cluster with it is replaced.
func TestSortChanges(t *testing.T) {
	current := func() cacheAsItIs {
		c := cacheAsItIs{clusterName: "c", resourceGroupName: "rg", scaleTargets: []string{"Balanced_B3", "MemoryOptimized_M10"}}
		c.Cluster = lookup[redisenterprise.LookupRedisEnterpriseResult]{Found: true, Result: redisenterprise.LookupRedisEnterpriseResult{
			Location: "westeurope", Sku: redisenterprise.SkuResponse{Name: "Balanced_B1"}}}
		c.Database = lookup[redisenterprise.LookupDatabaseResult]{Found: true, Result: redisenterprise.LookupDatabaseResult{
			ClusteringPolicy: ptr("OSSCluster"), Modules: []redisenterprise.ModuleResponse{{Name: "RedisJSON", Version: "2.6"}}}}
		return c
	}
	wanted := func() wantedCache {
		return wantedCache{clusterName: "c", resourceGroupName: "rg", sku: "Balanced_B1", linkedKnown: true,
			database: DatabaseSettings{ClusteringPolicy: "OSSCluster", Modules: []DatabaseModule{{Name: "RedisJSON"}}}}
	}
	legacy := func(c *cacheAsItIs) {
		c.Cluster.Result.Sku = redisenterprise.SkuResponse{Name: "Enterprise_E10", Capacity: intPtr(4)}
	}
	geoCache := func(c *cacheAsItIs) {
		c.Database.Result.GeoReplication = &redisenterprise.DatabasePropertiesResponseGeoReplication{
			GroupNickname: ptr("g"), LinkedDatabases: []redisenterprise.LinkedDatabaseResponse{{Id: ptr("/db/1")}}}
	}
	tests := []struct {
		name        string
		change      func(w *wantedCache)
		cache       func(c *cacheAsItIs)
		input, rule string // "" when in place
		current     string // the cache's value as the refusal gives it
		cluster     bool   // the cluster is replaced with acceptDataLoss
	}{
		{"nothing", nil, nil, "", "", "", false},
		{"a scale target", func(w *wantedCache) { w.sku = "MemoryOptimized_M10" }, nil, "", "", "", false},
		{"a SKU outside the targets", func(w *wantedCache) { w.sku = "FlashOptimized_A250" }, nil, "sku", "V8", "Balanced_B1", true},
		{"high availability off", func(w *wantedCache) { w.highAvailability = boolPtr(false) }, nil, "highAvailability", "V11", "true", true},
		{"high availability on", func(w *wantedCache) { w.highAvailability = boolPtr(true) },
			func(c *cacheAsItIs) { c.Cluster.Result.HighAvailability = ptr("Disabled") }, "", "", "", false},
		{"high availability off, already", func(w *wantedCache) { w.highAvailability = boolPtr(false) },
			func(c *cacheAsItIs) { c.Cluster.Result.HighAvailability = ptr("Disabled") }, "", "", "", false},
		{"another location", func(w *wantedCache) { w.location = "eastus" }, nil, "location", "create-only", "westeurope", true},
		{"the location written otherwise", func(w *wantedCache) { w.location = "West Europe" }, nil, "", "", "", false},
		{"zones", func(w *wantedCache) { w.zones = []string{"1"} }, nil, "zones", "create-only", "[]", true},
		{"zones in another order", func(w *wantedCache) { w.zones = []string{"2", "1"} },
			func(c *cacheAsItIs) { c.Cluster.Result.Zones = []string{"1", "2"} }, "", "", "", false},
		{"more capacity", func(w *wantedCache) { w.sku, w.capacity = "Enterprise_E10", intPtr(6) }, legacy, "", "", "", false},
		{"less capacity", func(w *wantedCache) { w.sku, w.capacity = "Enterprise_E10", intPtr(2) }, legacy, "capacity", "V8", "4", true},
		{"clustering policy", func(w *wantedCache) { w.database.ClusteringPolicy = "EnterpriseCluster" }, nil,
			"database.clusteringPolicy", "V12", "OSSCluster", false},
		{"clustering policy from NoCluster", func(w *wantedCache) { w.database.ClusteringPolicy = "EnterpriseCluster" },
			func(c *cacheAsItIs) { c.Database.Result.ClusteringPolicy = ptr("NoCluster") }, "", "", "", false},
		{"a module added", func(w *wantedCache) {
			w.database.Modules = append(w.database.Modules, DatabaseModule{Name: "RedisBloom"})
		}, nil,
			"database.modules", "V13", `[{"name":"RedisJSON"}]`, false},
		{"a module's args", func(w *wantedCache) { w.database.Modules[0].Args = "MAX 1" }, nil, "database.modules", "V13", `[{"name":"RedisJSON"}]`, false},
		{"geo-replication added", func(w *wantedCache) { w.database.GeoReplication = &GeoReplicationSettings{GroupNickname: "g"} }, nil,
			"database.geoReplication", "V7", "none", false},
		{"geo-replication's links", func(w *wantedCache) {
			w.database.GeoReplication, w.linkedDatabaseIds = &GeoReplicationSettings{GroupNickname: "g"}, []string{"/db/1", "/db/2"}
		}, geoCache, "database.geoReplication", "V7", `{"groupNickname":"g","linkedDatabaseIds":["/db/1"]}`, false},
		{"geo-replication's links unknown yet", func(w *wantedCache) {
			w.database.GeoReplication, w.linkedKnown = &GeoReplicationSettings{GroupNickname: "g"}, false
		}, geoCache, "", "", "", false},
		{"geo-replication's links in any case", func(w *wantedCache) {
			w.database.GeoReplication, w.linkedDatabaseIds = &GeoReplicationSettings{GroupNickname: "g"}, []string{"/DB/1"}
		}, geoCache, "", "", "", false},
		{"another cluster name", func(w *wantedCache) { w.clusterName = "d" }, nil, "clusterName", "create-only", "c", true},
		{"another resource group", func(w *wantedCache) { w.resourceGroupName = "rg-2" }, nil, "resourceGroupName", "create-only", "rg", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, c := wanted(), current()
			if tt.change != nil {
				tt.change(&w)
			}
			if tt.cache != nil {
				tt.cache(&c)
			}
			plan, err := sortChanges(w, c, false)
			if tt.input == "" {
				if err != nil || plan != (dayTwoPlan{}) {
					t.Fatalf("in place, yet %v %+v", err, plan)
				}
				return
			}
			errs := InputErrors(err)
			if len(errs) != 1 || errs[0].Input != tt.input || errs[0].Rule != tt.rule ||
				!strings.Contains(errs[0].Problem, "the cache has "+tt.input+" "+tt.current+", and ") ||
				!strings.Contains(errs[0].Problem, "Keep "+tt.input+" "+tt.current+", or set acceptDataLoss: true") {
				t.Fatalf("want %s refused by %s with the cache's %s and the two ways on, got %v", tt.input, tt.rule, tt.current, err)
			}
			accepted, err := sortChanges(w, c, true)
			if want := (dayTwoPlan{replaceCluster: tt.cluster, replaceDatabase: true}); err != nil || accepted != want {
				t.Errorf("with acceptDataLoss: %+v %v, want %+v", accepted, err, want)
			}
		})
	}
	// Every recreation at once.
	w := wanted()
	w.sku, w.database.ClusteringPolicy = "FlashOptimized_A250", "NoCluster"
	if _, err := sortChanges(w, current(), false); len(InputErrors(err)) != 2 {
		t.Errorf("%v: want both refused", err)
	}
}

// seededCache is an existing cache "c" in "rg" (Balanced_B1, OSSCluster, access keys enabled).
func seededCache() *azuremock.Fake {
	seeds := fakearm.ExistingCache("rg", "c", "westeurope", "Enabled")
	seeds[1].Properties["clusteringPolicy"] = "OSSCluster"
	return azuremock.New(seeds...)
}

// A change of an existing cache that Azure cannot make is refused before the cache registers
// any child (only the stash of its names); one among the scale targets is an update.
func TestARecreationIsRefusedBeforeAnyChild(t *testing.T) {
	fake := seededCache()
	err := runCache(fake, &ManagedRedisArgs{ResourceGroupName: str("rg"), ClusterName: str("c"), Sku: "FlashOptimized_A250"})
	if !hasInputError(err, "sku", "V8") || !strings.Contains(err.Error(), "the cache has sku Balanced_B1") {
		t.Fatalf("want sku refused by V8, got %v", err)
	}
	if !fake.Called(fakearm.ListSkusForScaling) {
		t.Error("the scale targets were not asked of Azure")
	}
	for _, r := range fake.Resources() {
		if r.TypeToken != ManagedRedisType && r.TypeToken != azuremock.StashType {
			t.Errorf("%s %s registered before the refusal", r.TypeToken, r.Name)
		}
	}

	fake = seededCache()
	newCache(t, fake, &ManagedRedisArgs{ResourceGroupName: str("rg"), ClusterName: str("c"), Sku: "MemoryOptimized_M10"})
	cluster := fake.One(t, clusterToken)
	if len(cluster.RegisterRPC.GetReplaceOnChanges()) > 0 || !cluster.RegisterRPC.GetDeleteBeforeReplace() {
		t.Errorf("an in-place scale: replaceOnChanges %v, deleteBeforeReplace %v", cluster.RegisterRPC.GetReplaceOnChanges(),
			cluster.RegisterRPC.GetDeleteBeforeReplace())
	}
}

// With acceptDataLoss, what Azure cannot change is replaced, delete-first: the database alone
// for a database setting, the cluster and the database for a cluster setting.
func TestAcceptDataLossReplacesDeleteFirst(t *testing.T) {
	tests := []struct {
		name                      string
		args                      ManagedRedisArgs
		wantCluster, wantDatabase bool
	}{
		{"a database setting", ManagedRedisArgs{Database: &DatabaseSettings{ClusteringPolicy: "EnterpriseCluster"}}, false, true},
		{"a cluster setting", ManagedRedisArgs{HighAvailability: boolPtr(false)}, true, true},
		{"nothing to replace", ManagedRedisArgs{}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := seededCache()
			args := tt.args
			args.ResourceGroupName, args.ClusterName, args.AcceptDataLoss = str("rg"), str("c"), true
			newCache(t, fake, &args)
			for token, want := range map[string]bool{clusterToken: tt.wantCluster, databaseToken: tt.wantDatabase} {
				r := fake.One(t, token).RegisterRPC
				if replaced := slices.Equal(r.GetReplaceOnChanges(), []string{"*"}); replaced != want || !r.GetDeleteBeforeReplace() {
					t.Errorf("%s: replaced on any change %v, want %v; delete-first %v", token, replaced, want, r.GetDeleteBeforeReplace())
				}
			}
		})
	}
}

// Default names are the ones kept since the cache was created (a stack renamed since derives
// others): the cluster and the vault keep theirs, and the cache is read by its kept name.
func TestDefaultNamesAreKept(t *testing.T) {
	fake := azuremock.New()
	fake.Kept = map[string]resource.PropertyValue{"cache": resource.NewProperty(resource.NewPropertyMapFromMap(map[string]any{
		"clusterName": "cache-0badcafe", "resourceGroupName": "rg", "keyVaultName": "cache-kv-0badcafe"}))}
	newCache(t, fake, &ManagedRedisArgs{ResourceGroupName: str("rg"), Authentication: AccessKey})
	if name := azuremock.Input(fake.One(t, clusterToken), "clusterName"); name != "cache-0badcafe" {
		t.Errorf("cluster %v, want the kept name", name)
	}
	if name := azuremock.Input(fake.One(t, vaultToken), "vaultName"); name != "cache-kv-0badcafe" {
		t.Errorf("vault %v, want the kept name", name)
	}
	stash := fake.One(t, azuremock.StashType)
	if !slices.Equal(stash.RegisterRPC.GetIgnoreChanges(), []string{"input"}) {
		t.Errorf("the stash takes later runs' names: ignoreChanges %v", stash.RegisterRPC.GetIgnoreChanges())
	}
	if azuremock.Input(stash, "input.clusterName") != defaultClusterName(testScope("rg", "cache")) {
		t.Errorf("the stash was given %v, want the name this run derives", azuremock.Input(stash, "input"))
	}
	read := slices.ContainsFunc(fake.Calls(), func(c pulumi.MockCallArgs) bool {
		return c.Token == fakearm.GetRedisEnterprise && c.Args["clusterName"].StringValue() == "cache-0badcafe"
	})
	if !read {
		t.Error("the cache was not read by its kept name")
	}
}

// A program that names another cluster or resource group than the cache was created with moves
// the cache: a recreation, refused while the cache is where it was created.
func TestAMovedCacheIsARecreation(t *testing.T) {
	fake := seededCache()
	fake.Kept = map[string]resource.PropertyValue{"cache": resource.NewProperty(resource.NewPropertyMapFromMap(map[string]any{
		"clusterName": "c", "resourceGroupName": "rg", "keyVaultName": "cache-kv-0badcafe"}))}
	err := runCache(fake, &ManagedRedisArgs{ResourceGroupName: str("rg"), ClusterName: str("d")})
	if !hasInputError(err, "clusterName", "create-only") || !strings.Contains(err.Error(), "the cache has clusterName c,") {
		t.Fatalf("want clusterName refused, got %v", err)
	}
	fake.Delete(fakearm.ClusterId("rg", "c")) // gone: nothing left to lose
	newCache(t, fake, &ManagedRedisArgs{ResourceGroupName: str("rg"), ClusterName: str("d")})
}

// A cache encrypted with a customer-managed key is read whole: Azure answers its identity as a
// map (not the list sent), which the reader decodes, so its SKU is the cache's and a second run
// with nothing changed sorts no change.
func TestACacheWithACustomerManagedKeyIsReadWhole(t *testing.T) {
	fake := azuremock.New(fakearm.Seed{ID: identityId, Type: fakearm.IdentityType, Properties: map[string]any{"principalId": azuremock.PrincipalC}})
	args := func() *ManagedRedisArgs {
		return &ManagedRedisArgs{ResourceGroupName: str("rg"), ClusterName: str("c"), Sku: "Balanced_B3",
			CustomerManagedKey: &CustomerManagedKeySettings{KeyUrl: str(keyUrl), UserAssignedIdentityId: str(identityId)}}
	}
	newCache(t, fake, args())
	var read *redisenterprise.LookupRedisEnterpriseResult
	err := azuremock.Run(fake, func(ctx *pulumi.Context) error {
		var err error
		read, err = redisenterprise.LookupRedisEnterprise(ctx, &redisenterprise.LookupRedisEnterpriseArgs{ClusterName: "c", ResourceGroupName: "rg"})
		return err
	})
	if err != nil || read.Sku.Name != "Balanced_B3" || read.Identity == nil || len(read.Identity.UserAssignedIdentities) != 1 {
		t.Fatalf("read %+v, %v", read, err)
	}
	newCache(t, fake, args())
}
