// Package arm is the plugin's own Azure Resource Manager client, for the operations azure-native
// cannot express: the migration singleton (no DELETE, so azure-native generates no resource for
// it) and POST actions (the migration's validate and cancel, a database's regenerateKey and
// listKeys). It runs on azcore: its pipeline (retries, throttling, the bearer token policy that
// refuses plain HTTP), its long-running-operation poller and its ResponseError. It acts with a
// token the user's azure-native provider issued (azure-native:authorization:getClientToken): the
// plugin holds no credentials of its own.
package arm

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	azarm "github.com/Azure/azure-sdk-for-go/sdk/azcore/arm"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// EndpointVariable names the environment variable that overrides Azure Resource Manager's
// endpoint (private clouds, tests): an https:// URL.
const EndpointVariable = "AZURE_MANAGED_REDIS_ARM_ENDPOINT"

// clouds are the Azure clouds by the names azure-native's `environment` setting takes.
var clouds = map[string]cloud.Configuration{
	"":                  cloud.AzurePublic,
	"public":            cloud.AzurePublic,
	"azurecloud":        cloud.AzurePublic,
	"usgovernment":      cloud.AzureGovernment,
	"azureusgovernment": cloud.AzureGovernment,
	"china":             cloud.AzureChina,
	"azurechinacloud":   cloud.AzureChina,
}

// Cloud is the cloud whose Resource Manager the plugin calls: the one azure-native's
// `environment` names (public when empty), its endpoint replaced by EndpointVariable when set.
// Only HTTPS endpoints are taken: the token must never travel in plain text.
func Cloud(environment string) (cloud.Configuration, error) {
	c, ok := clouds[strings.ToLower(environment)]
	if !ok {
		return cloud.Configuration{}, fmt.Errorf("azure-native:environment %q is not an Azure cloud this package knows "+
			"(public, usgovernment, china): set %s to its Resource Manager endpoint", environment, EndpointVariable)
	}
	rm := c.Services[cloud.ResourceManager]
	if override := os.Getenv(EndpointVariable); override != "" {
		u, err := url.Parse(override)
		if err != nil || u.Scheme != "https" || u.Host == "" {
			return cloud.Configuration{}, fmt.Errorf("%s=%q is not an https:// URL", EndpointVariable, override)
		}
		rm.Endpoint = strings.TrimSuffix(override, "/")
	}
	services := map[cloud.ServiceName]cloud.ServiceConfiguration{cloud.ResourceManager: rm}
	return cloud.Configuration{ActiveDirectoryAuthorityHost: c.ActiveDirectoryAuthorityHost, Services: services}, nil
}

// Client calls Resource Manager with one token.
type Client struct {
	endpoint string
	pipeline runtime.Pipeline
	// pollEvery is how often a long-running operation is polled when Azure sends no Retry-After.
	pollEvery time.Duration
}

// New is a client of the environment's Resource Manager acting with token, which it never logs.
func New(token, environment string) (*Client, error) {
	if token == "" {
		return nil, fmt.Errorf("no Azure token: the component passes the one its azure-native provider issued")
	}
	c, err := Cloud(environment)
	if err != nil {
		return nil, err
	}
	options := &azarm.ClientOptions{ClientOptions: policy.ClientOptions{Cloud: c}}
	client, err := azarm.NewClient("azure-managed-redis", "v1.0.0", staticToken(token), options)
	if err != nil {
		return nil, err
	}
	return &Client{endpoint: client.Endpoint(), pipeline: client.Pipeline(), pollEvery: 10 * time.Second}, nil
}

// staticToken is the token azure-native issued: azcore's bearer policy asks for it before each
// request. Its lifetime is not known here; an hour is what Entra gives ARM tokens at least, and
// each operation runs right after the token was issued.
type staticToken string

func (t staticToken) GetToken(context.Context, policy.TokenRequestOptions) (azcore.AccessToken, error) {
	return azcore.AccessToken{Token: string(t), ExpiresOn: time.Now().Add(time.Hour)}, nil
}
