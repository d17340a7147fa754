package monitor

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure"
	"github.com/managedredis/pulumi-azure-managed-redis/internal/factcheck"
)

func TestBindingMatchesFacts(t *testing.T) {
	f := factcheck.Load(t, "testdata/azure-native-3.28.0-monitor.json")
	f.Module(t, map[string]factcheck.BoundResource{
		"DiagnosticSetting": factcheck.ResourceOf[DiagnosticSetting, DiagnosticSettingArgs, diagnosticSettingArgs](),
	}, nil, factcheck.Complete)
	f.Tokens(t, azure.NativeVersion, func(ctx *pulumi.Context) error {
		_, err := NewDiagnosticSetting(ctx, "logs", &DiagnosticSettingArgs{ResourceUri: pulumi.String("/x")})
		return err
	}, []string{"DiagnosticSetting"}, nil)

	factcheck.PluginJSON(t, azure.NativeVersion)
}
