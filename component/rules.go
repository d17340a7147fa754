package component

import (
	"errors"
	"fmt"
	"slices"

	"github.com/managedredis/pulumi-azure-managed-redis/azure/redisenterprise"
)

// The rules a ManagedRedis checks before it registers anything. V1-V21 are Azure's rules
// (FACTS section 3 in the design notes, summarised in the README); the others are the
// component's own. A rule reports every input that breaks it, so one preview shows all
// problems at once.

type rule struct {
	id    string
	check func(s *settings) []error
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
	{"connection name", connectionNameRule},
	{"key vault", keyVaultOnlyForAccessKeys},
	{"existing cache", existingCacheIsReadOnly},
	{"principals", principalsAreObjectIds},
}

// Not checked before deploying, because they need the cache's current state, which a preview
// does not read: V8 (scale targets), V11's "cannot turn high availability off", V12's
// "clustering policy changes only away from NoCluster", V13 (modules are create-only). The
// component never sends a database name other than "default" (V2), a port other than 10000
// (V14), an access policy other than "default" (V17), lists keys only with keys enabled
// (V19) and azure-native updates databases by PUT (V21). V20 (customer-managed keys) comes
// with that feature.

// validate runs every rule and joins what they report.
func validate(s *settings) error {
	var errs []error
	for _, r := range managedRedisRules {
		errs = append(errs, r.check(s)...)
	}
	return errors.Join(errs...)
}

func requiredInputs(s *settings) []error {
	if s.args.ResourceGroupName == nil {
		return []error{inputError("resourceGroupName", "required", "the resource group of the cache is required")}
	}
	return nil
}

func allowedValues(s *settings) []error {
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
	for i, p := range s.principals {
		errs = append(errs, checkPrincipalType(fmt.Sprintf("accessPrincipals[%d].principalType", i), p.PrincipalType))
	}
	return errs
}

func clusterNameRule(s *settings) []error {
	var errs []error
	if name, ok := literal(s.args.ClusterName); ok {
		errs = append(errs, checkClusterName("clusterName", name))
	}
	if s.args.Existing != nil {
		if name, ok := literal(s.args.Existing.ClusterName); ok {
			errs = append(errs, checkClusterName("existing.clusterName", name))
		}
	}
	return errs
}

func geoReplicationNeedsSkuAndHighAvailability(s *settings) []error {
	if s.database.GeoReplication == nil || s.sku.name == "" {
		return nil
	}
	var errs []error
	if !s.sku.supportsGeoReplication() {
		errs = append(errs, inputError("database.geoReplication", "V3",
			"sku %s does not support geo-replication: use Balanced_B3 or larger, a MemoryOptimized, "+
				"ComputeOptimized or Enterprise SKU", s.sku.name))
	}
	if ha := s.args.HighAvailability; ha != nil && !*ha {
		errs = append(errs, inputError("highAvailability", "V3",
			"geo-replication needs high availability: leave highAvailability unset or true"))
	}
	return errs
}

var geoReplicationModuleNames = []string{"RediSearch", "RedisJSON"}

