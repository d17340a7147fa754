package redisenterprise

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure"
	"github.com/managedredis/pulumi-azure-managed-redis/azure/enumvalues"
	"github.com/managedredis/pulumi-azure-managed-redis/internal/factcheck"
)

func loadFacts(t *testing.T) factcheck.Facts {
	t.Helper()
	return factcheck.Load(t, "testdata/azure-native-3.28.0-redisenterprise.json")
}

var boundResources = map[string]factcheck.BoundResource{
	"RedisEnterprise":        factcheck.ResourceOf[RedisEnterprise, RedisEnterpriseArgs, redisEnterpriseArgs](),
	"Database":               factcheck.ResourceOf[Database, DatabaseArgs, databaseArgs](),
	"AccessPolicyAssignment": factcheck.ResourceOf[AccessPolicyAssignment, AccessPolicyAssignmentArgs, accessPolicyAssignmentArgs](),
}

var boundFunctions = map[string]factcheck.BoundFunction{
	"getRedisEnterprise": factcheck.FunctionOf[LookupRedisEnterpriseArgs, LookupRedisEnterpriseOutputArgs, LookupRedisEnterpriseResult](),
	"getDatabase":        factcheck.FunctionOf[LookupDatabaseArgs, LookupDatabaseOutputArgs, LookupDatabaseResult](),
	"listDatabaseKeys":   factcheck.FunctionOf[ListDatabaseKeysArgs, ListDatabaseKeysOutputArgs, ListDatabaseKeysResult](),
	"listRedisEnterpriseSkusForScaling": factcheck.FunctionOf[ListRedisEnterpriseSkusForScalingArgs,
		ListRedisEnterpriseSkusForScalingOutputArgs, ListRedisEnterpriseSkusForScalingResult](),
}

func TestBindingMatchesFacts(t *testing.T) {
	loadFacts(t).Module(t, boundResources, boundFunctions, factcheck.Complete)
}

// The lists of values the component's rules check inputs against are the facts' enums.
func TestEnumsMatchFacts(t *testing.T) {
	loadFacts(t).EnumValues(t, map[string][]string{
		"redisenterprise:AccessKeysAuthentication":   enumvalues.RedisenterpriseAccessKeysAuthentication,
		"redisenterprise:AofFrequency":               enumvalues.RedisenterpriseAofFrequency,
		"redisenterprise:ClusteringPolicy":           enumvalues.RedisenterpriseClusteringPolicy,
		"redisenterprise:CmkIdentityType":            enumvalues.RedisenterpriseCmkIdentityType,
		"redisenterprise:DeferUpgradeSetting":        enumvalues.RedisenterpriseDeferUpgradeSetting,
		"redisenterprise:EvictionPolicy":             enumvalues.RedisenterpriseEvictionPolicy,
		"redisenterprise:HighAvailability":           enumvalues.RedisenterpriseHighAvailability,
		"redisenterprise:ManagedServiceIdentityType": enumvalues.RedisenterpriseManagedServiceIdentityType,
		"redisenterprise:Protocol":                   enumvalues.RedisenterpriseProtocol,
		"redisenterprise:PublicNetworkAccess":        enumvalues.RedisenterprisePublicNetworkAccess,
		"redisenterprise:RdbFrequency":               enumvalues.RedisenterpriseRdbFrequency,
		"redisenterprise:SkuName":                    enumvalues.RedisenterpriseSkuName,
		"redisenterprise:TlsVersion":                 enumvalues.RedisenterpriseTlsVersion,
	})
}

// TestTokensAndRequiredInputs registers each resource and calls each function through Pulumi's
// mocks, and checks the token, the plugin version and that a missing required input is refused.
func TestTokensAndRequiredInputs(t *testing.T) {
	f := loadFacts(t)
	var resources, functions []string
	for name := range boundResources {
		resources = append(resources, name)
	}
	for name := range boundFunctions {
		functions = append(functions, name)
	}
	f.Tokens(t, azure.NativeVersion, func(ctx *pulumi.Context) error {
		str := pulumi.String("x")
		if _, err := NewRedisEnterprise(ctx, "cluster", &RedisEnterpriseArgs{
			ResourceGroupName: str, PublicNetworkAccess: str, Sku: SkuArgs{Name: str},
		}); err != nil {
			return err
		}
		if _, err := NewDatabase(ctx, "database", &DatabaseArgs{ClusterName: str, ResourceGroupName: str}); err != nil {
			return err
		}
		if _, err := NewAccessPolicyAssignment(ctx, "assignment", &AccessPolicyAssignmentArgs{
			AccessPolicyName: str, ClusterName: str, DatabaseName: str, ResourceGroupName: str,
			User: AccessPolicyAssignmentPropertiesUserArgs{ObjectId: str},
		}); err != nil {
			return err
		}
		if _, err := LookupRedisEnterprise(ctx, &LookupRedisEnterpriseArgs{ClusterName: "x", ResourceGroupName: "x"}); err != nil {
			return err
		}
		if _, err := LookupDatabase(ctx, &LookupDatabaseArgs{ClusterName: "x", DatabaseName: "x", ResourceGroupName: "x"}); err != nil {
			return err
		}
		if _, err := ListDatabaseKeys(ctx, &ListDatabaseKeysArgs{ClusterName: "x", DatabaseName: "x", ResourceGroupName: "x"}); err != nil {
			return err
		}
		_, err := ListRedisEnterpriseSkusForScaling(ctx, &ListRedisEnterpriseSkusForScalingArgs{ClusterName: "x", ResourceGroupName: "x"})
		return err
	}, resources, functions)

	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		_, err := NewRedisEnterprise(ctx, "cluster", &RedisEnterpriseArgs{ResourceGroupName: pulumi.String("rg")})
		return err
	}, pulumi.WithMocks("project", "stack", noMocks{}))
	if err == nil || !strings.Contains(err.Error(), "invalid value for required argument 'PublicNetworkAccess'") {
		t.Errorf("missing required inputs: got %v", err)
	}
}

type noMocks struct{}

func (noMocks) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	return args.Name + "-id", args.Inputs, nil
}

func (noMocks) Call(pulumi.MockCallArgs) (resource.PropertyMap, error) {
	return resource.PropertyMap{}, nil
}

func TestPluginJSONNamesTheSamePlugin(t *testing.T) { factcheck.PluginJSON(t, azure.NativeVersion) }

// azure-native NativeVersion calls the Redis Enterprise API version the project records: the
// one Azure still serves (FACTS.md).
func TestTheAPIVersionIsThePlugins(t *testing.T) {
	if f := loadFacts(t); f.Version != azure.NativeVersion || f.ApiVersion != azure.RedisEnterpriseAPIVersion {
		t.Errorf("azure-native %s calls %s; the project records %s and %s", f.Version, f.ApiVersion,
			azure.NativeVersion, azure.RedisEnterpriseAPIVersion)
	}
}
