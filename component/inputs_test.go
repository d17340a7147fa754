package component

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/azuremock"
	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
)

// Valid args that, together, give every input a value (TestEveryInputReachesAzure proves it):
// the inputs that exclude one another are in different ones.
var (
	keysVaultId = "/subscriptions/" + fakearm.Subscription + "/resourceGroups/keys-rg/providers/Microsoft.KeyVault/vaults/keys-kv"

	// A new legacy Enterprise cache in AccessKey mode, with every feature.
	everyLegacyInput = func() *ManagedRedisArgs {
		return &ManagedRedisArgs{
			ResourceGroupName: str("rg-every"), Location: str("northeurope"), ClusterName: str("every-cluster"),
			Sku: "Enterprise_E10", Capacity: intPtr(4), Zones: []string{"1", "3"},
			MinimumTlsVersion: "1.2", PublicNetworkAccess: "Enabled", Tags: pulumi.StringMap{"team": output("every")},
			Database: &DatabaseSettings{ClientProtocol: "Encrypted", ClusteringPolicy: "EnterpriseCluster", EvictionPolicy: "NoEviction",
				Modules: []DatabaseModule{{Name: "RediSearch", Args: "MAXSEARCHRESULTS 100"}}, Persistence: &PersistenceSettings{AofFrequency: "1s"},
				DeferUpgrade: true},
			Authentication: AccessKey, KeyVaultId: str(azuremock.GivenVaultId), ConnectionName: "every-conn",
			AccessPrincipals: []AccessPrincipal{{Name: "api", ObjectId: str(azuremock.PrincipalA), PrincipalType: PrincipalGroup, Aliases: []string{"old-api"}}},
			PrivateEndpoint:  &PrivateEndpointSettings{SubnetId: str(subnetId), PrivateDnsZoneId: str(zoneId)},
			Diagnostics:      &DiagnosticsSettings{WorkspaceId: str(workspaceId)},
			CustomerManagedKey: &CustomerManagedKeySettings{KeyUrl: str(keyUrl), UserAssignedIdentityId: str(identityId),
				KeyVaultId: str(keysVaultId)},
			ProtectData:       true,
			RoleAssignments:   []RoleAssignment{{Name: "ops", RoleDefinitionId: str("Reader"), PrincipalId: str(azuremock.PrincipalB), PrincipalType: PrincipalUser}},
			AccessKeyRotation: str("2026-q4"),
		}
	}
	// A new Azure Managed Redis cache in EntraId mode, geo-replicated.
	everyManagedRedisInput = func() *ManagedRedisArgs {
		return &ManagedRedisArgs{
			ResourceGroupName: str("rg-every"), Sku: "Balanced_B5", HighAvailability: boolPtr(true),
			Database:         &DatabaseSettings{GeoReplication: &GeoReplicationSettings{GroupNickname: "every-group", LinkedDatabaseIds: pulumi.StringArray{str("/db/every")}}},
			AccessPrincipals: []AccessPrincipal{{ObjectId: str(azuremock.PrincipalC), PrincipalType: PrincipalUser, AccessString: ptr("+@read ~cache:*")}},
		}
	}
	// A cache with snapshots, which exists on Flash (everyInputFake): Balanced_B0 needs a new one.
	everySnapshotInput = func() *ManagedRedisArgs {
		return &ManagedRedisArgs{ResourceGroupName: str("rg-every"), ClusterName: str("every-flash"), AcceptDataLoss: true,
			Database: &DatabaseSettings{Persistence: &PersistenceSettings{RdbFrequency: "6h"}}}
	}
	// An existing cache.
	everyExistingInput = func() *ManagedRedisArgs {
		return &ManagedRedisArgs{ResourceGroupName: str("rg-every"), Existing: &ExistingCache{ClusterName: str("legacy"), ResourceGroupName: str("rg-old")}}
	}
	// A new cache that succeeds an Azure Cache for Redis cache.
	everyMigrationInput = func() *ManagedRedisArgs {
		return &ManagedRedisArgs{ResourceGroupName: str("rg-every"), Authentication: AccessKey,
			MigrateFrom: &MigrationSource{CacheId: str(fakearm.ClassicCacheId("rg-classic", "old")), SwitchDns: true}}
	}
	everyAccessInput = func() *ManagedRedisAccessArgs {
		return &ManagedRedisAccessArgs{ClusterName: str("every-cluster"), ResourceGroupName: str("rg-every"), DatabaseName: str("default"),
			Authentication: EntraID, ObjectId: str(azuremock.PrincipalA), PrincipalType: str(PrincipalUser), AccessString: ptr("+@pubsub &events:*")}
	}
	everyAccessKeyAccessInput = func() *ManagedRedisAccessArgs {
		return &ManagedRedisAccessArgs{ClusterName: str("every-cluster"), ResourceGroupName: str("rg-every"), Authentication: AccessKey,
			KeyVaultId: str(azuremock.GivenVaultId), ConnectionName: str("every-conn"), ObjectId: str(azuremock.PrincipalA), PrincipalType: str(PrincipalGroup)}
	}
)

