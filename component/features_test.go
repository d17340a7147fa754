package component

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/azuremock"
	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
)

const (
	subnetId    = "/subscriptions/" + fakearm.Subscription + "/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/cache"
	vnetId      = "/subscriptions/" + fakearm.Subscription + "/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/vnet"
	zoneId      = "/subscriptions/" + fakearm.Subscription + "/resourceGroups/dns-rg/providers/Microsoft.Network/privateDnsZones/privatelink.redis.azure.net"
	workspaceId = "/subscriptions/" + fakearm.Subscription + "/resourceGroups/ops-rg/providers/Microsoft.OperationalInsights/workspaces/logs"
	keyVaultId  = "/subscriptions/" + fakearm.Subscription + "/resourceGroups/keys-rg/providers/Microsoft.KeyVault/vaults/keys-kv"
	keyUrl      = "https://keys-kv.vault.azure.net/keys/cache-key/0123456789abcdef0123456789abcdef"
)

var identityId = fakearm.IdentityId("keys-rg", "cache-identity")

func TestPrivateEndpointWithANewZone(t *testing.T) {
	fake := azuremock.New()
	redis := newCache(t, fake, &ManagedRedisArgs{ResourceGroupName: str("rg"), PrivateEndpoint: &PrivateEndpointSettings{SubnetId: str(subnetId)}})

	cluster := fake.One(t, clusterToken)
	if got := azuremock.Input(cluster, "publicNetworkAccess"); got != "Disabled" {
		t.Errorf("publicNetworkAccess %v with a private endpoint, want Disabled", got)
	}
	clusterName := defaultClusterName(testScope("rg", "cache"))
	endpoint := fake.One(t, fakearm.PrivateEndpointType)
	connection := map[string]any{"name": clusterName + "-pe", "privateLinkServiceId": fakearm.ClusterId("rg", clusterName),
		"groupIds": []any{"redisEnterprise"}}
	for path, want := range map[string]any{
		"privateEndpointName": clusterName + "-pe", "resourceGroupName": "rg", "subnet.id": subnetId,
		// The generated SDK's defaults, which the binding sends too.
		"subnet.privateEndpointNetworkPolicies": "Disabled", "subnet.privateLinkServiceNetworkPolicies": "Enabled",
	} {
		if got := azuremock.Input(endpoint, path); got != want {
			t.Errorf("endpoint %s = %v, want %v", path, got, want)
		}
	}
	if got := azuremock.Input(endpoint, "privateLinkServiceConnections"); !azuremock.EqualJSON(got, []any{connection}) {
		t.Errorf("privateLinkServiceConnections %v, want %v", got, connection)
	}

	zone, link, group := fake.One(t, fakearm.PrivateZoneType), fake.One(t, fakearm.NetworkLinkType), fake.One(t, fakearm.ZoneGroupType)
	if azuremock.Input(zone, "privateZoneName") != "privatelink.redis.azure.net" || azuremock.Input(zone, "location") != "global" {
		t.Errorf("zone %v", zone.Inputs)
	}
	for path, want := range map[string]any{
		"privateZoneName": "privatelink.redis.azure.net", "virtualNetwork.id": vnetId, "registrationEnabled": false, "location": "global",
	} {
		if got := azuremock.Input(link, path); got != want {
			t.Errorf("link %s = %v, want %v", path, got, want)
		}
	}
	wantZoneId := fakearm.ResourceGroupId("rg") + "/providers/Microsoft.Network/privateDnsZones/privatelink.redis.azure.net"
	if got := azuremock.Input(group, "privateDnsZoneConfigs"); !azuremock.EqualJSON(got,
		[]any{map[string]any{"name": "privatelink-redis-azure-net", "privateDnsZoneId": wantZoneId}}) {
		t.Errorf("zone group configs %v", got)
	}
	if azuremock.Input(group, "privateEndpointName") != clusterName+"-pe" || !dependsOn(group, endpoint) {
		t.Errorf("zone group of %v", azuremock.Input(group, "privateEndpointName"))
	}

	peId := fakearm.PrivateEndpointId("rg", clusterName+"-pe")
	azuremock.ExpectOutput(t, redis.PrivateEndpointId, peId, false)
	azuremock.ExpectOutput(t, redis.PrivateIpAddress, fakearm.PrivateIpAddress(peId), false)
	// The access keys' outputs do not apply: empty, as in every SDK.
	azuremock.ExpectOutput(t, redis.PrimaryAccessKey, "", false)
}

