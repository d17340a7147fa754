// Package artifacts tests what a release publishes, from the artefacts `make dist` builds and
// not from the source tree, installed the way a user installs them: the plugin archive into a
// fresh PULUMI_HOME (by `pulumi plugin install --file`, and by the engine itself from the
// schema's pluginDownloadURL), the npm package in a fresh TypeScript project, the wheel in a
// fresh virtual environment, and the Go SDK as a module of its own. Nothing of ours is on PATH.
//
// Run by `make test_artifacts`, which builds the artefacts of a test version for this machine
// and names them in DIST and DIST_VERSION.
package artifacts

import (
	"archive/tar"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
	"github.com/managedredis/pulumi-azure-managed-redis/provider"
	"github.com/managedredis/pulumi-azure-managed-redis/tests/harness"
)

var dist, version string

const plugin = "pulumi-resource-azure-managed-redis"

func TestMain(m *testing.M) {
	dist, version = os.Getenv("DIST"), os.Getenv("DIST_VERSION")
	if dist == "" || version == "" {
		fmt.Fprintln(os.Stderr, "artifacts: DIST and DIST_VERSION name the artefacts to test: run `make test_artifacts`")
		os.Exit(1)
	}
	os.Exit(m.Run())
}

// archive is the plugin archive of this machine, named as the engine looks for it.
func archive() string {
	return filepath.Join(dist, fmt.Sprintf("%s-v%s-%s-%s.tar.gz", plugin, version, runtime.GOOS, runtime.GOARCH))
}

func only(t *testing.T, pattern string) string {
	t.Helper()
	found, _ := filepath.Glob(filepath.Join(dist, pattern))
	if len(found) != 1 {
		t.Fatalf("%d artefacts match %s in %s", len(found), pattern, dist)
	}
	return found[0]
}

