package component

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure/redisenterprise"
)

// settings is a ManagedRedisArgs resolved once: defaults applied, Input values wrapped in their
// checks, the existing cache's resource group and the Key Vault chosen. The rules check it
// (beside the args, for what the user set explicitly) and the builders read nothing else.
type settings struct {
	name string

	resourceGroupName pulumi.StringOutput   // checked: not empty
	location          pulumi.StringPtrInput // left out when unset or empty: the resource group's
	clusterName       pulumi.StringOutput   // the given one, checked (V1); invalid when defaultClusterName
	defaultName       bool                  // no cluster name given: derive it (naming.go)
	tags              pulumi.StringMapInput
	protectData       bool
	acceptDataLoss    bool

	sku                 sku // zero when the SKU is not one Azure offers (a rule reports it)
	skuName             string
	highAvailability    *bool
	capacity            *int
	zones               []string
	minimumTlsVersion   string
	publicNetworkAccess string
	database            DatabaseSettings

	authentication string
	// accessKeys is the one fact behind AccessKey mode: keys enabled and listed, secrets
	// written, the AccessKey-only outputs present.
	accessKeys      bool
	connectionName  string
	principals      []principal
	roleAssignments []roleAssignment
	// keyVaultId is the vault given for the secrets, checked (nil: create one).
	keyVaultId *pulumi.StringOutput
	// accessKeyRotation is the rotation's label, checked (nil: no rotation, Primary active).
	accessKeyRotation *pulumi.StringOutput

	// existing, when set, is the cache to read instead of creating one.
	existing *existingCache
	// migration, when set, is the classic cache the new one is derived from (migration.go).
	migration *migration

	privateEndpoint    *privateEndpoint
	workspaceId        *pulumi.StringOutput // Log Analytics workspace of the diagnostics
	customerManagedKey *customerManagedKey
}

// privateEndpoint is the subnet of the cache's private endpoint, checked, and the given DNS zone
// (nil: create one).
type privateEndpoint struct {
	subnetId pulumi.StringOutput
	zoneId   *pulumi.StringOutput
	// zoneClaimed: the zone's places are claimed already (see claimZoneNow).
	zoneClaimed bool
}

// customerManagedKey is the key encrypting the cache and the identity reading it, checked, and
// the key's vault when given (the component then grants the identity the key's role).
type customerManagedKey struct {
	keyUrl, identityId pulumi.StringOutput
	keyVaultId         *pulumi.StringOutput
}

// principal is an AccessPrincipal resolved: its key names its children.
type principal struct {
	index         int
	key           string
	aliases       []string            // earlier keys
	objectId      pulumi.StringOutput // checked
	principalType string
	accessString  *string // preview: nil for the `default` policy's full access
}

// input is the path of one of the principal's inputs.
func (p principal) input(field string) string {
	return fmt.Sprintf("accessPrincipals[%d].%s", p.index, field)
}

// existingCache names the existing cluster, its resource group resolved.
type existingCache struct {
	clusterName, resourceGroupName pulumi.StringOutput
}

// resolve resolves args once, by part: the cluster, the database, the principals and the
// rest. The checked String Inputs are Outputs that fail as their checks refuse them (checks.go).
func resolve(name string, args ManagedRedisArgs) *settings {
	in := func(path string) pulumi.StringOutput { return managedRedisInputs.output(&args, path, 0) }
	s := &settings{
		name:              name,
		resourceGroupName: in("resourceGroupName"),
		location:          emptyAsNil(args.Location),
		tags:              args.Tags,
		protectData:       args.ProtectData,
		acceptDataLoss:    args.AcceptDataLoss,
		authentication:    orDefault(args.Authentication, EntraID),
		connectionName:    orDefault(args.ConnectionName, defaultConnectionName(name)),
	}
	s.accessKeys = s.authentication == AccessKey
	s.resolveCluster(args, in)
	s.resolveDatabase(args.Database)
	s.resolvePrincipals(&args)
	if args.KeyVaultId != nil {
		id := in("keyVaultId")
		s.keyVaultId = &id
	}
	if args.AccessKeyRotation != nil {
		label := in("accessKeyRotation")
		s.accessKeyRotation = &label
	}
	if pe := args.PrivateEndpoint; pe != nil {
		s.privateEndpoint = &privateEndpoint{subnetId: in("privateEndpoint.subnetId")}
		if pe.PrivateDnsZoneId != nil {
			zoneId := in("privateEndpoint.privateDnsZoneId")
			s.privateEndpoint.zoneId = &zoneId
		}
	}
	if args.Diagnostics != nil {
		workspaceId := in("diagnostics.workspaceId")
		s.workspaceId = &workspaceId
	}
	if m := args.MigrateFrom; m != nil {
		s.migration = &migration{cacheId: in("migrateFrom.cacheId"), switchDns: m.SwitchDns}
		g := &s.migration.given
		g.sku, g.location, g.highAvailability = args.Sku != "", args.Location != nil, args.HighAvailability != nil
		g.publicNetworkAccess = args.PublicNetworkAccess != "" || args.PrivateEndpoint != nil
		if db := args.Database; db != nil {
			search := db.hasModule(ModuleRediSearch) // its defaults are RediSearch's needs
			g.clusteringPolicy, g.evictionPolicy = db.ClusteringPolicy != "" || search, db.EvictionPolicy != "" || search
		}
	}
	if e := args.Existing; e != nil {
		s.existing = &existingCache{clusterName: in("existing.clusterName"), resourceGroupName: s.resourceGroupName}
		if e.ResourceGroupName != nil {
			s.existing.resourceGroupName = in("existing.resourceGroupName")
		}
	}
	return s
}

