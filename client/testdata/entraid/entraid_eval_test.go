// The Entra ID tests (entra_test.go) against go-redis-entraid's credentials provider instead of
// entra.go's, to judge a go-redis-entraid release against the client's production requirements
// in minutes. It lives in testdata, out of the module's builds and of go mod tidy, so that
// go-redis-entraid is no dependency of the client; run.sh copies it into the package, fetches the
// release, runs the tests and puts go.mod and go.sum back:
//
//	bash testdata/entraid/run.sh v1.0.6
//
// The client is made as it would be on go-redis-entraid, at its best: New with the provider as
// go-redis's StreamingCredentialsProvider (through Settings.ConfigureOptions, so that none of
// entra.go runs), the provider's token manager over the same azcore.TokenCredential with the
// same refresh ratio, every error retried (its default retries timeouts only), and its
// construction, which asks the credential, bounded by New's context.

package client

import (
	"context"
	"fmt"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	entraid "github.com/redis/go-redis-entraid"
	"github.com/redis/go-redis-entraid/manager"
	"github.com/redis/go-redis-entraid/shared"
	"github.com/redis/go-redis/v9"
	"github.com/redis/go-redis/v9/auth"
)

func init() { newClient = newOnEntraid }

func newOnEntraid(ctx context.Context, connectionName string, opts ...Option) (redis.UniversalClient, error) {
	o := collect(opts)
	if !o.entra {
		return New(ctx, connectionName, opts...)
	}
	type made struct {
		provider auth.StreamingCredentialsProvider
		err      error
	}
	result := make(chan made, 1)
	go func() {
		tm, err := manager.NewTokenManager(credentialIDP{o.credential}, manager.TokenManagerOptions{
			ExpirationRefreshRatio: refreshRatio,
			RetryOptions: manager.RetryOptions{
				IsRetryable:  func(error) bool { return true },
				MaxAttempts:  10,
				InitialDelay: retryInterval,
				MaxDelay:     maxRefreshBackoff,
			},
		})
		if err != nil {
			result <- made{nil, err}
			return
		}
		p, err := entraid.NewCredentialsProvider(tm, entraid.CredentialsProviderOptions{})
		result <- made{p, err}
	}()
	var provider auth.StreamingCredentialsProvider
	select {
	case m := <-result:
		if m.err != nil {
			return nil, fmt.Errorf("client: %s: %w", connectionName, m.err)
		}
		provider = m.provider
	case <-ctx.Done():
		return nil, fmt.Errorf("client: %s: go-redis-entraid's provider: %w", connectionName, ctx.Err())
	}
	opts = append(opts, WithSettings(func(s *Settings) {
		previous := s.ConfigureOptions
		s.ConfigureOptions = func(u *redis.UniversalOptions) {
			if previous != nil {
				previous(u)
			}
			u.StreamingCredentialsProvider = provider
		}
	}))
	return New(ctx, connectionName, opts...)
}

// credentialIDP is go-redis-entraid's identity provider over an azcore.TokenCredential.
type credentialIDP struct{ cred azcore.TokenCredential }

func (c credentialIDP) RequestToken(ctx context.Context) (shared.IdentityProviderResponse, error) {
	at, err := c.cred.GetToken(ctx, policy.TokenRequestOptions{Scopes: []string{RedisScope}})
	if err != nil {
		return nil, fmt.Errorf("Entra ID token for %s: %w", RedisScope, err)
	}
	return shared.NewIDPResponse(shared.ResponseTypeAccessToken, &at)
}
