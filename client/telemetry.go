package client

import (
	"context"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/redis/go-redis/extra/redisotel/v9"
	"github.com/redis/go-redis/v9"
	"go.opentelemetry.io/otel"
)

// Telemetry that costs nothing until someone listens. OpenTelemetry's global providers are
// placeholders until the app installs an SDK; instrumenting every command for them costs 1.5 to
// 1.9 times a plain round trip (spans, attributes and histograms nobody receives). So a client
// installs redisotel's tracing and metrics on each of its connections' clients (a cluster's
// nodes, as redisotel does) once there is a receiver: a TracerProvider or MeterProvider in
// Settings, or an SDK installed globally, before or after New. Until then each command pays one
// atomic load per kind of telemetry.

// The placeholders OpenTelemetry's API hands out before an SDK is installed, as this package
// found them at start; nil when an SDK was installed even earlier (then telemetry is on).
var (
	placeholderTracerProvider = placeholder(otel.GetTracerProvider())
	placeholderMeterProvider  = placeholder(otel.GetMeterProvider())
)

// placeholder is p when it is the API's own global placeholder (package internal/global).
func placeholder[T any](p T) any {
	if t := reflect.TypeOf(p); t != nil && strings.HasPrefix(t.String(), "*global.") {
		return p
	}
	return nil
}

// tracingReceived and metricsReceived say whether telemetry of that kind has a receiver now.
func tracingReceived(s Settings) bool {
	return s.TracerProvider != nil || any(otel.GetTracerProvider()) != placeholderTracerProvider
}

func metricsReceived(s Settings) bool {
	return s.MeterProvider != nil || any(otel.GetMeterProvider()) != placeholderMeterProvider
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
