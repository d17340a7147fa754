package component

import (
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/azuremock"
	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
)

func TestDefaultCacheIsEntraIdWithSecureSettings(t *testing.T) {
	fake := azuremock.New()
	redis := newCache(t, fake, &ManagedRedisArgs{ResourceGroupName: str("rg")})

	cluster := fake.One(t, clusterToken)
	wantName := defaultClusterName(testScope("rg", "cache"))
	for path, want := range map[string]any{
		"clusterName": wantName, "resourceGroupName": "rg", "sku.name": "Balanced_B0",
		"minimumTlsVersion": "1.2", "publicNetworkAccess": "Enabled",
	} {
		if got := azuremock.Input(cluster, path); got != want {
			t.Errorf("cluster %s = %v, want %v", path, got, want)
		}
	}
	for _, unset := range []string{"highAvailability", "zones", "sku.capacity", "location", "tags"} {
		if got := azuremock.Input(cluster, unset); got != nil {
			t.Errorf("cluster %s = %v, want unset (Azure's default)", unset, got)
		}
	}

	database := fake.One(t, databaseToken)
	for path, want := range map[string]any{
		"clusterName": wantName, "databaseName": "default", "port": float64(10000), "clientProtocol": "Encrypted",
		"accessKeysAuthentication": "Disabled", "clusteringPolicy": "OSSCluster", "evictionPolicy": "VolatileLRU",
		"deferUpgrade": "NotDeferred",
	} {
		if got := azuremock.Input(database, path); got != want {
			t.Errorf("database %s = %v, want %v", path, got, want)
		}
	}
	if !dependsOn(database, cluster) {
		t.Error("database does not depend on the cluster")
	}

	if n := len(fake.Registered(vaultToken)) + len(fake.Registered(secretToken)) + len(fake.Registered(roleToken)); n != 0 {
		t.Errorf("Entra ID mode registered %d Key Vault or role resources", n)
	}
	if fake.Called(listKeysToken) {
		t.Error("Entra ID mode listed access keys")
	}

	host := wantName + ".westeurope.redis.azure.net"
	azuremock.ExpectOutput(t, redis.HostName, host, false)
	azuremock.ExpectOutput(t, redis.Port, 10000, false)
	azuremock.ExpectOutput(t, redis.Authentication, "EntraId", false)
	azuremock.ExpectOutput(t, redis.ConnectionName, "cache", false)
	azuremock.ExpectOutput(t, redis.ConnectionString, host+":10000,ssl=true", false)
	azuremock.ExpectOutput(t, redis.Uri, "rediss://"+host+":10000", false)
	azuremock.ExpectOutput(t, redis.ClusterName, wantName, false)
	azuremock.ExpectOutput(t, redis.ClusterId, "/subscriptions/"+fakearm.Subscription+"/resourceGroups/rg/providers/Microsoft.Cache/redisEnterprise/"+wantName, false)
	azuremock.ExpectOutput(t, redis.DatabaseId, "/subscriptions/"+fakearm.Subscription+"/resourceGroups/rg/providers/Microsoft.Cache/redisEnterprise/"+wantName+"/databases/default", false)
	azuremock.ExpectOutput(t, redis.ResourceGroupName, "rg", false)
	azuremock.ExpectOutput(t, redis.RedisVersion, fakearm.RedisVersion, false)
	azuremock.ExpectOutput(t, redis.PrimaryAccessKey, "", false)
	azuremock.ExpectOutput(t, redis.Environment, map[string]string{
		"ConnectionStrings__cache": host + ":10000,ssl=true",
		"CACHE_HOST":               host,
		"CACHE_PORT":               "10000",
		"CACHE_URI":                "rediss://" + host + ":10000",
	}, false)
}

