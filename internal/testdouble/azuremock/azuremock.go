// Package azuremock is the test double of Azure Resource Manager and azure-native behind
// Pulumi's mocks (pulumi.WithMocks and pulumi-go-provider's integration server). It answers
// resource registrations and invokes from the shared ARM model (internal/testdouble/fakearm), the one the
// engine tests' fake plugin uses too, keeps what was registered so that functions read it as
// Azure would (listDatabaseKeys reads the database's accessKeysAuthentication), and records
// everything it was sent. It is not Azure: tests use it to assert what the components ask for.
package azuremock

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/internals"

	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
)

// Principals and a pre-existing Key Vault the tests use.
const (
	PrincipalA = "11111111-1111-1111-1111-111111111111"
	PrincipalB = "22222222-2222-2222-2222-222222222222"
	PrincipalC = "33333333-3333-3333-3333-333333333333"
	// GivenVaultId is an RBAC-mode vault every Fake holds (see New).
	GivenVaultId = "/subscriptions/" + fakearm.Subscription + "/resourceGroups/shared-rg/providers/Microsoft.KeyVault/vaults/shared-kv"
)

// StashType is the engine's built-in resource that keeps a value in the state.
const StashType = "pulumi:index:Stash"

// Token is the token getClientToken gives.
const Token = "mock-arm-token"

// AccessKeyRotationType is the package's own AccessKeyRotation resource, which the Fake answers
// as its plugin creates it.
const AccessKeyRotationType = "azure-managed-redis:index:AccessKeyRotation"

// MigrationType is the package's own Migration resource, which the Fake answers as its plugin
// does when Azure accepts everything: Completed with switchDns, NotStarted without.
const MigrationType = "azure-managed-redis:index:Migration"

func (f *Fake) migration(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	in := plain(args.Inputs)
	state := "NotStarted"
	if in["switchDns"] == true {
		state = "Completed"
	}
	out := resource.PropertyMap{"state": resource.NewProperty(state), "statusDetails": resource.NewProperty(""),
		"rollbackEligibleUntil": resource.NewProperty("")}
	for _, k := range []resource.PropertyKey{"clusterId", "sourceResourceId", "switchDns"} {
		out[k] = args.Inputs[k]
	}
	id, _ := in["clusterId"].(string)
	return id + "/migrations/default", out, nil
}

// Fake answers Pulumi's mocks as ARM and azure-native would, and records what it was sent.
type Fake struct {
	// Subscription is what getClientConfig reports; fakearm.Subscription when empty.
	Subscription string
	// Slow, when set, is called with a resource of that type token before it is answered: a
	// test can hold a registration back to see what waits for it.
	Slow map[string]func(pulumi.MockResourceArgs)
	// Fail, when set, fails the invokes of a function token with that text (Azure's answer, as
	// azure-native reports it: fakearm.ThrottledText, say).
	Fail map[string]string
	// ActiveKey is the key an AccessKeyRotation reports active (Primary when empty), as after
	// that many rotations.
	ActiveKey string
	// Kept, when set, are the values the engine's stashes of these names were created with by an
	// earlier run (a stack renamed since, say); a stash not listed is created by this run.
	Kept map[string]resource.PropertyValue

	mu        sync.Mutex
	resources []pulumi.MockResourceArgs
	calls     []pulumi.MockCallArgs
	events    []string
	state     map[string]map[string]any // ARM id (lower case) -> properties
}

// New is a Fake that holds the vault of GivenVaultId.
func New(seeds ...fakearm.Seed) *Fake {
	f := &Fake{}
	f.Seed(fakearm.ExistingVault("shared-rg", "shared-kv", true)...)
	f.Seed(seeds...)
	return f
}

// Seed adds resources that exist before the program runs.
func (f *Fake) Seed(seeds ...fakearm.Seed) {
	for _, s := range seeds {
		properties := map[string]any{"id": s.ID}
		for k, v := range s.Properties {
			properties[k] = v
		}
		f.put(s.ID, properties)
	}
}

// Delete removes a resource, as if deleted outside the program (a source cache, say).
func (f *Fake) Delete(id string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.state, strings.ToLower(id))
}

func (f *Fake) put(id string, properties map[string]any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.state == nil {
		f.state = map[string]map[string]any{}
	}
	f.state[strings.ToLower(id)] = properties
}

// Get implements fakearm.Resources.
func (f *Fake) Get(id string) (map[string]any, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.state[strings.ToLower(id)], nil
}

