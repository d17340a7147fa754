package component

import (
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const (
	clusterToken    = "azure-native:redisenterprise:RedisEnterprise"
	databaseToken   = "azure-native:redisenterprise:Database"
	assignmentToken = "azure-native:redisenterprise:AccessPolicyAssignment"
	vaultToken      = "azure-native:keyvault:Vault"
	secretToken     = "azure-native:keyvault:Secret"
	roleToken       = "azure-native:authorization:RoleAssignment"
	listKeysToken   = "azure-native:redisenterprise:listDatabaseKeys"
)

func TestDefaultCacheIsEntraIdWithSecureSettings(t *testing.T) {
	fake := &fakeAzure{}
	redis := newCache(t, fake, &ManagedRedisArgs{ResourceGroupName: str("rg")})

	cluster := fake.one(t, clusterToken)
	wantName := defaultClusterName("project", "stack", "cache")
	for path, want := range map[string]any{
		"clusterName": wantName, "resourceGroupName": "rg", "sku.name": "Balanced_B0",
		"minimumTlsVersion": "1.2", "publicNetworkAccess": "Enabled",
	} {
		if got := input(cluster, path); got != want {
			t.Errorf("cluster %s = %v, want %v", path, got, want)
		}
	}
	for _, unset := range []string{"highAvailability", "zones", "sku.capacity", "location", "tags"} {
		if got := input(cluster, unset); got != nil {
			t.Errorf("cluster %s = %v, want unset (Azure's default)", unset, got)
		}
	}

	database := fake.one(t, databaseToken)
	for path, want := range map[string]any{
		"clusterName": wantName, "databaseName": "default", "port": float64(10000), "clientProtocol": "Encrypted",
		"accessKeysAuthentication": "Disabled", "clusteringPolicy": "OSSCluster", "evictionPolicy": "VolatileLRU",
		"deferUpgrade": "NotDeferred",
	} {
		if got := input(database, path); got != want {
			t.Errorf("database %s = %v, want %v", path, got, want)
		}
	}
	if !slices.Contains(database.RegisterRPC.GetDependencies(), string(urnOf(cluster))) {
		t.Error("database does not depend on the cluster")
	}

	if n := len(fake.registered(vaultToken)) + len(fake.registered(secretToken)) + len(fake.registered(roleToken)); n != 0 {
		t.Errorf("Entra ID mode registered %d Key Vault or role resources", n)
	}
	if fake.called(listKeysToken) {
		t.Error("Entra ID mode listed access keys")
	}

	host := wantName + ".westeurope.redis.azure.net"
	expectOutput(t, redis.HostName, host, false)
	expectOutput(t, redis.Port, 10000, false)
	expectOutput(t, redis.Authentication, "EntraId", false)
	expectOutput(t, redis.ConnectionString, host+":10000,ssl=true", false)
	expectOutput(t, redis.Uri, "rediss://"+host+":10000", false)
	expectOutput(t, redis.ClusterName, wantName, false)
	expectOutput(t, redis.ClusterId, "/subscriptions/"+testSubscription+"/resourceGroups/rg/providers/Microsoft.Cache/redisEnterprise/"+wantName, false)
	expectOutput(t, redis.DatabaseId, "/subscriptions/"+testSubscription+"/resourceGroups/rg/providers/Microsoft.Cache/redisEnterprise/"+wantName+"/databases/default", false)
	expectOutput(t, redis.ResourceGroupName, "rg", false)
	expectOutput(t, redis.RedisVersion, "7.4", false)
	expectOutput(t, redis.PrimaryAccessKey, "", false)
	expectOutput(t, redis.Environment, map[string]string{
		"ConnectionStrings__cache": host + ":10000,ssl=true",
		"CACHE_HOST":               host,
		"CACHE_PORT":               "10000",
		"CACHE_URI":                "rediss://" + host + ":10000",
	}, false)
}

func TestPrincipalsGetAccessPoliciesOneAfterAnother(t *testing.T) {
	fake := &fakeAzure{}
	newCache(t, fake, &ManagedRedisArgs{
		ResourceGroupName: str("rg"),
		AccessPrincipals: []AccessPrincipal{
			{ObjectId: str(principalA)},
			{ObjectId: str(principalB), PrincipalType: PrincipalUser},
		},
	})
	assignments := fake.registered(assignmentToken)
	if len(assignments) != 2 {
		t.Fatalf("%d access policy assignments, want 2", len(assignments))
	}
	for i, want := range []string{principalA, principalB} {
		a := assignments[i]
		if got := input(a, "user.objectId"); got != want {
			t.Errorf("assignment %d user.objectId = %v, want %s", i, got, want)
		}
		if got := input(a, "accessPolicyName"); got != "default" {
			t.Errorf("assignment %d accessPolicyName = %v", i, got)
		}
		if got := input(a, "databaseName"); got != "default" {
			t.Errorf("assignment %d databaseName = %v", i, got)
		}
		if got, _ := input(a, "accessPolicyAssignmentName").(string); !guidPattern.MatchString(got) {
			t.Errorf("assignment %d name %q is not a GUID", i, got)
		}
	}
	first := string(urnOf(assignments[0]))
	if deps := assignments[1].RegisterRPC.GetDependencies(); !slices.Contains(deps, first) {
		t.Errorf("second assignment depends on %v, not on the first (%s)", deps, first)
	}
	if deps := assignments[0].RegisterRPC.GetDependencies(); slices.ContainsFunc(deps, func(d string) bool {
		return strings.Contains(d, "AccessPolicyAssignment")
	}) {
		t.Errorf("first assignment waits for another assignment: %v", deps)
	}
}

func TestReorderingPrincipalsKeepsNames(t *testing.T) {
	names := func(principals ...string) map[string]string {
		fake := &fakeAzure{}
		args := &ManagedRedisArgs{ResourceGroupName: str("rg")}
		for _, p := range principals {
			args.AccessPrincipals = append(args.AccessPrincipals, AccessPrincipal{ObjectId: str(p)})
		}
		newCache(t, fake, args)
		byPrincipal := map[string]string{}
		for _, a := range fake.registered(assignmentToken) {
			byPrincipal[input(a, "user.objectId").(string)] = a.Name + " " + input(a, "accessPolicyAssignmentName").(string)
		}
		return byPrincipal
	}
	before, after := names(principalA, principalB), names(principalB, principalA)
	for p, name := range before {
		if after[p] != name {
			t.Errorf("principal %s: %q before reordering, %q after", p, name, after[p])
		}
	}
}

func TestAccessKeyWithNewVault(t *testing.T) {
	fake := &fakeAzure{}
	redis := newCache(t, fake, &ManagedRedisArgs{
		ResourceGroupName: str("rg"),
		Authentication:    AccessKey,
		AccessPrincipals:  []AccessPrincipal{{ObjectId: str(principalA)}},
		Tags:              pulumi.StringMap{"team": str("cache")},
	})
	if got := input(fake.one(t, databaseToken), "accessKeysAuthentication"); got != "Enabled" {
		t.Errorf("accessKeysAuthentication = %v, want Enabled", got)
	}
	if !fake.called(listKeysToken) {
		t.Error("listDatabaseKeys was not called")
	}

	vault := fake.one(t, vaultToken)
	vaultName := defaultKeyVaultName("project", "stack", "cache")
	for path, want := range map[string]any{
		"vaultName": vaultName, "resourceGroupName": "rg", "properties.tenantId": testTenant,
		"properties.enableRbacAuthorization": true, "properties.sku.name": "standard", "properties.sku.family": "A",
		"properties.enableSoftDelete": true, "properties.softDeleteRetentionInDays": float64(90),
		"properties.publicNetworkAccess": "Enabled", "tags.team": "cache",
	} {
		if got := input(vault, path); got != want {
			t.Errorf("vault %s = %v, want %v", path, got, want)
		}
	}
	vaultId := "/subscriptions/" + testSubscription + "/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/" + vaultName

	host := defaultClusterName("project", "stack", "cache") + ".westeurope.redis.azure.net"
	wantSecrets := map[string]string{
		"connectionstrings--cache": host + ":10000,ssl=true,password=" + testKey,
		"primaryaccesskey--cache":  testKey,
	}
	secrets := fake.registered(secretToken)
	if len(secrets) != 2 {
		t.Fatalf("%d secrets, want 2", len(secrets))
	}
	for _, secret := range secrets {
		name := input(secret, "secretName").(string)
		if got := input(secret, "properties.value"); got != wantSecrets[name] {
			t.Errorf("secret %s = %v, want %v", name, got, wantSecrets[name])
		}
		if !isSecretInput(secret, "properties") {
			t.Errorf("secret %s value was sent in plain text", name)
		}
		if got := input(secret, "vaultName"); got != vaultName {
			t.Errorf("secret %s in vault %v, want %s", name, got, vaultName)
		}
		if got := input(secret, "tags.team"); got != "cache" {
			t.Errorf("secret %s tags.team = %v", name, got)
		}
	}

	roles := fake.registered(roleToken)
	if len(roles) != 2 {
		t.Fatalf("%d role assignments, want 2 (one per secret)", len(roles))
	}
	secretURNs := []string{string(urnOf(secrets[0])), string(urnOf(secrets[1]))}
	for _, role := range roles {
		scope := input(role, "scope").(string)
		if !strings.HasPrefix(scope, vaultId+"/secrets/") || wantSecrets[strings.TrimPrefix(scope, vaultId+"/secrets/")] == "" {
			t.Errorf("role scope %s is not one of the two secrets", scope)
		}
		for path, want := range map[string]any{
			"principalId": principalA, "principalType": "ServicePrincipal",
			"roleDefinitionId": "/subscriptions/" + testSubscription + "/providers/Microsoft.Authorization/roleDefinitions/" + KeyVaultSecretsUserRole,
		} {
			if got := input(role, path); got != want {
				t.Errorf("role %s = %v, want %v", path, got, want)
			}
		}
		for _, secretURN := range secretURNs {
			if !slices.Contains(role.RegisterRPC.GetDependencies(), secretURN) {
				t.Errorf("role on %s does not wait for secret %s", scope, secretURN)
			}
		}
	}
	if n := len(fake.registered(assignmentToken)); n != 0 {
		t.Errorf("AccessKey mode registered %d access policy assignments", n)
	}

	expectOutput(t, redis.Authentication, "AccessKey", false)
	expectOutput(t, redis.ConnectionString, wantSecrets["connectionstrings--cache"], true)
	expectOutput(t, redis.Uri, "rediss://:fake%2Bprimary%2Fkey%3D%3D@"+host+":10000", true)
	expectOutput(t, redis.PrimaryAccessKey, testKey, true)
	expectOutput(t, redis.KeyVaultId, vaultId, false)
	expectOutput(t, redis.ConnectionStringSecretUri, "https://"+vaultName+".vault.azure.net/secrets/connectionstrings--cache", false)
	expectOutput(t, redis.PrimaryAccessKeySecretUri, "https://"+vaultName+".vault.azure.net/secrets/primaryaccesskey--cache", false)
	env, secret := value[map[string]string](t, redis.Environment)
	if !secret || env["CACHE_PASSWORD"] != testKey || env["ConnectionStrings__cache"] != wantSecrets["connectionstrings--cache"] {
		t.Errorf("environment = %v (secret %v), want the key in CACHE_PASSWORD and the connection string, secret", env, secret)
	}
}

func TestAccessKeyWithGivenVault(t *testing.T) {
	fake := &fakeAzure{}
	redis := newCache(t, fake, &ManagedRedisArgs{
		ResourceGroupName: str("rg"),
		Authentication:    AccessKey,
		KeyVaultId:        str(givenVaultId),
		ConnectionName:    "sessions",
	})
	if n := len(fake.registered(vaultToken)); n != 0 {
		t.Errorf("a vault was created although keyVaultId was given")
	}
	if fake.called("azure-native:authorization:getClientConfig") {
		t.Error("client config read although no vault is created")
	}
	var names []string
	for _, secret := range fake.registered(secretToken) {
		names = append(names, input(secret, "secretName").(string))
		if input(secret, "vaultName") != "shared-kv" || input(secret, "resourceGroupName") != "shared-rg" {
			t.Errorf("secret in %v/%v, want shared-rg/shared-kv", input(secret, "resourceGroupName"), input(secret, "vaultName"))
		}
	}
	slices.Sort(names)
	if !slices.Equal(names, []string{"connectionstrings--sessions", "primaryaccesskey--sessions"}) {
		t.Errorf("secrets %v", names)
	}
	expectOutput(t, redis.KeyVaultId, givenVaultId, false)
	env, _ := value[map[string]string](t, redis.Environment)
	if _, ok := env["SESSIONS_PASSWORD"]; !ok {
		t.Errorf("environment %v lacks SESSIONS_PASSWORD", env)
	}
}

func TestExistingCacheIsReadNotRegistered(t *testing.T) {
	for _, mode := range []string{EntraID, AccessKey} {
		t.Run(mode, func(t *testing.T) {
			fake := &fakeAzure{existingKeys: "Enabled"}
			redis := newCache(t, fake, &ManagedRedisArgs{
				ResourceGroupName: str("rg"),
				Authentication:    mode,
				Existing:          &ExistingCache{ClusterName: str("legacy-cache"), ResourceGroupName: str("other-rg")},
				AccessPrincipals:  []AccessPrincipal{{ObjectId: str(principalA)}},
			})
			if n := len(fake.registered(clusterToken)) + len(fake.registered(databaseToken)); n != 0 {
				t.Fatalf("existing mode registered %d cluster or database resources", n)
			}
			if !fake.called("azure-native:redisenterprise:getRedisEnterprise") || !fake.called("azure-native:redisenterprise:getDatabase") {
				t.Error("the existing cluster and database were not read")
			}
			host := "legacy-cache.eastus.redis.azure.net"
			expectOutput(t, redis.HostName, host, false)
			expectOutput(t, redis.ClusterName, "legacy-cache", false)
			expectOutput(t, redis.ResourceGroupName, "other-rg", false)
			expectOutput(t, redis.RedisVersion, "7.2", false)
			expectOutput(t, redis.DatabaseId, "/subscriptions/"+testSubscription+"/resourceGroups/other-rg/providers/Microsoft.Cache/redisEnterprise/legacy-cache/databases/default", false)
			if mode == EntraID {
				a := fake.one(t, assignmentToken)
				if input(a, "clusterName") != "legacy-cache" || input(a, "resourceGroupName") != "other-rg" {
					t.Errorf("assignment on %v/%v", input(a, "resourceGroupName"), input(a, "clusterName"))
				}
				return
			}
			if len(fake.registered(secretToken)) != 2 || len(fake.registered(roleToken)) != 2 {
				t.Errorf("AccessKey on an existing cache: %d secrets, %d roles", len(fake.registered(secretToken)), len(fake.registered(roleToken)))
			}
			expectOutput(t, redis.ConnectionString, host+":10000,ssl=true,password="+testKey, true)
		})
	}
}

func TestExistingCacheWithKeysDisabledRefusesAccessKey(t *testing.T) {
	fake := &fakeAzure{existingKeys: "Disabled"}
	err := runProgram(fake, func(ctx *pulumi.Context) error {
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
	if fake.called(listKeysToken) {
		t.Error("listDatabaseKeys was called on a database whose keys are disabled")
	}
	if n := len(fake.registered(secretToken)); n != 0 {
		t.Errorf("%d secrets written without a key", n)
	}
}

func TestDatabaseSettingsAreSent(t *testing.T) {
	fake := &fakeAzure{}
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
	cluster, database := fake.one(t, clusterToken), fake.one(t, databaseToken)
	for path, want := range map[string]any{
		"clusterName": "my-cache", "location": "northeurope", "sku.name": "MemoryOptimized_M20",
		"highAvailability": "Disabled", "publicNetworkAccess": "Disabled",
	} {
		if got := input(cluster, path); got != want {
			t.Errorf("cluster %s = %v, want %v", path, got, want)
		}
	}
	for path, want := range map[string]any{
		"clusteringPolicy": "NoCluster", "evictionPolicy": "AllKeysLFU", "deferUpgrade": "Deferred",
		"persistence.rdbEnabled": true, "persistence.rdbFrequency": "6h",
	} {
		if got := input(database, path); got != want {
			t.Errorf("database %s = %v, want %v", path, got, want)
		}
	}
	if got := input(database, "persistence.aofEnabled"); got != nil {
		t.Errorf("persistence.aofEnabled = %v, want unset", got)
	}
	want := []any{map[string]any{"name": "RedisBloom", "args": "ERROR_RATE 0.01"}, map[string]any{"name": "RedisJSON"}}
	if got := input(database, "modules"); !equalJSON(got, want) {
		t.Errorf("modules = %v, want %v", got, want)
	}
}

func TestGeoReplicationAndLegacySkuSettingsAreSent(t *testing.T) {
	fake := &fakeAzure{}
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
	cluster, database := fake.one(t, clusterToken), fake.one(t, databaseToken)
	if got := input(cluster, "sku"); !equalJSON(got, map[string]any{"name": "Enterprise_E10", "capacity": float64(4)}) {
		t.Errorf("sku = %v", got)
	}
	if got := input(cluster, "zones"); !equalJSON(got, []any{"1", "2", "3"}) {
		t.Errorf("zones = %v", got)
	}
	wantGeo := map[string]any{"groupNickname": "global-group", "linkedDatabases": []any{
		map[string]any{"id": "/db/one"}, map[string]any{"id": "/db/two"},
	}}
	if got := input(database, "geoReplication"); !equalJSON(got, wantGeo) {
		t.Errorf("geoReplication = %v, want %v", got, wantGeo)
	}
	// RediSearch makes NoEviction and EnterpriseCluster the defaults (V5).
	if input(database, "evictionPolicy") != "NoEviction" || input(database, "clusteringPolicy") != "EnterpriseCluster" {
		t.Errorf("RediSearch database sent eviction %v, clustering %v", input(database, "evictionPolicy"), input(database, "clusteringPolicy"))
	}
}

func TestTagsGoOnEveryTaggableResource(t *testing.T) {
	fake := &fakeAzure{}
	newCache(t, fake, &ManagedRedisArgs{
		ResourceGroupName: str("rg"),
		Authentication:    AccessKey,
		Tags:              pulumi.StringMap{"env": str("prod")},
	})
	for _, token := range []string{clusterToken, vaultToken, secretToken} {
		for _, r := range fake.registered(token) {
			if got := input(r, "tags.env"); got != "prod" {
				t.Errorf("%s %s has tags.env %v", token, r.Name, got)
			}
		}
	}
}

func TestProtectDataProtectsClusterAndDatabase(t *testing.T) {
	for _, protect := range []bool{false, true} {
		fake := &fakeAzure{}
		newCache(t, fake, &ManagedRedisArgs{ResourceGroupName: str("rg"), ProtectData: protect})
		for _, token := range []string{clusterToken, databaseToken} {
			if got := fake.one(t, token).RegisterRPC.GetProtect(); got != protect {
				t.Errorf("protectData %v: %s protect = %v", protect, token, got)
			}
		}
	}
}

func TestEveryChildUsesTheAzureNative328PluginAndTheGivenProvider(t *testing.T) {
	for _, mode := range []string{EntraID, AccessKey} {
		t.Run(mode, func(t *testing.T) {
			fake := &fakeAzure{}
			var providerURN string
			err := runProgram(fake, func(ctx *pulumi.Context) error {
				provider, err := newAzureNativeProvider(ctx)
				if err != nil {
					return err
				}
				providerURN = string(resource.NewURN("stack", "project", "", "pulumi:providers:azure-native", "explicit"))
				_, err = NewManagedRedis(ctx, "cache", &ManagedRedisArgs{
					ResourceGroupName: str("rg"),
					Authentication:    mode,
					AccessPrincipals:  []AccessPrincipal{{ObjectId: str(principalA)}, {ObjectId: str(principalB)}},
				}, pulumi.Providers(provider))
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			children := 0
			for _, r := range fake.resources {
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
			for _, c := range fake.calls {
				if !strings.HasPrefix(c.Provider, providerURN+"::") {
					t.Errorf("invoke %s uses provider %q, want the given one", c.Token, c.Provider)
				}
			}
		})
	}
}
