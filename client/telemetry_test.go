package client

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"
	"go.opentelemetry.io/otel"
	metricnoop "go.opentelemetry.io/otel/metric/noop"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	tracenoop "go.opentelemetry.io/otel/trace/noop"
)

// inChildProcess runs the calling test again in a process of its own, whose OpenTelemetry
// globals start untouched; it reports whether this is that process.
func inChildProcess(t *testing.T) bool {
	t.Helper()
	const child = "CLIENT_TEST_CHILD"
	if os.Getenv(child) == t.Name() {
		return true
	}
	cmd := exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), child+"="+t.Name())
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: "+t.Name()) {
		t.Fatalf("in a process of its own: %v\n%s", err, out)
	}
	// What the child printed itself (a report), without the test framework's lines.
	for _, line := range strings.SplitAfter(string(out), "\n") {
		if !strings.HasPrefix(line, "=== ") && !strings.HasPrefix(line, "--- ") && strings.TrimSpace(line) != "PASS" {
			fmt.Print(line)
		}
	}
	return false
}

// asUniversal hands c back as a redis.UniversalClient the compiler cannot see through, as New's
// callers hold theirs.
//
//go:noinline
func asUniversal(c redis.UniversalClient) redis.UniversalClient { return c }

// allocsPerOp is the mean number of allocations of do, unrounded.
func allocsPerOp(runs int, do func()) float64 {
	do()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for range runs {
		do()
	}
	runtime.ReadMemStats(&after)
	return float64(after.Mallocs-before.Mallocs) / float64(runs)
}

// With default settings and no OpenTelemetry SDK installed, a round trip allocates what plain
// go-redis's does: telemetry nobody receives costs nothing. Once the app installs an SDK (after
// New, here), commands are traced and measured, on a single endpoint and on every cluster node.
func TestTelemetryStartsWhenTheAppInstallsAnSDK(t *testing.T) {
	if !inChildProcess(t) {
		return
	}
	ctx := timeout(t)
	s, single, cluster := singleAndCluster(t)
	plain := redis.NewClient(&redis.Options{Addr: s.addr})
	defer plain.Close()
	plain.Set(ctx, "k", "v", 0)
	roundTrip(t, cluster, "before-the-sdk")

	// Held as New returns it, a redis.UniversalClient: calls through the interface box their
	// arguments (one allocation more than on a *redis.Client), whoever made the client.
	plainUniversal := asUniversal(plain)
	base, ours := allocsPerOp(3000, func() { plainUniversal.Get(ctx, "k") }), allocsPerOp(3000, func() { single.Get(ctx, "k") })
	t.Logf("allocations per round trip: go-redis %.2f, client %.2f", base, ours)
	if ours > base+0.5 {
		t.Errorf("without an SDK a round trip allocates %.2f times, go-redis %.2f: telemetry nobody receives costs", ours, base)
	}

	// An app that installs OpenTelemetry's no-op providers has no receiver either.
	otel.SetTracerProvider(tracenoop.NewTracerProvider())
	otel.SetMeterProvider(metricnoop.NewMeterProvider())
	roundTrip(t, single, "no-op")
	if noop := allocsPerOp(3000, func() { single.Get(ctx, "k") }); noop > base+0.5 {
		t.Errorf("with no-op providers a round trip allocates %.2f times, go-redis %.2f: telemetry nobody receives costs", noop, base)
	}

	spans, metrics := installSDK()
	for i := range 3 { // the first command after the SDK arrives installs the telemetry
		roundTrip(t, single, fmt.Sprintf("single-%d", i))
		roundTrip(t, cluster, fmt.Sprintf("cluster-%d", i))
	}
	checkTelemetry(t, spans, metrics)
}

// An SDK installed before New: commands are traced and measured from the first.
func TestTelemetryWithAnSDKInstalledBeforeNew(t *testing.T) {
	if !inChildProcess(t) {
		return
	}
	spans, metrics := installSDK()
	_, single, cluster := singleAndCluster(t)
	for i := range 2 {
		roundTrip(t, single, fmt.Sprintf("single-%d", i))
		roundTrip(t, cluster, fmt.Sprintf("cluster-%d", i))
	}
	checkTelemetry(t, spans, metrics)
}

// singleAndCluster starts a Redis server and a cluster of three, and a client of each (closed
// when the test ends).
func singleAndCluster(t *testing.T) (s *server, single, cluster redis.UniversalClient) {
	t.Helper()
	s = startRedis(t, serverConfig{})
	nodes := clusterOf(t, 3, nil)
	for _, c := range []struct {
		name, addr string
		client     *redis.UniversalClient
	}{{"cache", s.addr, &single}, {"cluster", nodes[0].addr, &cluster}} {
		client, err := New(timeout(t), c.name, WithConnectionString(c.addr))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { client.Close() })
		*c.client = client
	}
	return s, single, cluster
}

// installSDK installs OpenTelemetry's SDK as the global providers, with a recorder of spans and
// a reader of metrics.
func installSDK() (*tracetest.SpanRecorder, *sdkmetric.ManualReader) {
	spans := tracetest.NewSpanRecorder()
	otel.SetTracerProvider(sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(spans)))
	metrics := sdkmetric.NewManualReader()
	otel.SetMeterProvider(sdkmetric.NewMeterProvider(sdkmetric.WithReader(metrics)))
	return spans, metrics
}

// checkTelemetry expects spans of SET and GET with the server's address, the pool's metrics,
// and nothing of the client's own probes.
func checkTelemetry(t *testing.T, spans *tracetest.SpanRecorder, metrics *sdkmetric.ManualReader) {
	t.Helper()
	ctx := timeout(t)
	for _, span := range spans.Ended() {
		if strings.Contains(span.Name(), "probe") {
			t.Errorf("the client's probe span was recorded: %s", span.Name())
		}
	}
	traced := map[string]int{}
	for _, span := range spans.Ended() {
		for _, attr := range span.Attributes() {
			if attr.Key == "server.address" || attr.Key == "server.port" {
				traced[span.Name()]++
			}
		}
	}
	if traced["set"] < 2 || traced["get"] < 2 {
		t.Errorf("spans once an SDK is installed: %v, want set and get from both clients", traced)
	}
	var data metricdata.ResourceMetrics
	if err := metrics.Collect(ctx, &data); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, scope := range data.ScopeMetrics {
		for _, m := range scope.Metrics {
			names = append(names, m.Name)
		}
	}
	if !strings.Contains(strings.Join(names, " "), "db.client.connections.use_time") {
		t.Errorf("metrics once an SDK is installed: %v", names)
	}
	if strings.Contains(strings.Join(names, " "), "probe") {
		t.Errorf("the client's probe counter was exported: %v", names)
	}
}
