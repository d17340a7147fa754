# pulumi-azure-managed-redis: one target per artefact. `make help` lists them.

SHELL := /bin/bash
.DEFAULT_GOAL := help

.PHONY: help build test test_go lint

help: ## List the targets.
	@grep -E '^[a-z_%/-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | column -t -s $$'\t'

build: ## Compile the library, the binding and the Go example.
	go build ./...

test: lint test_go ## Run every test.

test_go: ## Go tests: the binding against the azure-native facts, the components with mocks.
	go test ./...

lint: ## gofmt and go vet.
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	go vet ./...
