package fakeazure

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
)

// The migration singleton, as 2026-06-01-preview has it: PUT (long-running, final state from
// the original URI), GET, POST validate, POST cancel (long-running, final state from Location);
// no DELETE. A migration of a cluster's source moves no data and switches the source's host
// name to the cluster; the fake ends it Completed after one poll (the state the service reports
// for a switched migration, as the spec's Start example and the Azure CLI's live test show,
// although the spec's enum says Succeeded), or Failed when the source carries the tag
// FailMigrationTag. Validate wants its body in a `properties` envelope, as the service deployed
// today does (the Azure CLI's test_migration.py: RP bug ADO #38848036), unless FlatValidate.

// MigrationType is how the store files a migration.
const MigrationType = "Microsoft.Cache/redisEnterprise/migrations"

// FailMigrationTag on a source makes its migration end Failed, with the tag's value as Azure's
// status details.
const FailMigrationTag = "fake-azure-migration-fails"

// migrationInputs are the properties of the PUT's body (of the AzureCacheForRedis source type);
// validateInputs the validate request's (flat, no "properties").
var (
	migrationInputs = []string{"sourceType", "sourceResourceId", "switchDns", "skipDataMigration", "forceMigrate"}
	validateInputs  = []string{"sourceResourceId", "skipDataMigration", "forceMigrate"}
)

// cancellable are the states cancel acts on: a running migration, or a finished one (rolled back).
var cancellable = []string{"Accepted", "InProgress", "ReadyForDnsSwitch", "Succeeded", "Completed"}

// finished are the states after which a new migration may start.
var finished = []string{"Failed", "Cancelled", "CancellationFailed"}

func (a *ARM) serveMigration(w http.ResponseWriter, r *http.Request, clusterId, action string) {
	cluster, err := a.resource(clusterId)
	if err != nil {
		armError(w, http.StatusInternalServerError, "InternalServerError", "%v", err)
		return
	}
	id := clusterId + "/migrations/default"
	if cluster == nil {
		armError(w, http.StatusNotFound, "ParentResourceNotFound", "Can not perform requested operation on nested resource. Parent resource '%s' not found.", clusterId)
		return
	}
	existing, err := a.resource(id)
	if err != nil {
		armError(w, http.StatusInternalServerError, "InternalServerError", "%v", err)
		return
	}
	switch {
	case action == "" && r.Method == http.MethodGet:
		if existing == nil {
			armError(w, http.StatusNotFound, "ResourceNotFound", "The Resource 'Microsoft.Cache/redisEnterprise/%s/migrations/default' under resource group '%s' was not found.", nameOf(clusterId), groupOf(clusterId))
			return
		}
		reply(w, http.StatusOK, existing.Properties)
	case action == "" && r.Method == http.MethodPut:
		a.startMigration(w, r, cluster, id, existing)
	case action == "" && r.Method == http.MethodDelete:
		armError(w, http.StatusMethodNotAllowed, "MethodNotAllowed", "The resource type 'Microsoft.Cache/redisEnterprise/migrations' does not support the DELETE operation.")
	case action == "validate" && r.Method == http.MethodPost:
		var body map[string]any
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			armError(w, http.StatusBadRequest, "InvalidRequestContent", "The request content was invalid: %v", err)
			return
		}
		properties, enveloped := body["properties"].(map[string]any)
		switch {
		case !a.FlatValidate && !enveloped:
			armError(w, http.StatusBadRequest, "InvalidRequestBody", "The request body is invalid: 'properties' is required")
			return
		case enveloped:
			body = properties
		}
		for key := range body {
			if !slices.Contains(validateInputs, key) {
				armError(w, http.StatusBadRequest, "InvalidRequestContent", "The request content was invalid: '%s' is not a property of the validation request", key)
				return
			}
		}
		sourceId, _ := body["sourceResourceId"].(string)
		if sourceId == "" {
			armError(w, http.StatusBadRequest, "InvalidRequestContent", "The request content was invalid: 'sourceResourceId' is required")
			return
		}
		errs, warnings := a.disparities(cluster, sourceId)
		reply(w, http.StatusOK, map[string]any{"isValid": len(errs) == 0, "errors": group(errs), "warnings": group(warnings)})
	case action == "cancel" && r.Method == http.MethodPost:
		state := ""
		if existing != nil {
			state = fakearm.Str(properties(existing), "provisioningState")
		}
		if !slices.Contains(cancellable, state) {
			armError(w, http.StatusConflict, "MigrationCannotBeCancelled", "The migration of cluster '%s' is %s: only a migration that is running or succeeded can be cancelled.", nameOf(clusterId), orNone(state))
			return
		}
		a.setState(id, "Cancelling", "")
		a.accept(w, r, http.StatusAccepted, clusterId, fakearm.Str(cluster.Properties, "location"), true, func() (string, string) {
			a.setState(id, "Cancelled", "")
			return "Succeeded", ""
		}, nil)
	default:
		armError(w, http.StatusMethodNotAllowed, "MethodNotAllowed", "%s is not supported on %s", r.Method, id)
	}
}

