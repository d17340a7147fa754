// Command bench measures what the component costs the Pulumi engine, on the fake Azure
// (tests/fakeazure) and the default file backend: `pulumi up` of N Entra ID caches with two
// principals each, through the component and written by hand with the same Azure resources,
// in one run, each program several times, interleaved, and prints the ratios of the medians.
// It asserts nothing about time. It measures:
//   - YAML, by hand vs the component (over the wire, through the plugin);
//   - Go, by hand vs the floor (by hand, plus one empty component per cache recording the same
//     outputs: the cost any component design has) vs the component (the library in-process);
//   - a second `up` of the component at the largest N, which must change nothing;
//   - with per-type latency on the fake (FAKE_AZURE_LATENCY), wall time by hand and through the
//     component against the critical path of one cache (cluster, database, then the
//     assignments one after another), which all caches share since they are created in
//     parallel (the engine's parallelism raised so that it is not the limit).
//
// It is `make bench`, which runs:
//
//	go run ./tests/bench -caches 10,100
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/tests/fakeazure"
	"github.com/managedredis/pulumi-azure-managed-redis/tests/harness"
)

func main() {
	caches := flag.String("caches", "10,100", "numbers of caches, comma-separated")
	latency := flag.String("latency", "RedisEnterprise=3s,Database=2s,AccessPolicyAssignment=1s",
		"per-type latency of the fake Azure for the critical-path run")
	latencyCaches := flag.Int("latency-caches", 10, "caches in the critical-path run")
	runs := flag.Int("runs", 3, "interleaved runs of each program, of which the median counts")
	flag.Parse()
	if *runs < 1 {
		fmt.Fprintln(os.Stderr, "bench: -runs must be at least 1")
		os.Exit(2)
	}
	if err := run(*caches, *latency, *latencyCaches, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(cachesFlag, latency string, latencyCaches, runs int) error {
	var sizes []int
	for _, s := range strings.Split(cachesFlag, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return fmt.Errorf("-caches: %q is not a number of caches", s)
		}
		sizes = append(sizes, n)
	}
	tmp, err := os.MkdirTemp("", "amr-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	engine, err := harness.New(tmp, harness.Options{})
	if err != nil {
		return err
	}
	engine.UseInThisProcess()
	b := &bench{engine: engine, dir: tmp}
	var secondUp time.Duration
	fmt.Printf("pulumi up of N Entra ID caches with 2 principals each, fake Azure without latency, file backend\n")
	fmt.Printf("machine: %s/%s, %d CPUs\n\n", runtime.GOOS, runtime.GOARCH, runtime.NumCPU())
	fmt.Printf("%d interleaved runs of each program: the median, and the ratio of medians (in brackets, of the\n", runs)
	fmt.Printf("fastest and of the slowest runs), as the machine's load varies from one run to the next\n\n")
	fmt.Printf("%-6s %-48s %10s %8s\n", "caches", "program", "up", "ratio")
	for _, n := range sizes {
		last := n == sizes[len(sizes)-1]
		programs := []struct {
			name, baseline string
			up             func(round int) (time.Duration, error)
		}{
			{"YAML by hand", "YAML by hand", func(int) (time.Duration, error) {
				up, _, err := b.yaml("YAML by hand", handYAML(n), nil, false)
				return up, err
			}},
			{"YAML component", "YAML by hand", func(round int) (time.Duration, error) {
				up, again, err := b.yaml("YAML component", componentYAML(n), nil, last && round == 0)
				if again > 0 {
					secondUp = again
				}
				return up, err
			}},
			{"Go by hand", "Go by hand", func(int) (time.Duration, error) { return b.golang(n, handGo(n)) }},
			{"Go floor (by hand + one empty component each)", "Go by hand", func(int) (time.Duration, error) {
				return b.golang(n, floorGo(n))
			}},
			{"Go component", "Go by hand", func(int) (time.Duration, error) { return b.golang(n, componentGo(n)) }},
		}
		times := map[string][]time.Duration{}
		for round := range runs {
			for _, p := range programs {
				took, err := p.up(round)
				if err != nil {
					return err
				}
				times[p.name] = append(times[p.name], took)
			}
		}
		for _, p := range programs {
			b.row(n, p.name, times[p.name], times[p.baseline])
		}
		if last {
			fmt.Printf("%-6d %-48s %10s  (changes nothing)\n", n, "YAML component, second up", round(secondUp))
		}
	}

	fmt.Printf("\nwith latency %s, %d caches:\n", latency, latencyCaches)
	critical, err := criticalPath(latency)
	if err != nil {
		return err
	}
	for _, v := range []struct {
		name    string
		program string
	}{{"YAML by hand", handYAML(latencyCaches)}, {"YAML component", componentYAML(latencyCaches)}} {
		wall, _, err := b.yaml(v.name, v.program, map[string]string{"FAKE_AZURE_LATENCY": latency}, false)
		if err != nil {
			return err
		}
		fmt.Printf("%-55s %10s, %.2fx the critical path (%s)\n", v.name, round(wall), float64(wall)/float64(critical), critical)
	}
	return nil
}

type bench struct {
	engine *harness.Engine
	dir    string
	runs   int
}

// row prints a program's median time and its ratio to the baseline's, with the ratios of the
// fastest and of the slowest runs.
func (b *bench) row(n int, name string, took, baseline []time.Duration) {
	took, baseline = slices.Sorted(slices.Values(took)), slices.Sorted(slices.Values(baseline))
	ratio := func(i int) float64 { return float64(took[i]) / float64(baseline[i]) }
	line := fmt.Sprintf("%-6d %-48s %10s %7.2fx", n, name, round(took[len(took)/2]), ratio(len(took)/2))
	if len(took) > 1 {
		line += fmt.Sprintf("  [%.2fx - %.2fx]", ratio(0), ratio(len(took)-1))
	}
	fmt.Println(line)
}

func round(d time.Duration) time.Duration { return d.Round(10 * time.Millisecond) }

// world is a fresh backend and Azure for one measured run.
func (b *bench) world() (*harness.World, string, error) {
	b.runs++
	w, err := harness.NewWorld(filepath.Join(b.dir, fmt.Sprintf("run-%d", b.runs)))
	if err != nil {
		return nil, "", err
	}
	project := filepath.Join(w.Dir, "project")
	return w, project, os.MkdirAll(project, 0o755)
}

// yaml times `pulumi up` of a YAML program and, with again, a second up, which must change
// nothing.
func (b *bench) yaml(name, program string, env map[string]string, again bool) (up, second time.Duration, err error) {
	w, project, err := b.world()
	if err != nil {
		return 0, 0, err
	}
	defer w.Close()
	if err := os.WriteFile(filepath.Join(project, "Pulumi.yaml"), []byte(program), 0o644); err != nil {
		return 0, 0, err
	}
	for k, v := range w.Environment() {
		if env == nil {
			env = map[string]string{}
		}
		env[k] = v
	}
	if _, err := b.engine.Run(project, env, "stack", "init", "bench", "--secrets-provider", "passphrase"); err != nil {
		return 0, 0, err
	}
	start := time.Now()
	args := []string{"up", "--yes", "--skip-preview"}
	if _, slowed := env["FAKE_AZURE_LATENCY"]; slowed {
		args = append(args, "--parallel", "1000") // the engine's default, 4 per CPU, would be the limit
	}
	if _, err := b.engine.Run(project, env, args...); err != nil {
		return 0, 0, fmt.Errorf("%s: %w", name, err)
	}
	up = time.Since(start)
	if again {
		start := time.Now()
		if _, err := b.engine.Run(project, env, "up", "--yes", "--skip-preview", "--expect-no-changes"); err != nil {
			return 0, 0, fmt.Errorf("%s, second up: %w", name, err)
		}
		second = time.Since(start)
	}
	return up, second, nil
}

// golang times `up` of a Go program run in-process by the Automation API.
func (b *bench) golang(n int, program pulumi.RunFunc) (time.Duration, error) {
	w, project, err := b.world()
	if err != nil {
		return 0, err
	}
	defer w.Close()
	ctx := context.Background()
	stack, err := auto.UpsertStackInlineSource(ctx, "bench", "bench-go", program,
		auto.WorkDir(project), auto.EnvVars(w.Environment()), auto.SecretsProvider("passphrase"),
		auto.Project(workspace.Project{Name: "bench-go", Runtime: workspace.NewProjectRuntimeInfo("go", nil)}))
	if err != nil {
		return 0, err
	}
	start := time.Now()
	if _, err := stack.Up(ctx, optup.SuppressOutputs()); err != nil {
		return 0, fmt.Errorf("Go program of %d caches: %w", n, err)
	}
	return time.Since(start), nil
}

// criticalPath is one cache's chain of writes under the latency: the cluster, the database,
// then the two assignments one after another, each held in flight for the assignment window.
func criticalPath(spec string) (time.Duration, error) {
	latency := map[string]time.Duration{}
	for _, item := range strings.Split(spec, ",") {
		typ, value, _ := strings.Cut(strings.TrimSpace(item), "=")
		d, err := time.ParseDuration(value)
		if err != nil {
			return 0, fmt.Errorf("-latency: %q is not <Type>=<duration>", item)
		}
		latency[typ] = d
	}
	assignment := latency["AccessPolicyAssignment"] + fakeazure.AssignmentWindow
	return latency["RedisEnterprise"] + latency["Database"] + 2*assignment, nil
}
