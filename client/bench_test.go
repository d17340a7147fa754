package client

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/extra/redisotel/v9"
	"github.com/redis/go-redis/v9"
	"go.opentelemetry.io/otel"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// The cost of a round trip through a client from New against plain go-redis, on one local
// redis-server, measured in the same run (make bench-client). On shared cores most loopback
// round trips wait for the scheduler (medians several times the fastest), which hides a client's
// own cost: so batches of each variant are interleaved, in a random order each time, and the
// fastest tenth of the batches are compared. The CPU time this process spends per round trip
// (user and system, whatever the scheduler does) and its allocations are shown too: they show a
// client's own cost even where wake-up latency hides it.
//
// Goals (API.md): with default settings and no OpenTelemetry SDK, at most 1.05 times go-redis;
// with an SDK installed, at most what redisotel costs go-redis by itself.
//
// make test runs it briefly, to keep it working; CLIENT_BENCH=1 runs it in full.
func TestRoundTripCost(t *testing.T) {
	if !inChildProcess(t) { // it installs an SDK midway
		return
	}
	batches, size, full := 30, 20, os.Getenv("CLIENT_BENCH") != ""
	if full {
		batches, size = 600, 50
	}
	s := startRedis(t, serverConfig{})
	ctx := context.Background()
	plain := redis.NewClient(&redis.Options{Addr: s.addr})
	defer plain.Close()
	if err := plain.Set(ctx, "k", "v", 0).Err(); err != nil {
		t.Fatal(err)
	}
	client, err := New(ctx, "cache", WithConnectionString(s.addr))
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	var report strings.Builder
	fmt.Fprintf(&report, "round trips (GET) on one local redis-server: %d interleaved batches of %d; per round trip, fastest 10%% of batches (p10) and median\n",
		batches, size)
	// The baseline is go-redis as its users hold it, a *redis.Client; New returns the
	// redis.UniversalClient interface, through which every call boxes its arguments (one
	// allocation), shown on its own line.
	// For reference: redisotel instrumenting for OpenTelemetry's placeholders (no SDK), what
	// the client's default cost before it waited for a receiver.
	instrumented := redis.NewClient(&redis.Options{Addr: s.addr})
	defer instrumented.Close()
	if err := redisotel.InstrumentTracing(instrumented, redisotel.WithDBStatement(false)); err != nil {
		t.Fatal(err)
	}
	if err := redisotel.InstrumentMetrics(instrumented); err != nil {
		t.Fatal(err)
	}
	compare(&report, "no OpenTelemetry SDK installed", 1.05, batches, size,
		variant{"go-redis (*redis.Client)", plain}, variant{"client.New, default settings", client},
		variant{"go-redis (redis.UniversalClient)", asUniversal(plain)}, variant{"go-redis + redisotel, no SDK", instrumented})

	otel.SetTracerProvider(sdktrace.NewTracerProvider())
	otel.SetMeterProvider(sdkmetric.NewMeterProvider(sdkmetric.WithReader(sdkmetric.NewManualReader())))
	compare(&report, "an OpenTelemetry SDK installed (after New)", 1.05, batches, size,
		variant{"go-redis + redisotel", instrumented}, variant{"client.New, default settings", client})
	if full { // a brief run only keeps the benchmark working: its numbers mean nothing
		fmt.Print(report.String())
	}
}

type variant struct {
	name   string
	client getter
}

type getter interface {
	Get(ctx context.Context, key string) *redis.StringCmd
}

// compare times the variants in interleaved batches and writes the ratio of the second to the
// first (the baseline), against goal; more are shown for reference.
func compare(w *strings.Builder, title string, goal float64, batches, size int, variants ...variant) {
	ctx := context.Background()
	perOp := make([][]time.Duration, len(variants))
	cpu := make([]time.Duration, len(variants))
	order := make([]int, len(variants))
	for i := range order {
		order[i] = i
	}
	for _, v := range variants { // warm up: connections, caches, the CPU's clock
		for range 20 * size {
			v.client.Get(ctx, "k")
		}
	}
	for range batches {
		rand.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			c := variants[i].client
			start, startCPU := time.Now(), cpuTime()
			for range size {
				c.Get(ctx, "k")
			}
			perOp[i] = append(perOp[i], time.Since(start)/time.Duration(size))
			cpu[i] += cpuTime() - startCPU
		}
	}
	fmt.Fprintf(w, "%s\n  %-34s %9s %9s %9s %9s\n", title, "", "p10", "median", "CPU", "allocs")
	p10 := make([]time.Duration, len(variants))
	for i, v := range variants {
		slices.Sort(perOp[i])
		p10[i] = perOp[i][len(perOp[i])/10]
		allocs := allocsPerOp(2000, func() { v.client.Get(ctx, "k") })
		fmt.Fprintf(w, "  %-34s %9s %9s %9s %9.2f\n", v.name, p10[i].Round(10*time.Nanosecond), perOp[i][len(perOp[i])/2].Round(10*time.Nanosecond),
			(cpu[i] / time.Duration(batches*size)).Round(10*time.Nanosecond), allocs)
	}
	ratio := float64(p10[1]) / float64(p10[0])
	verdict := "within"
	if ratio > goal {
		verdict = "OVER"
	}
	fmt.Fprintf(w, "  ratio (p10): %.3f, %s the goal of %.2f; CPU ratio %.3f\n", ratio, verdict, goal, float64(cpu[1])/float64(cpu[0]))
}

// For benchstat: go test -run '^$' -bench RoundTrip -count 10 ./client
func BenchmarkRoundTrip(b *testing.B) {
	s := startRedis(b, serverConfig{})
	ctx := context.Background()
	plain := redis.NewClient(&redis.Options{Addr: s.addr})
	defer plain.Close()
	plain.Set(ctx, "k", "v", 0)
	client, err := New(ctx, "cache", WithConnectionString(s.addr))
	if err != nil {
		b.Fatal(err)
	}
	defer client.Close()
	for _, v := range []variant{{"go-redis", plain}, {"go-redis-universal", asUniversal(plain)}, {"client", client}} {
		b.Run(v.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				v.client.Get(ctx, "k")
			}
		})
	}
}
