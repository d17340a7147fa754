//go:build tools

// Package tools pins the YAML language host module so `go build` of its main package resolves here.
package tools

import _ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
