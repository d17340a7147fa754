package arm

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"

	"github.com/managedredis/pulumi-azure-managed-redis/azure"
)

// Azure's migration of an Azure Cache for Redis cache to an Azure Managed Redis cluster: the
// singleton `<cluster>/migrations/default` (from 2025-08-01-preview; this package uses the one
// preview version it writes everything newer with). PUT starts it (long-running), GET reads
// it, POST validate asks whether it can run, POST cancel cancels it or rolls a finished switch
// back. There is no DELETE: a migration stays in Azure.

// MigrationAPIVersion is the API version of the migration operations.
const MigrationAPIVersion = azure.RedisEnterprisePreviewAPIVersion

// SourceTypeAzureCacheForRedis is the only source type: an Azure Cache for Redis (classic) cache.
const SourceTypeAzureCacheForRedis = "AzureCacheForRedis"

// Migration states (provisioningState) this package acts on. A switched migration is
// `Completed` as the service reports it (the REST spec's own Start example, and the Azure CLI's
// live test, which waits for it) although the spec's enum says `Succeeded`: both are taken.
const (
	MigrationCompleted         = "Completed"
	MigrationSucceeded         = "Succeeded"
	MigrationFailed            = "Failed"
	MigrationCancelled         = "Cancelled"
	MigrationCancelling        = "Cancelling"
	MigrationCancelFailed      = "CancellationFailed"
	MigrationInProgress        = "InProgress"
	MigrationAccepted          = "Accepted"
	MigrationReadyForDnsSwitch = "ReadyForDnsSwitch"
)

// Migration is the migration resource as Azure returns it.
type Migration struct {
	ID         string              `json:"id,omitempty"`
	Name       string              `json:"name,omitempty"`
	Type       string              `json:"type,omitempty"`
	Properties MigrationProperties `json:"properties"`
}

// MigrationProperties are the migration's properties: what the PUT sends, and what Azure adds.
type MigrationProperties struct {
	SourceType        string `json:"sourceType"`
	SourceResourceID  string `json:"sourceResourceId"`
	SwitchDNS         bool   `json:"switchDns"`
	SkipDataMigration bool   `json:"skipDataMigration"`
	ForceMigrate      *bool  `json:"forceMigrate,omitempty"`
	// Read-only.
	TargetResourceID  string `json:"targetResourceId,omitempty"`
	ProvisioningState string `json:"provisioningState,omitempty"`
	StatusDetails     string `json:"statusDetails,omitempty"`
	CreationTime      string `json:"creationTime,omitempty"`
	LastModifiedTime  string `json:"lastModifiedTime,omitempty"`
	// RollbackEligibleUntil is given from 2026-10-01-preview on.
	RollbackEligibleUntil string `json:"rollbackEligibleUntil,omitempty"`
}

// Validation is Azure's answer to validate: errors make the migration fail, warnings name what
// differs between the caches but does not stop it.
type Validation struct {
	IsValid  bool                `json:"isValid"`
	Errors   []ValidationProblem `json:"errors,omitempty"`
	Warnings []ValidationProblem `json:"warnings,omitempty"`
}

// ValidationProblem groups disparities between the source and the target.
type ValidationProblem struct {
	Disparities []Disparity `json:"disparities,omitempty"`
}

// Disparity is one difference: its category (TLS, Persistence, Managed Identity, ...) and
// message.
type Disparity struct {
	Category string `json:"category"`
	Message  string `json:"message"`
}

// Disparities lists every disparity of problems, as "<category>: <message>".
func Disparities(problems []ValidationProblem) []string {
	var all []string
	for _, p := range problems {
		for _, d := range p.Disparities {
			all = append(all, fmt.Sprintf("%s: %s", d.Category, d.Message))
		}
	}
	return all
}

// MigrationID is the ARM id of a cluster's migration.
func MigrationID(clusterID string) string {
	return strings.TrimSuffix(clusterID, "/") + "/migrations/default"
}

// Migration reads the cluster's migration; nil when there is none.
func (c *Client) Migration(ctx context.Context, clusterID string) (*Migration, error) {
	id := MigrationID(clusterID)
	resp, err := c.call(ctx, http.MethodGet, id, MigrationAPIVersion, nil, http.StatusOK)
	if err != nil {
		err = failed("read the migration", id, "", err)
		if IsNotFound(err) {
			return nil, nil
		}
		return nil, err
	}
	var m Migration
	if err := runtime.UnmarshalAsJSON(resp, &m); err != nil {
		return nil, failed("read the migration", id, "", err)
	}
	return &m, nil
}

