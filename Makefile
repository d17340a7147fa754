# pulumi-azure-managed-redis: one target per artefact. `make help` lists them.

SHELL    := /bin/bash
PACK     := azure-managed-redis
PROVIDER := pulumi-resource-$(PACK)
VERSION  ?= 0.1.0
CACHE    := $(CURDIR)/.cache
VENV     := $(CACHE)/venv
.DEFAULT_GOAL := help

GO_PACKAGES = $$(go list ./... | grep -v /tests/e2e)

.PHONY: help demo bench build provider fake cli schema sdk check_generated test test_go test_nodejs test_python test_e2e lint

help: ## List the targets.
	@grep -E '^[a-z_%/-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | column -t -s $$'\t'

demo: cli provider fake ## Run examples/yaml with `pulumi up` against a fake Azure (local simulation).
	scripts/demo.sh

bench: cli ## Cost of the component against the same resources by hand, on the fake Azure: prints ratios.
	go run ./tests/bench -caches 10,100

build: provider ## Compile everything: library, binding, provider, Go SDK and Go example.
	go build ./...

provider: ## The provider plugin, bin/pulumi-resource-azure-managed-redis, version stamped.
	go build -o bin/$(PROVIDER) \
	  -ldflags "-X github.com/managedredis/pulumi-azure-managed-redis/provider.Version=$(VERSION)" \
	  ./provider/cmd/$(PROVIDER)

fake: ## The fake azure-native plugin of the engine tests, in .cache/fake (never in bin/).
	go build -o $(CACHE)/fake/pulumi-resource-azure-native ./tests/fakeazure/cmd/pulumi-resource-azure-native

cli: $(CACHE)/bin/pulumi $(CACHE)/bin/pulumi-language-yaml ## The Pulumi CLI and YAML host, built once per machine.

# pkg/v3's go.mod has `replace` directives, so `go install` refuses it: build in a tools module.
$(CACHE)/bin/pulumi: tools/pulumi-cli/go.mod tools/pulumi-cli/go.sum
	cd tools/pulumi-cli && go build -o $@ \
	  -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v3.274.1" \
	  github.com/pulumi/pulumi/pkg/v3/cmd/pulumi

$(CACHE)/bin/pulumi-language-yaml: tools/pulumi-yaml/go.mod tools/pulumi-yaml/go.sum
	cd tools/pulumi-yaml && go build -o $@ github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml

schema sdk: ## schema.json from the provider, and the Go, Node.js and Python SDKs from it.
	go run ./provider/cmd/gen-sdk -version $(VERSION) -out .

check_generated: sdk ## Regenerate, and fail if that changed anything committed.
	@changes=$$(git diff --name-only -- schema.json sdk; git ls-files --others --exclude-standard -- schema.json sdk); \
	  if [ -n "$$changes" ]; then echo "generated files differ from the commit (run make sdk, then commit):"; \
	  echo "$$changes"; exit 1; fi

test: lint check_generated test_go test_nodejs test_python test_e2e ## Run every test.

test_go: ## Go tests: binding vs facts, components with mocks, provider in-process, Go SDK, the fake.
	go test $(GO_PACKAGES)

test_e2e: cli test_nodejs test_python ## The real engine over Go, TypeScript, Python and YAML programs, fake Azure.
	go test -count=1 -timeout 20m ./tests/e2e/

test_nodejs: ## Node.js SDK tests (tsc --strict, node --test) and type-check of examples/nodejs.
	cd tests/nodejs && npm ci --no-audit --no-fund --loglevel=error && npm run build && npm test

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
