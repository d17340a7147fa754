package component

import (
	"errors"
	"fmt"
	"reflect"
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
	check func(a *ManagedRedisArgs, s *settings) []refusal
}

// refusal is an input a rule refuses, and why; the rule's id is the table's.
type refusal struct{ input, problem string }

func refuse(input, format string, args ...any) refusal {
	return refusal{input, fmt.Sprintf(format, args...)}
}

var managedRedisRules = []rule{
	{"allowed values", allowedValues},
	{"V3", geoReplicationNeedsSkuAndHighAvailability},
	{"V4", geoReplicationModules},
	{"V5", rediSearchNeedsNoEvictionAndEnterpriseCluster},
	{"V6", persistenceIsAofOrRdb},
	{"V7", geoReplicationGroup},
	{"V9", zonesOnLegacySkusOnly},
	{"V10", capacityOnLegacySkusOnly},
	{"V11", highAvailabilityOnManagedRedisSkusOnly},
	{"V12", noClusterOnSmallCachesOnly},
	{"V18", entraIdNeedsTls},
	{"V20", keyInItsVault},
	{"V22", noGroupsForEntraId},
	{"access string", accessStringsAreAclRules},
	{"modules", eachModuleOnce},
	{"connection name", connectionNameRule},
	{"key vault", keyVaultOnlyForAccessKeys},
	{"existing cache", existingCacheIsRead},
	{"data loss", dataLossIsNotProtected},
	{"migration", migrationRules},
	{"key rotation", keyRotationNeedsAccessKeys},
	{"principals", principalsAreNamedOnce},
	{"role assignments", roleAssignmentsAreNamedOnce},
}

