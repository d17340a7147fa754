package redisenterprise

import (
	"errors"
	"reflect"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumix"

	"github.com/managedredis/pulumi-azure-managed-redis/azure"
)

// Database is the database of a cluster (Azure uses one, named "default").
type Database struct {
	pulumi.CustomResourceState

	AccessKeysAuthentication pulumi.StringPtrOutput                                    `pulumi:"accessKeysAuthentication"`
	AzureApiVersion          pulumi.StringOutput                                       `pulumi:"azureApiVersion"`
	ClientProtocol           pulumi.StringPtrOutput                                    `pulumi:"clientProtocol"`
	ClusteringPolicy         pulumi.StringPtrOutput                                    `pulumi:"clusteringPolicy"`
	DeferUpgrade             pulumi.StringPtrOutput                                    `pulumi:"deferUpgrade"`
	EvictionPolicy           pulumi.StringPtrOutput                                    `pulumi:"evictionPolicy"`
	GeoReplication           pulumix.Output[*DatabasePropertiesResponseGeoReplication] `pulumi:"geoReplication"`
	Modules                  pulumix.Output[[]ModuleResponse]                          `pulumi:"modules"`
	Name                     pulumi.StringOutput                                       `pulumi:"name"`
	Persistence              pulumix.Output[*PersistenceResponse]                      `pulumi:"persistence"`
	Port                     pulumi.IntPtrOutput                                       `pulumi:"port"`
	ProvisioningState        pulumi.StringOutput                                       `pulumi:"provisioningState"`
	RedisVersion             pulumi.StringOutput                                       `pulumi:"redisVersion"`
	ResourceState            pulumi.StringOutput                                       `pulumi:"resourceState"`
	SystemData               pulumix.Output[SystemDataResponse]                        `pulumi:"systemData"`
	Type                     pulumi.StringOutput                                       `pulumi:"type"`
}

// DatabaseArgs are the inputs of a Database.
type DatabaseArgs struct {
	// AccessKeysAuthentication is Enabled or Disabled (Azure's default since 2025-07-01).
	AccessKeysAuthentication pulumi.StringPtrInput
	// ClientProtocol is Encrypted (TLS) or Plaintext.
	ClientProtocol pulumi.StringPtrInput
	ClusterName    pulumi.StringInput
	// ClusteringPolicy is one of ClusteringPolicies; it can only change away from NoCluster.
	ClusteringPolicy pulumi.StringPtrInput
	DatabaseName     pulumi.StringPtrInput
	// DeferUpgrade is Deferred or NotDeferred.
	DeferUpgrade pulumi.StringPtrInput
	// EvictionPolicy is one of EvictionPolicies.
	EvictionPolicy    pulumi.StringPtrInput
	GeoReplication    DatabasePropertiesGeoReplicationPtrInput
	Modules           ModuleArrayInput
	Persistence       PersistencePtrInput
	Port              pulumi.IntPtrInput
	ResourceGroupName pulumi.StringInput
}

type databaseArgs struct {
	AccessKeysAuthentication *string                           `pulumi:"accessKeysAuthentication"`
	ClientProtocol           *string                           `pulumi:"clientProtocol"`
	ClusterName              string                            `pulumi:"clusterName"`
	ClusteringPolicy         *string                           `pulumi:"clusteringPolicy"`
	DatabaseName             *string                           `pulumi:"databaseName"`
	DeferUpgrade             *string                           `pulumi:"deferUpgrade"`
	EvictionPolicy           *string                           `pulumi:"evictionPolicy"`
	GeoReplication           *DatabasePropertiesGeoReplication `pulumi:"geoReplication"`
	Modules                  []Module                          `pulumi:"modules"`
	Persistence              *Persistence                      `pulumi:"persistence"`
	Port                     *int                              `pulumi:"port"`
	ResourceGroupName        string                            `pulumi:"resourceGroupName"`
}

func (DatabaseArgs) ElementType() reflect.Type { return reflect.TypeFor[databaseArgs]() }

// NewDatabase registers a database of a cluster.
func NewDatabase(ctx *pulumi.Context, name string, args *DatabaseArgs,
	opts ...pulumi.ResourceOption,
) (*Database, error) {
	if args == nil {
		return nil, errors.New("missing one or more required arguments")
	}
	return azure.Register[Database](ctx, "azure-native:redisenterprise:Database", name, args, map[string]any{
		"ClusterName":       args.ClusterName,
		"ResourceGroupName": args.ResourceGroupName,
	}, opts)
}
