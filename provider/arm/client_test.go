package arm_test

import (
	"context"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
	"github.com/managedredis/pulumi-azure-managed-redis/provider/arm"
	"github.com/managedredis/pulumi-azure-managed-redis/tests/fakeazure"
)

// The client against the fake Azure's ARM endpoint (HTTPS, its certificate trusted through
// SSL_CERT_FILE, as the plugin trusts it in the engine tests), which answers as the REST spec's
// examples do.

var (
	store    *fakeazure.Store
	endpoint *fakeazure.ARM
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "arm-test-")
	if err == nil {
		store, endpoint, err = fakeazure.StartTrustedARM(dir)
	}
	if err != nil {
		panic(err)
	}
	code := m.Run()
	endpoint.Close()
	os.RemoveAll(dir)
	os.Exit(code)
}

// world is a cluster with its database in a resource group of its own, and classic caches to
// move there; client acts with a token issued to the test's provider.
type world struct {
	group, cluster, database string
	client                   *arm.Client
	provider                 string
}

func newWorld(t *testing.T, accessKeys string, sources ...func(group string) fakearm.Seed) *world {
	t.Helper()
	w := &world{group: strings.ToLower(strings.NewReplacer("/", "-", "_", "-").Replace(t.Name()))}
	seeds := fakearm.ExistingCache(w.group, "amr", fakearm.DefaultLocation, accessKeys)
	w.cluster, w.database = seeds[0].ID, seeds[1].ID
	for _, source := range sources {
		seeds = append(seeds, source(w.group))
	}
	if err := store.Seed(seeds...); err != nil {
		t.Fatal(err)
	}
	w.provider = "urn:pulumi:dev::test::pulumi:providers:azure-native::" + w.group
	client, err := arm.New(store.IssueToken(w.provider), "")
	if err != nil {
		t.Fatal(err)
	}
	w.client = client
	return w
}

func classic(name string, extra map[string]any) func(group string) fakearm.Seed {
	return func(group string) fakearm.Seed {
		return fakearm.ClassicCache(group, name, fakearm.DefaultLocation, "Standard", "C", 1, 0, extra)
	}
}

// calls are the endpoint's calls on the world's resources, each with the provider whose token
// it carried.
func (w *world) calls() []string {
	var mine []string
	for _, line := range store.Lines("arm") {
		if strings.Contains(strings.ToLower(line), "/resourcegroups/"+w.group+"/") {
			mine = append(mine, line)
		}
	}
	return mine
}

func TestAMigrationStartsValidatedAndCanBeCancelled(t *testing.T) {
	w := newWorld(t, "Enabled", classic("old", nil))
	ctx := context.Background()
	source := fakearm.ClassicCacheId(w.group, "old")

	none, err := w.client.Migration(ctx, w.cluster)
	if err != nil || none != nil {
		t.Fatalf("before: %v, %v; want none", none, err)
	}
	v, err := w.client.ValidateMigration(ctx, w.cluster, source)
	if err != nil || !v.IsValid || len(arm.Disparities(v.Errors)) != 0 {
		t.Fatalf("validate: %+v, %v", v, err)
	}
	m, err := w.client.StartMigration(ctx, w.cluster, source)
	if err != nil {
		t.Fatal(err)
	}
	p := m.Properties
	if p.ProvisioningState != arm.MigrationCompleted || p.SourceResourceID != source || !strings.EqualFold(p.TargetResourceID, w.cluster) ||
		!p.SwitchDNS || !p.SkipDataMigration || p.CreationTime == "" {
		t.Errorf("started: %+v", p)
	}
	_, err = w.client.StartMigration(ctx, w.cluster, source)
	var refused *arm.Error
	if !errors.As(err, &refused) || refused.Status != 409 || refused.Code != "MigrationAlreadyExists" ||
		refused.Operation != "start the migration" || !strings.HasSuffix(refused.ID, "/migrations/default") {
		t.Errorf("a second start: %v", err)
	}
	if m, err = w.client.CancelMigration(ctx, w.cluster); err != nil || m.Properties.ProvisioningState != arm.MigrationCancelled {
		t.Fatalf("cancel: %+v, %v", m, err)
	}
	if _, err := w.client.CancelMigration(ctx, w.cluster); !errors.As(err, &refused) || refused.Code != "MigrationCannotBeCancelled" {
		t.Errorf("cancelling a cancelled migration: %v", err)
	}
	// Every call carried the world's provider's token.
	calls := w.calls()
	if len(calls) < 8 {
		t.Errorf("%d calls: %v", len(calls), calls)
	}
	for _, c := range calls {
		if !strings.HasSuffix(c, "by "+w.provider) {
			t.Errorf("call %q was not made with the provider's token", c)
		}
	}
}

