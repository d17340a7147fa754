// Command gen-sdk writes schema.json from the provider and generates the Node.js, Python and
// Go SDKs from it with Pulumi's codegen packages. It replaces `pulumi package gen-sdk`, which
// needs the Pulumi language hosts, unavailable in this project's build environment.
//
//	go run ./tools/gen-sdk -version 0.1.0 -out .
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blang/semver"
	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/integration"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"

	"github.com/managedredis/pulumi-azure-managed-redis/provider"
)

const tool = "pulumi-azure-managed-redis gen-sdk"

func main() {
	version := flag.String("version", provider.Version, "package version written to the schema and SDKs")
	out := flag.String("out", ".", "repository root: schema.json and sdk/ are written there")
	flag.Parse()
	if err := run(*version, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen-sdk:", err)
		os.Exit(1)
	}
}

func run(version, out string) error {
	spec, err := providerSchema(version)
	if err != nil {
		return err
	}
	if err := writeJSON(filepath.Join(out, "schema.json"), spec); err != nil {
		return err
	}

	generators := map[string]func(*schema.Package) (map[string][]byte, error){
		"nodejs": func(pkg *schema.Package) (map[string][]byte, error) {
			return nodejs.GeneratePackage(tool, pkg, nil, nil, false, noExternalPackages{})
		},
		"python": func(pkg *schema.Package) (map[string][]byte, error) {
			files, err := python.GeneratePackage(tool, pkg, nil, noExternalPackages{})
			if err == nil {
				// pyproject.toml names README.md, beside it, as the package's readme.
				files["README.md"] = files["pulumi_azure_managed_redis/README.md"]
			}
			return files, err
		},
		"go": func(pkg *schema.Package) (map[string][]byte, error) {
			return gogen.GeneratePackage(tool, pkg, nil)
		},
	}
	for _, language := range []string{"go", "nodejs", "python"} {
		// Each generator annotates the package it is given: bind a fresh one per language.
		pkg, diags, err := schema.BindSpec(spec, noExternalPackages{}, schema.ValidationOptions{})
		if err != nil {
			return err
		}
		if diags.HasErrors() {
			return diags
		}
		files, err := generators[language](pkg)
		if err != nil {
			return fmt.Errorf("%s SDK: %w", language, err)
		}
		if err := replaceDir(filepath.Join(out, "sdk", language), files); err != nil {
			return err
		}
	}
	return nil
}

// providerSchema asks the provider, in-process, for its schema.
func providerSchema(version string) (schema.PackageSpec, error) {
	var spec schema.PackageSpec
	prov, err := provider.New()
	if err != nil {
		return spec, err
	}
	server, err := integration.NewServer(context.Background(), provider.Name, semver.MustParse(version),
		integration.WithProvider(prov))
	if err != nil {
		return spec, err
	}
	resp, err := server.GetSchema(p.GetSchemaRequest{})
	if err != nil {
		return spec, err
	}
	if err := json.Unmarshal([]byte(resp.Schema), &spec); err != nil {
		return spec, err
	}
	spec.Version = version
	return spec, nil
}

func writeJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

// replaceDir makes dir hold exactly files, so a type removed from the schema leaves no file behind.
func replaceDir(dir string, files map[string][]byte) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// noExternalPackages is the schema loader: the package references no other package, and a
// nil loader would panic.
type noExternalPackages struct{}

var errExternal = errors.New("the azure-managed-redis schema references no other package")

func (noExternalPackages) LoadPackage(string, *semver.Version) (*schema.Package, error) {
	return nil, errExternal
}

func (noExternalPackages) LoadPackageV2(context.Context, *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, errExternal
}

func (noExternalPackages) LoadPackageReference(string, *semver.Version) (schema.PackageReference, error) {
	return nil, errExternal
}

func (noExternalPackages) LoadPackageReferenceV2(context.Context, *schema.PackageDescriptor) (schema.PackageReference, error) {
	return nil, errExternal
}