func TestPrincipalsGetAccessPoliciesOneAfterAnother(t *testing.T) {
	fake := azuremock.New()
	newCache(t, fake, &ManagedRedisArgs{
		ResourceGroupName: str("rg"),
		AccessPrincipals: []AccessPrincipal{
			{ObjectId: str(azuremock.PrincipalA)},
			{ObjectId: str(azuremock.PrincipalB), PrincipalType: PrincipalUser},
			{Name: "jobs", ObjectId: output(azuremock.PrincipalC)},
		},
	})
	assignments := fake.Registered(assignmentToken)
	if len(assignments) != 3 {
		t.Fatalf("%d access policy assignments, want 3", len(assignments))
	}
	component := string(azuremock.URNOf(fake.One(t, ManagedRedisType)))
	for i, want := range []struct{ name, objectId string }{
		{"cache-access-" + azuremock.PrincipalA, azuremock.PrincipalA},
		{"cache-access-" + azuremock.PrincipalB, azuremock.PrincipalB},
		{"cache-access-jobs", azuremock.PrincipalC},
	} {
		a := assignments[i]
		if a.Name != want.name {
			t.Errorf("assignment %d is named %q, want %q (from the principal's name)", i, a.Name, want.name)
		}
		if a.RegisterRPC.GetParent() != component {
			t.Errorf("assignment %d has parent %q, want the component itself", i, a.RegisterRPC.GetParent())
		}
		if !a.RegisterRPC.GetDeleteBeforeReplace() {
			t.Errorf("assignment %d: a replacement would create its Azure name while the old one holds it", i)
		}
		for path, value := range map[string]any{"user.objectId": want.objectId, "accessPolicyName": "default", "databaseName": "default"} {
			if got := azuremock.Input(a, path); got != value {
				t.Errorf("assignment %d %s = %v, want %v", i, path, got, value)
			}
		}
		wantAzureName := strings.ReplaceAll(deterministicGuid("rg", defaultClusterName(testScope("rg", "cache")), "default", want.objectId, "default"), "-", "")
		if got := azuremock.Input(a, "accessPolicyAssignmentName"); got != wantAzureName {
			t.Errorf("assignment %d Azure name %v, want %s", i, got, wantAzureName)
		}
		if i > 0 && !dependsOn(a, assignments[i-1]) {
			t.Errorf("assignment %d does not wait for assignment %d", i, i-1)
		}
	}
	if slices.ContainsFunc(assignments[0].RegisterRPC.GetDependencies(), func(d string) bool {
		return strings.Contains(d, "AccessPolicyAssignment")
	}) {
		t.Errorf("first assignment waits for another assignment: %v", assignments[0].RegisterRPC.GetDependencies())
	}
	if n := len(fake.Registered(ManagedRedisAccessType)); n != 0 {
		t.Errorf("%d ManagedRedisAccess components inside the cache, want its assignments as direct children", n)
	}
}

