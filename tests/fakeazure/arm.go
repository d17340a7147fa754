package fakeazure

import (
	"crypto/tls"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
)

// ARM is the fake Azure's Resource Manager REST endpoint, for the operations the package's
// plugin calls itself (its custom resources: the migration, key rotation): HTTPS on the
// loopback with a certificate of its own (CAFile, for SSL_CERT_FILE), over the same store as the
// fake azure-native plugin, so that both see one Azure. It takes only bearer tokens the fake
// plugin issued (getClientToken) and logs each call with the provider whose token it carried
// ("arm" log). It answers as the REST spec (2026-06-01-preview for the migration, 2025-07-01 for
// keys) says, long-running operations included (Azure-AsyncOperation, Location, Retry-After).
type ARM struct {
	store  *Store
	server *httptest.Server
	// CAFile holds the server's certificate, PEM: trust it with SSL_CERT_FILE.
	CAFile string
	// FlatValidate makes validate take the spec's flat body only, as the service will once fixed;
	// by default it wants the envelope the service deployed today wants.
	FlatValidate bool

	mu         sync.Mutex
	operations map[string]*operation // long-running operations by id
	nextID     int
}

// StartARM serves the store's Azure on a loopback port; its certificate goes to dir.
func StartARM(store *Store, dir string) (*ARM, error) {
	a := &ARM{store: store, operations: map[string]*operation{}}
	a.server = httptest.NewUnstartedServer(http.HandlerFunc(a.serve))
	a.server.StartTLS()
	a.CAFile = filepath.Join(dir, "fake-arm-ca.pem")
	cert := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: a.server.Certificate().Raw})
	if err := os.WriteFile(a.CAFile, cert, 0o644); err != nil {
		a.server.Close()
		return nil, err
	}
	return a, nil
}

// URL is the endpoint, for AZURE_MANAGED_REDIS_ARM_ENDPOINT.
func (a *ARM) URL() string { return a.server.URL }

// Environment is what a plugin needs to call this endpoint: its URL and its certificate.
func (a *ARM) Environment() map[string]string {
	return map[string]string{"AZURE_MANAGED_REDIS_ARM_ENDPOINT": a.URL(), "SSL_CERT_FILE": a.CAFile}
}

// TLSConfig trusts the endpoint, for a client in the test's own process.
func (a *ARM) TLSConfig() *tls.Config {
	return a.server.Client().Transport.(*http.Transport).TLSClientConfig
}

// Close stops serving.
func (a *ARM) Close() { a.server.Close() }

// armError is ARM's error body.
func armError(w http.ResponseWriter, status int, code, format string, args ...any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("x-ms-error-code", code)
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"code": code, "message": fmt.Sprintf(format, args...)}})
}

func reply(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if body != nil {
		_ = json.NewEncoder(w).Encode(body)
	}
}

// routes are the paths this endpoint serves, below a cluster or a database id.
var (
	migrationPath = regexp.MustCompile(`(?i)^(/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.Cache/redisEnterprise/[^/]+)/migrations/default(/validate|/cancel)?$`)
	keysPath      = regexp.MustCompile(`(?i)^(/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.Cache/redisEnterprise/[^/]+/databases/[^/]+)/(listKeys|regenerateKey)$`)
	operationPath = regexp.MustCompile(`(?i)^/subscriptions/[^/]+/providers/Microsoft\.Cache/locations/[^/]+/(operationsStatus|operationResults)/([^/]+)$`)
)

// migrationVersions are the API versions that have the migration (2025-08-01-preview on).
var migrationVersions = []string{"2025-08-01-preview", "2026-02-01-preview", "2026-05-01-preview", "2026-06-01-preview", "2026-10-01-preview"}

// keysVersions are the API versions of listKeys and regenerateKey this fake knows.
var keysVersions = []string{"2025-07-01", "2025-08-01-preview", "2026-02-01-preview", "2026-05-01-preview", "2026-06-01-preview", "2026-09-01", "2026-10-01-preview"}

func (a *ARM) serve(w http.ResponseWriter, r *http.Request) {
	label, ok := a.caller(r)
	version := r.URL.Query().Get("api-version")
	a.store.Log("arm", "%s %s api-version=%s by %s", r.Method, r.URL.Path, version, label)
	if isWrite(r) {
		// Beside the plugin's writes, in the order they happen.
		a.store.Log("calls", "ARM %s %s", r.Method, r.URL.Path)
	}
	if !ok {
		armError(w, http.StatusUnauthorized, "InvalidAuthenticationToken", "The access token is invalid: it was not issued for this subscription")
		return
	}
	path := r.URL.Path
	switch {
	case operationPath.MatchString(path):
		m := operationPath.FindStringSubmatch(path)
		a.serveOperation(w, strings.EqualFold(m[1], "operationResults"), m[2])
	case migrationPath.MatchString(path):
		if !slices.Contains(migrationVersions, version) {
			armError(w, http.StatusBadRequest, "NoRegisteredProviderFound", "No registered resource provider found for API version '%s' of type 'redisEnterprise/migrations'", version)
			return
		}
		m := migrationPath.FindStringSubmatch(path)
		a.serveMigration(w, r, m[1], strings.ToLower(strings.TrimPrefix(m[2], "/")))
	case keysPath.MatchString(path):
		if !slices.Contains(keysVersions, version) {
			armError(w, http.StatusBadRequest, "NoRegisteredProviderFound", "No registered resource provider found for API version '%s'", version)
			return
		}
		m := keysPath.FindStringSubmatch(path)
		a.serveKeys(w, r, m[1], strings.ToLower(m[2]))
	default:
		armError(w, http.StatusNotFound, "NotFound", "The fake ARM endpoint does not serve %s %s", r.Method, path)
	}
}

