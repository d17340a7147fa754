package client

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/redis/go-redis/extra/redisotel/v9"
	"github.com/redis/go-redis/v9"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/trace"
)

// Telemetry that costs nothing until someone listens. OpenTelemetry's global providers are
// placeholders until the app installs an SDK; instrumenting every command for them costs 1.5 to
// 1.9 times a plain round trip (spans, attributes and histograms nobody receives). So a client
// installs redisotel's tracing and metrics on each of its connections' clients (a cluster's
// nodes, as redisotel does) once there is a receiver: a TracerProvider or MeterProvider in
// Settings, or an SDK installed globally, before or after New. Until then each command pays a
// look at each global provider (an atomic load and a comparison, and Enabled on a counter).

// Whether telemetry has a receiver is read through OpenTelemetry's public API only, never from
// its types' names: its documentation says what an API without an SDK does (a no-op), and that is
// what the client looks for.
//
//   - Metrics: every synchronous instrument's Enabled "returns false when no SDK is registered".
//     The client holds one counter from the global MeterProvider (never added to, so never
//     exported), made again whenever the global provider is another one, and asks its Enabled.
//   - Tracing: GetTracerProvider returns the registered provider, or a no-op one. A no-op tracer
//     hands back the parent's span context, where an SDK gives a span an id of its own. So the
//     client starts one span, as the child of a remote parent that is not sampled (so that an
//     SDK's default, parent-based sampler neither records nor exports it), each time the global
//     provider is another one, and compares the ids.
//
// TestTelemetryStartsWhenTheAppInstallsAnSDK (no SDK, then no-op providers, then an SDK, after
// New) and TestTelemetryWithAnSDKInstalledBeforeNew pin what the client relies on: should a new
// OpenTelemetry release behave otherwise, they fail.

const instrumentationScope = "github.com/managedredis/pulumi-azure-managed-redis/client"

// meterSeen is the global MeterProvider last looked at, and the counter made of it whose Enabled
// says whether it takes measurements.
type meterSeen struct {
	provider metric.MeterProvider
	probe    metric.Int64Counter // nil when the provider made none
}

var lastMeterProvider atomic.Pointer[meterSeen]

// tracerSeen is the global TracerProvider last looked at, and whether it makes spans.
type tracerSeen struct {
	provider trace.TracerProvider
	spans    bool
}

var lastTracerProvider atomic.Pointer[tracerSeen]

// tracingReceived and metricsReceived say whether telemetry of that kind has a receiver now.
func tracingReceived(s Settings) bool {
	if s.TracerProvider != nil {
		return true
	}
	tp := otel.GetTracerProvider()
	if seen := lastTracerProvider.Load(); seen != nil && sameProvider(seen.provider, tp) {
		return seen.spans
	}
	seen := &tracerSeen{tp, makesSpans(tp)}
	lastTracerProvider.Store(seen)
	return seen.spans
}

func metricsReceived(s Settings) bool {
	if s.MeterProvider != nil {
		return true
	}
	mp := otel.GetMeterProvider()
	seen := lastMeterProvider.Load()
	if seen == nil || !sameProvider(seen.provider, mp) {
		seen = &meterSeen{provider: mp}
		probe, err := mp.Meter(instrumentationScope).Int64Counter("client.telemetry.receiver_probe",
			metric.WithDescription("never recorded: the client asks it whether an SDK takes measurements"))
		if err == nil {
			seen.probe = probe
		}
		lastMeterProvider.Store(seen)
	}
	return seen.probe != nil && seen.probe.Enabled(context.Background())
}

// sameProvider is a == b, false for values that cannot be compared.
func sameProvider[T any](a, b T) (same bool) {
	defer func() {
		if recover() != nil {
			same = false
		}
	}()
	return any(a) == any(b)
}

// The remote parent of the probe span: not sampled.
var (
	probeTraceID = trace.TraceID{0x6d, 0x72, 0x63, 0x6c, 0x69, 0x65, 0x6e, 0x74, 1}
	probeSpanID  = trace.SpanID{0x6d, 0x72, 0x63, 0x6c, 1}
)

// makesSpans says whether tp gives a span an id of its own (an SDK), rather than the parent's (a
// no-op provider, or OpenTelemetry's global one before an SDK is installed).
func makesSpans(tp trace.TracerProvider) bool {
	parent := trace.NewSpanContext(trace.SpanContextConfig{TraceID: probeTraceID, SpanID: probeSpanID, Remote: true})
	_, span := tp.Tracer(instrumentationScope).Start(trace.ContextWithRemoteSpanContext(context.Background(), parent), "client telemetry probe")
	defer span.End()
	sc := span.SpanContext()
	return sc.IsValid() && sc.SpanID() != probeSpanID
}

// instrument sets c up to be instrumented as the settings say, now or once a receiver appears.
func instrument(c redis.UniversalClient, s Settings) {
	if s.DisableTracing && s.DisableMetrics {
		return
	}
	switch c := c.(type) {
	case *redis.ClusterClient:
		c.OnNewNode(func(node *redis.Client) { watchTelemetry(node, s) })
	case *redis.Client:
		watchTelemetry(c, s)
	}
}

// watchTelemetry instruments one client when telemetry has a receiver, now or later.
func watchTelemetry(c *redis.Client, s Settings) {
	w := &telemetryWatch{client: c, settings: s}
	w.tracing.Store(s.DisableTracing)
	w.metrics.Store(s.DisableMetrics)
	w.pending.Store(true)
	w.install()
	if w.pending.Load() {
		c.AddHook(w)
	}
}

// telemetryWatch is a hook that installs redisotel on its client once telemetry has a receiver.
type telemetryWatch struct {
	client   *redis.Client
	settings Settings
	pending  atomic.Bool // some kind of telemetry is still to be installed

	mu               sync.Mutex  // held while installing
	tracing, metrics atomic.Bool // installed, or disabled
}

// install adds what has a receiver now and is not there yet.
func (w *telemetryWatch) install() {
	if (w.tracing.Load() || !tracingReceived(w.settings)) && (w.metrics.Load() || !metricsReceived(w.settings)) {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.tracing.Load() && tracingReceived(w.settings) {
		// Spans name commands but leave out their arguments, as Aspire's do: values may be secrets.
		opts := []redisotel.TracingOption{redisotel.WithDBStatement(false)}
		if w.settings.TracerProvider != nil {
			opts = append(opts, redisotel.WithTracerProvider(w.settings.TracerProvider))
		}
		if err := redisotel.InstrumentTracing(w.client, opts...); err != nil {
			otel.Handle(err)
		}
		w.tracing.Store(true)
	}
	if !w.metrics.Load() && metricsReceived(w.settings) {
		var opts []redisotel.MetricsOption
		if w.settings.MeterProvider != nil {
			opts = append(opts, redisotel.WithMeterProvider(w.settings.MeterProvider))
		}
		if err := redisotel.InstrumentMetrics(w.client, opts...); err != nil {
			otel.Handle(err)
		}
		w.metrics.Store(true)
	}
	w.pending.Store(!w.tracing.Load() || !w.metrics.Load())
}

func (w *telemetryWatch) DialHook(next redis.DialHook) redis.DialHook { return next }

func (w *telemetryWatch) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if w.pending.Load() {
			w.install()
		}
		return next(ctx, cmd)
	}
}

func (w *telemetryWatch) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		if w.pending.Load() {
			w.install()
		}
		return next(ctx, cmds)
	}
}