func geoReplicationModules(s *settings) []error {
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

func rediSearchNeedsNoEvictionAndEnterpriseCluster(s *settings) []error {
	db := s.database
	if !db.hasModule("RediSearch") {
		return nil
	}
	var errs []error
	if db.EvictionPolicy != "NoEviction" {
		errs = append(errs, inputError("database.evictionPolicy", "V5",
			"RediSearch needs evictionPolicy NoEviction, not %s", db.EvictionPolicy))
	}
	if db.ClusteringPolicy != "EnterpriseCluster" {
		errs = append(errs, inputError("database.clusteringPolicy", "V5",
			"RediSearch needs clusteringPolicy EnterpriseCluster, not %s", db.ClusteringPolicy))
	}
	return errs
}

func persistenceIsAofOrRdb(s *settings) []error {
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
	if p.AofFrequency != "" && p.AofFrequency != "1s" {
		errs = append(errs, inputError("database.persistence.aofFrequency", "V6", "%q: the only AOF frequency is \"1s\"", p.AofFrequency))
	}
	if problem := oneOf(p.RdbFrequency, redisenterprise.RdbFrequencies); p.RdbFrequency != "" && problem != "" {
		errs = append(errs, inputError("database.persistence.rdbFrequency", "V6", "%s", problem))
	}
	if s.database.GeoReplication != nil {
		errs = append(errs, inputError("database.persistence", "V6", "persistence cannot be used with geo-replication"))
	}
	return errs
}

func geoReplicationGroup(s *settings) []error {
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

func zonesOnLegacySkusOnly(s *settings) []error {
	if len(s.args.Zones) > 0 && s.sku.name != "" && !s.sku.legacy() {
		return []error{inputError("zones", "V9",
			"zones apply only to the legacy Enterprise and EnterpriseFlash SKUs; %s is zone-redundant by default", s.sku.name)}
	}
	return nil
}

func capacityOnLegacySkusOnly(s *settings) []error {
	c := s.args.Capacity
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

func highAvailabilityOnManagedRedisSkusOnly(s *settings) []error {
	if s.args.HighAvailability != nil && s.sku.legacy() {
		return []error{inputError("highAvailability", "V11",
			"highAvailability applies only to Azure Managed Redis SKUs, not the legacy %s", s.sku.name)}
	}
	return nil
}

func noClusterOnSmallCachesOnly(s *settings) []error {
	if s.database.ClusteringPolicy == "NoCluster" && s.sku.name != "" && !s.sku.supportsNoCluster() {
		return []error{inputError("database.clusteringPolicy", "V12",
			"NoCluster is for in-memory caches of 25 GB or less (Balanced, MemoryOptimized or ComputeOptimized up to size 20), not %s",
			s.sku.name)}
	}
	return nil
}

func tls12Only(s *settings) []error {
	if s.minimumTlsVersion != "1.2" {
		return []error{inputError("minimumTlsVersion", "V15",
			"%q: TLS 1.0 and 1.1 are obsolete; Azure Managed Redis accepts only \"1.2\"", s.minimumTlsVersion)}
	}
	return nil
}

func publicNetworkAccessValues(s *settings) []error {
	if problem := oneOf(s.publicNetworkAccess, redisenterprise.PublicNetworkAccesses); problem != "" {
		return []error{inputError("publicNetworkAccess", "V16", "%s", problem)}
	}
	return nil
}

func entraIdNeedsTls(s *settings) []error {
	if s.authentication == EntraID && s.database.ClientProtocol == "Plaintext" {
		return []error{inputError("database.clientProtocol", "V18",
			"Entra ID authentication works over TLS only: use Encrypted, or authentication AccessKey")}
	}
	return nil
}

func connectionNameRule(s *settings) []error {
	err := checkConnectionName("connectionName", s.connectionName)
	if err != nil && s.args.ConnectionName == "" {
		return []error{inputError("connectionName", "connection name",
			"the component name %q is not a valid connection name (letters, digits and hyphens only): set connectionName",
			s.name)}
	}
	return []error{err}
}

func keyVaultOnlyForAccessKeys(s *settings) []error {
	if s.args.KeyVaultId == nil {
		return nil
	}
	if s.authentication != AccessKey {
		return []error{inputError("keyVaultId", "key vault",
			"a Key Vault holds the access-key secrets: it applies only to authentication AccessKey")}
	}
	if id, ok := literal(s.args.KeyVaultId); ok {
		return []error{checkKeyVaultId("keyVaultId", id)}
	}
	return nil
}

func existingCacheIsReadOnly(s *settings) []error {
	existing := s.args.Existing
	if existing == nil {
		return nil
	}
	var errs []error
	if existing.ClusterName == nil {
		errs = append(errs, inputError("existing.clusterName", "existing cache", "the existing cluster's name is required"))
	}
	a := s.args
	setForCreation := map[string]bool{
		"clusterName": a.ClusterName != nil, "location": a.Location != nil, "sku": a.Sku != "",
		"highAvailability": a.HighAvailability != nil, "capacity": a.Capacity != nil, "zones": a.Zones != nil,
		"minimumTlsVersion": a.MinimumTlsVersion != "", "publicNetworkAccess": a.PublicNetworkAccess != "",
		"database": a.Database != nil, "protectData": a.ProtectData,
	}
	for _, input := range sortedKeys(setForCreation) {
		if setForCreation[input] {
			errs = append(errs, inputError(input, "existing cache",
				"cannot be set with existing: an existing cache is read, never modified"))
		}
	}
	return errs
}

func principalsAreObjectIds(s *settings) []error {
	var errs []error
	seen := map[string]int{}
	for i, p := range s.principals {
		input := fmt.Sprintf("accessPrincipals[%d].objectId", i)
		if p.ObjectId == nil {
			errs = append(errs, inputError(input, "principals", "the principal's Entra object id is required"))
			continue
		}
		id, ok := literal(p.ObjectId)
		if !ok {
			continue
		}
		errs = append(errs, checkObjectId(input, id))
		if first, dup := seen[id]; dup {
			errs = append(errs, inputError(input, "principals", "%s is already accessPrincipals[%d]", id, first))
		}
		seen[id] = i
	}
	return errs
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
