package redisenterprise

import (
	"context"
	"reflect"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumix"

	"github.com/managedredis/pulumi-azure-managed-redis/azure"
)

// Input object types. Each has a plain struct (what is sent), an Args struct whose fields
// may hold Outputs, and an Input interface that both the Args struct and a typed Output
// satisfy. The engine only needs ElementType; ToOutput serves callers that want an Output.

// Sku is the size and tier of a cluster.
type Sku struct {
	Capacity *int   `pulumi:"capacity"`
	Name     string `pulumi:"name"`
}

// SkuArgs is the Input form of Sku.
type SkuArgs struct {
	// Capacity applies to the legacy Enterprise and EnterpriseFlash SKUs only.
	Capacity pulumi.IntPtrInput `pulumi:"capacity"`
	// Name is one of SkuNames.
	Name pulumi.StringInput `pulumi:"name"`
}

// SkuInput is satisfied by SkuArgs and by pulumix.Output[Sku].
type SkuInput = pulumix.Input[Sku]

func (SkuArgs) ElementType() reflect.Type { return reflect.TypeFor[Sku]() }
func (a SkuArgs) ToOutput(ctx context.Context) pulumix.Output[Sku] {
	return azure.ToOutput[Sku](ctx, a)
}

// ClusterPropertiesEncryption selects customer-managed key encryption; empty means
// Microsoft-managed keys.
type ClusterPropertiesEncryption struct {
	CustomerManagedKeyEncryption *ClusterPropertiesCustomerManagedKeyEncryption `pulumi:"customerManagedKeyEncryption"`
}

// ClusterPropertiesEncryptionArgs is the Input form of ClusterPropertiesEncryption.
type ClusterPropertiesEncryptionArgs struct {
	CustomerManagedKeyEncryption ClusterPropertiesCustomerManagedKeyEncryptionPtrInput `pulumi:"customerManagedKeyEncryption"`
}

// ClusterPropertiesEncryptionPtrInput is satisfied by ClusterPropertiesEncryptionArgs.
type ClusterPropertiesEncryptionPtrInput = pulumix.Input[ClusterPropertiesEncryption]

func (ClusterPropertiesEncryptionArgs) ElementType() reflect.Type {
	return reflect.TypeFor[ClusterPropertiesEncryption]()
}
func (a ClusterPropertiesEncryptionArgs) ToOutput(ctx context.Context) pulumix.Output[ClusterPropertiesEncryption] {
	return azure.ToOutput[ClusterPropertiesEncryption](ctx, a)
}

// ClusterPropertiesCustomerManagedKeyEncryption names the key and the identity that reads it.
type ClusterPropertiesCustomerManagedKeyEncryption struct {
	KeyEncryptionKeyIdentity *ClusterPropertiesKeyEncryptionKeyIdentity `pulumi:"keyEncryptionKeyIdentity"`
	KeyEncryptionKeyUrl      *string                                    `pulumi:"keyEncryptionKeyUrl"`
}

// ClusterPropertiesCustomerManagedKeyEncryptionArgs is the Input form of
// ClusterPropertiesCustomerManagedKeyEncryption.
type ClusterPropertiesCustomerManagedKeyEncryptionArgs struct {
	KeyEncryptionKeyIdentity ClusterPropertiesKeyEncryptionKeyIdentityPtrInput `pulumi:"keyEncryptionKeyIdentity"`
	// KeyEncryptionKeyUrl is a versioned Key Vault key URL.
	KeyEncryptionKeyUrl pulumi.StringPtrInput `pulumi:"keyEncryptionKeyUrl"`
}

// ClusterPropertiesCustomerManagedKeyEncryptionPtrInput is satisfied by
// ClusterPropertiesCustomerManagedKeyEncryptionArgs.
type ClusterPropertiesCustomerManagedKeyEncryptionPtrInput = pulumix.Input[ClusterPropertiesCustomerManagedKeyEncryption]

func (ClusterPropertiesCustomerManagedKeyEncryptionArgs) ElementType() reflect.Type {
	return reflect.TypeFor[ClusterPropertiesCustomerManagedKeyEncryption]()
}
func (a ClusterPropertiesCustomerManagedKeyEncryptionArgs) ToOutput(ctx context.Context) pulumix.Output[ClusterPropertiesCustomerManagedKeyEncryption] {
	return azure.ToOutput[ClusterPropertiesCustomerManagedKeyEncryption](ctx, a)
}