// engineFor is an engine whose PULUMI_HOME has the fake azure-native and, unless the engine
// must find it itself, the plugin from the archive.
func engineFor(t *testing.T, installPlugin bool) *harness.Engine {
	t.Helper()
	opts := harness.Options{NoProvider: true}
	if installPlugin {
		opts = harness.Options{Provider: archive(), ProviderVersion: version}
	}
	e, err := harness.New(t.TempDir(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if path, err := lookPath(e.Env, plugin); err == nil {
		t.Fatalf("%s is on PATH (%s): the test would not show the engine finding the installed plugin", plugin, path)
	}
	return e
}

func lookPath(env []string, file string) (string, error) {
	for _, kv := range env {
		if path, ok := strings.CutPrefix(kv, "PATH="); ok {
			for _, dir := range filepath.SplitList(path) {
				if _, err := os.Stat(filepath.Join(dir, file)); err == nil {
					return filepath.Join(dir, file), nil
				}
			}
		}
	}
	return "", os.ErrNotExist
}

func TestEveryArtefactCarriesTheVersion(t *testing.T) {
	var schema struct{ Version, PluginDownloadURL string }
	readJSON(t, filepath.Join(dist, "build", "schema.json"), &schema)
	if schema.Version != version || schema.PluginDownloadURL != provider.PluginDownloadURL {
		t.Errorf("schema version %q, pluginDownloadURL %q", schema.Version, schema.PluginDownloadURL)
	}

	var pkg struct {
		Name, Version string
		Pulumi        struct{ Name, Version, Server string }
	}
	if err := json.Unmarshal(fileInTarball(t, only(t, "managedredis-azure-managed-redis-*.tgz"), "package/package.json"), &pkg); err != nil {
		t.Fatal(err)
	}
	if pkg.Name != "@managedredis/azure-managed-redis" || pkg.Version != version || pkg.Pulumi.Version != version ||
		pkg.Pulumi.Server != provider.PluginDownloadURL {
		t.Errorf("npm package %+v", pkg)
	}

	wheel := filepath.Base(only(t, "pulumi_azure_managed_redis-*.whl"))
	if !strings.HasPrefix(wheel, "pulumi_azure_managed_redis-1.2.3a1-") && version == "1.2.3-alpha.1" {
		t.Errorf("wheel %s does not carry %s", wheel, version)
	}

	goVersion, err := os.ReadFile(filepath.Join(dist, "build", "sdk", "go", "azuremanagedredis", "internal", "pulumiUtilities.go"))
	if err != nil || !strings.Contains(string(goVersion), `semver.MustParse("`+version+`")`) ||
		!strings.Contains(string(goVersion), provider.PluginDownloadURL) {
		t.Errorf("the Go SDK does not ask for plugin %s from %s: %v", version, provider.PluginDownloadURL, err)
	}

	if binary := fileInTarball(t, archive(), "./"+plugin); len(binary) == 0 {
		t.Errorf("%s holds no %s", archive(), plugin)
	}
}

// The plugin installed from the archive serves a plain `pulumi up` of a YAML program.
func TestPluginInstalledFromTheArchiveServesAnEngineRun(t *testing.T) {
	e := engineFor(t, true)
	if list, err := e.Run("", nil, "plugin", "ls", "--json"); err != nil || !strings.Contains(list, `"version": "`+version+`"`) {
		t.Fatalf("installed plugins %s, %v", list, err)
	}
	w, err := harness.NewWorld(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Close)
	dir := t.TempDir()
	program := `name: from-archive
runtime: yaml
resources:
  cache:
    type: azure-managed-redis:index:ManagedRedis
    properties:
      resourceGroupName: rg
      accessPrincipals:
        - name: api
          objectId: 11111111-1111-1111-1111-111111111111
outputs:
  hostName: ${cache.hostName}
`
	if err := os.WriteFile(filepath.Join(dir, "Pulumi.yaml"), []byte(program), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) string {
		t.Helper()
		out, err := e.Run(dir, w.Environment(), args...)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	run("stack", "init", "dev", "--secrets-provider", "passphrase")
	up := run("up", "--yes", "--skip-preview")
	if strings.Contains(up, "from $PATH") {
		t.Errorf("the engine used a plugin from PATH:\n%s", up)
	}
	if host := run("stack", "output", "hostName"); !strings.HasSuffix(strings.TrimSpace(host), ".redis.azure.net") {
		t.Errorf("hostName %q", host)
	}
	run("destroy", "--yes", "--skip-preview")
}

// A fresh TypeScript project installs the npm package, compiles strictly and runs a program;
// the engine downloads the plugin by itself from the schema's pluginDownloadURL, here pointed
// at a local copy of the release assets.
func TestNpmPackageInAFreshTypeScriptProject(t *testing.T) {
	e := engineFor(t, false)
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"package.json": fmt.Sprintf(`{"name": "fresh-ts", "private": true,
  "dependencies": {"@managedredis/azure-managed-redis": "file:%s", "@pulumi/pulumi": "3.270.0"},
  "devDependencies": {"typescript": "5.9.3", "@types/node": "20.9.5"}}`, only(t, "managedredis-azure-managed-redis-*.tgz")),
		"tsconfig.json": `{"compilerOptions": {"strict": true, "skipLibCheck": true, "target": "ES2022", "module": "commonjs", "types": ["node"]}, "files": ["index.ts"]}`,
		"index.ts":      typescriptProgram,
	})
	command(t, dir, nil, "npm", "install", "--no-audit", "--no-fund", "--loglevel=error")
	command(t, dir, nil, filepath.Join("node_modules", ".bin", "tsc"), "-p", ".")
	if pluginInstalled(t, e) {
		t.Fatal("the plugin is installed before the program runs")
	}
	served := runProgram(t, e, dir, true, "node", "index.js")
	if want := "/" + filepath.Base(archive()); !slices.Contains(served, want) {
		t.Errorf("the release server was asked for %v, not %s", served, want)
	}
	if !pluginInstalled(t, e) {
		t.Error("the engine did not install the plugin it downloaded")
	}
}

// A fresh virtual environment installs the wheel and runs a program with the plugin installed
// from the archive.
func TestWheelInAFreshVirtualEnvironment(t *testing.T) {
	e := engineFor(t, true)
	dir := t.TempDir()
	command(t, dir, nil, "python3", "-m", "venv", "venv")
	command(t, dir, nil, filepath.Join("venv", "bin", "pip"), "install", "--quiet", only(t, "pulumi_azure_managed_redis-*.whl"),
		"pulumi==3.272.0")
	writeFiles(t, dir, map[string]string{"program.py": pythonProgram})
	if served := runProgram(t, e, dir, false, filepath.Join("venv", "bin", "python"), "program.py"); len(served) > 0 {
		t.Errorf("nothing was to be downloaded, yet %v was", served)
	}
}

// A Go program requires the SDK's module only: it builds, and pulls neither this repository's
// root module nor the provider framework.
func TestGoProgramRequiresOnlyTheSdkModule(t *testing.T) {
	dir := t.TempDir()
	sdk := filepath.Join(dist, "build", "sdk")
	writeFiles(t, dir, map[string]string{
		"go.mod": fmt.Sprintf(`module fresh

go 1.26.6

require github.com/managedredis/pulumi-azure-managed-redis/sdk v%[1]s

replace github.com/managedredis/pulumi-azure-managed-redis/sdk v%[1]s => %[2]s
`, version, sdk),
		"main.go": goProgram,
	})
	command(t, dir, []string{"GOFLAGS=-mod=mod"}, "go", "mod", "tidy")
	command(t, dir, nil, "go", "build", "-o", filepath.Join(dir, "program"), ".")
	modules := command(t, dir, nil, "go", "list", "-m", "all")
	for _, unwanted := range []string{"github.com/managedredis/pulumi-azure-managed-redis ", "pulumi-go-provider", "github.com/pulumi/pulumi/pkg/v3"} {
		if strings.Contains(modules+"\n", unwanted) {
			t.Errorf("a program of the Go SDK pulls %s", strings.TrimSpace(unwanted))
		}
	}
}

// runProgram runs an Automation API program in dir in a world of its own and checks the
// cache it reports. With download, the engine may fetch the plugin from a local server standing
// in for the release; runProgram returns what it served.
func runProgram(t *testing.T, e *harness.Engine, dir string, download bool, name string, args ...string) []string {
	t.Helper()
	w, err := harness.NewWorld(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Close)
	env := append([]string{"WORK_DIR=" + filepath.Join(dir, "work")}, e.Env...)
	for k, v := range w.Environment() {
		env = append(env, k+"="+v)
	}
	var release *releaseAssets
	if download {
		release = serveRelease(t)
		env = append(env, "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=false",
			"PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES=^"+provider.PluginDownloadURL+"="+release.url)
	}
	if err := os.MkdirAll(filepath.Join(dir, "work"), 0o755); err != nil {
		t.Fatal(err)
	}
	out := command(t, dir, env, name, args...)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var result struct{ HostName, ClusterName string }
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &result); err != nil {
		t.Fatalf("the program printed %q: %v", out, err)
	}
	if result.HostName != fakearm.HostName(result.ClusterName, fakearm.DefaultLocation) || result.ClusterName == "" {
		t.Errorf("the program's cache: %+v", result)
	}
	if release == nil {
		return nil
	}
	return release.requested()
}