// managedRedisInputs are the checks of ManagedRedis's String Inputs (checks.go), each with its
// rule: refused alike as literals, before anything is registered, and as Outputs, once known.
var managedRedisInputs = inputChecks[ManagedRedisArgs]{
	{path: "resourceGroupName", rule: "required", required: always[ManagedRedisArgs], missing: "the resource group of the cache is required",
		inputs: field(func(a *ManagedRedisArgs) *pulumi.StringInput { return &a.ResourceGroupName }), problem: valueProblem[ManagedRedisArgs](notEmpty)},
	{path: "clusterName", rule: "V1",
		inputs: field(func(a *ManagedRedisArgs) *pulumi.StringInput { return &a.ClusterName }), problem: valueProblem[ManagedRedisArgs](clusterNameProblem)},
	{path: "accessKeyRotation", rule: "key rotation",
		inputs: field(func(a *ManagedRedisArgs) *pulumi.StringInput { return &a.AccessKeyRotation }), problem: valueProblem[ManagedRedisArgs](notEmpty)},
	{path: "keyVaultId", rule: "key vault",
		inputs: field(func(a *ManagedRedisArgs) *pulumi.StringInput { return &a.KeyVaultId }), problem: valueProblem[ManagedRedisArgs](keyVaultIdProblem)},
	{path: "existing.clusterName", rule: "V1", required: always[ManagedRedisArgs], missing: "the existing cluster's name is required",
		inputs: fieldOf(existingOf, func(e *ExistingCache) *pulumi.StringInput { return &e.ClusterName }), problem: valueProblem[ManagedRedisArgs](clusterNameProblem)},
	{path: "existing.resourceGroupName", rule: "required",
		inputs: fieldOf(existingOf, func(e *ExistingCache) *pulumi.StringInput { return &e.ResourceGroupName }), problem: valueProblem[ManagedRedisArgs](notEmpty)},
	{path: "migrateFrom.cacheId", rule: "migration", required: always[ManagedRedisArgs], missing: "the source cache's ARM id is required",
		inputs: fieldOf(migrateFromOf, func(m *MigrationSource) *pulumi.StringInput { return &m.CacheId }), problem: valueProblem[ManagedRedisArgs](cacheIdProblem)},
	{path: "privateEndpoint.subnetId", rule: "private endpoint", required: always[ManagedRedisArgs],
		inputs: fieldOf(privateEndpointOf, func(p *PrivateEndpointSettings) *pulumi.StringInput { return &p.SubnetId }), problem: valueProblem[ManagedRedisArgs](subnetIdProblem)},
	{path: "privateEndpoint.privateDnsZoneId", rule: "private endpoint",
		inputs: fieldOf(privateEndpointOf, func(p *PrivateEndpointSettings) *pulumi.StringInput { return &p.PrivateDnsZoneId }), problem: valueProblem[ManagedRedisArgs](privateDnsZoneIdProblem)},
	{path: "diagnostics.workspaceId", rule: "diagnostics", required: always[ManagedRedisArgs],
		inputs: fieldOf(diagnosticsOf, func(d *DiagnosticsSettings) *pulumi.StringInput { return &d.WorkspaceId }), problem: valueProblem[ManagedRedisArgs](workspaceIdProblem)},
	{path: "customerManagedKey.keyUrl", rule: "V20", required: always[ManagedRedisArgs],
		inputs: fieldOf(customerManagedKeyOf, func(k *CustomerManagedKeySettings) *pulumi.StringInput { return &k.KeyUrl }), problem: valueProblem[ManagedRedisArgs](keyUrlProblem)},
	{path: "customerManagedKey.userAssignedIdentityId", rule: "V20", required: always[ManagedRedisArgs],
		inputs: fieldOf(customerManagedKeyOf, func(k *CustomerManagedKeySettings) *pulumi.StringInput { return &k.UserAssignedIdentityId }), problem: valueProblem[ManagedRedisArgs](userAssignedIdentityIdProblem)},
	{path: "customerManagedKey.keyVaultId", rule: "V20",
		inputs: fieldOf(customerManagedKeyOf, func(k *CustomerManagedKeySettings) *pulumi.StringInput { return &k.KeyVaultId }), problem: valueProblem[ManagedRedisArgs](keyVaultIdProblem)},
	{path: "accessPrincipals[].objectId", rule: "principals", required: always[ManagedRedisArgs], missing: "the principal's Entra object id is required",
		inputs: fieldOfEach(principalsOf, func(p *AccessPrincipal) *pulumi.StringInput { return &p.ObjectId }), problem: valueProblem[ManagedRedisArgs](objectIdProblem)},
	{path: "roleAssignments[].principalId", rule: "role assignments", required: always[ManagedRedisArgs],
		inputs: fieldOfEach(roleAssignmentsOf, func(r *RoleAssignment) *pulumi.StringInput { return &r.PrincipalId }), problem: valueProblem[ManagedRedisArgs](objectIdProblem)},
	{path: "roleAssignments[].roleDefinitionId", rule: "role assignments", required: always[ManagedRedisArgs],
		inputs: fieldOfEach(roleAssignmentsOf, func(r *RoleAssignment) *pulumi.StringInput { return &r.RoleDefinitionId }), problem: valueProblem[ManagedRedisArgs](roleDefinitionIdProblem)},
}

func migrateFromOf(a *ManagedRedisArgs) *MigrationSource             { return a.MigrateFrom }
func existingOf(a *ManagedRedisArgs) *ExistingCache                  { return a.Existing }
func privateEndpointOf(a *ManagedRedisArgs) *PrivateEndpointSettings { return a.PrivateEndpoint }
func diagnosticsOf(a *ManagedRedisArgs) *DiagnosticsSettings         { return a.Diagnostics }
func customerManagedKeyOf(a *ManagedRedisArgs) *CustomerManagedKeySettings {
	return a.CustomerManagedKey
}
func principalsOf(a *ManagedRedisArgs) []AccessPrincipal     { return a.AccessPrincipals }
func roleAssignmentsOf(a *ManagedRedisArgs) []RoleAssignment { return a.RoleAssignments }

// The rules that need the cache's current state (V8's scale targets, V11's "cannot turn high
// availability off", V12's "only away from NoCluster", V13's create-only modules, and the other
// settings Azure fixes when it creates a resource) are checked once the cache is read, before
// anything is registered (day2.go). The component never sends a database name other than
// "default" (V2), a port other than 10000 (V14), an access policy other than "default" (V17),
// lists keys only with keys enabled (V19) and azure-native updates databases by PUT (V21). V15
// and V16 are the closed lists of TlsVersion and PublicNetworkAccess (enums.go), and the
// component always sends both.

