package fakeazure

import (
	"crypto/rand"
	"encoding/hex"
	"strings"
)

// Tokens: azure-native's getClientToken returns a token of the provider's login; the fake gives
// each provider instance (each plugin process the engine configures) a token of its own and
// records it with what the provider was configured with, so that tests see whose token reached
// the ARM endpoint (arm.go), which takes only the tokens issued here.

// IssueToken records a new token for a provider described by label (its configuration).
func (s *Store) IssueToken(label string) string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	token := "fake-arm-token-" + hex.EncodeToString(b)
	s.Log("tokens", "%s %s", token, label)
	return token
}

// Tokens are the tokens issued, each with its provider's label.
func (s *Store) Tokens() map[string]string {
	tokens := map[string]string{}
	for _, line := range s.Lines("tokens") {
		token, label, _ := strings.Cut(line, " ")
		tokens[token] = label
	}
	return tokens
}
