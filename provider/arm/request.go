package arm

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// call sends one request to the resource with the ARM id (and a path under it) at an API
// version, with an optional JSON body, and returns Azure's answer when its status is one of
// ok; any other answer is azcore's ResponseError.
func (c *Client) call(ctx context.Context, method, id, apiVersion string, body any, ok ...int) (*http.Response, error) {
	req, err := runtime.NewRequest(ctx, method, runtime.JoinPaths(c.endpoint, escapePath(id)))
	if err != nil {
		return nil, err
	}
	query := req.Raw().URL.Query()
	query.Set("api-version", apiVersion)
	req.Raw().URL.RawQuery = query.Encode()
	req.Raw().Header.Set("Accept", "application/json")
	if body != nil {
		if err := runtime.MarshalAsJSON(req, body); err != nil {
			return nil, err
		}
	}
	resp, err := c.pipeline.Do(req)
	if err != nil {
		return nil, err
	}
	if !runtime.HasStatusCode(resp, ok...) {
		return nil, runtime.NewResponseError(resp)
	}
	return resp, nil
}

// escapePath escapes each segment of an ARM id, keeping its slashes.
func escapePath(id string) string {
	segments := strings.Split(id, "/")
	for i, s := range segments {
		segments[i] = url.PathEscape(s)
	}
	return strings.Join(segments, "/")
}
