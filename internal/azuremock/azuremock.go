// Package azuremock is a test double of Azure Resource Manager and azure-native for Pulumi's
// mocks (pulumi.WithMocks and pulumi-go-provider's integration server): it answers resource
// registrations and invokes the way ARM would (ARM ids, host names, secret URIs, reads of an
// existing cache) and records what it was sent. It is not Azure: tests use it to assert what
// the components ask for.
package azuremock

import (
	"encoding/json"
	"fmt"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const (
	Subscription = "00000000-0000-0000-0000-00000000aaaa"
	Tenant       = "00000000-0000-0000-0000-00000000bbbb"
	Location     = "westeurope"
	// Key has characters that must be escaped in a URI.
	Key          = "fake+primary/key=="
	PrincipalA   = "11111111-1111-1111-1111-111111111111"
	PrincipalB   = "22222222-2222-2222-2222-222222222222"
	GivenVaultId = "/subscriptions/" + Subscription + "/resourceGroups/shared-rg/providers/Microsoft.KeyVault/vaults/shared-kv"
)

// Fake answers Pulumi's mocks the way ARM and azure-native would: ARM ids, host names,
// secret URIs, and reads of an existing cache. It records what it was sent.
type Fake struct {
	mu        sync.Mutex
	resources []pulumi.MockResourceArgs
	calls     []pulumi.MockCallArgs
	// ExistingKeys is the accessKeysAuthentication of the pre-existing database.
	ExistingKeys string
}

func (f *Fake) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	f.mu.Lock()
	f.resources = append(f.resources, args)
	f.mu.Unlock()

	in := args.Inputs
	out := in.Copy()
	str := func(key string) string {
		v := in[resource.PropertyKey(key)]
		for v.IsSecret() {
			v = v.SecretValue().Element
		}
		if v.IsString() {
			return v.StringValue()
		}
		return ""
	}
	rgId := "/subscriptions/" + Subscription + "/resourceGroups/" + str("resourceGroupName")
	var id string
	switch args.TypeToken {
	case "azure-native:redisenterprise:RedisEnterprise":
		name := str("clusterName")
		id = rgId + "/providers/Microsoft.Cache/redisEnterprise/" + name
		out["name"] = resource.NewProperty(name)
		out["hostName"] = resource.NewProperty(fmt.Sprintf("%s.%s.redis.azure.net", name, Location))
		out["redisVersion"] = resource.NewProperty("7.4")
	case "azure-native:redisenterprise:Database":
		id = rgId + "/providers/Microsoft.Cache/redisEnterprise/" + str("clusterName") + "/databases/" + str("databaseName")
		out["name"] = resource.NewProperty(str("databaseName"))
	case "azure-native:redisenterprise:AccessPolicyAssignment":
		id = rgId + "/providers/Microsoft.Cache/redisEnterprise/" + str("clusterName") + "/databases/" +
			str("databaseName") + "/accessPolicyAssignments/" + str("accessPolicyAssignmentName")
	case "azure-native:keyvault:Vault":
		id = rgId + "/providers/Microsoft.KeyVault/vaults/" + str("vaultName")
		out["name"] = resource.NewProperty(str("vaultName"))
	case "azure-native:keyvault:Secret":
		id = rgId + "/providers/Microsoft.KeyVault/vaults/" + str("vaultName") + "/secrets/" + str("secretName")
		out["properties"] = resource.NewProperty(resource.PropertyMap{
			"secretUri": resource.NewProperty(fmt.Sprintf("https://%s.vault.azure.net/secrets/%s", str("vaultName"), str("secretName"))),
		})
	case "azure-native:authorization:RoleAssignment":
		id = str("scope") + "/providers/Microsoft.Authorization/roleAssignments/" + str("roleAssignmentName")
	default:
		id = args.Name + "-id"
	}
	return id, out, nil
}

