// Package harness prepares what a run of the real Pulumi engine needs in this project's tests,
// benchmark and demo: the Pulumi CLI built by `make cli`, and a fresh PULUMI_HOME with the
// project's plugin and the fake azure-native plugin (tests/fakeazure) installed in it as
// plugins, the way a user's machine has them, so that nothing of ours is looked up on PATH.
package harness

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/managedredis/pulumi-azure-managed-redis/tests/fakeazure"
)

// Engine is a Pulumi CLI with its own PULUMI_HOME.
type Engine struct {
	// Repo is the repository root.
	Repo string
	// CLI is the pulumi binary.
	CLI string
	// Home is the PULUMI_HOME the plugins are installed in.
	Home string
	// Env is the environment of every run: the process's, with PULUMI_HOME, the CLI's folder
	// first on PATH, a passphrase and no plugin downloads.
	Env []string
}

// ProviderVersion is the version the plugin is built and installed as.
const ProviderVersion = "0.1.0"

// Root is the repository root, found from this file's place.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// Options say where the project's plugin comes from.
type Options struct {
	// Provider is a plugin archive or binary to install; empty: build it from source.
	Provider string
}

// New builds what is needed in dir and installs the plugins in a fresh PULUMI_HOME there.
func New(dir string, opts Options) (*Engine, error) {
	repo := Root()
	cli := filepath.Join(repo, ".cache", "bin", "pulumi")
	if _, err := os.Stat(cli); err != nil {
		return nil, fmt.Errorf("the Pulumi CLI is not built (%s): run `make cli`", cli)
	}
	e := &Engine{Repo: repo, CLI: cli, Home: filepath.Join(dir, "home")}
	e.Env = append(os.Environ(),
		"PULUMI_HOME="+e.Home,
		"PATH="+filepath.Dir(cli)+string(os.PathListSeparator)+os.Getenv("PATH"),
		"PULUMI_CONFIG_PASSPHRASE=engine-passphrase",
		"PULUMI_SKIP_UPDATE_CHECK=true",
		"PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true",
	)

	bin := filepath.Join(dir, "build")
	plugins := map[string]string{"azure-native": filepath.Join(bin, "pulumi-resource-azure-native")}
	builds := map[string]string{plugins["azure-native"]: "./tests/fakeazure/cmd/pulumi-resource-azure-native"}
	plugins["azure-managed-redis"] = opts.Provider
	if opts.Provider == "" {
		plugins["azure-managed-redis"] = filepath.Join(bin, "pulumi-resource-azure-managed-redis")
		builds[plugins["azure-managed-redis"]] = "./provider/cmd/pulumi-resource-azure-managed-redis"
	}
	for target, pkg := range builds {
		build := exec.Command("go", "build", "-o", target,
			"-ldflags", "-X github.com/managedredis/pulumi-azure-managed-redis/provider.Version="+ProviderVersion, pkg)
		build.Dir, build.Stderr = repo, os.Stderr
		if err := build.Run(); err != nil {
			return nil, fmt.Errorf("building %s: %w", pkg, err)
		}
	}
	versions := map[string]string{"azure-native": fakeazure.Version, "azure-managed-redis": ProviderVersion}
	for name, file := range plugins {
		if _, err := e.Run("", nil, "plugin", "install", "resource", name, versions[name], "--file", file); err != nil {
			return nil, err
		}
	}
	return e, nil
}

// Run runs the CLI in dir with env added and returns its standard output.
func (e *Engine) Run(dir string, env map[string]string, args ...string) (string, error) {
	cmd := exec.Command(e.CLI, append(args, "--non-interactive")...)
	cmd.Dir = dir
	cmd.Env = append(append([]string{}, e.Env...), pairs(env)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return string(out), fmt.Errorf("pulumi %s: %w\n%s\n%s", strings.Join(args, " "), err, out, stderr.String())
	}
	return string(out), nil
}

// pairs is env as KEY=value pairs.
func pairs(env map[string]string) []string {
	var out []string
	for k, v := range env {
		out = append(out, k+"="+v)
	}
	return out
}

// World is one private Azure (the fake's state) and Pulumi backend.
type World struct {
	Dir, Backend, Azure string
	Store               *fakeazure.Store
}

// NewWorld makes a world in dir.
func NewWorld(dir string) (*World, error) {
	w := &World{Dir: dir, Backend: filepath.Join(dir, "backend"), Azure: filepath.Join(dir, "azure")}
	if err := os.MkdirAll(w.Backend, 0o755); err != nil {
		return nil, err
	}
	store, err := fakeazure.OpenStore(w.Azure)
	w.Store = store
	return w, err
}

// Environment is what a Pulumi run in this world needs on top of the engine's.
func (w *World) Environment() map[string]string {
	return map[string]string{"FAKE_AZURE_STATE": w.Azure, "PULUMI_BACKEND_URL": "file://" + w.Backend}
}
