# pulumi-azure-managed-redis: one target per artefact. `make help` lists them.

SHELL    := /bin/bash
PACK     := azure-managed-redis
PROVIDER := pulumi-resource-$(PACK)
CACHE    := $(CURDIR)/.cache
VENV     := $(CACHE)/venv
NODE_MODULES := tests/nodejs/node_modules/.package-lock.json
.DEFAULT_GOAL := help

# One version in plugin, schema and SDKs: a release's comes from its git tag (v1.2.3 -> 1.2.3);
# any other build is the development version, which the committed schema.json and sdk/ carry.
DEV_VERSION := 0.0.0-dev
VERSION ?= $(patsubst v%,%,$(shell git describe --tags --exact-match --match 'v[0-9]*' 2>/dev/null))
ifeq ($(VERSION),)
override VERSION := $(DEV_VERSION)
endif
# The plugin archives `make dist` builds; the tests build the one of this machine.
PLATFORMS ?= linux-amd64 linux-arm64 darwin-amd64 darwin-arm64 windows-amd64 windows-arm64
HOST_PLATFORM := $(shell go env GOOS)-$(shell go env GOARCH)
DIST ?= dist
# The version the artefact tests stamp, to see it arrive everywhere.
TEST_VERSION := 1.2.3-alpha.1

GO_PACKAGES = $$(go list ./... | grep -v -e /tests/e2e -e /tests/artifacts)

.PHONY: help demo sandbox diagram facts redis-commands test_nodejs_build bench bench-client build provider fake cli generate schema sdk check_generated dist test test_go test_client test_nodejs test_python test_e2e test_artifacts lint

help: ## List the targets.
	@grep -E '^[a-z_%/-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | column -t -s $$'\t'

demo: cli provider fake ## Run examples/yaml with `pulumi up` against a fake Azure (local simulation).
	VERSION=$(VERSION) scripts/demo.sh

sandbox: cli provider fake ## A shell where pulumi preview/up of your own YAML or TypeScript program run against the fake Azure (DIR=<folder>).
	VERSION=$(VERSION) SANDBOX_DIR=$(DIR) scripts/sandbox.sh

diagram: cli ## docs/resources.dot from an engine test's state (what the component creates), rendered to docs/resources.svg (needs Graphviz's dot).
	UPDATE_DIAGRAM=1 go test -count=1 -run '^TestResourceDiagramIsCurrent$$' ./tests/e2e/
	@command -v dot >/dev/null || { echo "dot is missing: apt-get install graphviz"; exit 1; }
	dot -Tsvg docs/resources.dot | sed "2i <!-- rendered from resources.dot sha256:$$(sha256sum docs/resources.dot | cut -d' ' -f1) -->" > docs/resources.svg

bench: cli ## Cost of the component against the same resources by hand, on the fake Azure: prints ratios.
	go run ./tests/bench -caches 10,100

bench-client: ## Cost of the Go client against plain go-redis on a local redis-server: prints ratios.
	@command -v redis-server >/dev/null || { echo "redis-server is missing: run scripts/install-redis.sh"; exit 1; }
	cd client && CLIENT_BENCH=1 go test -count=1 -run '^TestRoundTripCost$$' -v . | grep -v -e '^=== ' -e '^--- ' -e '^PASS' -e '^ok'

build: provider ## Compile everything: library, binding, provider, Go SDK and Go example.
	go build ./...

provider: ## The provider plugin, bin/pulumi-resource-azure-managed-redis, version stamped.
	go build -o bin/$(PROVIDER) \
	  -ldflags "-X github.com/managedredis/pulumi-azure-managed-redis/provider.Version=$(VERSION)" \
	  ./provider/cmd/$(PROVIDER)

fake: ## The fake azure-native plugin of the engine tests and its ARM endpoint, in .cache/fake (never in bin/).
	go build -o $(CACHE)/fake/pulumi-resource-azure-native ./tests/fakeazure/cmd/pulumi-resource-azure-native
	go build -o $(CACHE)/fake/fake-arm-endpoint ./tests/fakeazure/cmd/fake-arm-endpoint

cli: $(CACHE)/bin/pulumi $(CACHE)/bin/pulumi-language-yaml ## The Pulumi CLI and YAML host, built once per machine.

# pkg/v3's go.mod has `replace` directives, so `go install` refuses it: build in a tools module.
$(CACHE)/bin/pulumi: tools/pulumi-cli/go.mod tools/pulumi-cli/go.sum
	cd tools/pulumi-cli && go build -o $@ \
	  -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v3.274.1" \
	  github.com/pulumi/pulumi/pkg/v3/cmd/pulumi

$(CACHE)/bin/pulumi-language-yaml: tools/pulumi-yaml/go.mod tools/pulumi-yaml/go.sum
	cd tools/pulumi-yaml && go build -o $@ github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml

generate: ## Everything generated from the repository alone: the azure-native binding from azure/schema, the provider's types from the library, schema.json from the provider, the SDKs from it (tools/gen-*). `make facts`, `make redis-commands` and `make diagram` regenerate what needs npm, redis-server or Graphviz.
	python3 tools/facts/preview_subset.py
	go run ./tools/gen-binding -out .
	go run ./tools/gen-provider -out provider/generated.go
	go run ./tools/gen-sdk -version $(DEV_VERSION) -out .

schema sdk: generate ## Aliases of generate.

facts: ## The binding's schema subsets and facts (azure/schema, azure/*/testdata, internal/factcheck/testdata) from the npm package @pulumi/azure-native 3.28.0 and the reference facts (REFERENCE=<facts JSON>); needs npm, then run make generate.
	@test -n "$(REFERENCE)" || { echo "REFERENCE=<azure-native-3.28.0.json of the reference facts> is required"; exit 1; }
	mkdir -p $(CACHE)/npm && cd $(CACHE)/npm && npm pack --silent @pulumi/azure-native@3.28.0 && tar -xzf pulumi-azure-native-3.28.0.tgz
	python3 tools/facts/schema_subset.py $(REFERENCE) $(CACHE)/npm/package

redis-commands: ## component/redis_commands.txt, the commands an access string may name, from a local redis-server's COMMAND LIST (needs redis-server); the modules' list: tools/redis-commands/redis-module-commands.sh <redis/docs checkout>.
	tools/redis-commands/redis-commands.sh

dist: $(NODE_MODULES) $(VENV)/bin/python ## Release artefacts of $(VERSION) in $(DIST): plugin archives for $(PLATFORMS), npm package, wheel.
	scripts/dist.sh $(VERSION) $(DIST) $(PLATFORMS)

# What make generate writes: everything but the binding's inputs (azure/tokens.txt and the schema
# subsets tools/facts writes with npm) and its hand-written facts tests.
GENERATED = provider/generated.go schema.json sdk azure ':!azure/tokens.txt' ':!azure/schema/*.json' \
  ':!azure/**/*_test.go' ':!azure/**/testdata/**'

check_generated: generate ## Regenerate, and fail if that changed anything committed.
	@changes=$$(git diff --name-only -- $(GENERATED); \
	  git ls-files --others --exclude-standard -- $(GENERATED)); \
	  if [ -n "$$changes" ]; then echo "generated files differ from the commit (run make generate, then commit):"; \
	  echo "$$changes"; exit 1; fi

test: lint check_generated test_go test_client test_nodejs test_python test_e2e test_artifacts ## Run every test.

test_go: ## Go tests: binding vs facts, components with mocks (access strings asked of a real redis-server), provider in-process, the fake; the Go SDK's module.
	@command -v redis-server >/dev/null || { echo "redis-server is missing: run scripts/install-redis.sh"; exit 1; }
	go test $(GO_PACKAGES)
	cd tests/gosdk && go test ./...

test_client: ## The Go client (its own module) against real Redis servers: TLS, Entra ID token refresh, a cluster.
	@command -v redis-server >/dev/null || { echo "redis-server is missing: run scripts/install-redis.sh"; exit 1; }
	cd client && go test -count=1 ./...

test_e2e: cli test_nodejs test_python ## The real engine over Go, TypeScript, Python and YAML programs, fake Azure.
	go test -count=1 -timeout 35m ./tests/e2e/

test_nodejs: test_nodejs_build ## Node.js SDK tests (tsc --strict, node --test) and type-check of examples/nodejs.
	cd tests/nodejs && npm test

test_nodejs_build: $(NODE_MODULES) ## The Node.js SDK and the TypeScript test programs and drivers, compiled (tests/nodejs/build).
	cd tests/nodejs && npm run build

test_artifacts: cli ## The released artefacts, installed as a user would: plugin archive, npm package, wheel, Go SDK module.
	$(MAKE) dist VERSION=$(TEST_VERSION) PLATFORMS=$(HOST_PLATFORM) DIST=$(CACHE)/dist-test
	DIST=$(CACHE)/dist-test DIST_VERSION=$(TEST_VERSION) go test -count=1 -timeout 20m ./tests/artifacts/

$(NODE_MODULES): tests/nodejs/package.json tests/nodejs/package-lock.json
	cd tests/nodejs && npm ci --no-audit --no-fund --loglevel=error

test_python: $(VENV)/bin/python ## Python SDK tests (pytest with mocks) and examples/python under mocks.
	$(VENV)/bin/pip install --quiet --no-deps --no-build-isolation --force-reinstall ./sdk/python
	$(VENV)/bin/python -m pytest -q tests/python

$(VENV)/bin/python: tests/python/requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet -r tests/python/requirements.txt
	touch $@

lint: ## gofmt and go vet.
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	go vet ./...
	cd sdk && go vet ./...
	cd tests/gosdk && go vet ./...
	cd client && go vet ./...
