// Package harness prepares what a run of the real Pulumi engine needs in this project's tests,
// benchmark and demo: the Pulumi CLI built by `make cli`, and a fresh PULUMI_HOME with the
// project's plugin and the fake azure-native plugin (tests/fakeazure) installed in it as
// plugins, the way a user's machine has them, so that nothing of ours is looked up on PATH.
package harness

import (
	"encoding/json"
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

// SourceVersion is the version the committed schema.json, and so the SDKs of the source tree,
// carry: a plugin built from source is built and installed as this version, which is the one
// the SDKs ask the engine for.
func SourceVersion() (string, error) {
	data, err := os.ReadFile(filepath.Join(Root(), "schema.json"))
	if err != nil {
		return "", err
	}
	var schema struct{ Version string }
	if err := json.Unmarshal(data, &schema); err != nil || schema.Version == "" {
		return "", fmt.Errorf("schema.json has no version: %v", err)
	}
	return schema.Version, nil
}

// Root is the repository root, found from this file's place.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// Options say where the project's plugin comes from.
type Options struct {
	// Provider is a plugin archive or binary to install, of ProviderVersion; empty: build it
	// from source, as the source version.
	Provider, ProviderVersion string
	// NoProvider leaves the project's plugin out: the engine must find it itself.
	NoProvider bool
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

	type plugin struct{ file, version, source string }
	bin := filepath.Join(dir, "build")
	plugins := map[string]plugin{"azure-native": {filepath.Join(bin, "pulumi-resource-azure-native"), fakeazure.Version,
		"./tests/fakeazure/cmd/pulumi-resource-azure-native"}}
	switch {
	case opts.NoProvider:
	case opts.Provider != "":
		plugins["azure-managed-redis"] = plugin{file: opts.Provider, version: opts.ProviderVersion}
	default:
		version, err := SourceVersion()
		if err != nil {
			return nil, err
		}
		plugins["azure-managed-redis"] = plugin{filepath.Join(bin, "pulumi-resource-azure-managed-redis"), version,
			"./provider/cmd/pulumi-resource-azure-managed-redis"}
	}
	for name, p := range plugins {
		if p.source != "" {
			build := exec.Command("go", "build", "-o", p.file,
				"-ldflags", "-X github.com/managedredis/pulumi-azure-managed-redis/provider.Version="+p.version, p.source)
			build.Dir, build.Stderr = repo, os.Stderr
			if err := build.Run(); err != nil {
				return nil, fmt.Errorf("building %s: %w", p.source, err)
			}
		}
		if _, err := e.Run("", nil, "plugin", "install", "resource", name, p.version, "--file", p.file); err != nil {
			return nil, err
		}
	}
	// The fake's ARM endpoint as a program of its own, for `make sandbox` (a world runs its own
	// in process).
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "fake-arm-endpoint"), "./tests/fakeazure/cmd/fake-arm-endpoint")
	build.Dir, build.Stderr = repo, os.Stderr
	if err := build.Run(); err != nil {
		return nil, fmt.Errorf("building the fake ARM endpoint: %w", err)
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

// UseInThisProcess puts the engine's environment into this process's, for the
// Automation API, which finds the CLI and the plugins through it.
func (e *Engine) UseInThisProcess() {
	for _, kv := range e.Env {
		if k, v, ok := strings.Cut(kv, "="); ok {
			os.Setenv(k, v)
		}
	}
}

// pairs is env as KEY=value pairs.
func pairs(env map[string]string) []string {
	var out []string
	for k, v := range env {
		out = append(out, k+"="+v)
	}
	return out
}

// World is one private Azure (the fake's state, and its ARM endpoint for the package's own
// operations) and Pulumi backend.
type World struct {
	Dir, Backend, Azure string
	Store               *fakeazure.Store
	// ARM is the fake Azure's Resource Manager endpoint, over Store (HTTPS on the loopback).
	ARM *fakeazure.ARM
	// Latency slows the fake's writes down per type (FAKE_AZURE_LATENCY), when set.
	Latency string
	// Fail fails the fake's invokes of some functions (FAKE_AZURE_FAIL), when set.
	Fail string
}

// NewWorld makes a world in dir; Close stops its ARM endpoint.
func NewWorld(dir string) (*World, error) {
	w := &World{Dir: dir, Backend: filepath.Join(dir, "backend"), Azure: filepath.Join(dir, "azure")}
	if err := os.MkdirAll(w.Backend, 0o755); err != nil {
		return nil, err
	}
	store, err := fakeazure.OpenStore(w.Azure)
	if err != nil {
		return nil, err
	}
	w.Store = store
	w.ARM, err = fakeazure.StartARM(store, w.Azure)
	return w, err
}

// Close stops the world's ARM endpoint.
func (w *World) Close() {
	if w.ARM != nil {
		w.ARM.Close()
	}
}

// Environment is what a Pulumi run in this world needs on top of the engine's: the fake's
// state, the backend, and the ARM endpoint the package's plugin calls (its URL, and its
// certificate as the trust store of every process of the run).
func (w *World) Environment() map[string]string {
	env := map[string]string{"FAKE_AZURE_STATE": w.Azure, "PULUMI_BACKEND_URL": "file://" + w.Backend}
	if w.Latency != "" {
		env["FAKE_AZURE_LATENCY"] = w.Latency
	}
	if w.Fail != "" {
		env["FAKE_AZURE_FAIL"] = w.Fail
	}
	if w.ARM != nil {
		for k, v := range w.ARM.Environment() {
			env[k] = v
		}
	}
	return env
}