// ValidateMigration asks Azure whether the source can move to the cluster. The spec's body is
// flat; the service deployed today refuses it (HTTP 400 InvalidRequestBody) and wants it in a
// `properties` envelope (Azure/azure-cli-extensions, redisenterprise's test_migration.py: RP bug
// ADO #38848036): the envelope is sent when the flat body is refused so, and only then, so that
// this keeps working once the service is fixed.
func (c *Client) ValidateMigration(ctx context.Context, clusterID, sourceID string) (*Validation, error) {
	id := MigrationID(clusterID)
	body := map[string]any{"sourceResourceId": sourceID, "skipDataMigration": true}
	resp, err := c.call(ctx, http.MethodPost, id+"/validate", MigrationAPIVersion, body, http.StatusOK)
	var refused *azcore.ResponseError
	if errors.As(err, &refused) && refused.StatusCode == http.StatusBadRequest && refused.ErrorCode == "InvalidRequestBody" {
		resp, err = c.call(ctx, http.MethodPost, id+"/validate", MigrationAPIVersion, map[string]any{"properties": body}, http.StatusOK)
	}
	if err != nil {
		return nil, failed("validate the migration", id, "", err)
	}
	var v Validation
	if err := runtime.UnmarshalAsJSON(resp, &v); err != nil {
		return nil, failed("validate the migration", id, "", err)
	}
	return &v, nil
}

// StartMigration starts the migration of the source to the cluster, switching the source's host
// name to it and moving no data, and waits until Azure ends it. A migration that ends Failed is
// an error with Azure's status details.
func (c *Client) StartMigration(ctx context.Context, clusterID, sourceID string) (*Migration, error) {
	id := MigrationID(clusterID)
	start := Migration{Properties: MigrationProperties{SourceType: SourceTypeAzureCacheForRedis,
		SourceResourceID: sourceID, SwitchDNS: true, SkipDataMigration: true}}
	resp, err := c.call(ctx, http.MethodPut, id, MigrationAPIVersion, start, http.StatusOK, http.StatusCreated)
	if err != nil {
		return nil, failed("start the migration", id, "", err)
	}
	return c.follow(ctx, "start the migration", clusterID, resp, runtime.FinalStateViaOriginalURI)
}

// CancelMigration cancels the cluster's migration, or rolls a finished one back (the source's
// host name points at the source again), and waits until Azure ends it.
func (c *Client) CancelMigration(ctx context.Context, clusterID string) (*Migration, error) {
	id := MigrationID(clusterID)
	resp, err := c.call(ctx, http.MethodPost, id+"/cancel", MigrationAPIVersion, nil, http.StatusOK, http.StatusAccepted)
	if err != nil {
		return nil, failed("cancel the migration", id, "", err)
	}
	return c.follow(ctx, "cancel the migration", clusterID, resp, runtime.FinalStateViaLocation)
}

// follow waits for a long-running operation on the migration to end, then reads the migration:
// its state is what the operation left.
func (c *Client) follow(ctx context.Context, operation, clusterID string, resp *http.Response, via runtime.FinalStateVia) (*Migration, error) {
	id := MigrationID(clusterID)
	poller, err := runtime.NewPoller[map[string]any](resp, c.pipeline, &runtime.NewPollerOptions[map[string]any]{FinalStateVia: via})
	if err != nil {
		return nil, failed(operation, id, "", err)
	}
	_, waitErr := poller.PollUntilDone(ctx, &runtime.PollUntilDoneOptions{Frequency: c.pollEvery})
	m, err := c.Migration(ctx, clusterID)
	switch {
	case err != nil:
		return nil, err
	case m == nil:
		return nil, failed(operation, id, "", fmt.Errorf("Azure ended the operation but has no migration"))
	case m.Properties.ProvisioningState == MigrationFailed || m.Properties.ProvisioningState == MigrationCancelFailed:
		return m, &Error{Operation: operation, ID: id, Code: m.Properties.ProvisioningState, Message: m.Properties.StatusDetails,
			Err: waitErr}
	case waitErr != nil:
		return m, failed(operation, id, "", waitErr)
	}
	return m, nil
}