func ptr[T any](v T) *T { return &v }

// everyInputFake holds what the args above read.
func everyInputFake() *azuremock.Fake {
	fake := azuremock.New(fakearm.ExistingCache("rg-old", "legacy", "eastus", "Enabled")...)
	fake.Seed(fakearm.Seed{ID: identityId, Type: fakearm.IdentityType, Properties: map[string]any{"principalId": azuremock.PrincipalC}})
	fake.Seed(fakearm.ExistingVault("keys-rg", "keys-kv", true)...)
	fake.Seed(fakearm.ClassicCache("rg-classic", "old", "eastus", "Standard", "C", 1, 0, nil))
	flash := fakearm.ExistingCache("rg-every", "every-flash", "westeurope", "Enabled")
	flash[0].Properties["sku"] = map[string]any{"name": "FlashOptimized_A250"}
	fake.Seed(flash...)
	return fake
}

func runManagedRedis(fake *azuremock.Fake, args *ManagedRedisArgs) error {
	return azuremock.Run(fake, func(ctx *pulumi.Context) error {
		_, err := NewManagedRedis(ctx, "every", args)
		return err
	})
}

func runAccess(fake *azuremock.Fake, args *ManagedRedisAccessArgs) error {
	return azuremock.Run(fake, func(ctx *pulumi.Context) error {
		_, err := NewManagedRedisAccess(ctx, "every", args)
		return err
	})
}

// refusable are values one of which each check refuses.
var refusable = []string{"not valid!", " ", PrincipalGroup}

// Every check of a String Input, as declared (managedRedisInputs, accessInputs), refuses a
// literal before anything is registered and the same value as an Output once it is known alike:
// one error, the declaration's input and rule, the same message; a missing required one is
// refused too. The cases are the declarations: a new check is tested without a new case.
func TestEveryInputCheckRefusesLiteralsAndOutputsAlike(t *testing.T) {
	testChecks(t, managedRedisInputs, []func() *ManagedRedisArgs{everyLegacyInput, everyManagedRedisInput, everySnapshotInput, everyExistingInput, everyMigrationInput},
		runManagedRedis)
	testChecks(t, accessInputs, []func() *ManagedRedisAccessArgs{everyAccessInput, everyAccessKeyAccessInput}, runAccess)
}