// validate checks the String Inputs and the closed lists of values, then runs every rule, and
// joins what they refuse.
func validate(a *ManagedRedisArgs, s *settings) error {
	return errors.Join(refusals(a, s)...)
}

func refusals(a *ManagedRedisArgs, s *settings) []error {
	errs := append(managedRedisInputs.literalErrors(a), enumErrors(a)...)
	for _, r := range managedRedisRules {
		for _, refused := range r.check(a, s) {
			errs = append(errs, &InputError{Input: refused.input, Rule: r.id, Problem: refused.problem})
		}
	}
	return errs
}

// validateWhateverTheAuthentication checks args whose authentication is still to come (from a
// migrateFrom source): it refuses what would be refused in both modes, so that nothing is read
// for args that cannot deploy. validate runs again once the authentication is known.
func validateWhateverTheAuthentication(name string, a *ManagedRedisArgs) error {
	inMode := func(mode string) []error {
		args := *a
		args.Authentication = mode
		return refusals(&args, resolve(name, args))
	}
	accessKey := map[string]bool{}
	for _, err := range inMode(AccessKey) {
		if err != nil {
			accessKey[err.Error()] = true
		}
	}
	var both []error
	for _, err := range inMode(EntraID) {
		if err != nil && accessKey[err.Error()] {
			both = append(both, err)
		}
	}
	return errors.Join(both...)
}

// allowedValues: zones are Azure's numbers. (The closed lists of values of the `enum` tags are
// checked by enumErrors.)
func allowedValues(_ *ManagedRedisArgs, s *settings) []refusal {
	var refused []refusal
	for i, zone := range s.zones {
		if !slices.Contains(zones, zone) {
			refused = append(refused, refuse(fmt.Sprintf("zones[%d]", i), "%q is not one of %s", zone, strings.Join(zones, ", ")))
		}
	}
	return refused
}

func geoReplicationNeedsSkuAndHighAvailability(_ *ManagedRedisArgs, s *settings) []refusal {
	if s.database.GeoReplication == nil || s.sku.name == "" {
		return nil
	}
	var refused []refusal
	if !s.sku.supportsGeoReplication() {
		refused = append(refused, refuse("database.geoReplication",
			"sku %s does not support geo-replication: use Balanced_B3 or larger, a MemoryOptimized or "+
				"ComputeOptimized SKU, or a legacy Enterprise SKU other than E1", s.sku.name))
	}
	if ha := s.highAvailability; ha != nil && !*ha {
		refused = append(refused, refuse("highAvailability",
			"geo-replication needs high availability: leave highAvailability unset or true"))
	}
	if s.sku.family == "EnterpriseFlash" && s.database.EvictionPolicy != string(redisenterprise.EvictionPolicyNoEviction) {
		refused = append(refused, refuse("database.evictionPolicy",
			"geo-replication on Enterprise Flash needs evictionPolicy NoEviction, not %s", s.database.EvictionPolicy))
	}
	return refused
}

var geoReplicationModuleNames = []string{ModuleRediSearch, ModuleRedisJSON}

func geoReplicationModules(_ *ManagedRedisArgs, s *settings) []refusal {
	if s.database.GeoReplication == nil {
		return nil
	}
	var refused []refusal
	for i, m := range s.database.Modules {
		if slices.Contains(ModuleNames(), m.Name) && !slices.Contains(geoReplicationModuleNames, m.Name) {
			refused = append(refused, refuse(fmt.Sprintf("database.modules[%d].name", i),
				"%s cannot be used with geo-replication: only RediSearch and RedisJSON can", m.Name))
		}
	}
	return refused
}