func TestAccessKeyWithNewVault(t *testing.T) {
	fake := azuremock.New()
	redis := newCache(t, fake, &ManagedRedisArgs{
		ResourceGroupName: str("rg"),
		Authentication:    AccessKey,
		AccessPrincipals:  []AccessPrincipal{{ObjectId: str(azuremock.PrincipalA)}},
		Tags:              pulumi.StringMap{"team": str("cache")},
	})
	if got := azuremock.Input(fake.One(t, databaseToken), "accessKeysAuthentication"); got != "Enabled" {
		t.Errorf("accessKeysAuthentication = %v, want Enabled", got)
	}
	if !fake.Called(listKeysToken) {
		t.Error("listDatabaseKeys was not called")
	}

	vault := fake.One(t, vaultToken)
	vaultName := defaultKeyVaultName(testScope("rg", "cache"))
	for path, want := range map[string]any{
		"vaultName": vaultName, "resourceGroupName": "rg", "properties.tenantId": fakearm.Tenant,
		"properties.enableRbacAuthorization": true, "properties.sku.name": "standard", "properties.sku.family": "A",
		"properties.enableSoftDelete": true, "properties.softDeleteRetentionInDays": float64(90),
		"properties.publicNetworkAccess": "Enabled", "tags.team": "cache",
	} {
		if got := azuremock.Input(vault, path); got != want {
			t.Errorf("vault %s = %v, want %v", path, got, want)
		}
	}
	vaultId := fakearm.VaultId("rg", vaultName)
	if !vault.RegisterRPC.GetDeleteBeforeReplace() {
		t.Error("the vault's name is fixed: a replacement must delete the old one first")
	}

	clusterName := defaultClusterName(testScope("rg", "cache"))
	host := fakearm.HostName(clusterName, fakearm.DefaultLocation)
	key := fakearm.PrimaryKey(fakearm.DatabaseId("rg", clusterName, "default"))
	wantSecrets := map[string]string{
		"connectionstrings--cache": host + ":10000,ssl=true,password=" + key,
		"primaryaccesskey--cache":  key,
	}
	secrets := fake.Registered(secretToken)
	if len(secrets) != 2 {
		t.Fatalf("%d secrets, want 2", len(secrets))
	}
	for _, secret := range secrets {
		name := azuremock.Input(secret, "secretName").(string)
		if got := azuremock.Input(secret, "properties.value"); got != wantSecrets[name] {
			t.Errorf("secret %s = %v, want %v", name, got, wantSecrets[name])
		}
		if !azuremock.IsSecretInput(secret, "properties") {
			t.Errorf("secret %s value was sent in plain text", name)
		}
		if got := azuremock.Input(secret, "vaultName"); got != vaultName {
			t.Errorf("secret %s in vault %v, want %s", name, got, vaultName)
		}
		if got := azuremock.Input(secret, "tags.team"); got != "cache" {
			t.Errorf("secret %s tags.team = %v", name, got)
		}
		if !secret.RegisterRPC.GetDeleteBeforeReplace() {
			t.Errorf("secret %s: a replacement would create its Azure name while the old one holds it", name)
		}
	}

	roles := fake.Registered(roleToken)
	if len(roles) != 2 {
		t.Fatalf("%d role assignments, want 2 (one per secret)", len(roles))
	}
	secretURNs := []string{string(azuremock.URNOf(secrets[0])), string(azuremock.URNOf(secrets[1]))}
	for _, role := range roles {
		scope := azuremock.Input(role, "scope").(string)
		if !strings.HasPrefix(scope, vaultId+"/secrets/") || wantSecrets[strings.TrimPrefix(scope, vaultId+"/secrets/")] == "" {
			t.Errorf("role scope %s is not one of the two secrets", scope)
		}
		for path, want := range map[string]any{
			"principalId": azuremock.PrincipalA, "principalType": "ServicePrincipal",
			"roleDefinitionId": "/subscriptions/" + fakearm.Subscription + "/providers/Microsoft.Authorization/roleDefinitions/" + KeyVaultSecretsUserRole,
		} {
			if got := azuremock.Input(role, path); got != want {
				t.Errorf("role %s = %v, want %v", path, got, want)
			}
		}
		for _, secretURN := range secretURNs {
			if !slices.Contains(role.RegisterRPC.GetDependencies(), secretURN) {
				t.Errorf("role on %s does not wait for secret %s", scope, secretURN)
			}
		}
		if !role.RegisterRPC.GetDeleteBeforeReplace() || !strings.HasPrefix(role.Name, "cache-access-"+azuremock.PrincipalA+"-") {
			t.Errorf("role %s: named after the principal and replaced delete-first, want both", role.Name)
		}
	}
	if n := len(fake.Registered(assignmentToken)); n != 0 {
		t.Errorf("AccessKey mode registered %d access policy assignments", n)
	}

	azuremock.ExpectOutput(t, redis.Authentication, "AccessKey", false)
	azuremock.ExpectOutput(t, redis.ConnectionString, wantSecrets["connectionstrings--cache"], true)
	azuremock.ExpectOutput(t, redis.Uri, "rediss://:"+strings.NewReplacer("+", "%2B", "/", "%2F", "=", "%3D").Replace(key)+"@"+host+":10000", true)
	azuremock.ExpectOutput(t, redis.PrimaryAccessKey, key, true)
	azuremock.ExpectOutput(t, redis.KeyVaultId, vaultId, false)
	azuremock.ExpectOutput(t, redis.ConnectionStringSecretUri, "https://"+vaultName+".vault.azure.net/secrets/connectionstrings--cache", false)
	azuremock.ExpectOutput(t, redis.PrimaryAccessKeySecretUri, "https://"+vaultName+".vault.azure.net/secrets/primaryaccesskey--cache", false)
	env, secret := azuremock.Value[map[string]string](t, redis.Environment)
	if !secret || env["CACHE_PASSWORD"] != key || env["ConnectionStrings__cache"] != wantSecrets["connectionstrings--cache"] {
		t.Errorf("environment = %v (secret %v), want the key in CACHE_PASSWORD and the connection string, secret", env, secret)
	}
}

