//go:build tools

// Package tools pins the Pulumi CLI module so `go build` of its main package resolves here.
package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
