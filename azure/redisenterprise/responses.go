package redisenterprise

// Output object types: what Azure reports back. Resources and function results hold them in
// pulumix.Output values.

// SkuResponse is the size and tier of a cluster as Azure reports it.
type SkuResponse struct {
	Capacity *int   `pulumi:"capacity"`
	Name     string `pulumi:"name"`
}

// ClusterPropertiesResponseEncryption is the cluster's encryption at rest.
type ClusterPropertiesResponseEncryption struct {
	CustomerManagedKeyEncryption *ClusterPropertiesResponseCustomerManagedKeyEncryption `pulumi:"customerManagedKeyEncryption"`
}

// ClusterPropertiesResponseCustomerManagedKeyEncryption is the customer-managed key in use.
type ClusterPropertiesResponseCustomerManagedKeyEncryption struct {
	KeyEncryptionKeyIdentity *ClusterPropertiesResponseKeyEncryptionKeyIdentity `pulumi:"keyEncryptionKeyIdentity"`
	KeyEncryptionKeyUrl      *string                                            `pulumi:"keyEncryptionKeyUrl"`
}

// ClusterPropertiesResponseKeyEncryptionKeyIdentity is the identity that reads the key.
type ClusterPropertiesResponseKeyEncryptionKeyIdentity struct {
	IdentityType                   *string `pulumi:"identityType"`
	UserAssignedIdentityResourceId *string `pulumi:"userAssignedIdentityResourceId"`
}

// ManagedServiceIdentityResponse is the cluster's identity; userAssignedIdentities is keyed
// by identity resource id.
type ManagedServiceIdentityResponse struct {
	PrincipalId            string                                  `pulumi:"principalId"`
	TenantId               string                                  `pulumi:"tenantId"`
	Type                   string                                  `pulumi:"type"`
	UserAssignedIdentities map[string]UserAssignedIdentityResponse `pulumi:"userAssignedIdentities"`
}

// UserAssignedIdentityResponse is one user-assigned identity of a cluster.
type UserAssignedIdentityResponse struct {
	ClientId    string `pulumi:"clientId"`
	PrincipalId string `pulumi:"principalId"`
}

// PrivateEndpointConnectionResponse is a private endpoint connected to a cluster.
type PrivateEndpointConnectionResponse struct {
	Id                                string                                    `pulumi:"id"`
	Name                              string                                    `pulumi:"name"`
	PrivateEndpoint                   *PrivateEndpointResponse                  `pulumi:"privateEndpoint"`
	PrivateLinkServiceConnectionState PrivateLinkServiceConnectionStateResponse `pulumi:"privateLinkServiceConnectionState"`
	ProvisioningState                 string                                    `pulumi:"provisioningState"`
	Type                              string                                    `pulumi:"type"`
}

// PrivateEndpointResponse names a private endpoint.
type PrivateEndpointResponse struct {
	Id string `pulumi:"id"`
}

// PrivateLinkServiceConnectionStateResponse is the approval state of a private endpoint.
type PrivateLinkServiceConnectionStateResponse struct {
	ActionsRequired *string `pulumi:"actionsRequired"`
	Description     *string `pulumi:"description"`
	Status          *string `pulumi:"status"`
}

// DatabasePropertiesResponseGeoReplication is a database's geo-replication group.
type DatabasePropertiesResponseGeoReplication struct {
	GroupNickname   *string                  `pulumi:"groupNickname"`
	LinkedDatabases []LinkedDatabaseResponse `pulumi:"linkedDatabases"`
}

// LinkedDatabaseResponse is one member of a geo-replication group and its link state.
type LinkedDatabaseResponse struct {
	Id    *string `pulumi:"id"`
	State string  `pulumi:"state"`
}

// ModuleResponse is a module enabled on a database.
type ModuleResponse struct {
	Args    *string `pulumi:"args"`
	Name    string  `pulumi:"name"`
	Version string  `pulumi:"version"`
}

// PersistenceResponse is a database's persistence settings.
type PersistenceResponse struct {
	AofEnabled   *bool   `pulumi:"aofEnabled"`
	AofFrequency *string `pulumi:"aofFrequency"`
	RdbEnabled   *bool   `pulumi:"rdbEnabled"`
	RdbFrequency *string `pulumi:"rdbFrequency"`
}

// SystemDataResponse is ARM's creation and modification record.
type SystemDataResponse struct {
	CreatedAt          *string `pulumi:"createdAt"`
	CreatedBy          *string `pulumi:"createdBy"`
	CreatedByType      *string `pulumi:"createdByType"`
	LastModifiedAt     *string `pulumi:"lastModifiedAt"`
	LastModifiedBy     *string `pulumi:"lastModifiedBy"`
	LastModifiedByType *string `pulumi:"lastModifiedByType"`
}

// AccessPolicyAssignmentPropertiesResponseUser is the principal of an access policy
// assignment.
type AccessPolicyAssignmentPropertiesResponseUser struct {
	ObjectId *string `pulumi:"objectId"`
}