func TestAccessKeyWithGivenVault(t *testing.T) {
	fake := azuremock.New()
	redis := newCache(t, fake, &ManagedRedisArgs{
		ResourceGroupName: str("rg"),
		Authentication:    AccessKey,
		KeyVaultId:        str(azuremock.GivenVaultId),
		ConnectionName:    "sessions",
	})
	if n := len(fake.Registered(vaultToken)); n != 0 {
		t.Errorf("a vault was created although keyVaultId was given")
	}
	if !fake.Called(fakearm.GetVault) {
		t.Error("the given vault was not read before secrets were written to it")
	}
	var names []string
	for _, secret := range fake.Registered(secretToken) {
		names = append(names, azuremock.Input(secret, "secretName").(string))
		if azuremock.Input(secret, "vaultName") != "shared-kv" || azuremock.Input(secret, "resourceGroupName") != "shared-rg" {
			t.Errorf("secret in %v/%v, want shared-rg/shared-kv", azuremock.Input(secret, "resourceGroupName"), azuremock.Input(secret, "vaultName"))
		}
	}
	slices.Sort(names)
	if !slices.Equal(names, []string{"connectionstrings--sessions", "primaryaccesskey--sessions"}) {
		t.Errorf("secrets %v", names)
	}
	azuremock.ExpectOutput(t, redis.KeyVaultId, azuremock.GivenVaultId, false)
	azuremock.ExpectOutput(t, redis.ConnectionName, "sessions", false)
	env, _ := azuremock.Value[map[string]string](t, redis.Environment)
	if _, ok := env["SESSIONS_PASSWORD"]; !ok {
		t.Errorf("environment %v lacks SESSIONS_PASSWORD", env)
	}
}

func TestExistingCacheIsReadNotRegistered(t *testing.T) {
	for _, mode := range []string{EntraID, AccessKey} {
		t.Run(mode, func(t *testing.T) {
			fake := azuremock.New(fakearm.ExistingCache("other-rg", "legacy-cache", "eastus", "Enabled")...)
			redis := newCache(t, fake, &ManagedRedisArgs{
				ResourceGroupName: str("rg"),
				Authentication:    mode,
				Existing:          &ExistingCache{ClusterName: str("legacy-cache"), ResourceGroupName: str("other-rg")},
				AccessPrincipals:  []AccessPrincipal{{ObjectId: str(azuremock.PrincipalA)}},
			})
			if n := len(fake.Registered(clusterToken)) + len(fake.Registered(databaseToken)); n != 0 {
				t.Fatalf("existing mode registered %d cluster or database resources", n)
			}
			if !fake.Called(fakearm.GetRedisEnterprise) || !fake.Called(fakearm.GetDatabase) {
				t.Error("the existing cluster and database were not read")
			}
			host := "legacy-cache.eastus.redis.azure.net"
			azuremock.ExpectOutput(t, redis.HostName, host, false)
			azuremock.ExpectOutput(t, redis.ClusterName, "legacy-cache", false)
			azuremock.ExpectOutput(t, redis.ResourceGroupName, "other-rg", false)
			azuremock.ExpectOutput(t, redis.RedisVersion, fakearm.RedisVersion, false)
			azuremock.ExpectOutput(t, redis.DatabaseId, "/subscriptions/"+fakearm.Subscription+"/resourceGroups/other-rg/providers/Microsoft.Cache/redisEnterprise/legacy-cache/databases/default", false)
			if mode == EntraID {
				a := fake.One(t, assignmentToken)
				if azuremock.Input(a, "clusterName") != "legacy-cache" || azuremock.Input(a, "resourceGroupName") != "other-rg" {
					t.Errorf("assignment on %v/%v", azuremock.Input(a, "resourceGroupName"), azuremock.Input(a, "clusterName"))
				}
				return
			}
			if len(fake.Registered(secretToken)) != 2 || len(fake.Registered(roleToken)) != 2 {
				t.Errorf("AccessKey on an existing cache: %d secrets, %d roles", len(fake.Registered(secretToken)), len(fake.Registered(roleToken)))
			}
			key := fakearm.PrimaryKey(fakearm.DatabaseId("other-rg", "legacy-cache", "default"))
			azuremock.ExpectOutput(t, redis.ConnectionString, host+":10000,ssl=true,password="+key, true)
		})
	}
}