// Validate's body: the spec's flat one, or, when the service refuses it as the one deployed
// today does (InvalidRequestBody), the same in a `properties` envelope.
func TestValidateTakesTheServicesBodyEitherWay(t *testing.T) {
	w := newWorld(t, "Enabled", classic("old", nil))
	for _, flat := range []bool{false, true} {
		endpoint.FlatValidate = flat
		v, err := w.client.ValidateMigration(context.Background(), w.cluster, fakearm.ClassicCacheId(w.group, "old"))
		if err != nil || !v.IsValid {
			t.Errorf("flat validate %t: %+v, %v", flat, v, err)
		}
	}
	endpoint.FlatValidate = false
	validates := 0
	for _, call := range w.calls() {
		if strings.Contains(call, "/validate") {
			validates++
		}
	}
	if validates != 3 { // flat then enveloped; flat alone
		t.Errorf("%d validate calls, want 3", validates)
	}
}

func TestValidateNamesEachDisparity(t *testing.T) {
	w := newWorld(t, "Enabled", classic("tls10", map[string]any{"minimumTlsVersion": "1.0",
		"redisConfiguration": map[string]any{"rdbBackupEnabled": "true"}, "identity": map[string]any{"type": "SystemAssigned"}}),
		classic("injected", map[string]any{"subnetId": "/subscriptions/s/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/v/subnets/x"}))
	ctx := context.Background()
	tests := []struct {
		source           string
		errors, warnings []string
	}{
		{"tls10", []string{"TLS:"}, []string{"Persistence:", "Managed Identity:"}},
		{"injected", []string{"Networking:"}, nil},
	}
	for _, tt := range tests {
		v, err := w.client.ValidateMigration(ctx, w.cluster, fakearm.ClassicCacheId(w.group, tt.source))
		if err != nil {
			t.Fatal(err)
		}
		errs, warnings := arm.Disparities(v.Errors), arm.Disparities(v.Warnings)
		if v.IsValid || !startsWithEach(errs, tt.errors) || !startsWithEach(warnings, tt.warnings) {
			t.Errorf("%s: valid %t, errors %v, warnings %v", tt.source, v.IsValid, errs, warnings)
		}
	}
	// The PUT is refused on the same grounds, and nothing is started.
	_, err := w.client.StartMigration(ctx, w.cluster, fakearm.ClassicCacheId(w.group, "tls10"))
	var refused *arm.Error
	if !errors.As(err, &refused) || refused.Code != "MigrationValidationFailed" || !strings.Contains(refused.Message, "TLS") {
		t.Errorf("start over a TLS 1.0 source: %v", err)
	}
	if m, err := w.client.Migration(ctx, w.cluster); err != nil || m != nil {
		t.Errorf("after the refusal: %+v, %v", m, err)
	}
}