func testChecks[A any](t *testing.T, checks inputChecks[A], bases []func() *A, run func(*azuremock.Fake, *A) error) {
	for _, c := range checks {
		t.Run(fmt.Sprintf("%T %s %s", *new(A), c.path, c.rule), func(t *testing.T) {
			i := slices.IndexFunc(bases, func(base func() *A) bool { in := c.inputs(base()); return len(in) > 0 && *in[0] != nil })
			if i < 0 {
				t.Fatalf("no args of the test give %s: add it to one", c.path)
			}
			base := bases[i]
			if err := run(everyInputFake(), base()); err != nil {
				t.Fatalf("the base args are refused: %v", err)
			}
			bad := slices.IndexFunc(refusable, func(v string) bool { return c.problem(base(), v) != "" })
			if bad < 0 {
				t.Fatalf("the check refuses none of %q: add a value it refuses", refusable)
			}
			try := func(value pulumi.StringInput) (error, int) {
				args := base()
				*c.inputs(args)[0] = value
				fake := everyInputFake()
				err := run(fake, args)
				return err, len(fake.Resources()) + len(fake.Calls())
			}
			err, written := try(str(refusable[bad]))
			errs := InputErrors(err)
			if len(errs) != 1 || errs[0].Input != c.pathAt(0) || errs[0].Rule != c.rule {
				t.Fatalf("as a literal: %v, want one InputError of input %s and rule %s", err, c.pathAt(0), c.rule)
			}
			if written != 0 {
				t.Errorf("a literal was refused after %d registrations or calls", written)
			}
			// An Output fails the resource that takes it, with the same message inside the engine's.
			if known, _ := try(output(refusable[bad])); known == nil || !strings.Contains(known.Error(), errs[0].Error()) {
				t.Errorf("as a literal: %v\nas an Output: %v", errs[0], known)
			}
			if c.required != nil && c.required(base()) {
				missing, _ := try(nil)
				if errs := InputErrors(missing); len(errs) != 1 || errs[0].Input != c.pathAt(0) || errs[0].Rule != "required" {
					t.Errorf("missing: %v", missing)
				}
			}
		})
	}
}

