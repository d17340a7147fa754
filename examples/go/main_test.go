package main

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/azuremock"
)

// The example runs under mocks with its documented configuration.
func TestExampleProgram(t *testing.T) {
	t.Setenv("PULUMI_CONFIG", `{"project:resourceGroupName": "rg", "project:principalObjectId": "`+azuremock.PrincipalA+`"}`)
	fake := azuremock.New()
	if err := pulumi.RunErr(program, pulumi.WithMocks("project", "stack", fake)); err != nil {
		t.Fatal(err)
	}
	fake.One(t, "azure-native:redisenterprise:RedisEnterprise")
	assignment := fake.One(t, "azure-native:redisenterprise:AccessPolicyAssignment")
	if got := azuremock.Input(assignment, "user.objectId"); got != azuremock.PrincipalA {
		t.Errorf("access for %v", got)
	}
	if got := azuremock.Input(fake.One(t, "azure-native:redisenterprise:RedisEnterprise"), "tags.app"); got != "example" {
		t.Errorf("tags.app = %v", got)
	}
}
