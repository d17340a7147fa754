package component

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure/redisenterprise"
)

// The rules a ManagedRedis checks before it registers anything. V1-V22 are Azure's rules
// (listed in the README); the others are the component's own. A rule reports every input that
// breaks it, so one preview shows all problems at once. Rules read the resolved settings, and
// the args for what the user set explicitly.

type rule struct {
	id    string
	check func(a *ManagedRedisArgs, s *settings) []error
}

var managedRedisRules = []rule{
	{"required", requiredInputs},
	{"allowed values", allowedValues},
	{"V1", clusterNameRule},
	{"V3", geoReplicationNeedsSkuAndHighAvailability},
	{"V4", geoReplicationModules},
	{"V5", rediSearchNeedsNoEvictionAndEnterpriseCluster},
	{"V6", persistenceIsAofOrRdb},
	{"V7", geoReplicationGroup},
	{"V9", zonesOnLegacySkusOnly},
	{"V10", capacityOnLegacySkusOnly},
	{"V11", highAvailabilityOnManagedRedisSkusOnly},
	{"V12", noClusterOnSmallCachesOnly},
	{"V15", tls12Only},
	{"V16", publicNetworkAccessValues},
	{"V18", entraIdNeedsTls},
	{"V20", customerManagedKeyIsVersionedWithAUserAssignedIdentity},
	{"V22", noGroupsForEntraId},
	{"modules", eachModuleOnce},
	{"connection name", connectionNameRule},
	{"key vault", keyVaultOnlyForAccessKeys},
	{"private endpoint", privateEndpointInASubnet},
	{"diagnostics", diagnosticsToAWorkspace},
	{"existing cache", existingCacheIsReadOnly},
	{"principals", principalsAreNamedObjectIds},
	{"role assignments", roleAssignmentsRule},
}

// Not checked before deploying, because they need the cache's current state, which a preview
// does not read: V8 (scale targets), V11's "cannot turn high availability off", V12's
// "clustering policy changes only away from NoCluster", V13 (modules are create-only). The
// component never sends a database name other than "default" (V2), a port other than 10000
// (V14), an access policy other than "default" (V17), lists keys only with keys enabled
// (V19) and azure-native updates databases by PUT (V21).