func TestExistingCacheWithKeysDisabledRefusesAccessKey(t *testing.T) {
	fake := azuremock.New(fakearm.ExistingCache("rg", "legacy-cache", "eastus", "Disabled")...)
	err := azuremock.Run(fake, func(ctx *pulumi.Context) error {
		_, err := NewManagedRedis(ctx, "cache", &ManagedRedisArgs{
			ResourceGroupName: str("rg"),
			Authentication:    AccessKey,
			Existing:          &ExistingCache{ClusterName: str("legacy-cache")},
		})
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "accessKeysAuthentication Disabled") || !strings.Contains(err.Error(), "V19") {
		t.Fatalf("want a V19 error about disabled access keys, got %v", err)
	}
	if fake.Called(listKeysToken) {
		t.Error("listDatabaseKeys was called on a database whose keys are disabled")
	}
	if n := len(fake.Registered(secretToken)); n != 0 {
		t.Errorf("%d secrets written without a key", n)
	}
}

func TestDatabaseSettingsAreSent(t *testing.T) {
	fake := azuremock.New()
	ha := false
	newCache(t, fake, &ManagedRedisArgs{
		ResourceGroupName:   str("rg"),
		Location:            str("northeurope"),
		ClusterName:         str("my-cache"),
		Sku:                 "MemoryOptimized_M20",
		HighAvailability:    &ha,
		PublicNetworkAccess: "Disabled",
		Database: &DatabaseSettings{
			ClusteringPolicy: "NoCluster",
			EvictionPolicy:   "AllKeysLFU",
			Modules:          []Module{{Name: "RedisBloom", Args: "ERROR_RATE 0.01"}, {Name: "RedisJSON"}},
			Persistence:      &Persistence{RdbFrequency: "6h"},
			DeferUpgrade:     true,
		},
	})
	cluster, database := fake.One(t, clusterToken), fake.One(t, databaseToken)
	for path, want := range map[string]any{
		"clusterName": "my-cache", "location": "northeurope", "sku.name": "MemoryOptimized_M20",
		"highAvailability": "Disabled", "publicNetworkAccess": "Disabled",
	} {
		if got := azuremock.Input(cluster, path); got != want {
			t.Errorf("cluster %s = %v, want %v", path, got, want)
		}
	}
	for path, want := range map[string]any{
		"clusteringPolicy": "NoCluster", "evictionPolicy": "AllKeysLFU", "deferUpgrade": "Deferred",
		"persistence.rdbEnabled": true, "persistence.rdbFrequency": "6h",
	} {
		if got := azuremock.Input(database, path); got != want {
			t.Errorf("database %s = %v, want %v", path, got, want)
		}
	}
	if got := azuremock.Input(database, "persistence.aofEnabled"); got != nil {
		t.Errorf("persistence.aofEnabled = %v, want unset", got)
	}
	want := []any{map[string]any{"name": "RedisBloom", "args": "ERROR_RATE 0.01"}, map[string]any{"name": "RedisJSON"}}
	if got := azuremock.Input(database, "modules"); !azuremock.EqualJSON(got, want) {
		t.Errorf("modules = %v, want %v", got, want)
	}
}

func TestGeoReplicationAndLegacySkuSettingsAreSent(t *testing.T) {
	fake := azuremock.New()
	capacity := 4
	newCache(t, fake, &ManagedRedisArgs{
		ResourceGroupName: str("rg"),
		Sku:               "Enterprise_E10",
		Capacity:          &capacity,
		Zones:             []string{"1", "2", "3"},
		Database: &DatabaseSettings{
			Modules: []Module{{Name: "RediSearch"}},
			GeoReplication: &GeoReplication{
				GroupNickname:     "global-group",
				LinkedDatabaseIds: pulumi.StringArray{str("/db/one"), str("/db/two")},
			},
		},
	})
	cluster, database := fake.One(t, clusterToken), fake.One(t, databaseToken)
	if got := azuremock.Input(cluster, "sku"); !azuremock.EqualJSON(got, map[string]any{"name": "Enterprise_E10", "capacity": float64(4)}) {
		t.Errorf("sku = %v", got)
	}
	if got := azuremock.Input(cluster, "zones"); !azuremock.EqualJSON(got, []any{"1", "2", "3"}) {
		t.Errorf("zones = %v", got)
	}
	wantGeo := map[string]any{"groupNickname": "global-group", "linkedDatabases": []any{
		map[string]any{"id": "/db/one"}, map[string]any{"id": "/db/two"},
	}}
	if got := azuremock.Input(database, "geoReplication"); !azuremock.EqualJSON(got, wantGeo) {
		t.Errorf("geoReplication = %v, want %v", got, wantGeo)
	}
	// RediSearch makes NoEviction and EnterpriseCluster the defaults (V5).
	if azuremock.Input(database, "evictionPolicy") != "NoEviction" || azuremock.Input(database, "clusteringPolicy") != "EnterpriseCluster" {
		t.Errorf("RediSearch database sent eviction %v, clustering %v", azuremock.Input(database, "evictionPolicy"), azuremock.Input(database, "clusteringPolicy"))
	}
}

func TestTagsGoOnEveryTaggableResource(t *testing.T) {
	fake := azuremock.New()
	newCache(t, fake, &ManagedRedisArgs{
		ResourceGroupName: str("rg"),
		Authentication:    AccessKey,
		Tags:              pulumi.StringMap{"env": str("prod")},
	})
	for _, token := range []string{clusterToken, vaultToken, secretToken} {
		for _, r := range fake.Registered(token) {
			if got := azuremock.Input(r, "tags.env"); got != "prod" {
				t.Errorf("%s %s has tags.env %v", token, r.Name, got)
			}
		}
	}
}

func TestProtectDataProtectsClusterAndDatabase(t *testing.T) {
	for _, protect := range []bool{false, true} {
		fake := azuremock.New()
		newCache(t, fake, &ManagedRedisArgs{ResourceGroupName: str("rg"), ProtectData: protect})
		for _, token := range []string{clusterToken, databaseToken} {
			if got := fake.One(t, token).RegisterRPC.GetProtect(); got != protect {
				t.Errorf("protectData %v: %s protect = %v", protect, token, got)
			}
		}
	}
}

func TestEveryChildUsesTheAzureNative328PluginAndTheGivenProvider(t *testing.T) {
	for _, mode := range []string{EntraID, AccessKey} {
		t.Run(mode, func(t *testing.T) {
			fake := azuremock.New()
			var providerURN string
			err := azuremock.Run(fake, func(ctx *pulumi.Context) error {
				provider, err := azuremock.NewAzureNativeProvider(ctx)
				if err != nil {
					return err
				}
				providerURN = string(resource.NewURN("stack", "project", "", "pulumi:providers:azure-native", "explicit"))
				_, err = NewManagedRedis(ctx, "cache", &ManagedRedisArgs{
					ResourceGroupName: str("rg"),
					Authentication:    mode,
					AccessPrincipals:  []AccessPrincipal{{ObjectId: str(azuremock.PrincipalA)}, {ObjectId: str(azuremock.PrincipalB)}},
				}, pulumi.Providers(provider))
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			children := 0
			for _, r := range fake.Resources() {
				if !strings.HasPrefix(r.TypeToken, "azure-native:") {
					continue
				}
				children++
				if v := r.RegisterRPC.GetVersion(); v != "3.28.0" {
					t.Errorf("%s %s asks for azure-native %q, want 3.28.0", r.TypeToken, r.Name, v)
				}
				if p := r.RegisterRPC.GetProvider(); !strings.HasPrefix(p, providerURN+"::") {
					t.Errorf("%s %s uses provider %q, want the given one", r.TypeToken, r.Name, p)
				}
			}
			if children < 4 {
				t.Errorf("only %d azure-native children", children)
			}
			for _, c := range fake.Calls() {
				if !strings.HasPrefix(c.Provider, providerURN+"::") {
					t.Errorf("invoke %s uses provider %q, want the given one", c.Token, c.Provider)
				}
			}
		})
	}
}