func TestAFailedMigrationIsAnErrorWithAzuresDetails(t *testing.T) {
	w := newWorld(t, "Enabled", classic("fails", map[string]any{"tags": map[string]any{fakeazure.FailMigrationTag: "the DNS record could not be updated"}}))
	m, err := w.client.StartMigration(context.Background(), w.cluster, fakearm.ClassicCacheId(w.group, "fails"))
	if err == nil || !strings.Contains(err.Error(), "the DNS record could not be updated") || !strings.Contains(err.Error(), "start the migration") ||
		m == nil || m.Properties.ProvisioningState != arm.MigrationFailed {
		t.Errorf("a failed migration: %+v, %v", m, err)
	}
}

func TestKeysAreListedAndRegeneratedOneAtATime(t *testing.T) {
	w := newWorld(t, "Enabled")
	ctx := context.Background()
	before, err := w.client.ListKeys(ctx, w.database)
	if err != nil || before.PrimaryKey != fakearm.PrimaryKey(w.database) {
		t.Fatalf("keys: %+v, %v", before, err)
	}
	after, err := w.client.RegenerateKey(ctx, w.database, arm.SecondaryKey)
	if err != nil || after.PrimaryKey != before.PrimaryKey || after.SecondaryKey == before.SecondaryKey {
		t.Fatalf("regenerate the secondary: %+v -> %+v, %v", before, after, err)
	}
	// azure-native's listDatabaseKeys (the fake plugin) reads the same keys.
	database, _ := store.Get(w.database)
	if _, secondary := fakearm.DatabaseKeys(w.database, database.Properties); secondary != after.SecondaryKey {
		t.Errorf("the plugin's keys are not the endpoint's")
	}
	disabled := newWorld(t, "Disabled")
	var refused *arm.Error
	if _, err := disabled.client.RegenerateKey(ctx, disabled.database, arm.PrimaryKey); !errors.As(err, &refused) || refused.Status != 400 {
		t.Errorf("regenerate with keys disabled: %v", err)
	}
}

// Not found is ARM's 404 with its code, and nothing else: an unknown token's 401 is a failure,
// and the token is never in an error.
func TestOnlyARMsNotFoundIsNotFound(t *testing.T) {
	w := newWorld(t, "Enabled")
	ctx := context.Background()
	if m, err := w.client.Migration(ctx, w.cluster+"-gone"); err != nil || m != nil {
		t.Errorf("a missing cluster's migration: %+v, %v", m, err)
	}
	const token = "a-token-nobody-issued"
	stranger, err := arm.New(token, "")
	if err != nil {
		t.Fatal(err)
	}
	_, err = stranger.Migration(ctx, w.cluster)
	var refused *arm.Error
	if !errors.As(err, &refused) || refused.Status != 401 || arm.IsNotFound(err) || strings.Contains(err.Error(), token) {
		t.Errorf("an unknown token: %v", err)
	}
}

func TestTheEndpointIsTheCloudsOrTheOverride(t *testing.T) {
	tests := []struct{ environment, override, want, wantErr string }{
		{"", "", "https://management.azure.com", ""},
		{"public", "", "https://management.azure.com", ""},
		{"usgovernment", "", "https://management.usgovcloudapi.net", ""},
		{"China", "", "https://management.chinacloudapi.cn", ""},
		{"", "https://arm.example.test/", "https://arm.example.test", ""},
		{"", "http://arm.example.test", "", "not an https:// URL"},
		{"mars", "", "", "not an Azure cloud"},
	}
	for _, tt := range tests {
		t.Setenv(arm.EndpointVariable, tt.override)
		c, err := arm.Cloud(tt.environment)
		got := ""
		if err == nil {
			got = strings.TrimSuffix(c.Services["resourceManager"].Endpoint, "/")
		}
		if got != tt.want || (tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr))) {
			t.Errorf("%q with %q: %q, %v", tt.environment, tt.override, got, err)
		}
	}
}

func startsWithEach(items, prefixes []string) bool {
	if len(items) != len(prefixes) {
		return false
	}
	for _, prefix := range prefixes {
		if !slices.ContainsFunc(items, func(s string) bool { return strings.HasPrefix(s, prefix) }) {
			return false
		}
	}
	return true
}
