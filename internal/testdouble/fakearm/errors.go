package fakearm

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// How azure-native 3.28.0 reports what Azure refused (FACTS.md section 7): azcore's
// ResponseError text, with the request, Azure's status and error code, and ARM's error body.
// Both doubles fail a call with it, so that the component is tested against the text it meets.

const separator = "--------------------------------------------------------------------------------"

// ResponseErrorText is azcore's ResponseError text for Azure's answer status with code and
// message to method on the resource (or action) at the ARM path.
func ResponseErrorText(method, path string, status int, code, message string) string {
	body, _ := json.MarshalIndent(map[string]any{"error": map[string]any{"code": code, "message": message}}, "", "  ")
	return fmt.Sprintf("%s https://management.azure.com%s\n%s\nRESPONSE %d: %d %s\nERROR CODE: %s\n%s\n%s\n%s\n",
		method, path, separator, status, status, http.StatusText(status), code, separator, body, separator)
}

// NotFoundText is Azure's answer to reading a resource that does not exist, or whose parent
// does not (parentMissing).
func NotFoundText(id string, parentMissing bool) string {
	if parentMissing {
		parent := id[:strings.LastIndex(id[:strings.LastIndex(id, "/")], "/")]
		return ResponseErrorText(http.MethodGet, id, http.StatusNotFound, "ParentResourceNotFound",
			fmt.Sprintf("Can not perform requested operation on nested resource. Parent resource '%s' not found.", parent))
	}
	return ResponseErrorText(http.MethodGet, id, http.StatusNotFound, "ResourceNotFound",
		fmt.Sprintf("The Resource '%s' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix", id))
}

// ThrottledText is a read Azure throttled: a failure, not an absence, although its correlation
// id holds "404".
func ThrottledText(id string) string {
	return ResponseErrorText(http.MethodGet, id, http.StatusTooManyRequests, "TooManyRequests",
		"The request was throttled (correlation id 4041c404-0404-4404-8404-000000000404): retry after 17 seconds.")
}