// caller is the label of the provider whose token the request carries.
func (a *ARM) caller(r *http.Request) (string, bool) {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		return "no token", false
	}
	label, issued := a.store.Tokens()[token]
	if !issued {
		return "an unknown token", false
	}
	return label, true
}

// resource reads a live resource of the store by ARM id (case-insensitive, as ARM ids are).
func (a *ARM) resource(id string) (*Resource, error) {
	r, err := a.store.Get(id)
	if err != nil || r == nil || r.Deleted {
		return nil, err
	}
	return r, nil
}

var _ = fakearm.ClusterType

// operation is a long-running operation: finish ends it (on the second poll of its status) and
// says how it ended ("Succeeded" or "Failed", and Azure's message).
type operation struct {
	polls           int
	done            bool
	status, message string
	finish          func() (status, message string)
}

// accept answers a request that started a long-running operation on the resource with the ARM
// id: its status at Azure-AsyncOperation (and, withLocation, its result at Location), polled
// every second (Retry-After), and body (if any) as the first answer.
func (a *ARM) accept(w http.ResponseWriter, r *http.Request, status int, resourceId, location string, withLocation bool,
	finish func() (string, string), body any,
) {
	a.mu.Lock()
	a.nextID++
	id := fmt.Sprintf("%08x-fake-%d", a.nextID, len(a.operations))
	a.operations[id] = &operation{finish: finish}
	a.mu.Unlock()
	base := fmt.Sprintf("%s/subscriptions/%s/providers/Microsoft.Cache/locations/%s/", a.URL(), strings.Split(resourceId, "/")[2], location)
	query := "?api-version=" + r.URL.Query().Get("api-version")
	w.Header().Set("Azure-AsyncOperation", base+"operationsStatus/"+id+query)
	if withLocation {
		w.Header().Set("Location", base+"operationResults/"+id+query)
	}
	w.Header().Set("Retry-After", "1")
	reply(w, status, body)
}

// serveOperation answers a poll of an operation's status, or of its result.
func (a *ARM) serveOperation(w http.ResponseWriter, result bool, id string) {
	a.mu.Lock()
	op, ok := a.operations[id]
	if ok {
		op.polls++
		if !op.done && (op.polls >= 2 || result) {
			op.status, op.message = op.finish()
			op.done = true
		}
	}
	a.mu.Unlock()
	switch {
	case !ok:
		armError(w, http.StatusNotFound, "ResourceNotFound", "The operation '%s' was not found.", id)
	case result && !op.done:
		w.Header().Set("Retry-After", "1")
		reply(w, http.StatusAccepted, nil)
	case result:
		reply(w, http.StatusOK, map[string]any{})
	case !op.done:
		w.Header().Set("Retry-After", "1")
		reply(w, http.StatusOK, map[string]any{"id": id, "name": id, "status": "InProgress"})
	case op.status == "Failed":
		reply(w, http.StatusOK, map[string]any{"id": id, "name": id, "status": "Failed",
			"error": map[string]any{"code": "OperationFailed", "message": op.message}})
	default:
		reply(w, http.StatusOK, map[string]any{"id": id, "name": id, "status": op.status})
	}
}

// isWrite: what changes Azure (reads and validations do not).
func isWrite(r *http.Request) bool {
	path := strings.ToLower(r.URL.Path)
	return (r.Method == http.MethodPut || r.Method == http.MethodPost || r.Method == http.MethodDelete) &&
		!strings.HasSuffix(path, "/validate") && !strings.HasSuffix(path, "/listkeys")
}

// StartTrustedARM opens a store in dir and serves it, trusted by this process: the endpoint and
// its certificate in this process's environment (AZURE_MANAGED_REDIS_ARM_ENDPOINT,
// SSL_CERT_FILE). Call it before the process's first TLS handshake (from a TestMain): Go reads
// the system's trust store once.
func StartTrustedARM(dir string) (*Store, *ARM, error) {
	store, err := OpenStore(dir)
	if err != nil {
		return nil, nil, err
	}
	arm, err := StartARM(store, dir)
	if err != nil {
		return nil, nil, err
	}
	for k, v := range arm.Environment() {
		os.Setenv(k, v)
	}
	return store, arm, nil
}