// validate runs every rule and joins what they report, each error under its rule's id.
func validate(a *ManagedRedisArgs, s *settings) error {
	var errs []error
	for _, r := range managedRedisRules {
		for _, err := range r.check(a, s) {
			if ie, ok := err.(*InputError); ok {
				ie.Rule = r.id
			}
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func requiredInputs(a *ManagedRedisArgs, _ *settings) []error {
	var errs []error
	if a.ResourceGroupName == nil {
		errs = append(errs, inputError("resourceGroupName", "required", "the resource group of the cache is required"))
	} else if name, ok := literal(a.ResourceGroupName); ok {
		errs = append(errs, checkNotEmpty("resourceGroupName", name))
	}
	if e := a.Existing; e != nil {
		if e.ClusterName == nil {
			errs = append(errs, inputError("existing.clusterName", "required", "the existing cluster's name is required"))
		}
		if name, ok := literal(e.ResourceGroupName); ok {
			errs = append(errs, checkNotEmpty("existing.resourceGroupName", name))
		}
	}
	return errs
}

func allowedValues(a *ManagedRedisArgs, s *settings) []error {
	var errs []error
	report := func(input, problem string) {
		if problem != "" {
			errs = append(errs, inputError(input, "allowed values", "%s", problem))
		}
	}
	if s.sku.name == "" {
		report("sku", fmt.Sprintf("%q is not a SKU Azure offers: use Balanced_B0-B1000, MemoryOptimized_M10-M2000, "+
			"ComputeOptimized_X3-X700, FlashOptimized_A250-A4500, or the legacy Enterprise_E1-E400 and "+
			"EnterpriseFlash_F300-F1500", s.skuName))
	}
	report("authentication", oneOf(s.authentication, Authentications))
	db := s.database
	report("database.clientProtocol", oneOf(db.ClientProtocol, redisenterprise.Protocols))
	report("database.clusteringPolicy", oneOf(db.ClusteringPolicy, redisenterprise.ClusteringPolicies))
	report("database.evictionPolicy", oneOf(db.EvictionPolicy, redisenterprise.EvictionPolicies))
	for i, m := range db.Modules {
		report(fmt.Sprintf("database.modules[%d].name", i), oneOf(m.Name, ModuleNames))
	}
	for i, zone := range s.zones {
		report(fmt.Sprintf("zones[%d]", i), oneOf(zone, Zones))
	}
	for _, p := range s.principals {
		errs = append(errs, checkPrincipalType(fmt.Sprintf("accessPrincipals[%d].principalType", p.index), p.principalType))
	}
	return errs
}

func clusterNameRule(a *ManagedRedisArgs, _ *settings) []error {
	var errs []error
	if name, ok := literal(a.ClusterName); ok {
		errs = append(errs, checkClusterName("clusterName", name))
	}
	if a.Existing != nil {
		if name, ok := literal(a.Existing.ClusterName); ok {
			errs = append(errs, checkClusterName("existing.clusterName", name))
		}
	}
	return errs
}

func geoReplicationNeedsSkuAndHighAvailability(_ *ManagedRedisArgs, s *settings) []error {
	if s.database.GeoReplication == nil || s.sku.name == "" {
		return nil
	}
	var errs []error
	if !s.sku.supportsGeoReplication() {
		errs = append(errs, inputError("database.geoReplication", "V3",
			"sku %s does not support geo-replication: use Balanced_B3 or larger, a MemoryOptimized or "+
				"ComputeOptimized SKU, or a legacy Enterprise SKU other than E1", s.sku.name))
	}
	if ha := s.highAvailability; ha != nil && !*ha {
		errs = append(errs, inputError("highAvailability", "V3",
			"geo-replication needs high availability: leave highAvailability unset or true"))
	}
	if s.sku.family == "EnterpriseFlash" && s.database.EvictionPolicy != redisenterprise.EvictionPolicyNoEviction {
		errs = append(errs, inputError("database.evictionPolicy", "V3",
			"geo-replication on Enterprise Flash needs evictionPolicy NoEviction, not %s", s.database.EvictionPolicy))
	}
	return errs
}

var geoReplicationModuleNames = []string{ModuleRediSearch, ModuleRedisJSON}

func geoReplicationModules(_ *ManagedRedisArgs, s *settings) []error {
	if s.database.GeoReplication == nil {
		return nil
	}
	var errs []error
	for i, m := range s.database.Modules {
		if slices.Contains(ModuleNames, m.Name) && !slices.Contains(geoReplicationModuleNames, m.Name) {
			errs = append(errs, inputError(fmt.Sprintf("database.modules[%d].name", i), "V4",
				"%s cannot be used with geo-replication: only RediSearch and RedisJSON can", m.Name))
		}
	}
	return errs
}

func rediSearchNeedsNoEvictionAndEnterpriseCluster(_ *ManagedRedisArgs, s *settings) []error {
	db := s.database
	if !db.hasModule(ModuleRediSearch) {
		return nil
	}
	var errs []error
	if db.EvictionPolicy != redisenterprise.EvictionPolicyNoEviction {
		errs = append(errs, inputError("database.evictionPolicy", "V5",
			"RediSearch needs evictionPolicy NoEviction, not %s", db.EvictionPolicy))
	}
	if db.ClusteringPolicy != redisenterprise.ClusteringPolicyEnterpriseCluster {
		errs = append(errs, inputError("database.clusteringPolicy", "V5",
			"RediSearch needs clusteringPolicy EnterpriseCluster, not %s", db.ClusteringPolicy))
	}
	return errs
}

func persistenceIsAofOrRdb(_ *ManagedRedisArgs, s *settings) []error {
	p := s.database.Persistence
	if p == nil {
		return nil
	}
	var errs []error
	switch {
	case p.AofFrequency != "" && p.RdbFrequency != "":
		errs = append(errs, inputError("database.persistence", "V6",
			"choose AOF (aofFrequency) or RDB (rdbFrequency) persistence, not both"))
	case p.AofFrequency == "" && p.RdbFrequency == "":
		errs = append(errs, inputError("database.persistence", "V6",
			"set aofFrequency (\"1s\") or rdbFrequency (\"1h\", \"6h\" or \"12h\"), or leave persistence out"))
	}
	if problem := oneOf(p.AofFrequency, AofFrequencies); p.AofFrequency != "" && problem != "" {
		errs = append(errs, inputError("database.persistence.aofFrequency", "V6", "%s", problem))
	}
	if problem := oneOf(p.RdbFrequency, RdbFrequencies); p.RdbFrequency != "" && problem != "" {
		errs = append(errs, inputError("database.persistence.rdbFrequency", "V6", "%s", problem))
	}
	if s.database.GeoReplication != nil {
		errs = append(errs, inputError("database.persistence", "V6", "persistence cannot be used with geo-replication"))
	}
	return errs
}

func geoReplicationGroup(_ *ManagedRedisArgs, s *settings) []error {
	geo := s.database.GeoReplication
	if geo == nil {
		return nil
	}
	var errs []error
	if !nicknamePattern.MatchString(geo.GroupNickname) {
		errs = append(errs, inputError("database.geoReplication.groupNickname", "V7",
			"%q is not a valid group nickname: use 1-63 letters, digits and hyphens, starting and ending with a letter or digit",
			geo.GroupNickname))
	}
	const input = "database.geoReplication.linkedDatabaseIds"
	if geo.LinkedDatabaseIds == nil {
		errs = append(errs, checkLinkedDatabaseIds(input, nil))
	} else if ids, ok := literals(geo.LinkedDatabaseIds); ok {
		errs = append(errs, checkLinkedDatabaseIds(input, ids))
	}
	return errs
}

func zonesOnLegacySkusOnly(_ *ManagedRedisArgs, s *settings) []error {
	if len(s.zones) > 0 && s.sku.name != "" && !s.sku.legacy() {
		return []error{inputError("zones", "V9",
			"zones apply only to the legacy Enterprise and EnterpriseFlash SKUs; %s is zone-redundant by default", s.sku.name)}
	}
	return nil
}

func capacityOnLegacySkusOnly(_ *ManagedRedisArgs, s *settings) []error {
	c := s.capacity
	switch {
	case c == nil:
		return nil
	case s.sku.name != "" && !s.sku.legacy():
		return []error{inputError("capacity", "V10",
			"capacity applies only to the legacy Enterprise and EnterpriseFlash SKUs, not %s", s.sku.name)}
	case *c <= 0:
		return []error{inputError("capacity", "V10", "%d: capacity must be a positive number of nodes", *c)}
	}
	return nil
}

func highAvailabilityOnManagedRedisSkusOnly(_ *ManagedRedisArgs, s *settings) []error {
	if s.highAvailability != nil && s.sku.legacy() {
		return []error{inputError("highAvailability", "V11",
			"highAvailability applies only to Azure Managed Redis SKUs, not the legacy %s", s.sku.name)}
	}
	return nil
}

func noClusterOnSmallCachesOnly(_ *ManagedRedisArgs, s *settings) []error {
	if s.database.ClusteringPolicy == redisenterprise.ClusteringPolicyNoCluster && s.sku.name != "" && !s.sku.supportsNoCluster() {
		return []error{inputError("database.clusteringPolicy", "V12",
			"NoCluster is for in-memory caches of 25 GB or less (Balanced, MemoryOptimized or ComputeOptimized up to size 20), not %s",
			s.sku.name)}
	}
	return nil
}

func tls12Only(_ *ManagedRedisArgs, s *settings) []error {
	if s.minimumTlsVersion != DefaultMinimumTlsVersion {
		return []error{inputError("minimumTlsVersion", "V15",
			"%q: TLS 1.0 and 1.1 are obsolete; Azure Managed Redis accepts only %q", s.minimumTlsVersion, DefaultMinimumTlsVersion)}
	}
	return nil
}

func publicNetworkAccessValues(_ *ManagedRedisArgs, s *settings) []error {
	if problem := oneOf(s.publicNetworkAccess, redisenterprise.PublicNetworkAccesses); problem != "" {
		return []error{inputError("publicNetworkAccess", "V16", "%s", problem)}
	}
	return nil
}

func entraIdNeedsTls(_ *ManagedRedisArgs, s *settings) []error {
	if s.authentication == EntraID && s.database.ClientProtocol == redisenterprise.ProtocolPlaintext {
		return []error{inputError("database.clientProtocol", "V18",
			"Entra ID authentication works over TLS only: use Encrypted, or authentication AccessKey")}
	}
	return nil
}

func noGroupsForEntraId(_ *ManagedRedisArgs, s *settings) []error {
	var errs []error
	check := principalTypeCheck(s.authentication)
	for _, p := range s.principals {
		// Unknown types are reported by allowedValues.
		if err := check(fmt.Sprintf("accessPrincipals[%d].principalType", p.index), p.principalType); p.principalType == PrincipalGroup {
			errs = append(errs, err)
		}
	}
	return errs
}

func eachModuleOnce(_ *ManagedRedisArgs, s *settings) []error {
	names := make([]string, len(s.database.Modules))
	for i, m := range s.database.Modules {
		names[i] = m.Name
	}
	if first, second, dup := firstDuplicate(names, strings.ToLower); dup {
		return []error{inputError(fmt.Sprintf("database.modules[%d].name", second), "modules",
			"%s is already database.modules[%d]: enable each module once, with all its args", names[second], first)}
	}
	return nil
}

func connectionNameRule(a *ManagedRedisArgs, s *settings) []error {
	err := checkConnectionName("connectionName", s.connectionName)
	if err != nil && a.ConnectionName == "" {
		return []error{inputError("connectionName", "connection name",
			"the component name %q is not a valid connection name (a letter, then letters, digits and hyphens, at "+
				"most %d characters): set connectionName", s.name, maxConnectionNameLength)}
	}
	return []error{err}
}

func keyVaultOnlyForAccessKeys(a *ManagedRedisArgs, s *settings) []error {
	if a.KeyVaultId == nil {
		return nil
	}
	if !s.accessKeys {
		return []error{inputError("keyVaultId", "key vault",
			"a Key Vault holds the access-key secrets: it applies only to authentication AccessKey")}
	}
	if id, ok := literal(a.KeyVaultId); ok {
		return []error{checkKeyVaultId("keyVaultId", id)}
	}
	return nil
}

func existingCacheIsReadOnly(a *ManagedRedisArgs, _ *settings) []error {
	existing := a.Existing
	if existing == nil {
		return nil
	}
	var errs []error
	setForCreation := []struct {
		input string
		set   bool
	}{
		{"capacity", a.Capacity != nil}, {"clusterName", a.ClusterName != nil}, {"database", a.Database != nil},
		{"highAvailability", a.HighAvailability != nil}, {"location", a.Location != nil},
		{"minimumTlsVersion", a.MinimumTlsVersion != ""}, {"protectData", a.ProtectData},
		{"publicNetworkAccess", a.PublicNetworkAccess != ""}, {"sku", a.Sku != ""}, {"zones", a.Zones != nil},
		{"customerManagedKey", a.CustomerManagedKey != nil},
	}
	for _, input := range setForCreation {
		if input.set {
			errs = append(errs, inputError(input.input, "existing cache",
				"cannot be set with existing: an existing cache is read, never modified"))
		}
	}
	return errs
}

// literalCheck is a check of an Input, run before registration when it is a literal.
type literalCheck struct {
	input    string
	value    pulumi.StringInput
	required bool // a missing one is refused by rule
	check    valueCheck
}

// literalChecks runs checks on the Inputs given as literals; a missing required one is refused.
func literalChecks(rule string, checks ...literalCheck) []error {
	var errs []error
	for _, c := range checks {
		if c.value == nil {
			if c.required {
				errs = append(errs, inputError(c.input, rule, "is required"))
			}
			continue
		}
		if value, ok := literal(c.value); ok {
			errs = append(errs, c.check(c.input, value))
		}
	}
	return errs
}

func privateEndpointInASubnet(a *ManagedRedisArgs, _ *settings) []error {
	pe := a.PrivateEndpoint
	if pe == nil {
		return nil
	}
	return literalChecks("private endpoint",
		literalCheck{"privateEndpoint.subnetId", pe.SubnetId, true, checkSubnetId},
		literalCheck{"privateEndpoint.privateDnsZoneId", pe.PrivateDnsZoneId, false, checkPrivateDnsZoneId})
}

func diagnosticsToAWorkspace(a *ManagedRedisArgs, _ *settings) []error {
	if a.Diagnostics == nil {
		return nil
	}
	return literalChecks("diagnostics", literalCheck{"diagnostics.workspaceId", a.Diagnostics.WorkspaceId, true, checkWorkspaceId})
}

// customerManagedKeyIsVersionedWithAUserAssignedIdentity (V20): the key URL names a version,
// the identity is a user-assigned one, and a vault given is the key's.
func customerManagedKeyIsVersionedWithAUserAssignedIdentity(a *ManagedRedisArgs, _ *settings) []error {
	k := a.CustomerManagedKey
	if k == nil {
		return nil
	}
	errs := literalChecks("V20",
		literalCheck{"customerManagedKey.keyUrl", k.KeyUrl, true, checkKeyUrl},
		literalCheck{"customerManagedKey.userAssignedIdentityId", k.UserAssignedIdentityId, true, checkUserAssignedIdentityId},
		literalCheck{"customerManagedKey.keyVaultId", k.KeyVaultId, false, checkKeyVaultId})
	url, urlKnown := literal(k.KeyUrl)
	vaultId, vaultKnown := literal(k.KeyVaultId)
	if urlKnown && vaultKnown {
		errs = append(errs, checkKeyInVault("customerManagedKey.keyVaultId", url, vaultId))
	}
	return errs
}

// checkKeyInVault refuses a vault that is not the one the key URL names.
func checkKeyInVault(input, keyUrl, vaultId string) error {
	key := keyUrlPattern.FindStringSubmatch(keyUrl)
	vault := keyVaultIdPattern.FindStringSubmatch(vaultId)
	if key != nil && vault != nil && !strings.EqualFold(key[1], vault[3]) {
		return inputError(input, "V20", "the vault %s is not the key's: the key URL names the vault %s", vault[3], key[1])
	}
	return nil
}

// principalsAreNamedObjectIds: each principal has an Entra object id and a name that keys its
// children; a name is needed when the object id is not a literal, since an Output's value is
// not known when children are named. Names and literal ids are each given once (in any case:
// Azure compares object ids without case).
func principalsAreNamedObjectIds(a *ManagedRedisArgs, s *settings) []error {
	var errs []error
	names, ids := firstUses{}, firstUses{}
	for _, p := range s.principals {
		given := a.AccessPrincipals[p.index]
		at := func(field string) string { return fmt.Sprintf("accessPrincipals[%d].%s", p.index, field) }
		if given.ObjectId == nil {
			errs = append(errs, inputError(at("objectId"), "principals", "the principal's Entra object id is required"))
			continue
		}
		if given.Name != "" {
			errs = append(errs, checkPrincipalName(at("name"), given.Name))
		}
		if p.key == "" {
			errs = append(errs, inputError(at("name"), "principals",
				"required when objectId is not a literal (an Output, such as a managed identity's principalId): "+
					"a stable name, such as the app's, keys the principal's resources whatever its place in the list"))
		} else if first, dup := names.claim(p.key, p.index); dup {
			errs = append(errs, inputError(at("name"), "principals",
				"%q is already a name of accessPrincipals[%d]: each principal needs its own name", p.key, first))
		}
		for i, alias := range given.Aliases {
			input := fmt.Sprintf("accessPrincipals[%d].aliases[%d]", p.index, i)
			if err := checkPrincipalName(input, alias); err != nil {
				errs = append(errs, err)
			} else if first, dup := names.claim(alias, p.index); dup {
				errs = append(errs, inputError(input, "principals",
					"%q is already a name of accessPrincipals[%d]: an earlier name belongs to one principal, once", alias, first))
			}
		}
		id, ok := literal(given.ObjectId)
		if !ok {
			continue
		}
		errs = append(errs, checkObjectId(at("objectId"), id))
		if first, dup := ids.claim(id, p.index); dup {
			errs = append(errs, inputError(at("objectId"), "principals", "%s is already accessPrincipals[%d]: give each principal once", id, first))
		}
	}
	return errs
}

// firstUses records which entry of a list gave each value first, whatever its case (names and
// object ids are compared without case).
type firstUses map[string]int

// claim records value for the entry at index, unless another entry gave it first: then it
// returns that entry's index and true.
func (f firstUses) claim(value string, index int) (first int, taken bool) {
	key := strings.ToLower(value)
	if first, taken := f[key]; taken && first != index {
		return first, true
	}
	f[key] = index
	return index, false
}
