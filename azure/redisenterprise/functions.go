package redisenterprise

import (
	"reflect"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure"
)

// LookupRedisEnterpriseArgs names the cluster to read.
type LookupRedisEnterpriseArgs struct {
	ClusterName       string `pulumi:"clusterName"`
	ResourceGroupName string `pulumi:"resourceGroupName"`
}

// LookupRedisEnterpriseResult is a cluster as Azure reports it.
type LookupRedisEnterpriseResult struct {
	AzureApiVersion            string                               `pulumi:"azureApiVersion"`
	Encryption                 *ClusterPropertiesResponseEncryption `pulumi:"encryption"`
	HighAvailability           *string                              `pulumi:"highAvailability"`
	HostName                   string                               `pulumi:"hostName"`
	Id                         string                               `pulumi:"id"`
	Identity                   *ManagedServiceIdentityResponse      `pulumi:"identity"`
	Kind                       string                               `pulumi:"kind"`
	Location                   string                               `pulumi:"location"`
	MinimumTlsVersion          *string                              `pulumi:"minimumTlsVersion"`
	Name                       string                               `pulumi:"name"`
	PrivateEndpointConnections []PrivateEndpointConnectionResponse  `pulumi:"privateEndpointConnections"`
	ProvisioningState          string                               `pulumi:"provisioningState"`
	PublicNetworkAccess        string                               `pulumi:"publicNetworkAccess"`
	RedisVersion               string                               `pulumi:"redisVersion"`
	RedundancyMode             string                               `pulumi:"redundancyMode"`
	ResourceState              string                               `pulumi:"resourceState"`
	Sku                        SkuResponse                          `pulumi:"sku"`
	Tags                       map[string]string                    `pulumi:"tags"`
	Type                       string                               `pulumi:"type"`
	Zones                      []string                             `pulumi:"zones"`
}

// LookupRedisEnterprise reads a cluster (getRedisEnterprise).
func LookupRedisEnterprise(ctx *pulumi.Context, args *LookupRedisEnterpriseArgs,
	opts ...pulumi.InvokeOption,
) (*LookupRedisEnterpriseResult, error) {
	var result LookupRedisEnterpriseResult
	err := ctx.Invoke("azure-native:redisenterprise:getRedisEnterprise", args, &result, azure.InvokeOptions(opts...)...)
	if err != nil {
		return nil, err
	}
	return &result, nil
}

// LookupRedisEnterpriseOutputArgs is LookupRedisEnterpriseArgs whose values may be Outputs.
type LookupRedisEnterpriseOutputArgs struct {
	ClusterName       pulumi.StringInput `pulumi:"clusterName"`
	ResourceGroupName pulumi.StringInput `pulumi:"resourceGroupName"`
}

func (LookupRedisEnterpriseOutputArgs) ElementType() reflect.Type {
	return reflect.TypeFor[LookupRedisEnterpriseArgs]()
}

// LookupRedisEnterpriseResultOutput is the Output of LookupRedisEnterpriseOutput.
type LookupRedisEnterpriseResultOutput struct{ *pulumi.OutputState }

func (LookupRedisEnterpriseResultOutput) ElementType() reflect.Type {
	return reflect.TypeFor[LookupRedisEnterpriseResult]()
}

// LookupRedisEnterpriseOutput reads a cluster once its arguments are known.
func LookupRedisEnterpriseOutput(ctx *pulumi.Context, args LookupRedisEnterpriseOutputArgs,
	opts ...pulumi.InvokeOption,
) LookupRedisEnterpriseResultOutput {
	return azure.InvokeOutput[LookupRedisEnterpriseResultOutput](ctx,
		"azure-native:redisenterprise:getRedisEnterprise", args, opts)
}

func (o LookupRedisEnterpriseResultOutput) Id() pulumi.StringOutput {
	return azure.Field(o, func(r LookupRedisEnterpriseResult) string { return r.Id })
}