func TestPrivateEndpointWithAGivenZoneAndPublicAccessKept(t *testing.T) {
	fake := azuremock.New()
	newCache(t, fake, &ManagedRedisArgs{ResourceGroupName: str("rg"), PublicNetworkAccess: "Enabled",
		PrivateEndpoint: &PrivateEndpointSettings{SubnetId: str(subnetId), PrivateDnsZoneId: output(zoneId)}})
	if got := azuremock.Input(fake.One(t, clusterToken), "publicNetworkAccess"); got != "Enabled" {
		t.Errorf("publicNetworkAccess %v, want the explicit Enabled", got)
	}
	if n := len(fake.Registered(fakearm.PrivateZoneType)) + len(fake.Registered(fakearm.NetworkLinkType)); n != 0 {
		t.Errorf("%d zones or links created although a zone was given", n)
	}
	configs := azuremock.Input(fake.One(t, fakearm.ZoneGroupType), "privateDnsZoneConfigs")
	if !strings.Contains(jsonOf(configs), zoneId) {
		t.Errorf("zone group configs %v, want the given zone", configs)
	}
}

// An existing cache gets a private endpoint too: the endpoint is new, the cache is not written.
func TestPrivateEndpointToAnExistingCache(t *testing.T) {
	fake := azuremock.New(fakearm.ExistingCache("rg", "legacy", "eastus", "Enabled")...)
	redis := newCache(t, fake, &ManagedRedisArgs{ResourceGroupName: str("rg"), Existing: &ExistingCache{ClusterName: str("legacy")},
		PrivateEndpoint: &PrivateEndpointSettings{SubnetId: str(subnetId)}})
	if n := len(fake.Registered(clusterToken)) + len(fake.Registered(databaseToken)); n != 0 {
		t.Fatalf("the existing cache was registered (%d)", n)
	}
	endpoint := fake.One(t, fakearm.PrivateEndpointType)
	if got := azuremock.Input(endpoint, "privateLinkServiceConnections"); !strings.Contains(jsonOf(got), fakearm.ClusterId("rg", "legacy")) {
		t.Errorf("endpoint to %v", got)
	}
	azuremock.ExpectOutput(t, redis.PrivateEndpointId, fakearm.PrivateEndpointId("rg", "legacy-pe"), false)
}

func TestDiagnosticsSendDatabaseLogsAndClusterMetrics(t *testing.T) {
	fake := azuremock.New()
	newCache(t, fake, &ManagedRedisArgs{ResourceGroupName: str("rg"), Diagnostics: &DiagnosticsSettings{WorkspaceId: str(workspaceId)}})
	settings := fake.Registered(fakearm.DiagnosticType)
	if len(settings) != 2 {
		t.Fatalf("%d diagnostic settings, want 2", len(settings))
	}
	clusterName := defaultClusterName(testScope("rg", "cache"))
	want := map[string]map[string]any{
		"cache-logs": {"resourceUri": fakearm.DatabaseId("rg", clusterName, "default"), "name": "cache-logs", "workspaceId": workspaceId,
			"logs": []any{map[string]any{"category": "ConnectionEvents", "enabled": true}}},
		"cache-metrics": {"resourceUri": fakearm.ClusterId("rg", clusterName), "name": "cache-metrics", "workspaceId": workspaceId,
			"metrics": []any{map[string]any{"category": "AllMetrics", "enabled": true}}},
	}
	for _, setting := range settings {
		for path, value := range want[setting.Name] {
			if got := azuremock.Input(setting, path); !azuremock.EqualJSON(got, value) {
				t.Errorf("%s %s = %v, want %v", setting.Name, path, got, value)
			}
		}
		if !setting.RegisterRPC.GetDeleteBeforeReplace() {
			t.Errorf("%s: its name is fixed, so a replacement must delete first", setting.Name)
		}
	}
}

