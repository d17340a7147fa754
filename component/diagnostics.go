package component

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure/monitor"
)

// Diagnostics, as the Bicep verified module sets them: Azure Managed Redis logs exist on the
// database only (category ConnectionEvents: connections, authentications, disconnections; the
// workspace table REDConnectionEvents), and metrics on the cluster only (AllMetrics). Both go to
// one Log Analytics workspace, with a setting each, named after the component.

// Log and metric categories of Azure Managed Redis.
const (
	ConnectionEventsCategory = "ConnectionEvents"
	AllMetricsCategory       = "AllMetrics"
)

func (b *builder) diagnostics(s *settings, c *cache) error {
	settings := []struct {
		suffix      string
		resourceUri pulumi.StringOutput
		args        monitor.DiagnosticSettingArgs
	}{
		{"logs", c.databaseId, monitor.DiagnosticSettingArgs{Logs: monitor.DiagnosticsLogSettingsArray{
			monitor.DiagnosticsLogSettingsArgs{Category: pulumi.String(ConnectionEventsCategory), Enabled: pulumi.Bool(true)},
		}}},
		{"metrics", c.clusterId, monitor.DiagnosticSettingArgs{Metrics: monitor.DiagnosticsMetricSettingsArray{
			monitor.DiagnosticsMetricSettingsArgs{Category: pulumi.String(AllMetricsCategory), Enabled: pulumi.Bool(true)},
		}}},
	}
	for _, setting := range settings {
		args := setting.args
		args.Name = pulumi.String(nameStem(s.name, "redis") + "-" + setting.suffix)
		args.ResourceUri = setting.resourceUri
		args.WorkspaceId = *s.workspaceId
		created, err := monitor.NewDiagnosticSetting(b.ctx, s.name+"-"+setting.suffix, &args,
			b.child(pulumi.DeleteBeforeReplace(true))...)
		if err != nil {
			return err
		}
		b.registered(created)
	}
	return nil
}