func (o LookupRedisEnterpriseResultOutput) Name() pulumi.StringOutput {
	return azure.Field(o, func(r LookupRedisEnterpriseResult) string { return r.Name })
}

func (o LookupRedisEnterpriseResultOutput) HostName() pulumi.StringOutput {
	return azure.Field(o, func(r LookupRedisEnterpriseResult) string { return r.HostName })
}

func (o LookupRedisEnterpriseResultOutput) RedisVersion() pulumi.StringOutput {
	return azure.Field(o, func(r LookupRedisEnterpriseResult) string { return r.RedisVersion })
}

// LookupDatabaseArgs names the database to read.
type LookupDatabaseArgs struct {
	ClusterName       string `pulumi:"clusterName"`
	DatabaseName      string `pulumi:"databaseName"`
	ResourceGroupName string `pulumi:"resourceGroupName"`
}

// LookupDatabaseResult is a database as Azure reports it.
type LookupDatabaseResult struct {
	AccessKeysAuthentication *string                                   `pulumi:"accessKeysAuthentication"`
	AzureApiVersion          string                                    `pulumi:"azureApiVersion"`
	ClientProtocol           *string                                   `pulumi:"clientProtocol"`
	ClusteringPolicy         *string                                   `pulumi:"clusteringPolicy"`
	DeferUpgrade             *string                                   `pulumi:"deferUpgrade"`
	EvictionPolicy           *string                                   `pulumi:"evictionPolicy"`
	GeoReplication           *DatabasePropertiesResponseGeoReplication `pulumi:"geoReplication"`
	Id                       string                                    `pulumi:"id"`
	Modules                  []ModuleResponse                          `pulumi:"modules"`
	Name                     string                                    `pulumi:"name"`
	Persistence              *PersistenceResponse                      `pulumi:"persistence"`
	Port                     *int                                      `pulumi:"port"`
	ProvisioningState        string                                    `pulumi:"provisioningState"`
	RedisVersion             string                                    `pulumi:"redisVersion"`
	ResourceState            string                                    `pulumi:"resourceState"`
	SystemData               SystemDataResponse                        `pulumi:"systemData"`
	Type                     string                                    `pulumi:"type"`
}

// LookupDatabase reads a database (getDatabase).
func LookupDatabase(ctx *pulumi.Context, args *LookupDatabaseArgs, opts ...pulumi.InvokeOption,
) (*LookupDatabaseResult, error) {
	var result LookupDatabaseResult
	err := ctx.Invoke("azure-native:redisenterprise:getDatabase", args, &result, azure.InvokeOptions(opts...)...)
	if err != nil {
		return nil, err
	}
	return &result, nil
}

// LookupDatabaseOutputArgs is LookupDatabaseArgs whose values may be Outputs.
type LookupDatabaseOutputArgs struct {
	ClusterName       pulumi.StringInput `pulumi:"clusterName"`
	DatabaseName      pulumi.StringInput `pulumi:"databaseName"`
	ResourceGroupName pulumi.StringInput `pulumi:"resourceGroupName"`
}

func (LookupDatabaseOutputArgs) ElementType() reflect.Type {
	return reflect.TypeFor[LookupDatabaseArgs]()
}

// LookupDatabaseResultOutput is the Output of LookupDatabaseOutput.
type LookupDatabaseResultOutput struct{ *pulumi.OutputState }

func (LookupDatabaseResultOutput) ElementType() reflect.Type {
	return reflect.TypeFor[LookupDatabaseResult]()
}

// LookupDatabaseOutput reads a database once its arguments are known.
func LookupDatabaseOutput(ctx *pulumi.Context, args LookupDatabaseOutputArgs, opts ...pulumi.InvokeOption,
) LookupDatabaseResultOutput {
	return azure.InvokeOutput[LookupDatabaseResultOutput](ctx, "azure-native:redisenterprise:getDatabase", args, opts)
}

