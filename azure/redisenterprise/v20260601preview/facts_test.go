package v20260601preview

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure"
)

// The package `pulumi package add azure-native redisenterprise 2026-06-01-preview` makes: its
// name, and the parameter the engine replays to the azure-native 3.28.0 plugin, the base64 text of
// this JSON (FACTS.md 6).
const (
	packageName = "azure-native_redisenterprise_v20260601preview"
	parameter   = `{"module":"redisenterprise","version":"v20260601preview"}`
)

// recording mocks keep each registration's request.
type recording struct {
	mu   sync.Mutex
	rpcs []pulumi.MockResourceArgs
}

func (m *recording) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.rpcs = append(m.rpcs, args)
	return args.Name + "-id", args.Inputs, nil
}

func (m *recording) Call(pulumi.MockCallArgs) (resource.PropertyMap, error) {
	return resource.PropertyMap{}, nil
}

// A preview resource registers under the parameterized package's token, with the package's ref
// (what the engine answered to RegisterPackage: Pulumi's mocks answer "mock-uuid", and do not
// show the RegisterPackage request itself), on the plugin version of the base provider.
func TestAssignmentRegistersUnderThePreviewPackage(t *testing.T) {
	m := &recording{}
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		for _, name := range []string{"first", "second"} {
			if _, err := NewAccessPolicyAssignment(ctx, name, &AccessPolicyAssignmentArgs{
				ClusterName: pulumi.String("cluster"), DatabaseName: pulumi.String("default"),
				ResourceGroupName: pulumi.String("rg"), AccessString: pulumi.String("+@read ~cache:*"),
				User: AccessPolicyAssignmentPropertiesUserArgs{ObjectId: pulumi.String("00000000-0000-0000-0000-000000000001")},
			}); err != nil {
				return err
			}
		}
		return nil
	}, pulumi.WithMocks("project", "stack", m))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.rpcs) != 2 {
		t.Fatalf("registered %d resources, want 2", len(m.rpcs))
	}
	for _, r := range m.rpcs {
		rpc := r.RegisterRPC
		if r.TypeToken != packageName+":redisenterprise:AccessPolicyAssignment" {
			t.Errorf("token %s", r.TypeToken)
		}
		if rpc.GetPackageRef() != "mock-uuid" {
			t.Errorf("package ref %q, want the engine's", rpc.GetPackageRef())
		}
		if rpc.GetVersion() != azure.NativeVersion {
			t.Errorf("version %q, want %s", rpc.GetVersion(), azure.NativeVersion)
		}
		if got := r.Inputs["accessString"].StringValue(); got != "+@read ~cache:*" {
			t.Errorf("accessString %q", got)
		}
	}
}

// Required inputs are refused when missing; accessPolicyName is optional at this version.
func TestRequiredInputs(t *testing.T) {
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		_, err := NewAccessPolicyAssignment(ctx, "a", &AccessPolicyAssignmentArgs{
			ClusterName: pulumi.String("c"), DatabaseName: pulumi.String("d"), ResourceGroupName: pulumi.String("rg"),
		})
		return err
	}, pulumi.WithMocks("project", "stack", &recording{}))
	if err == nil || !strings.Contains(err.Error(), "invalid value for required argument 'User'") {
		t.Errorf("got %v", err)
	}
}

// pulumi-plugin.json names the base plugin and the parameterization, as `pulumi package add`
// writes it: the value is the parameter's bytes, the base64 text of the JSON.
func TestPluginJSONNamesTheParameterization(t *testing.T) {
	data, err := os.ReadFile("pulumi-plugin.json")
	if err != nil {
		t.Fatal(err)
	}
	var plugin struct {
		Resource         bool
		Name, Version    string
		Parameterization struct {
			Name, Version string
			Value         []byte
		}
	}
	if err := json.Unmarshal(data, &plugin); err != nil {
		t.Fatal(err)
	}
	p := plugin.Parameterization
	if !plugin.Resource || plugin.Name != "azure-native" || plugin.Version != azure.NativeVersion ||
		p.Name != packageName || p.Version != azure.NativeVersion {
		t.Errorf("pulumi-plugin.json says %+v", plugin)
	}
	if decoded, err := base64.StdEncoding.DecodeString(string(p.Value)); err != nil || string(decoded) != parameter {
		t.Errorf("parameter %q decodes to %q (%v), want %s", p.Value, decoded, err, parameter)
	}
}