// releaseAssets serves the release assets over HTTP, as GitHub would; its URL replaces the
// pluginDownloadURL. It remembers what it served.
type releaseAssets struct {
	url    string
	mu     sync.Mutex
	served []string
}

func serveRelease(t *testing.T) *releaseAssets {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r := &releaseAssets{url: "http://" + listener.Addr().String()}
	files := http.FileServer(http.Dir(dist))
	server := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.mu.Lock()
		r.served = append(r.served, req.URL.Path)
		r.mu.Unlock()
		files.ServeHTTP(w, req)
	})}
	go server.Serve(listener)
	t.Cleanup(func() { server.Close() })
	return r
}

func (r *releaseAssets) requested() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.served...)
}

func pluginInstalled(t *testing.T, e *harness.Engine) bool {
	t.Helper()
	list, err := e.Run("", nil, "plugin", "ls", "--json")
	return err == nil && strings.Contains(list, `"name": "azure-managed-redis"`) && strings.Contains(list, version)
}

func command(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err == nil {
		err = json.Unmarshal(data, v)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// fileInTarball reads one file of a .tgz/.tar.gz.
func fileInTarball(t *testing.T, tarball, name string) []byte {
	t.Helper()
	f, err := os.Open(tarball)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	r := tar.NewReader(gz)
	for {
		header, err := r.Next()
		if err == io.EOF {
			t.Fatalf("%s holds no %s", tarball, name)
		}
		if err != nil {
			t.Fatal(err)
		}
		if header.Name == name {
			data, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			return data
		}
	}
}

// The release's GoReleaser configuration builds the archives `make dist` builds: the same
// platforms, the same names, the same version stamp.
func TestGoReleaserBuildsWhatMakeDistBuilds(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(harness.Root(), ".goreleaser.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var config struct {
		ProjectName string `yaml:"project_name"`
		Builds      []struct {
			Main, Binary string
			Ldflags      []string
			Goos, Goarch []string
		}
		Archives []struct {
			NameTemplate string `yaml:"name_template"`
		}
	}
	if err := yaml.Unmarshal(data, &config); err != nil {
		t.Fatal(err)
	}
	if config.ProjectName != plugin || len(config.Builds) != 1 || len(config.Archives) != 1 {
		t.Fatalf("configuration %+v", config)
	}
	build := config.Builds[0]
	if build.Main != "./provider/cmd/"+plugin || build.Binary != plugin ||
		!strings.Contains(strings.Join(build.Ldflags, " "), "provider.Version={{ .Version }}") {
		t.Errorf("build %+v", build)
	}
	if got := config.Archives[0].NameTemplate; got != "{{ .ProjectName }}-{{ .Tag }}-{{ .Os }}-{{ .Arch }}" {
		t.Errorf("archives are named %s, not as the engine looks for them", got)
	}
	makefile, err := os.ReadFile(filepath.Join(harness.Root(), "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	var platforms []string
	for _, os := range build.Goos {
		for _, arch := range build.Goarch {
			platforms = append(platforms, os+"-"+arch)
		}
	}
	if line := "PLATFORMS ?= " + strings.Join(platforms, " "); !strings.Contains(string(makefile), line+"\n") {
		t.Errorf("the Makefile lacks %q", line)
	}
}
