package component

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"

	"github.com/google/uuid"
)

// Names the component derives. They depend only on stable things (where the cache lives, the
// component's name, a principal's key), so they never change between updates and a mutable
// setting never renames, and so never replaces, anything.

// scope is where a component lives: what makes its global names unique. Host names
// (<cluster>.<region>.redis.azure.net) and vault names are global across all of Azure, so the
// subscription and resource group count, as in Aspire's uniqueString(resourceGroup().id), and
// so do the project, stack and component name, for several caches in one resource group.
type scope struct {
	subscriptionId, resourceGroupName, project, stack, name string
}

func (s scope) suffix(purpose ...string) string {
	parts := append([]string{strings.ToLower(s.subscriptionId), strings.ToLower(s.resourceGroupName),
		s.project, s.stack, s.name}, purpose...)
	return uniqueSuffix(parts...)
}

// defaultClusterName is "<name>-<8 hex digits>", at most 60 characters and valid per V1.
func defaultClusterName(s scope) string {
	return withSuffix(nameStem(s.name, "redis"), s.suffix(), maxClusterNameLength)
}

// defaultKeyVaultName is "<name>-kv-<8 hex digits>", 3-24 characters starting with a letter,
// as Key Vault requires.
func defaultKeyVaultName(s scope) string {
	stem := nameStem(s.name, "redis")
	if !unicode.IsLetter(rune(stem[0])) {
		stem = "r" + stem
	}
	return withSuffix(stem, "kv-"+s.suffix("vault"), 24)
}

// defaultConnectionName is the component's name when that is a valid connection name, and
// otherwise the name cleaned the way the default cluster name is (letters and digits, single
// hyphens for anything else: "session_cache" gives "session-cache"), starting with a letter
// and cut to the length a secret name leaves. A name that is valid already is kept as it is,
// so that no existing cache's secrets or settings are renamed.
func defaultConnectionName(name string) string {
	if connectionNameProblem(name) == "" {
		return name
	}
	stem := nameStem(name, "redis")
	if !unicode.IsLetter(rune(stem[0])) {
		stem = "r" + stem
	}
	if len(stem) > maxConnectionNameLength {
		stem = strings.TrimRight(stem[:maxConnectionNameLength], "-")
	}
	return stem
}

// nameStem keeps letters and digits of name, with single hyphens for anything else.
func nameStem(name, fallback string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	stem := strings.Trim(b.String(), "-")
	if stem == "" {
		return fallback
	}
	return stem
}

// withSuffix joins stem and suffix with a hyphen, shortening stem to fit max.
func withSuffix(stem, suffix string, max int) string {
	if room := max - len(suffix) - 1; len(stem) > room {
		stem = strings.TrimRight(stem[:room], "-")
	}
	return stem + "-" + suffix
}

func uniqueSuffix(parts ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(sum[:4])
}

// namespace of the component's deterministic GUIDs (a fixed, random UUID).
var guidNamespace = uuid.MustParse("6a1f8f0e-53c1-4d7b-9a0f-3a5f4c2e9b71")

// deterministicGuid is a name-based (v5) UUID of parts, in the spirit of ARM's guid(...): the
// same parts give the same GUID, so assignments keep their Azure names across updates.
func deterministicGuid(parts ...string) string {
	return uuid.NewSHA1(guidNamespace, []byte(strings.ToLower(strings.Join(parts, "/")))).String()
}