func rediSearchNeedsNoEvictionAndEnterpriseCluster(_ *ManagedRedisArgs, s *settings) []refusal {
	db := s.database
	if !db.hasModule(ModuleRediSearch) {
		return nil
	}
	var refused []refusal
	if db.EvictionPolicy != string(redisenterprise.EvictionPolicyNoEviction) {
		refused = append(refused, refuse("database.evictionPolicy", "RediSearch needs evictionPolicy NoEviction, not %s", db.EvictionPolicy))
	}
	if db.ClusteringPolicy != string(redisenterprise.ClusteringPolicyEnterpriseCluster) {
		refused = append(refused, refuse("database.clusteringPolicy", "RediSearch needs clusteringPolicy EnterpriseCluster, not %s", db.ClusteringPolicy))
	}
	return refused
}

// persistenceIsAofOrRdb: one of the two, and not with geo-replication. (Their values are the
// closed lists of AofFrequency and RdbFrequency.)
func persistenceIsAofOrRdb(_ *ManagedRedisArgs, s *settings) []refusal {
	p := s.database.Persistence
	if p == nil {
		return nil
	}
	var refused []refusal
	switch {
	case p.AofFrequency != "" && p.RdbFrequency != "":
		refused = append(refused, refuse("database.persistence", "choose AOF (aofFrequency) or RDB (rdbFrequency) persistence, not both"))
	case p.AofFrequency == "" && p.RdbFrequency == "":
		refused = append(refused, refuse("database.persistence",
			"set aofFrequency (\"1s\") or rdbFrequency (\"1h\", \"6h\" or \"12h\"), or leave persistence out"))
	}
	if s.database.GeoReplication != nil {
		refused = append(refused, refuse("database.persistence", "persistence cannot be used with geo-replication"))
	}
	return refused
}

func geoReplicationGroup(_ *ManagedRedisArgs, s *settings) []refusal {
	geo := s.database.GeoReplication
	if geo == nil {
		return nil
	}
	var refused []refusal
	if !nicknamePattern.MatchString(geo.GroupNickname) {
		refused = append(refused, refuse("database.geoReplication.groupNickname",
			"%q is not a valid group nickname: use 1-63 letters, digits and hyphens, starting and ending with a letter or digit",
			geo.GroupNickname))
	}
	const input = "database.geoReplication.linkedDatabaseIds"
	var ids []string
	known := geo.LinkedDatabaseIds == nil
	if !known {
		ids, known = literals(geo.LinkedDatabaseIds)
	}
	if known {
		if at, problem := linkedDatabaseIdsProblem(input, ids); problem != "" {
			refused = append(refused, refusal{at, problem})
		}
	}
	return refused
}

func zonesOnLegacySkusOnly(_ *ManagedRedisArgs, s *settings) []refusal {
	if len(s.zones) > 0 && s.sku.name != "" && !s.sku.legacy() {
		return []refusal{refuse("zones", "zones apply only to the legacy Enterprise and EnterpriseFlash SKUs; %s is zone-redundant by default", s.sku.name)}
	}
	return nil
}

func capacityOnLegacySkusOnly(_ *ManagedRedisArgs, s *settings) []refusal {
	c := s.capacity
	switch {
	case c == nil:
		return nil
	case s.sku.name != "" && !s.sku.legacy():
		return []refusal{refuse("capacity", "capacity applies only to the legacy Enterprise and EnterpriseFlash SKUs, not %s", s.sku.name)}
	case *c <= 0:
		return []refusal{refuse("capacity", "%d: capacity must be a positive number of nodes", *c)}
	}
	return nil
}

func highAvailabilityOnManagedRedisSkusOnly(_ *ManagedRedisArgs, s *settings) []refusal {
	if s.highAvailability != nil && s.sku.legacy() {
		return []refusal{refuse("highAvailability", "highAvailability applies only to Azure Managed Redis SKUs, not the legacy %s", s.sku.name)}
	}
	return nil
}

func noClusterOnSmallCachesOnly(_ *ManagedRedisArgs, s *settings) []refusal {
	if s.database.ClusteringPolicy == string(redisenterprise.ClusteringPolicyNoCluster) && s.sku.name != "" && !s.sku.supportsNoCluster() {
		return []refusal{refuse("database.clusteringPolicy",
			"NoCluster is for in-memory caches of 25 GB or less (Balanced, MemoryOptimized or ComputeOptimized up to size 20), not %s",
			s.sku.name)}
	}
	return nil
}