func (f *Fake) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	if slow := f.Slow[args.TypeToken]; slow != nil {
		slow(args)
	}
	f.mu.Lock()
	f.resources = append(f.resources, args)
	f.events = append(f.events, "register "+args.TypeToken+" "+args.Name)
	f.mu.Unlock()

	switch args.TypeToken {
	case MigrationType:
		return f.migration(args)
	case AccessKeyRotationType:
		// Created: nothing regenerated, the primary key active.
		active := f.ActiveKey
		if active == "" {
			active = "Primary"
		}
		out := resource.PropertyMap{"activeKey": resource.NewProperty(active), "rotations": resource.NewProperty(0.0),
			"databaseId": args.Inputs["databaseId"], "rotation": args.Inputs["rotation"]}
		return fmt.Sprint(plain(args.Inputs)["databaseId"]), out, nil
	case StashType:
		// The engine's stash keeps the value it was created with: by an earlier run (Kept), or
		// now.
		kept, ok := f.Kept[args.Name]
		if !ok {
			kept = args.Inputs["input"]
		}
		return args.Name + "-stash", resource.PropertyMap{"input": args.Inputs["input"], "output": kept}, nil
	}
	if !strings.HasPrefix(args.TypeToken, "azure-native:") {
		return args.Name + "-id", args.Inputs, nil // a provider or a component
	}
	in := plain(args.Inputs)
	t, err := fakearm.Validate(args.TypeToken, in)
	if err != nil {
		return "", nil, err
	}
	id := t.ID(in)
	out := args.Inputs.Copy()
	for k, v := range t.Outputs(id, in) {
		out[resource.PropertyKey(k)] = resource.NewPropertyValue(v)
		in[k] = v
	}
	in["id"] = id
	f.put(id, in)
	return id, out, nil
}

func (f *Fake) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	f.mu.Lock()
	f.calls = append(f.calls, args)
	f.events = append(f.events, "invoke "+args.Token)
	f.mu.Unlock()
	if failure, ok := f.Fail[args.Token]; ok {
		return nil, fmt.Errorf("%s", failure)
	}
	if args.Token == fakearm.GetClientToken {
		return resource.PropertyMap{"token": resource.NewProperty(Token)}, nil
	}
	result, failure := fakearm.Invoke(f, args.Token, plain(args.Args))
	if failure != "" {
		return nil, fmt.Errorf("%s", failure)
	}
	if args.Token == fakearm.GetClientConfig && f.Subscription != "" {
		result["subscriptionId"] = f.Subscription
	}
	return resource.NewPropertyMapFromMap(result), nil
}

// plain is a property map as plain Go values, secrets unwrapped.
func plain(props resource.PropertyMap) map[string]any {
	m := map[string]any{}
	for k, v := range props {
		m[string(k)] = plainValue(v)
	}
	return m
}

func plainValue(v resource.PropertyValue) any {
	switch {
	case v.IsSecret():
		return plainValue(v.SecretValue().Element)
	case v.IsOutput():
		return plainValue(v.OutputValue().Element)
	case v.IsObject():
		return plain(v.ObjectValue())
	case v.IsArray():
		items := make([]any, len(v.ArrayValue()))
		for i, item := range v.ArrayValue() {
			items[i] = plainValue(item)
		}
		return items
	case v.IsComputed():
		return nil
	}
	return v.Mappable()
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

// One returns the only resource of a type token, failing the test when there is not exactly one.
func (f *Fake) One(t *testing.T, token string) pulumi.MockResourceArgs {
	t.Helper()
	found := f.Registered(token)
	if len(found) != 1 {
		t.Fatalf("%s registered %d times, want once", token, len(found))
	}
	return found[0]
}

// Called says whether a function was invoked.
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

// Events lists, in the order the fake answered them, "register <token> <name>" and
// "invoke <token>".
func (f *Fake) Events() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.events...)
}

// Run runs program against fake and returns its error.
func Run(fake *Fake, program pulumi.RunFunc) error {
	return pulumi.RunErr(program, pulumi.WithMocks("project", "stack", fake))
}

// Value awaits a resolved Output and returns its value and whether it is secret.
func Value[T any](t testing.TB, o pulumi.Output) (T, bool) {
	t.Helper()
	type awaited struct {
		result internals.UnsafeAwaitOutputResult
		err    error
	}
	done := make(chan awaited, 1)
	go func() { // the await does not end with its context: wait beside it
		result, err := internals.UnsafeAwaitOutput(context.Background(), o)
		done <- awaited{result, err}
	}()
	var result internals.UnsafeAwaitOutputResult
	var err error
	select {
	case a := <-done:
		result, err = a.result, a.err
	case <-time.After(ValueTimeout):
		t.Fatalf("output not resolved after %v", ValueTimeout)
	}
	var typed T
	switch {
	case err != nil:
		t.Fatalf("output failed: %v", err)
	case !result.Known:
		t.Fatal("output is unknown")
	}
	typed, ok := result.Value.(T)
	if !ok {
		t.Fatalf("output is %T, want %T", result.Value, typed)
	}
	return typed, result.Secret
}

// ValueTimeout is how long Value waits for an output: a program's outputs are resolved when it
// returns, so one still pending then never will be.
var ValueTimeout = 10 * time.Second

// ExpectOutput checks an output's value and secretness.
func ExpectOutput[T any](t testing.TB, o pulumi.Output, want T, wantSecret bool) {
	t.Helper()
	got, secret := Value[T](t, o)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("output = %#v, want %#v", got, want)
	}
	if secret != wantSecret {
		t.Errorf("output %#v: secret = %v, want %v", got, secret, wantSecret)
	}
}

// Input reads an input the fake received, unwrapping secrets, as a Go value; path is dotted.
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

// URNOf is the URN the engine gives a resource the fake registered.
func URNOf(args pulumi.MockResourceArgs) resource.URN {
	var parentType tokens.Type
	if parent := args.RegisterRPC.GetParent(); parent != "" {
		parentType = resource.URN(parent).QualifiedType()
	}
	return resource.NewURN("stack", "project", parentType, tokens.Type(args.TypeToken), args.Name)
}

// EqualJSON compares two values by their JSON form.
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
