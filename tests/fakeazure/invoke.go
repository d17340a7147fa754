package fakeazure

import (
	"context"
	"errors"
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
)

// Invoke answers the functions the component calls, from the store, as the shared model says.
func (s *Server) Invoke(_ context.Context, req *pulumirpc.InvokeRequest) (*pulumirpc.InvokeResponse, error) {
	s.store.Log("calls", "Invoke %s", req.GetTok())
	args, err := plainOf(req.GetArgs(), false)
	if err != nil {
		return nil, err
	}
	if slices.Contains(s.failing, req.GetTok()) {
		s.store.Log("calls", "Throttled %s", req.GetTok())
		return nil, errors.New(fakearm.ThrottledText("/subscriptions/" + fakearm.Subscription + "/" + req.GetTok()))
	}
	if req.GetTok() == fakearm.GetClientToken {
		// The token of this provider's login: one per provider instance, recorded.
		st, err := marshal(resource.NewPropertyMapFromMap(map[string]any{"token": s.clientToken()}))
		return &pulumirpc.InvokeResponse{Return: st}, err
	}
	result, failure := fakearm.Invoke(liveResources{s.store}, req.GetTok(), args)
	if failure != "" {
		// azure-native fails the call with Azure's error.
		return nil, errors.New(failure)
	}
	st, err := marshal(resource.NewPropertyMapFromMap(result))
	return &pulumirpc.InvokeResponse{Return: st}, err
}

// liveResources are the store's resources that are not soft-deleted, as functions see them.
type liveResources struct{ store *Store }

func (l liveResources) Get(id string) (map[string]any, error) {
	r, err := l.store.Get(id)
	if err != nil || r == nil || r.Deleted {
		return nil, err
	}
	return r.Properties, nil
}

// clientToken is the token of the provider this process serves, issued on first use.
func (s *Server) clientToken() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.token == "" {
		label := s.providerUrn
		if label == "" {
			label = "unconfigured"
		}
		s.token = s.store.IssueToken(label)
	}
	return s.token
}
