package redisenterprise

import (
	"errors"
	"reflect"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumix"

	"github.com/managedredis/pulumi-azure-managed-redis/azure"
)

// RedisEnterprise is an Azure Managed Redis (Redis Enterprise) cluster.
type RedisEnterprise struct {
	pulumi.CustomResourceState

	AzureApiVersion            pulumi.StringOutput                                  `pulumi:"azureApiVersion"`
	Encryption                 pulumix.Output[*ClusterPropertiesResponseEncryption] `pulumi:"encryption"`
	HighAvailability           pulumi.StringPtrOutput                               `pulumi:"highAvailability"`
	HostName                   pulumi.StringOutput                                  `pulumi:"hostName"`
	Identity                   pulumix.Output[*ManagedServiceIdentityResponse]      `pulumi:"identity"`
	Kind                       pulumi.StringOutput                                  `pulumi:"kind"`
	Location                   pulumi.StringOutput                                  `pulumi:"location"`
	MinimumTlsVersion          pulumi.StringPtrOutput                               `pulumi:"minimumTlsVersion"`
	Name                       pulumi.StringOutput                                  `pulumi:"name"`
	PrivateEndpointConnections pulumix.Output[[]PrivateEndpointConnectionResponse]  `pulumi:"privateEndpointConnections"`
	ProvisioningState          pulumi.StringOutput                                  `pulumi:"provisioningState"`
	PublicNetworkAccess        pulumi.StringOutput                                  `pulumi:"publicNetworkAccess"`
	RedisVersion               pulumi.StringOutput                                  `pulumi:"redisVersion"`
	RedundancyMode             pulumi.StringOutput                                  `pulumi:"redundancyMode"`
	ResourceState              pulumi.StringOutput                                  `pulumi:"resourceState"`
	Sku                        pulumix.Output[SkuResponse]                          `pulumi:"sku"`
	Tags                       pulumi.StringMapOutput                               `pulumi:"tags"`
	Type                       pulumi.StringOutput                                  `pulumi:"type"`
	Zones                      pulumi.StringArrayOutput                             `pulumi:"zones"`
}

// RedisEnterpriseArgs are the inputs of a RedisEnterprise cluster.
type RedisEnterpriseArgs struct {
	// ClusterName is the cluster's name; it becomes the first label of its host name.
	ClusterName pulumi.StringPtrInput
	Encryption  ClusterPropertiesEncryptionPtrInput
	// HighAvailability is Enabled or Disabled (Azure Managed Redis SKUs only).
	HighAvailability pulumi.StringPtrInput
	Identity         ManagedServiceIdentityPtrInput
	Location         pulumi.StringPtrInput
	// MinimumTlsVersion is one of TlsVersions.
	MinimumTlsVersion pulumi.StringPtrInput
	// PublicNetworkAccess is Enabled or Disabled; required since API 2025-07-01.
	PublicNetworkAccess pulumi.StringInput
	ResourceGroupName   pulumi.StringInput
	Sku                 SkuInput
	Tags                pulumi.StringMapInput
	// Zones apply to the legacy Enterprise SKUs only.
	Zones pulumi.StringArrayInput
}

type redisEnterpriseArgs struct {
	ClusterName         *string                      `pulumi:"clusterName"`
	Encryption          *ClusterPropertiesEncryption `pulumi:"encryption"`
	HighAvailability    *string                      `pulumi:"highAvailability"`
	Identity            *ManagedServiceIdentity      `pulumi:"identity"`
	Location            *string                      `pulumi:"location"`
	MinimumTlsVersion   *string                      `pulumi:"minimumTlsVersion"`
	PublicNetworkAccess string                       `pulumi:"publicNetworkAccess"`
	ResourceGroupName   string                       `pulumi:"resourceGroupName"`
	Sku                 Sku                          `pulumi:"sku"`
	Tags                map[string]string            `pulumi:"tags"`
	Zones               []string                     `pulumi:"zones"`
}

func (RedisEnterpriseArgs) ElementType() reflect.Type { return reflect.TypeFor[redisEnterpriseArgs]() }

// NewRedisEnterprise registers a cluster.
func NewRedisEnterprise(ctx *pulumi.Context, name string, args *RedisEnterpriseArgs,
	opts ...pulumi.ResourceOption,
) (*RedisEnterprise, error) {
	if args == nil {
		return nil, errors.New("missing one or more required arguments")
	}
	return azure.Register[RedisEnterprise](ctx, "azure-native:redisenterprise:RedisEnterprise", name, args, map[string]any{
		"PublicNetworkAccess": args.PublicNetworkAccess,
		"ResourceGroupName":   args.ResourceGroupName,
		"Sku":                 args.Sku,
	}, opts)
}