func TestCustomerManagedKeyIsGrantedBeforeTheClusterUsesIt(t *testing.T) {
	fake := azuremock.New(fakearm.Seed{ID: identityId, Type: fakearm.IdentityType, Properties: map[string]any{
		"name": "cache-identity", "principalId": azuremock.PrincipalC}})
	newCache(t, fake, &ManagedRedisArgs{ResourceGroupName: str("rg"), CustomerManagedKey: &CustomerManagedKeySettings{
		KeyUrl: str(keyUrl), UserAssignedIdentityId: output(identityId), KeyVaultId: str(keyVaultId),
	}})
	cluster := fake.One(t, clusterToken)
	for path, want := range map[string]any{
		"identity": map[string]any{"type": "UserAssigned", "userAssignedIdentities": []any{identityId}},
		"encryption": map[string]any{"customerManagedKeyEncryption": map[string]any{"keyEncryptionKeyUrl": keyUrl,
			"keyEncryptionKeyIdentity": map[string]any{"identityType": "userAssignedIdentity", "userAssignedIdentityResourceId": identityId}}},
	} {
		if got := azuremock.Input(cluster, path); !azuremock.EqualJSON(got, want) {
			t.Errorf("cluster %s = %v, want %v", path, got, want)
		}
	}
	role := fake.One(t, roleToken)
	for path, want := range map[string]any{
		"scope": keyVaultId + "/keys/cache-key", "principalId": azuremock.PrincipalC, "principalType": "ServicePrincipal",
		"roleDefinitionId": "/subscriptions/" + fakearm.Subscription + "/providers/Microsoft.Authorization/roleDefinitions/" +
			KeyVaultCryptoServiceEncryptionUserRole,
	} {
		if got := azuremock.Input(role, path); got != want {
			t.Errorf("role %s = %v, want %v", path, got, want)
		}
	}
	if !dependsOn(cluster, role) {
		t.Error("the cluster does not wait for its identity's role on the key: a first up would fail")
	}
	if !fake.Called(fakearm.GetIdentity) {
		t.Error("the identity's principal was not read")
	}
}

func TestCustomerManagedKeyWithoutItsVaultGrantsNothing(t *testing.T) {
	fake := azuremock.New()
	newCache(t, fake, &ManagedRedisArgs{ResourceGroupName: str("rg"), CustomerManagedKey: &CustomerManagedKeySettings{
		KeyUrl: str(keyUrl), UserAssignedIdentityId: str(identityId),
	}})
	if n := len(fake.Registered(roleToken)); n != 0 || fake.Called(fakearm.GetIdentity) {
		t.Errorf("%d roles granted without the key's vault", n)
	}
	if got := azuremock.Input(fake.One(t, clusterToken), "encryption.customerManagedKeyEncryption.keyEncryptionKeyUrl"); got != keyUrl {
		t.Errorf("key %v", got)
	}
}

