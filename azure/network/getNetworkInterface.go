package network

import (
	"reflect"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure"
)

// LookupNetworkInterfaceArgs names the network interface to read.
type LookupNetworkInterfaceArgs struct {
	Expand               *string `pulumi:"expand"`
	NetworkInterfaceName string  `pulumi:"networkInterfaceName"`
	ResourceGroupName    string  `pulumi:"resourceGroupName"`
}

// LookupNetworkInterfaceResult is what the component reads of a network interface: its
// addresses.
type LookupNetworkInterfaceResult struct {
	Id               *string                                   `pulumi:"id"`
	IpConfigurations []NetworkInterfaceIPConfigurationResponse `pulumi:"ipConfigurations"`
	Name             string                                    `pulumi:"name"`
}

// NetworkInterfaceIPConfigurationResponse is one IP configuration of a network interface.
type NetworkInterfaceIPConfigurationResponse struct {
	Name             *string `pulumi:"name"`
	PrivateIPAddress *string `pulumi:"privateIPAddress"`
}

// LookupNetworkInterface reads a network interface (getNetworkInterface).
func LookupNetworkInterface(ctx *pulumi.Context, args *LookupNetworkInterfaceArgs, opts ...pulumi.InvokeOption,
) (*LookupNetworkInterfaceResult, error) {
	var result LookupNetworkInterfaceResult
	err := ctx.Invoke("azure-native:network:getNetworkInterface", args, &result, azure.InvokeOptions(opts...)...)
	if err != nil {
		return nil, err
	}
	return &result, nil
}

// LookupNetworkInterfaceOutputArgs is LookupNetworkInterfaceArgs whose values may be Outputs.
type LookupNetworkInterfaceOutputArgs struct {
	Expand               pulumi.StringPtrInput `pulumi:"expand"`
	NetworkInterfaceName pulumi.StringInput    `pulumi:"networkInterfaceName"`
	ResourceGroupName    pulumi.StringInput    `pulumi:"resourceGroupName"`
}

func (LookupNetworkInterfaceOutputArgs) ElementType() reflect.Type {
	return reflect.TypeFor[LookupNetworkInterfaceArgs]()
}

// LookupNetworkInterfaceResultOutput is the Output of LookupNetworkInterfaceOutput.
type LookupNetworkInterfaceResultOutput struct{ *pulumi.OutputState }

func (LookupNetworkInterfaceResultOutput) ElementType() reflect.Type {
	return reflect.TypeFor[LookupNetworkInterfaceResult]()
}

// LookupNetworkInterfaceOutput reads a network interface once its arguments are known
// (getNetworkInterface).
func LookupNetworkInterfaceOutput(ctx *pulumi.Context, args LookupNetworkInterfaceOutputArgs,
	opts ...pulumi.InvokeOption,
) LookupNetworkInterfaceResultOutput {
	return azure.InvokeOutput[LookupNetworkInterfaceResultOutput](ctx, "azure-native:network:getNetworkInterface", args, opts)
}

func init() {
	pulumi.RegisterOutputType(LookupNetworkInterfaceResultOutput{})
}
