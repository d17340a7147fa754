// Package gosdk tests the generated Go SDK (sdk/go) with Pulumi's mocks: it registers the
// remote components under the schema's tokens and input names, and reads their outputs. It is
// a module of its own, as a user's program is: it requires the SDK's module only.
package gosdk

import (
	"slices"
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	redis "github.com/managedredis/pulumi-azure-managed-redis/sdk/go/azuremanagedredis"
)

type mocks struct {
	mu   sync.Mutex
	seen []pulumi.MockResourceArgs
}

func (m *mocks) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	m.mu.Lock()
	m.seen = append(m.seen, args)
	m.mu.Unlock()
	return "", resource.NewPropertyMapFromMap(map[string]any{
		"hostName": "cache-1.westeurope.redis.azure.net", "port": 10000, "authentication": "EntraId",
		"connectionString": "cache-1.westeurope.redis.azure.net:10000,ssl=true",
	}), nil
}

func (m *mocks) Call(pulumi.MockCallArgs) (resource.PropertyMap, error) {
	return resource.PropertyMap{}, nil
}

func TestManagedRedisIsARemoteComponent(t *testing.T) {
	m := &mocks{}
	var cache *redis.ManagedRedis
	sku := redis.SkuName_Balanced_B1
	err := pulumi.RunErr(func(ctx *pulumi.Context) (err error) {
		cache, err = redis.NewManagedRedis(ctx, "cache", &redis.ManagedRedisArgs{
			ResourceGroupName: pulumi.String("rg"),
			Sku:               &sku,
			AccessPrincipals: []redis.AccessPrincipalArgs{{
				Name: pulumi.StringRef("api"), ObjectId: pulumi.String("11111111-1111-1111-1111-111111111111").ToStringOutput(),
			}},
			Tags: pulumi.StringMap{"owner": pulumi.String("team").ToStringOutput()},
		})
		return err
	}, pulumi.WithMocks("project", "stack", m))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.seen) != 1 {
		t.Fatalf("%d registrations", len(m.seen))
	}
	r := m.seen[0]
	if r.TypeToken != "azure-managed-redis:index:ManagedRedis" || !r.RegisterRPC.GetRemote() || r.Custom {
		t.Errorf("registered %s remote=%v custom=%v", r.TypeToken, r.RegisterRPC.GetRemote(), r.Custom)
	}
	var keys []string
	for k := range r.Inputs {
		keys = append(keys, string(k))
	}
	slices.Sort(keys)
	if !slices.Equal(keys, []string{"accessPrincipals", "resourceGroupName", "sku", "tags"}) {
		t.Errorf("inputs %v", keys)
	}
	if got := r.RegisterRPC.GetPluginDownloadURL(); got != "github://api.github.com/managedredis" {
		t.Errorf("plugin download URL %q: the engine could not find the plugin by itself", got)
	}
	expect(t, cache.HostName, "cache-1.westeurope.redis.azure.net")
	expect(t, cache.Port, 10000)
}

func expect[T comparable](t *testing.T, o pulumi.Output, want T) {
	t.Helper()
	got := make(chan any, 1)
	o.ApplyT(func(v T) T { got <- v; return v })
	if v := <-got; v != want {
		t.Errorf("output %v, want %v", v, want)
	}
}