func TestFeatureRules(t *testing.T) {
	tests := []struct {
		name        string
		args        ManagedRedisArgs
		input, rule string
	}{
		{"no subnet", ManagedRedisArgs{PrivateEndpoint: &PrivateEndpointSettings{}}, "privateEndpoint.subnetId", "required"},
		{"a virtual network, not a subnet", ManagedRedisArgs{PrivateEndpoint: &PrivateEndpointSettings{SubnetId: str(vnetId)}},
			"privateEndpoint.subnetId", "private endpoint"},
		{"another zone", ManagedRedisArgs{PrivateEndpoint: &PrivateEndpointSettings{SubnetId: str(subnetId),
			PrivateDnsZoneId: str(strings.Replace(zoneId, "privatelink.redis.azure.net", "privatelink.redis.cache.windows.net", 1))}},
			"privateEndpoint.privateDnsZoneId", "private endpoint"},
		{"no workspace", ManagedRedisArgs{Diagnostics: &DiagnosticsSettings{}}, "diagnostics.workspaceId", "required"},
		{"a storage account, not a workspace", ManagedRedisArgs{Diagnostics: &DiagnosticsSettings{
			WorkspaceId: str(strings.Replace(workspaceId, "Microsoft.OperationalInsights/workspaces", "Microsoft.Storage/storageAccounts", 1))}},
			"diagnostics.workspaceId", "diagnostics"},
		{"a key without version", ManagedRedisArgs{CustomerManagedKey: &CustomerManagedKeySettings{
			KeyUrl: str("https://keys-kv.vault.azure.net/keys/cache-key"), UserAssignedIdentityId: str(identityId)}},
			"customerManagedKey.keyUrl", "V20"},
		{"no identity", ManagedRedisArgs{CustomerManagedKey: &CustomerManagedKeySettings{KeyUrl: str(keyUrl)}},
			"customerManagedKey.userAssignedIdentityId", "required"},
		{"an identity's client id", ManagedRedisArgs{CustomerManagedKey: &CustomerManagedKeySettings{
			KeyUrl: str(keyUrl), UserAssignedIdentityId: str(azuremock.PrincipalA)}}, "customerManagedKey.userAssignedIdentityId", "V20"},
		{"another vault than the key's", ManagedRedisArgs{CustomerManagedKey: &CustomerManagedKeySettings{
			KeyUrl: str(keyUrl), UserAssignedIdentityId: str(identityId), KeyVaultId: str(azuremock.GivenVaultId)}},
			"customerManagedKey.keyVaultId", "V20"},
		{"a key for an existing cache", ManagedRedisArgs{Existing: &ExistingCache{ClusterName: str("legacy")},
			CustomerManagedKey: &CustomerManagedKeySettings{KeyUrl: str(keyUrl), UserAssignedIdentityId: str(identityId)}},
			"customerManagedKey", "existing cache"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := tt.args
			args.ResourceGroupName = str("rg")
			fake := azuremock.New()
			err := runCache(fake, &args)
			if !hasInputError(err, tt.input, tt.rule) {
				t.Fatalf("want %s refused by %s, got %v", tt.input, tt.rule, err)
			}
			if n := len(fake.Resources()) + len(fake.Calls()); n != 0 {
				t.Errorf("%d resources or calls before refusing", n)
			}
		})
	}
	// The same checks on Outputs, as soon as they are known.
	err := runCache(azuremock.New(), &ManagedRedisArgs{ResourceGroupName: str("rg"), CustomerManagedKey: &CustomerManagedKeySettings{
		KeyUrl: output("https://keys-kv.vault.azure.net/keys/cache-key"), UserAssignedIdentityId: str(identityId)}})
	if !hasInputError(err, "customerManagedKey.keyUrl", "V20") {
		t.Errorf("an Output key URL without version: %v", err)
	}
}

// jsonOf is v as JSON, to look for a value in it.
func jsonOf(v any) string {
	data, _ := json.Marshal(v)
	return string(data)
}

// Without a customer-managed key, Microsoft-managed keys are asked for explicitly, so that
// removing a key from a cache reaches Azure.
func TestWithoutACustomerManagedKeyMicrosoftManagedKeysAreSent(t *testing.T) {
	fake := azuremock.New()
	newCache(t, fake, &ManagedRedisArgs{ResourceGroupName: str("rg")})
	cluster := fake.One(t, clusterToken)
	if got := azuremock.Input(cluster, "encryption"); !azuremock.EqualJSON(got, map[string]any{"customerManagedKeyEncryption": map[string]any{}}) {
		t.Errorf("encryption %v, want an empty customerManagedKeyEncryption", got)
	}
	if got := azuremock.Input(cluster, "identity"); got != nil {
		t.Errorf("identity %v without a key", got)
	}
}
