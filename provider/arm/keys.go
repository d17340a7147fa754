package arm

import (
	"context"
	"net/http"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"

	"github.com/managedredis/pulumi-azure-managed-redis/azure"
)

// A database's two access keys: listKeys reads them, regenerateKey replaces one (API
// 2025-07-01, azure-native 3.28.0's default version).

// KeysAPIVersion is the API version of listKeys and regenerateKey.
const KeysAPIVersion = azure.RedisEnterpriseAPIVersion

// The keys regenerateKey takes.
const (
	PrimaryKey   = "Primary"
	SecondaryKey = "Secondary"
)

// Keys are a database's access keys.
type Keys struct {
	PrimaryKey   string `json:"primaryKey"`
	SecondaryKey string `json:"secondaryKey"`
}

// ListKeys reads the database's keys.
func (c *Client) ListKeys(ctx context.Context, databaseID string) (*Keys, error) {
	resp, err := c.call(ctx, http.MethodPost, databaseID+"/listKeys", KeysAPIVersion, nil, http.StatusOK)
	if err != nil {
		return nil, failed("list the access keys", databaseID, "", err)
	}
	var keys Keys
	if err := runtime.UnmarshalAsJSON(resp, &keys); err != nil {
		return nil, failed("list the access keys", databaseID, "", err)
	}
	return &keys, nil
}

// RegenerateKey replaces the database's key of keyType (Primary or Secondary) and returns both
// keys once Azure is done.
func (c *Client) RegenerateKey(ctx context.Context, databaseID, keyType string) (*Keys, error) {
	operation := "regenerate the " + keyType + " access key"
	resp, err := c.call(ctx, http.MethodPost, databaseID+"/regenerateKey", KeysAPIVersion,
		map[string]string{"keyType": keyType}, http.StatusOK, http.StatusAccepted)
	if err != nil {
		return nil, failed(operation, databaseID, "", err)
	}
	if resp.StatusCode == http.StatusAccepted {
		poller, err := runtime.NewPoller[Keys](resp, c.pipeline, &runtime.NewPollerOptions[Keys]{
			FinalStateVia: runtime.FinalStateViaAzureAsyncOp})
		if err != nil {
			return nil, failed(operation, databaseID, "", err)
		}
		if _, err := poller.PollUntilDone(ctx, &runtime.PollUntilDoneOptions{Frequency: c.pollEvery}); err != nil {
			return nil, failed(operation, databaseID, "", err)
		}
		// The keys come from listKeys: an asynchronous answer's payload is not dependable.
		return c.ListKeys(ctx, databaseID)
	}
	var keys Keys
	if err := runtime.UnmarshalAsJSON(resp, &keys); err != nil {
		return nil, failed(operation, databaseID, "", err)
	}
	return &keys, nil
}