func entraIdNeedsTls(_ *ManagedRedisArgs, s *settings) []refusal {
	if s.authentication == EntraID && s.database.ClientProtocol == string(redisenterprise.ProtocolPlaintext) {
		return []refusal{refuse("database.clientProtocol", "Entra ID authentication works over TLS only: use Encrypted, or authentication AccessKey")}
	}
	return nil
}

// noGroupsForEntraIdProblem is V22's problem with a principal type.
func noGroupsForEntraIdProblem(authentication, principalType string) string {
	if principalType == PrincipalGroup && authentication == EntraID {
		return "Azure Managed Redis does not support Entra groups for data access: grant each user, service principal or " +
			"managed identity, or use authentication AccessKey, where a group may read the secrets"
	}
	return ""
}

func noGroupsForEntraId(_ *ManagedRedisArgs, s *settings) []refusal {
	var refused []refusal
	for _, p := range s.principals {
		if problem := noGroupsForEntraIdProblem(s.authentication, p.principalType); problem != "" {
			refused = append(refused, refusal{p.input("principalType"), problem})
		}
	}
	return refused
}

// accessStringsAreAclRules (preview): a principal's access string is Redis ACL rules Azure
// applies, checked as Redis reads them (access_string.go), in EntraId mode only. Module
// commands need the module on the database; an existing cache's modules are not known here.
func accessStringsAreAclRules(_ *ManagedRedisArgs, s *settings) []refusal {
	modules := modulesOf(s.database.Modules)
	if s.existing != nil {
		modules = anyModule
	}
	var refused []refusal
	for _, p := range s.principals {
		refused = append(refused, accessStringRefusals(p.input("accessString"), s.authentication, p.accessString, modules)...)
	}
	return refused
}

// accessStringRefusals are the refusals of an access string given to input, if one is given.
func accessStringRefusals(input, authentication string, accessString *string, modules enabledModules) []refusal {
	switch {
	case accessString == nil:
		return nil
	case authentication != EntraID:
		return []refusal{refuse(input, "an access string applies to Entra ID access only: in %s mode principals read the "+
			"access key, which has full access", authentication)}
	}
	var refused []refusal
	for _, problem := range accessStringProblems(*accessString, modules) {
		refused = append(refused, refusal{input, problem})
	}
	return refused
}

func eachModuleOnce(_ *ManagedRedisArgs, s *settings) []refusal {
	names := make([]string, len(s.database.Modules))
	for i, m := range s.database.Modules {
		names[i] = m.Name
	}
	if first, second, dup := firstDuplicate(names, strings.ToLower); dup {
		return []refusal{refuse(fmt.Sprintf("database.modules[%d].name", second),
			"%s is already database.modules[%d]: enable each module once, with all its args", names[second], first)}
	}
	return nil
}

func connectionNameRule(a *ManagedRedisArgs, s *settings) []refusal {
	problem := connectionNameProblem(s.connectionName)
	switch {
	case problem == "":
		return nil
	case a.ConnectionName == "":
		return []refusal{refuse("connectionName",
			"the component name %q is not a valid connection name (a letter, then letters, digits and hyphens, at "+
				"most %d characters): set connectionName", s.name, maxConnectionNameLength)}
	}
	return []refusal{{"connectionName", problem}}
}

func keyVaultOnlyForAccessKeys(a *ManagedRedisArgs, s *settings) []refusal {
	if a.KeyVaultId != nil && !s.accessKeys {
		return []refusal{refuse("keyVaultId", "a Key Vault holds the access-key secrets: it applies only to authentication AccessKey")}
	}
	return nil
}

