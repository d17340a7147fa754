package client

import (
	"context"
	"fmt"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	entraid "github.com/redis/go-redis-entraid"
	"github.com/redis/go-redis-entraid/manager"
	"github.com/redis/go-redis-entraid/shared"
	"github.com/redis/go-redis/v9/auth"
)

// RedisScope is the scope of the Entra ID tokens Azure Managed Redis accepts.
const RedisScope = "https://redis.azure.com/.default"

// entraCredentials is go-redis-entraid's streaming credentials provider over an Azure SDK
// credential: it asks cred for a token, takes its object id (oid) as the user name, refreshes
// it before it expires (at 70% of its lifetime) and hands every new token to go-redis, which
// sends AUTH again on each open connection.
func entraCredentials(cred azcore.TokenCredential) (auth.StreamingCredentialsProvider, error) {
	if cred == nil {
		var err error
		if cred, err = azidentity.NewDefaultAzureCredential(nil); err != nil {
			return nil, fmt.Errorf("Entra ID: the default Azure credential: %w", err)
		}
	}
	tokens, err := manager.NewTokenManager(tokenSource{cred}, manager.TokenManagerOptions{})
	if err != nil {
		return nil, fmt.Errorf("Entra ID: %w", err)
	}
	return entraid.NewCredentialsProvider(tokens, entraid.CredentialsProviderOptions{})
}

// tokenSource is an identity provider of go-redis-entraid backed by any azcore.TokenCredential
// (a managed identity, a workload identity, the Azure CLI's, a test's).
type tokenSource struct{ cred azcore.TokenCredential }

func (s tokenSource) RequestToken(ctx context.Context) (shared.IdentityProviderResponse, error) {
	token, err := s.cred.GetToken(ctx, policy.TokenRequestOptions{Scopes: []string{RedisScope}})
	if err != nil {
		return nil, fmt.Errorf("Entra ID token for %s: %w", RedisScope, err)
	}
	return shared.NewIDPResponse(shared.ResponseTypeAccessToken, &token)
}
