package fakeazure

import (
	"encoding/json"
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
)

// The fake's ARM endpoint answers with the shapes of the REST spec's examples
// (Azure/azure-rest-api-specs, specification/redisenterprise/.../preview/2026-06-01-preview/
// examples/RedisEnterpriseMigration{Get,Start,Cancel}.json and 2026-05-01-preview's
// RedisEnterpriseMigrationValidate.json, the same body): the keys below are theirs.
var (
	migrationKeys  = []string{"id", "name", "properties", "type"}
	propertiesKeys = []string{"creationTime", "lastModifiedTime", "provisioningState", "skipDataMigration", "sourceResourceId",
		"sourceType", "statusDetails", "switchDns", "targetResourceId"}
	validationKeys = []string{"errors", "isValid", "warnings"}
	disparityKeys  = []string{"category", "message"}
)

func keysOf(m map[string]any) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func TestARMEndpointAnswersAsTheSpec(t *testing.T) {
	dir := t.TempDir()
	store, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	arm, err := StartARM(store, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer arm.Close()
	seeds := fakearm.ExistingCache("rg", "amr", fakearm.DefaultLocation, "Enabled")
	source := fakearm.ClassicCache("rg", "old", fakearm.DefaultLocation, "Standard", "C", 1, 0,
		map[string]any{"identity": map[string]any{"type": "SystemAssigned"}})
	if err := store.Seed(append(seeds, source)...); err != nil {
		t.Fatal(err)
	}
	token := store.IssueToken("a provider")
	client := arm.server.Client()
	do := func(method, path, version, body, bearer string) (*http.Response, map[string]any) {
		t.Helper()
		req, _ := http.NewRequest(method, arm.URL()+path+"?api-version="+version, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+bearer)
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var decoded map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&decoded)
		return resp, decoded
	}
	migration := seeds[0].ID + "/migrations/default"
	const preview = "2026-06-01-preview"

	// The spec's Start example body, with this world's ids.
	start := `{"properties": {"skipDataMigration": true, "sourceResourceId": "` + source.ID + `", "sourceType": "AzureCacheForRedis", "switchDns": true}}`
	resp, body := do(http.MethodPut, migration, preview, start, token)
	properties, _ := body["properties"].(map[string]any)
	if resp.StatusCode != http.StatusCreated || resp.Header.Get("Azure-AsyncOperation") == "" ||
		!slices.Equal(keysOf(body), migrationKeys) || !slices.Equal(keysOf(properties), propertiesKeys) {
		t.Errorf("start: %d %v, Azure-AsyncOperation %q", resp.StatusCode, body, resp.Header.Get("Azure-AsyncOperation"))
	}
	if resp, _ := do(http.MethodPut, migration, preview, start, token); resp.StatusCode != http.StatusConflict {
		t.Errorf("a second start: %d, want 409", resp.StatusCode)
	}
	resp, body = do(http.MethodGet, migration, preview, "", token)
	if properties, _ := body["properties"].(map[string]any); resp.StatusCode != http.StatusOK || !slices.Equal(keysOf(properties), propertiesKeys) {
		t.Errorf("get: %d %v", resp.StatusCode, body)
	}

	// Validate: the spec's flat body refused as the service deployed today refuses it, the
	// envelope taken; the answer as the example's.
	flat := `{"sourceResourceId": "` + source.ID + `", "skipDataMigration": true, "forceMigrate": false}`
	if resp, body := do(http.MethodPost, migration+"/validate", preview, flat, token); resp.StatusCode != http.StatusBadRequest ||
		body["error"].(map[string]any)["code"] != "InvalidRequestBody" {
		t.Errorf("a flat validate: %d %v", resp.StatusCode, body)
	}
	resp, body = do(http.MethodPost, migration+"/validate", preview, `{"properties": `+flat+`}`, token)
	warnings, _ := body["warnings"].([]any)
	if resp.StatusCode != http.StatusOK || !slices.Equal(keysOf(body), validationKeys) || len(warnings) != 1 {
		t.Fatalf("validate: %d %v", resp.StatusCode, body)
	}
	disparities, _ := warnings[0].(map[string]any)["disparities"].([]any)
	if d, _ := disparities[0].(map[string]any); !slices.Equal(keysOf(d), disparityKeys) || d["category"] != "Managed Identity" {
		t.Errorf("validate's disparities: %v", disparities)
	}

	// Cancel: 202 with both headers; DELETE is no operation of the migration.
	if resp, _ := do(http.MethodPost, migration+"/cancel", preview, "", token); resp.StatusCode != http.StatusAccepted ||
		resp.Header.Get("Azure-AsyncOperation") == "" || resp.Header.Get("Location") == "" {
		t.Errorf("cancel: %d %v", resp.StatusCode, resp.Header)
	}
	for _, tt := range []struct {
		method, version, bearer string
		status                  int
		code                    string
	}{
		{http.MethodDelete, preview, token, http.StatusMethodNotAllowed, "MethodNotAllowed"},
		{http.MethodGet, "2025-07-01", token, http.StatusBadRequest, "NoRegisteredProviderFound"},
		{http.MethodGet, preview, "not-issued", http.StatusUnauthorized, "InvalidAuthenticationToken"},
	} {
		resp, body := do(tt.method, migration, tt.version, "", tt.bearer)
		if resp.StatusCode != tt.status || body["error"].(map[string]any)["code"] != tt.code {
			t.Errorf("%s at %s: %d %v, want %d %s", tt.method, tt.version, resp.StatusCode, body, tt.status, tt.code)
		}
	}
}
