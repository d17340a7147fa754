package fakeazure

import (
	"context"
	"errors"
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// Invoke answers the functions the component calls, from the store.
func (s *Server) Invoke(_ context.Context, req *pulumirpc.InvokeRequest) (*pulumirpc.InvokeResponse, error) {
	s.store.Log("calls", "Invoke %s", req.GetTok())
	args, err := plainOf(req.GetArgs(), false)
	if err != nil {
		return nil, err
	}
	result, failure := s.invoke(req.GetTok(), args)
	if failure != "" {
		// azure-native fails the call with Azure's error.
		return nil, errors.New(failure)
	}
	st, err := marshal(resource.NewPropertyMapFromMap(result))
	return &pulumirpc.InvokeResponse{Return: st}, err
}

func (s *Server) invoke(token string, args map[string]any) (map[string]any, string) {
	clusterId := armTypes["azure-native:redisenterprise:RedisEnterprise"].id(args)
	databaseId := armTypes["azure-native:redisenterprise:Database"].id(args)
	switch token {
	case "azure-native:authorization:getClientConfig":
		return map[string]any{"clientId": guidOf("client"), "objectId": guidOf("deployer"),
			"subscriptionId": Subscription, "tenantId": Tenant}, ""
	case "azure-native:redisenterprise:getRedisEnterprise":
		return s.read(clusterId)
	case "azure-native:redisenterprise:getDatabase":
		return s.read(databaseId)
	case "azure-native:redisenterprise:listDatabaseKeys":
		database, failure := s.read(databaseId)
		if failure != "" {
			return nil, failure
		}
		if str(database, "accessKeysAuthentication") != "Enabled" {
			return nil, fmt.Sprintf("(BadRequest) access keys authentication is disabled on %s: keys cannot be listed",
				databaseId)
		}
		return map[string]any{"primaryKey": PrimaryKey(databaseId), "secondaryKey": PrimaryKey(databaseId + "/2")}, ""
	}
	return nil, fmt.Sprintf("the fake azure-native does not implement %s", token)
}

func (s *Server) read(id string) (map[string]any, string) {
	r, err := s.store.Get(id)
	if err != nil {
		return nil, err.Error()
	}
	if r == nil {
		return nil, fmt.Sprintf("(ResourceNotFound) %s was not found", id)
	}
	r.Properties["azureApiVersion"] = "2025-07-01"
	return r.Properties, ""
}
