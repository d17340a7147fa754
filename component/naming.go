package component

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"

	"github.com/google/uuid"
)

// Names the component derives. They depend only on stable things (the component's name, its
// project and stack, the principal's object id), so they never change between updates and a
// mutable setting never renames, and so never replaces, anything.

// defaultClusterName is "<name>-<8 hex digits>", at most 60 characters and valid per V1. The
// suffix, from the project, stack and component name, keeps the global host name
// <cluster>.<region>.redis.azure.net unique across stacks (Aspire uses the resource group id).
func defaultClusterName(project, stack, name string) string {
	return withSuffix(nameStem(name, "redis"), uniqueSuffix(project, stack, name), maxClusterNameLength)
}

// defaultKeyVaultName is "<name>-kv-<8 hex digits>", 3-24 characters starting with a letter,
// as Key Vault requires; vault names are global too.
func defaultKeyVaultName(project, stack, name string) string {
	stem := nameStem(name, "redis")
	if !unicode.IsLetter(rune(stem[0])) {
		stem = "r" + stem
	}
	return withSuffix(stem, "kv-"+uniqueSuffix(project, stack, name, "vault"), 24)
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