// startMigration checks a PUT against the spec and the source, then accepts it.
func (a *ARM) startMigration(w http.ResponseWriter, r *http.Request, cluster *Resource, id string, existing *Resource) {
	var body struct {
		Properties map[string]any `json:"properties"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.Properties == nil {
		armError(w, http.StatusBadRequest, "InvalidRequestContent", "The request content was invalid: a body {\"properties\": {...}} is required")
		return
	}
	p := body.Properties
	for key := range p {
		if !slices.Contains(migrationInputs, key) {
			armError(w, http.StatusBadRequest, "InvalidRequestContent", "The request content was invalid: '%s' is not a property of the migration", key)
			return
		}
	}
	sourceId, _ := p["sourceResourceId"].(string)
	switchDns, switchGiven := p["switchDns"].(bool)
	skip, skipGiven := p["skipDataMigration"].(bool)
	switch {
	case p["sourceType"] != "AzureCacheForRedis":
		armError(w, http.StatusBadRequest, "InvalidRequestContent", "The request content was invalid: 'sourceType' must be 'AzureCacheForRedis'")
		return
	case sourceId == "" || !switchGiven || !skipGiven:
		armError(w, http.StatusBadRequest, "InvalidRequestContent", "The request content was invalid: 'sourceResourceId', 'switchDns' and 'skipDataMigration' are required")
		return
	case !skip:
		armError(w, http.StatusBadRequest, "InvalidRequestContent", "skipDataMigration must be true: this API version does not migrate data")
		return
	case existing != nil && !slices.Contains(finished, fakearm.Str(properties(existing), "provisioningState")):
		armError(w, http.StatusConflict, "MigrationAlreadyExists", "Cluster '%s' already has a migration (%s): cancel it before starting another.",
			nameOf(cluster.ID), fakearm.Str(properties(existing), "provisioningState"))
		return
	}
	if errs, _ := a.disparities(cluster, sourceId); len(errs) > 0 {
		armError(w, http.StatusBadRequest, "MigrationValidationFailed", "The source cannot be migrated to this cluster: %s", strings.Join(errs, "; "))
		return
	}
	now := time.Now().UTC().Format(time.RFC3339)
	migration := map[string]any{"id": id, "name": nameOf(cluster.ID) + "/default", "type": MigrationType,
		"properties": map[string]any{"sourceType": "AzureCacheForRedis", "sourceResourceId": sourceId, "switchDns": switchDns,
			"skipDataMigration": true, "targetResourceId": cluster.ID, "provisioningState": "Accepted", "statusDetails": "",
			"creationTime": now, "lastModifiedTime": now}}
	if err := a.store.Put(&Resource{ID: id, Type: MigrationType, Properties: migration}); err != nil {
		armError(w, http.StatusInternalServerError, "InternalServerError", "%v", err)
		return
	}
	source, _ := a.resource(sourceId)
	failure := ""
	if source != nil {
		tags, _ := source.Properties["tags"].(map[string]any)
		failure, _ = tags[FailMigrationTag].(string)
	}
	a.setState(id, "InProgress", "")
	status := http.StatusCreated
	if existing != nil {
		status = http.StatusOK
	}
	a.accept(w, r, status, cluster.ID, fakearm.Str(cluster.Properties, "location"), false, func() (string, string) {
		if failure != "" {
			a.setState(id, "Failed", failure)
			return "Failed", failure
		}
		a.setState(id, "Completed", "")
		return "Succeeded", ""
	}, migration)
}

// disparities compares the source with the cluster as Azure's validate does: errors stop the
// migration, warnings name what the new cache will not have.
func (a *ARM) disparities(cluster *Resource, sourceId string) (errs, warnings []string) {
	source, err := a.resource(sourceId)
	if err != nil || source == nil || source.Type != fakearm.ClassicCacheType {
		return []string{"Source: the source cache " + sourceId + " was not found"}, nil
	}
	s := source.Properties
	add := func(to *[]string, cond bool, category, format string, args ...any) {
		if cond {
			*to = append(*to, category+": "+fmt.Sprintf(format, args...))
		}
	}
	sub := func(id string) string { return strings.ToLower(strings.Split(id, "/")[2]) }
	add(&errs, sub(sourceId) != sub(cluster.ID), "Subscription", "the source is in another subscription than the target")
	add(&errs, !strings.EqualFold(fakearm.Str(s, "location"), fakearm.Str(cluster.Properties, "location")), "Region",
		"the source is in %s and the target in %s: both must be in one region", fakearm.Str(s, "location"), fakearm.Str(cluster.Properties, "location"))
	tlsOnly := s["enableNonSslPort"] != true
	add(&errs, tlsOnly && a.targetProtocol(cluster.ID) == "Plaintext", "TLS", "the source only accepts TLS connections, but the target only accepts non-TLS connections")
	tls := fakearm.Str(s, "minimumTlsVersion")
	add(&errs, tls == "1.0" || tls == "1.1", "TLS", "the source allows TLS %s, which Azure Managed Redis does not support: set the source's minimum TLS version to 1.2 first", tls)
	add(&errs, fakearm.Str(s, "subnetId") != "", "Networking", "the source is injected into a virtual network, which migration does not support")
	endpoints, _ := s["privateEndpointConnections"].([]any)
	add(&errs, len(endpoints) > 0, "Networking", "the source has private endpoints, which migration does not support")
	linked, _ := s["linkedServers"].([]any)
	add(&errs, len(linked) > 0, "Geo-replication", "the source is geo-replicated, which migration does not support")
	config, _ := s["redisConfiguration"].(map[string]any)
	add(&warnings, fakearm.Str(config, "rdbBackupEnabled") == "true" || fakearm.Str(config, "aofBackupEnabled") == "true",
		"Persistence", "the source persists its data; persistence is not carried over")
	identity, _ := s["identity"].(map[string]any)
	add(&warnings, fakearm.Str(identity, "type") != "" && fakearm.Str(identity, "type") != "None", "Managed Identity",
		"the source has managed identities, which are not carried over")
	return errs, warnings
}

// group is disparities ("<category>: <message>") as validate returns them.
func group(disparities []string) []any {
	if len(disparities) == 0 {
		return []any{}
	}
	var items []any
	for _, d := range disparities {
		category, message, _ := strings.Cut(d, ": ")
		items = append(items, map[string]any{"category": category, "message": message})
	}
	return []any{map[string]any{"disparities": items}}
}

// setState sets the migration's provisioningState and statusDetails.
func (a *ARM) setState(id, state, details string) {
	r, err := a.store.Get(id)
	if err != nil || r == nil {
		return
	}
	p := properties(r)
	p["provisioningState"], p["statusDetails"] = state, details
	p["lastModifiedTime"] = time.Now().UTC().Format(time.RFC3339)
	_ = a.store.Put(r)
}

func properties(r *Resource) map[string]any {
	p, _ := r.Properties["properties"].(map[string]any)
	if p == nil {
		p = map[string]any{}
		r.Properties["properties"] = p
	}
	return p
}

func nameOf(id string) string  { return id[strings.LastIndex(id, "/")+1:] }
func groupOf(id string) string { return strings.Split(id, "/")[4] }
func orNone(state string) string {
	if state == "" {
		return "not started"
	}
	return state
}

// targetProtocol is the client protocol of the cluster's database.
func (a *ARM) targetProtocol(clusterId string) string {
	database, _ := a.resource(clusterId + "/databases/default")
	if database == nil {
		return ""
	}
	return fakearm.Str(database.Properties, "clientProtocol")
}