// existingCacheIsRead: the inputs that configure a new cache (tagged `cache:"new"` in args.go)
// cannot be set with existing.
func existingCacheIsRead(a *ManagedRedisArgs, _ *settings) []refusal {
	if a.Existing == nil {
		return nil
	}
	var refused []refusal
	v := reflect.ValueOf(a).Elem()
	for i := range v.NumField() {
		f := v.Type().Field(i)
		if f.Tag.Get("cache") == "new" && !v.Field(i).IsZero() {
			name, _, _ := strings.Cut(f.Tag.Get("pulumi"), ",")
			refused = append(refused, refuse(name, "cannot be set with existing: an existing cache is read, never modified"))
		}
	}
	return refused
}

// dataLossIsNotProtected: acceptDataLoss allows replacing the data that protectData protects;
// both at once say two things, whether the cache exists or not.
func dataLossIsNotProtected(a *ManagedRedisArgs, _ *settings) []refusal {
	if a.AcceptDataLoss && a.ProtectData {
		return []refusal{refuse("acceptDataLoss", "acceptDataLoss allows replacing the database or the cluster, and their data, "+
			"which protectData protects: set protectData to false for the change that needs acceptDataLoss, then remove "+
			"acceptDataLoss and protect the data again")}
	}
	return nil
}

// keyInItsVault (V20): a customer-managed key's vault, when given, is the one its URL names.
func keyInItsVault(a *ManagedRedisArgs, _ *settings) []refusal {
	k := a.CustomerManagedKey
	if k == nil {
		return nil
	}
	url, urlKnown := literal(k.KeyUrl)
	vaultId, vaultKnown := literal(k.KeyVaultId)
	if urlKnown && vaultKnown {
		if problem := keyInVaultProblem(url, vaultId); problem != "" {
			return []refusal{{"customerManagedKey.keyVaultId", problem}}
		}
	}
	return nil
}

// keyInVaultProblem refuses a vault that is not the one the key URL names.
func keyInVaultProblem(keyUrl, vaultId string) string {
	key := keyUrlPattern.FindStringSubmatch(keyUrl)
	vault := keyVaultIdPattern.FindStringSubmatch(vaultId)
	if key != nil && vault != nil && !strings.EqualFold(key[1], vault[3]) {
		return fmt.Sprintf("the vault %s is not the key's: the key URL names the vault %s", vault[3], key[1])
	}
	return ""
}

// principalsAreNamedOnce: each principal has a name that keys its children; a name is needed
// when the object id is not a literal, since an Output's value is not known when children are
// named. Names, aliases and literal ids are each given once (in any case: Azure compares object
// ids without case). (Object ids themselves are checked as String Inputs.)
func principalsAreNamedOnce(a *ManagedRedisArgs, s *settings) []refusal {
	var refused []refusal
	names, ids := firstUses{}, firstUses{}
	for _, p := range s.principals {
		given := a.AccessPrincipals[p.index]
		if given.ObjectId == nil {
			continue
		}
		if given.Name != "" {
			if problem := principalNameProblem(given.Name); problem != "" {
				refused = append(refused, refusal{p.input("name"), problem})
			}
		}
		if p.key == "" {
			refused = append(refused, refuse(p.input("name"),
				"required when objectId is not a literal (an Output, such as a managed identity's principalId): "+
					"a stable name, such as the app's, keys the principal's resources whatever its place in the list"))
		} else if first, dup := names.claim(p.key, p.index); dup {
			refused = append(refused, refuse(p.input("name"),
				"%q is already a name of accessPrincipals[%d]: each principal needs its own name", p.key, first))
		}
		for i, alias := range given.Aliases {
			input := fmt.Sprintf("accessPrincipals[%d].aliases[%d]", p.index, i)
			if problem := principalNameProblem(alias); problem != "" {
				refused = append(refused, refusal{input, problem})
			} else if first, dup := names.claim(alias, p.index); dup {
				refused = append(refused, refuse(input,
					"%q is already a name of accessPrincipals[%d]: an earlier name belongs to one principal, once", alias, first))
			}
		}
		if id, ok := literal(given.ObjectId); ok && objectIdProblem(id) == "" {
			if first, dup := ids.claim(id, p.index); dup {
				refused = append(refused, refuse(p.input("objectId"), "%s is already accessPrincipals[%d]: give each principal once", id, first))
			}
		}
	}
	return refused
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