// Every input of both components reaches Azure: each leaf of the args above arrives where it
// should, in a child resource's inputs (or options, or a read's arguments), or is consumed by a
// rule only, as said here. A new input fails this test until it is listed and forwarded.
func TestEveryInputReachesAzure(t *testing.T) {
	type arrival struct {
		path  string
		where func(f *azuremock.Fake) bool
	}
	input := func(token, path string, want any) func(f *azuremock.Fake) bool {
		return func(f *azuremock.Fake) bool {
			return slices.ContainsFunc(f.Registered(token), func(r pulumi.MockResourceArgs) bool {
				return azuremock.EqualJSON(azuremock.Input(r, path), want)
			})
		}
	}
	read := func(token, arg string, want any) func(f *azuremock.Fake) bool {
		return func(f *azuremock.Fake) bool {
			return slices.ContainsFunc(f.Calls(), func(c pulumi.MockCallArgs) bool {
				return c.Token == token && azuremock.EqualJSON(c.Args[resource.PropertyKey(arg)].Mappable(), want)
			})
		}
	}
	option := func(token string, has func(pulumi.MockResourceArgs) bool) func(f *azuremock.Fake) bool {
		return func(f *azuremock.Fake) bool { return slices.ContainsFunc(f.Registered(token), has) }
	}
	ruleOnly := func(*azuremock.Fake) bool { return true }
	cluster, database, previewAssignment := fakearm.ClusterType, fakearm.DatabaseType, fakearm.PreviewAssignmentType
	role, secret := fakearm.RoleAssignmentType, fakearm.SecretType

	cases := []struct {
		args     func(fake *azuremock.Fake) error
		arrivals []arrival
	}{
		{func(f *azuremock.Fake) error { return runManagedRedis(f, everyLegacyInput()) }, []arrival{
			{"resourceGroupName", input(cluster, "resourceGroupName", "rg-every")},
			{"location", input(cluster, "location", "northeurope")},
			{"clusterName", input(cluster, "clusterName", "every-cluster")},
			{"sku", input(cluster, "sku.name", "Enterprise_E10")},
			{"capacity", input(cluster, "sku.capacity", 4)},
			{"zones", input(cluster, "zones", []string{"1", "3"})},
			{"minimumTlsVersion", input(cluster, "minimumTlsVersion", "1.2")},
			{"publicNetworkAccess", input(cluster, "publicNetworkAccess", "Enabled")},
			{"tags", input(cluster, "tags", map[string]string{"team": "every"})},
			{"database.clientProtocol", input(database, "clientProtocol", "Encrypted")},
			{"database.clusteringPolicy", input(database, "clusteringPolicy", "EnterpriseCluster")},
			{"database.evictionPolicy", input(database, "evictionPolicy", "NoEviction")},
			{"database.modules[0].name", input(database, "modules", []map[string]string{{"name": "RediSearch", "args": "MAXSEARCHRESULTS 100"}})},
			{"database.modules[0].args", input(database, "modules", []map[string]string{{"name": "RediSearch", "args": "MAXSEARCHRESULTS 100"}})},
			{"database.persistence.aofFrequency", input(database, "persistence", map[string]any{"aofEnabled": true, "aofFrequency": "1s"})},
			{"database.deferUpgrade", input(database, "deferUpgrade", "Deferred")},
			{"authentication", input(database, "accessKeysAuthentication", "Enabled")},
			{"keyVaultId", input(secret, "vaultName", "shared-kv")},
			{"connectionName", input(secret, "secretName", "connectionstrings--every-conn")},
			{"accessPrincipals[0].name", option(role, func(r pulumi.MockResourceArgs) bool { return strings.HasPrefix(r.Name, "every-access-api-") })},
			{"accessPrincipals[0].objectId", input(role, "principalId", azuremock.PrincipalA)},
			{"accessPrincipals[0].principalType", input(role, "principalType", PrincipalGroup)},
			{"accessPrincipals[0].aliases[0]", option(role, func(r pulumi.MockResourceArgs) bool {
				return strings.Contains(fmt.Sprint(r.RegisterRPC.GetAliases()), "every-access-old-api-")
			})},
			{"privateEndpoint.subnetId", input(fakearm.PrivateEndpointType, "subnet.id", subnetId)},
			{"privateEndpoint.privateDnsZoneId", input(fakearm.ZoneGroupType, "privateDnsZoneConfigs", []map[string]string{{"name": "privatelink-redis-azure-net", "privateDnsZoneId": zoneId}})},
			{"diagnostics.workspaceId", input(fakearm.DiagnosticType, "workspaceId", workspaceId)},
			{"customerManagedKey.keyUrl", input(cluster, "encryption.customerManagedKeyEncryption.keyEncryptionKeyUrl", keyUrl)},
			{"customerManagedKey.userAssignedIdentityId", input(cluster, "encryption.customerManagedKeyEncryption.keyEncryptionKeyIdentity.userAssignedIdentityResourceId", identityId)},
			{"customerManagedKey.keyVaultId", input(role, "scope", keysVaultId+"/keys/cache-key")},
			{"protectData", option(cluster, func(r pulumi.MockResourceArgs) bool { return r.RegisterRPC.GetProtect() })},
			{"roleAssignments[0].name", option(role, func(r pulumi.MockResourceArgs) bool { return r.Name == "every-role-ops" })},
			{"roleAssignments[0].roleDefinitionId", input(role, "roleDefinitionId", roleDefinitionIdIn(fakearm.Subscription, "Reader"))},
			{"roleAssignments[0].principalId", input(role, "principalId", azuremock.PrincipalB)},
			{"roleAssignments[0].principalType", input(role, "principalType", PrincipalUser)},
			{"accessKeyRotation", input(azuremock.AccessKeyRotationType, "rotation", "2026-q4")},
		}},
		{func(f *azuremock.Fake) error { return runManagedRedis(f, everyManagedRedisInput()) }, []arrival{
			{"highAvailability", input(cluster, "highAvailability", "Enabled")},
			{"database.geoReplication.groupNickname", input(database, "geoReplication.groupNickname", "every-group")},
			{"database.geoReplication.linkedDatabaseIds[0]", input(database, "geoReplication.linkedDatabases", []map[string]string{{"id": "/db/every"}})},
			{"accessPrincipals[0].objectId", input(previewAssignment, "user.objectId", azuremock.PrincipalC)},
			{"accessPrincipals[0].accessString", input(previewAssignment, "accessString", "+@read ~cache:*")},
			// Checked (V22: no groups with Entra ID), not sent: an access policy assignment has no type.
			{"accessPrincipals[0].principalType", ruleOnly},
		}},
		{func(f *azuremock.Fake) error { return runManagedRedis(f, everySnapshotInput()) }, []arrival{
			{"database.persistence.rdbFrequency", input(database, "persistence", map[string]any{"rdbEnabled": true, "rdbFrequency": "6h"})},
			{"acceptDataLoss", option(cluster, func(r pulumi.MockResourceArgs) bool {
				return slices.Equal(r.RegisterRPC.GetReplaceOnChanges(), []string{"*"}) && r.RegisterRPC.GetDeleteBeforeReplace()
			})},
		}},
		{func(f *azuremock.Fake) error { return runManagedRedis(f, everyExistingInput()) }, []arrival{
			{"existing.clusterName", read(fakearm.GetRedisEnterprise, "clusterName", "legacy")},
			{"existing.resourceGroupName", read(fakearm.GetRedisEnterprise, "resourceGroupName", "rg-old")},
		}},
		{func(f *azuremock.Fake) error { return runManagedRedis(f, everyMigrationInput()) }, []arrival{
			{"migrateFrom.cacheId", func(f *azuremock.Fake) bool {
				return read(fakearm.GetRedis, "name", "old")(f) && read(fakearm.GetRedis, "resourceGroupName", "rg-classic")(f) &&
					input(cluster, "location", "eastus")(f)
			}},
			{"migrateFrom.switchDns", input(azuremock.MigrationType, "switchDns", true)},
		}},
		{func(f *azuremock.Fake) error { return runAccess(f, everyAccessInput()) }, []arrival{
			{"clusterName", input(previewAssignment, "clusterName", "every-cluster")},
			{"resourceGroupName", input(previewAssignment, "resourceGroupName", "rg-every")},
			{"databaseName", input(previewAssignment, "databaseName", "default")},
			{"objectId", input(previewAssignment, "user.objectId", azuremock.PrincipalA)},
			{"accessString", input(previewAssignment, "accessString", "+@pubsub &events:*")},
			{"principalType", ruleOnly},
		}},
		{func(f *azuremock.Fake) error { return runAccess(f, everyAccessKeyAccessInput()) }, []arrival{
			{"authentication", input(role, "scope", azuremock.GivenVaultId+"/secrets/connectionstrings--every-conn")},
			{"keyVaultId", input(role, "scope", azuremock.GivenVaultId+"/secrets/primaryaccesskey--every-conn")},
			{"connectionName", input(role, "scope", azuremock.GivenVaultId+"/secrets/connectionstrings--every-conn")},
			{"principalType", input(role, "principalType", PrincipalGroup)},
		}},
	}

	for _, c := range cases {
		fake := everyInputFake()
		if err := c.args(fake); err != nil {
			t.Fatalf("refused: %v", err)
		}
		for _, a := range c.arrivals {
			if !a.where(fake) {
				t.Errorf("%s does not reach Azure as it should", a.path)
			}
		}
	}
	// Every leaf of the args is listed above.
	for _, typed := range []struct {
		args  any
		paths [][]arrival
	}{
		{ManagedRedisArgs{}, [][]arrival{cases[0].arrivals, cases[1].arrivals, cases[2].arrivals, cases[3].arrivals, cases[4].arrivals}},
		{ManagedRedisAccessArgs{}, [][]arrival{cases[5].arrivals, cases[6].arrivals}},
	} {
		seen := map[string]bool{}
		for _, arrivals := range typed.paths {
			for _, a := range arrivals {
				seen[leafOf(a.path)] = true
			}
		}
		for _, leaf := range leaves(reflect.TypeOf(typed.args), "") {
			if !seen[leaf] {
				t.Errorf("%T.%s: no test args set it, or its arrival is not listed", typed.args, leaf)
			}
		}
	}
}

// leafOf is a path without its list indexes.
func leafOf(path string) string {
	for {
		i := strings.Index(path, "[")
		if i < 0 {
			return path
		}
		path = path[:i] + path[strings.Index(path, "]")+1:]
	}
}

// leaves are the schema paths of the inputs of t that hold values (not structs), lists unindexed.
func leaves(t reflect.Type, prefix string) []string {
	var found []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("pulumi"), ",")
		if name == "" {
			continue
		}
		ft := f.Type
		for ft.Kind() == reflect.Pointer || (ft.Kind() == reflect.Slice && ft.Elem().Kind() != reflect.String) {
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.Struct && !ft.Implements(reflect.TypeFor[pulumi.Input]()) {
			found = append(found, leaves(ft, prefix+name+".")...)
			continue
		}
		found = append(found, prefix+name)
	}
	return found
}