func (f *Fake) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	f.mu.Lock()
	f.calls = append(f.calls, args)
	f.mu.Unlock()
	arg := func(key string) string { return args.Args[resource.PropertyKey(key)].StringValue() }
	switch args.Token {
	case "azure-native:authorization:getClientConfig":
		return resource.NewPropertyMapFromMap(map[string]any{
			"tenantId": Tenant, "subscriptionId": Subscription, "clientId": "client", "objectId": "deployer",
		}), nil
	case "azure-native:redisenterprise:getRedisEnterprise":
		return resource.NewPropertyMapFromMap(map[string]any{
			"id":           "/subscriptions/" + Subscription + "/resourceGroups/" + arg("resourceGroupName") + "/providers/Microsoft.Cache/redisEnterprise/" + arg("clusterName"),
			"name":         arg("clusterName"),
			"hostName":     arg("clusterName") + ".eastus.redis.azure.net",
			"redisVersion": "7.2",
			"location":     "eastus",
		}), nil
	case "azure-native:redisenterprise:getDatabase":
		return resource.NewPropertyMapFromMap(map[string]any{
			"id":                       "/subscriptions/" + Subscription + "/resourceGroups/" + arg("resourceGroupName") + "/providers/Microsoft.Cache/redisEnterprise/" + arg("clusterName") + "/databases/default",
			"name":                     "default",
			"accessKeysAuthentication": f.ExistingKeys,
		}), nil
	case "azure-native:redisenterprise:listDatabaseKeys":
		return resource.NewPropertyMapFromMap(map[string]any{"primaryKey": Key, "secondaryKey": "second"}), nil
	}
	return nil, fmt.Errorf("unexpected call %s", args.Token)
}

// Registered returns the resources of one type token, in registration order.
func (f *Fake) Registered(token string) []pulumi.MockResourceArgs {
	f.mu.Lock()
	defer f.mu.Unlock()
	var found []pulumi.MockResourceArgs
	for _, r := range f.resources {
		if r.TypeToken == token {
			found = append(found, r)
		}
	}
	return found
}

func (f *Fake) One(t *testing.T, token string) pulumi.MockResourceArgs {
	t.Helper()
	found := f.Registered(token)
	if len(found) != 1 {
		t.Fatalf("%s Registered %d times, want once", token, len(found))
	}
	return found[0]
}

func (f *Fake) Called(token string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, c := range f.calls {
		if c.Token == token {
			return true
		}
	}
	return false
}

// Run runs program against fake and returns its error.
func Run(fake *Fake, program pulumi.RunFunc) error {
	return pulumi.RunErr(program, pulumi.WithMocks("project", "stack", fake))
}

// value awaits a resolved Output and returns its value and whether it is secret.
func Value[T any](t *testing.T, o pulumi.Output) (T, bool) {
	t.Helper()
	ch := make(chan any, 1)
	o.ApplyT(func(v any) any { ch <- v; return v })
	v := <-ch
	typed, ok := v.(T)
	if !ok {
		t.Fatalf("output is %T, want %T", v, typed)
	}
	return typed, pulumi.IsSecret(o)
}

// input reads an input the fake received, unwrapping secrets, as a Go value.
func Input(args pulumi.MockResourceArgs, path string) any {
	v := resource.NewProperty(args.Inputs)
	for _, key := range strings.Split(path, ".") {
		for v.IsSecret() {
			v = v.SecretValue().Element
		}
		if !v.IsObject() {
			return nil
		}
		v = v.ObjectValue()[resource.PropertyKey(key)]
	}
	for v.IsSecret() {
		v = v.SecretValue().Element
	}
	return v.Mappable()
}

// IsSecretInput says whether the fake received the input at key as a secret.
func IsSecretInput(args pulumi.MockResourceArgs, key string) bool {
	return args.Inputs[resource.PropertyKey(key)].ContainsSecrets()
}

// URNOf is the URN the engine gives a resource the fake Registered.
func URNOf(args pulumi.MockResourceArgs) resource.URN {
	var parentType tokens.Type
	if parent := args.RegisterRPC.GetParent(); parent != "" {
		parentType = resource.URN(parent).QualifiedType()
	}
	return resource.NewURN("stack", "project", parentType, tokens.Type(args.TypeToken), args.Name)
}

// expectOutput checks an output's value and secretness.
func ExpectOutput[T any](t *testing.T, o pulumi.Output, want T, wantSecret bool) {
	t.Helper()
	got, secret := Value[T](t, o)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("output = %#v, want %#v", got, want)
	}
	if secret != wantSecret {
		t.Errorf("output %#v: secret = %v, want %v", got, secret, wantSecret)
	}
}

func EqualJSON(a, b any) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

type azureNativeProvider struct{ pulumi.ProviderResourceState }

// NewAzureNativeProvider registers an explicit azure-native provider, as a user would.
func NewAzureNativeProvider(ctx *pulumi.Context) (pulumi.ProviderResource, error) {
	var p azureNativeProvider
	err := ctx.RegisterResource("pulumi:providers:azure-native", "explicit", pulumi.Map{}, &p)
	return &p, err
}

// Resources returns every registration the fake received, in order.
func (f *Fake) Resources() []pulumi.MockResourceArgs {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]pulumi.MockResourceArgs(nil), f.resources...)
}

// Calls returns every invoke the fake received, in order.
func (f *Fake) Calls() []pulumi.MockCallArgs {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]pulumi.MockCallArgs(nil), f.calls...)
}
