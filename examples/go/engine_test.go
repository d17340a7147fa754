package main

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"

	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/azuremock"
)

// The example as a user runs it: a preview, then an up, with the real Pulumi engine against the
// fake Azure (through the Automation API: there is no Go language host here). tests/e2e runs it
// (make test_e2e), with the engine's environment and a world of its own; alone, it is skipped.
func TestExampleWithTheEngine(t *testing.T) {
	if os.Getenv("AMR_ENGINE_TESTS") == "" {
		t.Skip("run by tests/e2e (make test_e2e), which builds the engine and sets its environment")
	}
	ctx := context.Background()
	stack, err := auto.UpsertStackInlineSource(ctx, "dev", "managed-redis-go", program, auto.WorkDir(t.TempDir()),
		auto.SecretsProvider("passphrase"),
		auto.Project(workspace.Project{Name: "managed-redis-go", Runtime: workspace.NewProjectRuntimeInfo("go", nil)}))
	if err != nil {
		t.Fatal(err)
	}
	config := auto.ConfigMap{"resourceGroupName": {Value: "rg"}, "principalObjectId": {Value: azuremock.PrincipalA}}
	if err := stack.SetAllConfig(ctx, config); err != nil {
		t.Fatal(err)
	}
	preview, err := stack.Preview(ctx)
	if err != nil {
		t.Fatalf("preview: %v", err)
	}
	if preview.ChangeSummary["create"] == 0 {
		t.Fatalf("the preview announces no creates: %v", preview.ChangeSummary)
	}
	up, err := stack.Up(ctx)
	if err != nil {
		t.Fatalf("up: %v", err)
	}
	if host, _ := up.Outputs["hostName"].Value.(string); !strings.HasSuffix(host, ".westeurope.redis.azure.net") {
		t.Errorf("hostName %v", up.Outputs["hostName"].Value)
	}
	if created := (*up.Summary.ResourceChanges)["create"]; created != preview.ChangeSummary["create"] {
		t.Errorf("the preview announced %d creates, the up made %d", preview.ChangeSummary["create"], created)
	}
}