// resolveCluster resolves the cluster's settings, and its customer-managed key.
func (s *settings) resolveCluster(args ManagedRedisArgs, in func(path string) pulumi.StringOutput) {
	s.clusterName = in("clusterName")
	s.defaultName = args.ClusterName == nil
	s.skuName = orDefault(args.Sku, DefaultSku)
	s.sku, _ = parseSku(s.skuName)
	if args.MigrateFrom != nil && args.Sku == "" {
		// Unknown until the source is read: the rules that depend on the SKU do not apply.
		s.sku = sku{}
	}
	s.highAvailability = args.HighAvailability
	s.capacity = args.Capacity
	s.zones = args.Zones
	s.minimumTlsVersion = orDefault(args.MinimumTlsVersion, DefaultMinimumTlsVersion)
	s.publicNetworkAccess = orDefault(args.PublicNetworkAccess, string(redisenterprise.PublicNetworkAccessEnabled))
	// A private endpoint closes the public way in, unless the user keeps it open explicitly.
	if args.PrivateEndpoint != nil && args.PublicNetworkAccess == "" {
		s.publicNetworkAccess = string(redisenterprise.PublicNetworkAccessDisabled)
	}
	if k := args.CustomerManagedKey; k != nil {
		s.customerManagedKey = &customerManagedKey{keyUrl: in("customerManagedKey.keyUrl"), identityId: in("customerManagedKey.userAssignedIdentityId")}
		if k.KeyVaultId != nil {
			vaultId := in("customerManagedKey.keyVaultId")
			s.customerManagedKey.keyVaultId = &vaultId
		}
	}
}

// resolveDatabase applies the database's defaults.
func (s *settings) resolveDatabase(given *DatabaseSettings) {
	if given != nil {
		s.database = *given
	}
	db := &s.database
	// RediSearch needs NoEviction and EnterpriseCluster (V5): make them the defaults then, so
	// enabling the module alone gives a valid database.
	if db.hasModule(ModuleRediSearch) {
		db.EvictionPolicy = orDefault(db.EvictionPolicy, string(redisenterprise.EvictionPolicyNoEviction))
		db.ClusteringPolicy = orDefault(db.ClusteringPolicy, string(redisenterprise.ClusteringPolicyEnterpriseCluster))
	}
	db.ClientProtocol = orDefault(db.ClientProtocol, DefaultClientProtocol)
	db.ClusteringPolicy = orDefault(db.ClusteringPolicy, DefaultClusteringPolicy)
	db.EvictionPolicy = orDefault(db.EvictionPolicy, DefaultEvictionPolicy)
}

// resolvePrincipals keys the access principals and the role assignments.
func (s *settings) resolvePrincipals(args *ManagedRedisArgs) {
	for i, p := range args.AccessPrincipals {
		s.principals = append(s.principals, principal{
			index:         i,
			key:           keyOf(p.Name, p.ObjectId),
			aliases:       p.Aliases,
			objectId:      managedRedisInputs.output(args, "accessPrincipals[].objectId", i),
			principalType: orDefault(p.PrincipalType, PrincipalServicePrincipal),
			accessString:  p.AccessString,
		})
	}
	for i, r := range args.RoleAssignments {
		s.roleAssignments = append(s.roleAssignments, roleAssignment{
			index:            i,
			key:              keyOf(r.Name, r.PrincipalId),
			principalId:      managedRedisInputs.output(args, "roleAssignments[].principalId", i),
			roleDefinitionId: managedRedisInputs.output(args, "roleAssignments[].roleDefinitionId", i),
			principalType:    orDefault(r.PrincipalType, PrincipalServicePrincipal),
		})
	}
}

// previewInputs are the inputs given that need the preview package (preview.go).
func (s *settings) previewInputs() []string {
	var inputs []string
	for _, p := range s.principals {
		if p.accessString != nil {
			inputs = append(inputs, p.input("accessString"))
		}
	}
	return inputs
}

// keyOf is what names a principal's resources: its name, or its literal object id in lower
// case; "" when it has neither (a rule reports it).
func keyOf(name string, objectId pulumi.StringInput) string {
	if name != "" {
		return name
	}
	if id, ok := literal(objectId); ok {
		return strings.ToLower(id)
	}
	return ""
}

func (d *DatabaseSettings) hasModule(name string) bool {
	return slices.ContainsFunc(d.Modules, func(m Module) bool { return m.Name == name })
}

func orDefault(value, fallback string) string {
	if value == "" {
		return fallback
	}
	return value
}

// emptyAsNil is an optional string Input that is left out when nil or empty, so that Azure's
// default applies rather than an empty value.
func emptyAsNil(in pulumi.StringInput) pulumi.StringPtrInput {
	if in == nil {
		return nil
	}
	return in.ToStringOutput().ApplyT(func(v string) *string {
		if v == "" {
			return nil
		}
		return &v
	}).(pulumi.StringPtrOutput)
}
