package redisenterprise

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure"
	"github.com/managedredis/pulumi-azure-managed-redis/azure/internal/factcheck"
)

func loadFacts(t *testing.T) factcheck.Facts {
	t.Helper()
	return factcheck.Load(t, "testdata/azure-native-3.28.0-redisenterprise.json")
}

// boundResources pairs each bound resource with its Go types: the resource, the public Args
// and the plain struct the engine receives.
var boundResources = map[string]struct{ state, args, plainArgs reflect.Type }{
	"RedisEnterprise": {reflect.TypeFor[RedisEnterprise](), reflect.TypeFor[RedisEnterpriseArgs](), reflect.TypeFor[redisEnterpriseArgs]()},
	"Database":        {reflect.TypeFor[Database](), reflect.TypeFor[DatabaseArgs](), reflect.TypeFor[databaseArgs]()},
	"AccessPolicyAssignment": {reflect.TypeFor[AccessPolicyAssignment](), reflect.TypeFor[AccessPolicyAssignmentArgs](),
		reflect.TypeFor[accessPolicyAssignmentArgs]()},
}

var boundFunctions = map[string]struct{ args, outputArgs, result reflect.Type }{
	"getRedisEnterprise": {reflect.TypeFor[LookupRedisEnterpriseArgs](), reflect.TypeFor[LookupRedisEnterpriseOutputArgs](),
		reflect.TypeFor[LookupRedisEnterpriseResult]()},
	"getDatabase":      {reflect.TypeFor[LookupDatabaseArgs](), reflect.TypeFor[LookupDatabaseOutputArgs](), reflect.TypeFor[LookupDatabaseResult]()},
	"listDatabaseKeys": {reflect.TypeFor[ListDatabaseKeysArgs](), reflect.TypeFor[ListDatabaseKeysOutputArgs](), reflect.TypeFor[ListDatabaseKeysResult]()},
}

var boundEnums = map[string][]string{
	"redisenterprise:AccessKeysAuthentication":   AccessKeysAuthentications,
	"redisenterprise:AofFrequency":               AofFrequencies,
	"redisenterprise:ClusteringPolicy":           ClusteringPolicies,
	"redisenterprise:CmkIdentityType":            CmkIdentityTypes,
	"redisenterprise:DeferUpgradeSetting":        DeferUpgradeSettings,
	"redisenterprise:EvictionPolicy":             EvictionPolicies,
	"redisenterprise:HighAvailability":           HighAvailabilities,
	"redisenterprise:ManagedServiceIdentityType": ManagedServiceIdentityTypes,
	"redisenterprise:Protocol":                   Protocols,
	"redisenterprise:PublicNetworkAccess":        PublicNetworkAccesses,
	"redisenterprise:RdbFrequency":               RdbFrequencies,
	"redisenterprise:SkuName":                    SkuNames,
	"redisenterprise:TlsVersion":                 TlsVersions,
}

func TestResourcesMatchFacts(t *testing.T) {
	f := loadFacts(t)
	for name, bound := range boundResources {
		t.Run(name, func(t *testing.T) { f.Resource(t, name, bound.state, bound.args, bound.plainArgs, factcheck.Complete) })
	}
}

func TestFunctionsMatchFacts(t *testing.T) {
	f := loadFacts(t)
	for name, bound := range boundFunctions {
		t.Run(name, func(t *testing.T) {
			f.Function(t, name, bound.args, bound.outputArgs, bound.result, factcheck.Complete)
		})
	}
}

func TestEnumsMatchFacts(t *testing.T) {
	f := loadFacts(t)
	if len(boundEnums) != len(f.Enums)-1 { // PrivateEndpointServiceConnectionStatus is not bound
		t.Errorf("bound %d enums, facts list %d", len(boundEnums), len(f.Enums))
	}
	for name, values := range boundEnums {
		var want []string
		for _, v := range f.Enums[name].Values {
			want = append(want, v.Value)
		}
		if !slices.Equal(values, want) {
			t.Errorf("%s: binding has %q, facts say %q", name, values, want)
		}
	}
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
		_, err := ListDatabaseKeys(ctx, &ListDatabaseKeysArgs{ClusterName: "x", DatabaseName: "x", ResourceGroupName: "x"})
		return err
	}, resources, functions)

	for name, fact := range f.Resources {
		bound, ok := boundResources[name]
		if !ok {
			continue
		}
		// Every required input is a non-pointer field of the plain args, so the engine always
		// receives it; the constructor refuses a nil one.
		for _, required := range fact.RequiredInputs {
			field, _ := bound.plainArgs.FieldByName(factcheck.ExportedName(required))
			if field.Type.Kind() == reflect.Pointer {
				t.Errorf("%s: required input %s is optional in the binding", name, required)
			}
		}
	}
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		_, err := NewRedisEnterprise(ctx, "cluster", &RedisEnterpriseArgs{ResourceGroupName: pulumi.String("rg")})
		return err
	}, pulumi.WithMocks("project", "stack", noMocks{}))
	if err == nil || !strings.Contains(err.Error(), "'PublicNetworkAccess', 'Sku'") {
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
