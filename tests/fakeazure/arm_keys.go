package fakeazure

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
)

// A database's keys, 2025-07-01: POST listKeys answers both; POST regenerateKey
// ({"keyType": "Primary"|"Secondary"}) replaces one, as a long-running operation whose status is
// at Azure-AsyncOperation. Both are refused while access keys are disabled. The store keeps the
// keys with the database (fakearm.KeysProperty), so that azure-native's listDatabaseKeys answers
// the same ones.

func (a *ARM) serveKeys(w http.ResponseWriter, r *http.Request, databaseId, action string) {
	database, err := a.resource(databaseId)
	switch {
	case err != nil:
		armError(w, http.StatusInternalServerError, "InternalServerError", "%v", err)
		return
	case database == nil:
		armError(w, http.StatusNotFound, "ResourceNotFound", "The Resource 'Microsoft.Cache/redisEnterprise/%s/databases/%s' under resource group '%s' was not found.",
			strings.Split(databaseId, "/")[8], nameOf(databaseId), groupOf(databaseId))
		return
	case r.Method != http.MethodPost:
		armError(w, http.StatusMethodNotAllowed, "MethodNotAllowed", "%s is not supported on %s", r.Method, r.URL.Path)
		return
	case fakearm.Str(database.Properties, "accessKeysAuthentication") != "Enabled":
		armError(w, http.StatusBadRequest, "BadRequest", "Access keys authentication is disabled on %s: keys cannot be listed or regenerated", databaseId)
		return
	}
	primary, secondary := fakearm.DatabaseKeys(database.ID, database.Properties)
	if action == "listkeys" {
		reply(w, http.StatusOK, map[string]any{"primaryKey": primary, "secondaryKey": secondary})
		return
	}
	var body struct {
		KeyType string `json:"keyType"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil || (body.KeyType != "Primary" && body.KeyType != "Secondary") {
		armError(w, http.StatusBadRequest, "InvalidRequestContent", "The request content was invalid: 'keyType' must be 'Primary' or 'Secondary'")
		return
	}
	// A new key, different from every earlier one of this database.
	fresh := fakearm.PrimaryKey(databaseId + "/" + body.KeyType + "/" + primary + secondary)
	if body.KeyType == "Primary" {
		primary = fresh
	} else {
		secondary = fresh
	}
	database.Properties[fakearm.KeysProperty] = map[string]any{"primaryKey": primary, "secondaryKey": secondary}
	if err := a.store.Put(database); err != nil {
		armError(w, http.StatusInternalServerError, "InternalServerError", "%v", err)
		return
	}
	a.store.Log("writes", "regenerateKey %s %s", body.KeyType, databaseId)
	location := fakearm.DefaultLocation
	if cluster, _ := a.resource(databaseId[:strings.Index(strings.ToLower(databaseId), "/databases/")]); cluster != nil {
		location = fakearm.Str(cluster.Properties, "location")
	}
	a.accept(w, r, http.StatusAccepted, databaseId, location, false, func() (string, string) { return "Succeeded", "" }, nil)
}