// ClusterPropertiesKeyEncryptionKeyIdentity is the identity used to reach the key.
type ClusterPropertiesKeyEncryptionKeyIdentity struct {
	IdentityType                   *string `pulumi:"identityType"`
	UserAssignedIdentityResourceId *string `pulumi:"userAssignedIdentityResourceId"`
}

// ClusterPropertiesKeyEncryptionKeyIdentityArgs is the Input form of
// ClusterPropertiesKeyEncryptionKeyIdentity.
type ClusterPropertiesKeyEncryptionKeyIdentityArgs struct {
	// IdentityType is one of CmkIdentityTypes; Azure supports userAssignedIdentity only.
	IdentityType                   pulumi.StringPtrInput `pulumi:"identityType"`
	UserAssignedIdentityResourceId pulumi.StringPtrInput `pulumi:"userAssignedIdentityResourceId"`
}

// ClusterPropertiesKeyEncryptionKeyIdentityPtrInput is satisfied by
// ClusterPropertiesKeyEncryptionKeyIdentityArgs.
type ClusterPropertiesKeyEncryptionKeyIdentityPtrInput = pulumix.Input[ClusterPropertiesKeyEncryptionKeyIdentity]

func (ClusterPropertiesKeyEncryptionKeyIdentityArgs) ElementType() reflect.Type {
	return reflect.TypeFor[ClusterPropertiesKeyEncryptionKeyIdentity]()
}
func (a ClusterPropertiesKeyEncryptionKeyIdentityArgs) ToOutput(ctx context.Context) pulumix.Output[ClusterPropertiesKeyEncryptionKeyIdentity] {
	return azure.ToOutput[ClusterPropertiesKeyEncryptionKeyIdentity](ctx, a)
}

// ManagedServiceIdentity gives the cluster identities; userAssignedIdentities is a list of
// identity resource ids (azure-native flattens ARM's map here).
type ManagedServiceIdentity struct {
	Type                   string   `pulumi:"type"`
	UserAssignedIdentities []string `pulumi:"userAssignedIdentities"`
}

// ManagedServiceIdentityArgs is the Input form of ManagedServiceIdentity.
type ManagedServiceIdentityArgs struct {
	// Type is one of ManagedServiceIdentityTypes.
	Type                   pulumi.StringInput      `pulumi:"type"`
	UserAssignedIdentities pulumi.StringArrayInput `pulumi:"userAssignedIdentities"`
}

// ManagedServiceIdentityPtrInput is satisfied by ManagedServiceIdentityArgs.
type ManagedServiceIdentityPtrInput = pulumix.Input[ManagedServiceIdentity]

func (ManagedServiceIdentityArgs) ElementType() reflect.Type {
	return reflect.TypeFor[ManagedServiceIdentity]()
}
func (a ManagedServiceIdentityArgs) ToOutput(ctx context.Context) pulumix.Output[ManagedServiceIdentity] {
	return azure.ToOutput[ManagedServiceIdentity](ctx, a)
}

// DatabasePropertiesGeoReplication joins a database to an active geo-replication group.
type DatabasePropertiesGeoReplication struct {
	GroupNickname   *string          `pulumi:"groupNickname"`
	LinkedDatabases []LinkedDatabase `pulumi:"linkedDatabases"`
}

// DatabasePropertiesGeoReplicationArgs is the Input form of DatabasePropertiesGeoReplication.
type DatabasePropertiesGeoReplicationArgs struct {
	GroupNickname   pulumi.StringPtrInput    `pulumi:"groupNickname"`
	LinkedDatabases LinkedDatabaseArrayInput `pulumi:"linkedDatabases"`
}

// DatabasePropertiesGeoReplicationPtrInput is satisfied by DatabasePropertiesGeoReplicationArgs.
type DatabasePropertiesGeoReplicationPtrInput = pulumix.Input[DatabasePropertiesGeoReplication]

func (DatabasePropertiesGeoReplicationArgs) ElementType() reflect.Type {
	return reflect.TypeFor[DatabasePropertiesGeoReplication]()
}
func (a DatabasePropertiesGeoReplicationArgs) ToOutput(ctx context.Context) pulumix.Output[DatabasePropertiesGeoReplication] {
	return azure.ToOutput[DatabasePropertiesGeoReplication](ctx, a)
}

// LinkedDatabase is one member of a geo-replication group, by database resource id.
type LinkedDatabase struct {
	Id *string `pulumi:"id"`
}

// LinkedDatabaseArgs is the Input form of LinkedDatabase.
type LinkedDatabaseArgs struct {
	Id pulumi.StringPtrInput `pulumi:"id"`
}