func (o LookupDatabaseResultOutput) Id() pulumi.StringOutput {
	return azure.Field(o, func(r LookupDatabaseResult) string { return r.Id })
}

func (o LookupDatabaseResultOutput) Name() pulumi.StringOutput {
	return azure.Field(o, func(r LookupDatabaseResult) string { return r.Name })
}

func (o LookupDatabaseResultOutput) RedisVersion() pulumi.StringOutput {
	return azure.Field(o, func(r LookupDatabaseResult) string { return r.RedisVersion })
}

// ListDatabaseKeysArgs names the database whose access keys to read.
type ListDatabaseKeysArgs struct {
	ClusterName       string `pulumi:"clusterName"`
	DatabaseName      string `pulumi:"databaseName"`
	ResourceGroupName string `pulumi:"resourceGroupName"`
}

// ListDatabaseKeysResult holds a database's two access keys. Azure refuses the call when
// access keys are disabled on the database.
type ListDatabaseKeysResult struct {
	PrimaryKey   string `pulumi:"primaryKey"`
	SecondaryKey string `pulumi:"secondaryKey"`
}

// ListDatabaseKeys reads a database's access keys. The plain result cannot be marked secret:
// prefer ListDatabaseKeysOutput.
func ListDatabaseKeys(ctx *pulumi.Context, args *ListDatabaseKeysArgs, opts ...pulumi.InvokeOption,
) (*ListDatabaseKeysResult, error) {
	var result ListDatabaseKeysResult
	err := ctx.Invoke("azure-native:redisenterprise:listDatabaseKeys", args, &result, azure.InvokeOptions(opts...)...)
	if err != nil {
		return nil, err
	}
	return &result, nil
}

// ListDatabaseKeysOutputArgs is ListDatabaseKeysArgs whose values may be Outputs.
type ListDatabaseKeysOutputArgs struct {
	ClusterName       pulumi.StringInput `pulumi:"clusterName"`
	DatabaseName      pulumi.StringInput `pulumi:"databaseName"`
	ResourceGroupName pulumi.StringInput `pulumi:"resourceGroupName"`
}

func (ListDatabaseKeysOutputArgs) ElementType() reflect.Type {
	return reflect.TypeFor[ListDatabaseKeysArgs]()
}

// ListDatabaseKeysResultOutput is the Output of ListDatabaseKeysOutput; always secret.
type ListDatabaseKeysResultOutput struct{ *pulumi.OutputState }

func (ListDatabaseKeysResultOutput) ElementType() reflect.Type {
	return reflect.TypeFor[ListDatabaseKeysResult]()
}

// ListDatabaseKeysOutput reads a database's access keys once its arguments are known. Unlike
// the official SDK, which leaves them in plain text, the result is marked secret.
func ListDatabaseKeysOutput(ctx *pulumi.Context, args ListDatabaseKeysOutputArgs, opts ...pulumi.InvokeOption,
) ListDatabaseKeysResultOutput {
	keys := azure.InvokeOutput[ListDatabaseKeysResultOutput](ctx, "azure-native:redisenterprise:listDatabaseKeys", args, opts)
	return pulumi.ToSecret(keys).(ListDatabaseKeysResultOutput)
}

func (o ListDatabaseKeysResultOutput) PrimaryKey() pulumi.StringOutput {
	return azure.Field(o, func(r ListDatabaseKeysResult) string { return r.PrimaryKey })
}

func (o ListDatabaseKeysResultOutput) SecondaryKey() pulumi.StringOutput {
	return azure.Field(o, func(r ListDatabaseKeysResult) string { return r.SecondaryKey })
}

func init() {
	pulumi.RegisterOutputType(LookupRedisEnterpriseResultOutput{})
	pulumi.RegisterOutputType(LookupDatabaseResultOutput{})
	pulumi.RegisterOutputType(ListDatabaseKeysResultOutput{})
}
