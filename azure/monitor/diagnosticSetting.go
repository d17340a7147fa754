// Package monitor is a small, typed Go binding of the azure-native provider v3.28.0's "monitor"
// module, for a cache's diagnostic settings: DiagnosticSetting. Like package network, it is
// shaped like the official module github.com/pulumi/pulumi-azure-native-sdk/monitor/v3, which
// cannot be downloaded here, and binds the properties the component uses, checked against the
// facts in testdata/.
package monitor

import (
	"context"
	"errors"
	"reflect"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumix"

	"github.com/managedredis/pulumi-azure-managed-redis/azure"
)

// DiagnosticSetting sends a resource's logs and metrics to a destination, such as a Log
// Analytics workspace.
type DiagnosticSetting struct {
	pulumi.CustomResourceState

	AzureApiVersion pulumi.StringOutput    `pulumi:"azureApiVersion"`
	Name            pulumi.StringOutput    `pulumi:"name"`
	Type            pulumi.StringOutput    `pulumi:"type"`
	WorkspaceId     pulumi.StringPtrOutput `pulumi:"workspaceId"`
}

// DiagnosticSettingArgs are the bound inputs of a DiagnosticSetting.
type DiagnosticSettingArgs struct {
	Logs        DiagnosticsLogSettingsArrayInput
	Metrics     DiagnosticsMetricSettingsArrayInput
	Name        pulumi.StringPtrInput
	ResourceUri pulumi.StringInput
	WorkspaceId pulumi.StringPtrInput
}

type diagnosticSettingArgs struct {
	Logs        []DiagnosticsLogSettings    `pulumi:"logs"`
	Metrics     []DiagnosticsMetricSettings `pulumi:"metrics"`
	Name        *string                     `pulumi:"name"`
	ResourceUri string                      `pulumi:"resourceUri"`
	WorkspaceId *string                     `pulumi:"workspaceId"`
}

func (DiagnosticSettingArgs) ElementType() reflect.Type {
	return reflect.TypeFor[diagnosticSettingArgs]()
}

// NewDiagnosticSetting registers a diagnostic setting of the resource ResourceUri names.
func NewDiagnosticSetting(ctx *pulumi.Context, name string, args *DiagnosticSettingArgs,
	opts ...pulumi.ResourceOption,
) (*DiagnosticSetting, error) {
	if args == nil {
		return nil, errors.New("missing one or more required arguments")
	}
	return azure.Register[DiagnosticSetting](ctx, "azure-native:monitor:DiagnosticSetting", name, args,
		map[string]any{"ResourceUri": args.ResourceUri}, opts)
}

// DiagnosticsLogSettings turns on a category of logs.
type DiagnosticsLogSettings struct {
	Category *string `pulumi:"category"`
	Enabled  bool    `pulumi:"enabled"`
}

// DiagnosticsLogSettingsArgs is the Input form of DiagnosticsLogSettings.
type DiagnosticsLogSettingsArgs struct {
	Category pulumi.StringPtrInput `pulumi:"category"`
	Enabled  pulumi.BoolInput      `pulumi:"enabled"`
}

// DiagnosticsLogSettingsInput is satisfied by DiagnosticsLogSettingsArgs.
type DiagnosticsLogSettingsInput = pulumix.Input[DiagnosticsLogSettings]

func (DiagnosticsLogSettingsArgs) ElementType() reflect.Type {
	return reflect.TypeFor[DiagnosticsLogSettings]()
}
func (a DiagnosticsLogSettingsArgs) ToOutput(ctx context.Context) pulumix.Output[DiagnosticsLogSettings] {
	return azure.ToOutput[DiagnosticsLogSettings](ctx, a)
}

// DiagnosticsLogSettingsArray is a list of DiagnosticsLogSettingsInput.
type DiagnosticsLogSettingsArray = azure.Array[DiagnosticsLogSettings]

// DiagnosticsLogSettingsArrayInput is satisfied by DiagnosticsLogSettingsArray.
type DiagnosticsLogSettingsArrayInput = pulumix.Input[[]DiagnosticsLogSettings]

// DiagnosticsMetricSettings turns on a category of metrics.
type DiagnosticsMetricSettings struct {
	Category *string `pulumi:"category"`
	Enabled  bool    `pulumi:"enabled"`
}

// DiagnosticsMetricSettingsArgs is the Input form of DiagnosticsMetricSettings.
type DiagnosticsMetricSettingsArgs struct {
	Category pulumi.StringPtrInput `pulumi:"category"`
	Enabled  pulumi.BoolInput      `pulumi:"enabled"`
}

// DiagnosticsMetricSettingsInput is satisfied by DiagnosticsMetricSettingsArgs.
type DiagnosticsMetricSettingsInput = pulumix.Input[DiagnosticsMetricSettings]

func (DiagnosticsMetricSettingsArgs) ElementType() reflect.Type {
	return reflect.TypeFor[DiagnosticsMetricSettings]()
}
func (a DiagnosticsMetricSettingsArgs) ToOutput(ctx context.Context) pulumix.Output[DiagnosticsMetricSettings] {
	return azure.ToOutput[DiagnosticsMetricSettings](ctx, a)
}

// DiagnosticsMetricSettingsArray is a list of DiagnosticsMetricSettingsInput.
type DiagnosticsMetricSettingsArray = azure.Array[DiagnosticsMetricSettings]

// DiagnosticsMetricSettingsArrayInput is satisfied by DiagnosticsMetricSettingsArray.
type DiagnosticsMetricSettingsArrayInput = pulumix.Input[[]DiagnosticsMetricSettings]