// LinkedDatabaseInput is satisfied by LinkedDatabaseArgs.
type LinkedDatabaseInput = pulumix.Input[LinkedDatabase]

func (LinkedDatabaseArgs) ElementType() reflect.Type { return reflect.TypeFor[LinkedDatabase]() }
func (a LinkedDatabaseArgs) ToOutput(ctx context.Context) pulumix.Output[LinkedDatabase] {
	return azure.ToOutput[LinkedDatabase](ctx, a)
}

// LinkedDatabaseArray is a list of LinkedDatabaseInput.
type LinkedDatabaseArray = azure.Array[LinkedDatabase]

// LinkedDatabaseArrayInput is satisfied by LinkedDatabaseArray.
type LinkedDatabaseArrayInput = pulumix.Input[[]LinkedDatabase]

// Module is a Redis module enabled on a database.
type Module struct {
	Args *string `pulumi:"args"`
	Name string  `pulumi:"name"`
}

// ModuleArgs is the Input form of Module.
type ModuleArgs struct {
	// Args are the module's configuration options, e.g. "ERROR_RATE 0.01".
	Args pulumi.StringPtrInput `pulumi:"args"`
	// Name is RediSearch, RedisJSON, RedisBloom or RedisTimeSeries.
	Name pulumi.StringInput `pulumi:"name"`
}

// ModuleInput is satisfied by ModuleArgs.
type ModuleInput = pulumix.Input[Module]

func (ModuleArgs) ElementType() reflect.Type { return reflect.TypeFor[Module]() }
func (a ModuleArgs) ToOutput(ctx context.Context) pulumix.Output[Module] {
	return azure.ToOutput[Module](ctx, a)
}

// ModuleArray is a list of ModuleInput.
type ModuleArray = azure.Array[Module]

// ModuleArrayInput is satisfied by ModuleArray.
type ModuleArrayInput = pulumix.Input[[]Module]

// Persistence turns on AOF or RDB persistence of a database.
type Persistence struct {
	AofEnabled   *bool   `pulumi:"aofEnabled"`
	AofFrequency *string `pulumi:"aofFrequency"`
	RdbEnabled   *bool   `pulumi:"rdbEnabled"`
	RdbFrequency *string `pulumi:"rdbFrequency"`
}

// PersistenceArgs is the Input form of Persistence.
type PersistenceArgs struct {
	AofEnabled pulumi.BoolPtrInput `pulumi:"aofEnabled"`
	// AofFrequency is one of AofFrequencies.
	AofFrequency pulumi.StringPtrInput `pulumi:"aofFrequency"`
	RdbEnabled   pulumi.BoolPtrInput   `pulumi:"rdbEnabled"`
	// RdbFrequency is one of RdbFrequencies.
	RdbFrequency pulumi.StringPtrInput `pulumi:"rdbFrequency"`
}

// PersistencePtrInput is satisfied by PersistenceArgs.
type PersistencePtrInput = pulumix.Input[Persistence]

func (PersistenceArgs) ElementType() reflect.Type { return reflect.TypeFor[Persistence]() }
func (a PersistenceArgs) ToOutput(ctx context.Context) pulumix.Output[Persistence] {
	return azure.ToOutput[Persistence](ctx, a)
}

// AccessPolicyAssignmentPropertiesUser is the Entra principal an access policy is assigned to.
type AccessPolicyAssignmentPropertiesUser struct {
	ObjectId *string `pulumi:"objectId"`
}

// AccessPolicyAssignmentPropertiesUserArgs is the Input form of
// AccessPolicyAssignmentPropertiesUser.
type AccessPolicyAssignmentPropertiesUserArgs struct {
	// ObjectId is the principal's Entra object id (not its client id).
	ObjectId pulumi.StringPtrInput `pulumi:"objectId"`
}

// AccessPolicyAssignmentPropertiesUserInput is satisfied by
// AccessPolicyAssignmentPropertiesUserArgs.
type AccessPolicyAssignmentPropertiesUserInput = pulumix.Input[AccessPolicyAssignmentPropertiesUser]

func (AccessPolicyAssignmentPropertiesUserArgs) ElementType() reflect.Type {
	return reflect.TypeFor[AccessPolicyAssignmentPropertiesUser]()
}
func (a AccessPolicyAssignmentPropertiesUserArgs) ToOutput(ctx context.Context) pulumix.Output[AccessPolicyAssignmentPropertiesUser] {
	return azure.ToOutput[AccessPolicyAssignmentPropertiesUser](ctx, a)
}
