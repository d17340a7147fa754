package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/component"
)

// The README's Go quick start, between the markers below, is this program's body: the test
// compares the two, then runs the program. What it refers to, a resource group and the app's
// identity, are declared here by azure-native's tokens, with the fields azure-native's Go SDK
// gives them (resources.ResourceGroup's Name, managedidentity.UserAssignedIdentity's
// PrincipalId, both pulumi.StringOutput): that SDK's v3 modules cannot be fetched here.
func quickStartGo(ctx *pulumi.Context) error {
	var group resourceGroup
	if err := ctx.RegisterResource("azure-native:resources:ResourceGroup", "app", pulumi.Map{}, &group, pulumi.Version("3.28.0")); err != nil {
		return err
	}
	var apiIdentity userAssignedIdentity
	if err := ctx.RegisterResource("azure-native:managedidentity:UserAssignedIdentity", "api",
		pulumi.Map{"resourceGroupName": group.Name}, &apiIdentity, pulumi.Version("3.28.0")); err != nil {
		return err
	}
	// README: begin
	cache, err := component.NewManagedRedis(ctx, "cache", &component.ManagedRedisArgs{
		ResourceGroupName: group.Name,
		AccessPrincipals: []component.AccessPrincipal{
			{Name: "api", ObjectId: apiIdentity.PrincipalId}, // the app's managed identity
		},
	})
	if err != nil {
		return err
	}
	ctx.Export("hostName", cache.HostName)
	ctx.Export("appSettings", cache.Environment)
	// README: end
	return nil
}

type resourceGroup struct {
	pulumi.CustomResourceState
	Name pulumi.StringOutput `pulumi:"name"`
}

// quickStartGoSource is the README's Go block as this file holds it: the component's import,
// then the lines between the markers, one tab less indented.
func quickStartGoSource(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repo, "tests/e2e/quickstart_go_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	_, body, _ := strings.Cut(string(data), "\t// README: begin\n")
	body, _, _ = strings.Cut(body, "\t// README: end\n")
	lines := strings.SplitAfter(body, "\n")
	for i, line := range lines {
		lines[i] = strings.TrimPrefix(line, "\t")
	}
	return "import \"github.com/managedredis/pulumi-azure-managed-redis/component\"\n\n" + strings.Join(lines, "")
}
