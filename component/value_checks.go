package component

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Checks of single values. Each runs on a literal before anything is registered, and on an
// Output as soon as its value is known (see checked), with the same message.

var (
	clusterNamePattern = regexp.MustCompile(`^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$`)
	nicknamePattern    = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$`)
	// A connection name becomes secret names, app settings keys and environment variable names
	// (<NAME>_HOST), so it starts with a letter.
	connectionNamePattern   = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9-]*$`)
	principalNamePattern    = regexp.MustCompile(`^[A-Za-z0-9-]+$`)
	guidPattern             = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	keyVaultIdPattern       = regexp.MustCompile(`(?i)^/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\.KeyVault/vaults/([^/]+)$`)
	subnetIdPattern         = regexp.MustCompile(`(?i)^(/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.Network/virtualNetworks/[^/]+)/subnets/[^/]+$`)
	privateDnsZoneIdPattern = regexp.MustCompile(`(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.Network/privateDnsZones/` +
		regexp.QuoteMeta(PrivateDnsZone) + `$`)
	workspaceIdPattern        = regexp.MustCompile(`(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.OperationalInsights/workspaces/[^/]+$`)
	networkInterfaceIdPattern = regexp.MustCompile(`(?i)^/subscriptions/[^/]+/resourceGroups/([^/]+)/providers/Microsoft\.Network/networkInterfaces/([^/]+)$`)
	identityIdPattern         = regexp.MustCompile(`(?i)^/subscriptions/[^/]+/resourceGroups/([^/]+)/providers/Microsoft\.ManagedIdentity/userAssignedIdentities/([^/]+)$`)
	// A Key Vault key's URL: https://<vault>.vault.azure.net/keys/<name>[/<version>], in any
	// Azure cloud (vault.azure.cn, vault.usgovcloudapi.net, ...).
	keyUrlPattern = regexp.MustCompile(`^https://([A-Za-z0-9-]{3,24})\.vault\.[a-z0-9.]+/keys/([A-Za-z0-9-]{1,127})(/[0-9A-Fa-f]{32})?/?$`)
)

const (
	maxClusterNameLength = 60
	maxLinkedDatabases   = 5
	// Key Vault secret names have at most 127 characters; the longer of the two the component
	// writes is "connectionstrings--<connectionName>".
	maxSecretNameLength     = 127
	maxConnectionNameLength = maxSecretNameLength - len("connectionstrings--")
)

// Zones are the availability zones Azure numbers: a copy, which the caller may change.
func Zones() []string { return slices.Clone(zones) }

var zones = []string{"1", "2", "3"}

// PrivateDnsZone is the private DNS zone of Azure Managed Redis's private endpoints.
const PrivateDnsZone = "privatelink.redis.azure.net"

// The problems of single values: each says what is wrong with a value and what is allowed, ""
// when nothing is. Which input and rule they are about is said where they are used: in a check's
// declaration (checks.go) or a rule (rules.go).

func notEmpty(value string) string {
	if strings.TrimSpace(value) == "" {
		return "must not be empty"
	}
	return ""
}

func clusterNameProblem(value string) string {
	if len(value) > maxClusterNameLength || !clusterNamePattern.MatchString(value) {
		return fmt.Sprintf("%q is not a valid cluster name: use 1-60 letters, digits and single hyphens between them", value)
	}
	return ""
}

func databaseNameProblem(value string) string {
	if value != DatabaseName {
		return fmt.Sprintf("%q: Azure Managed Redis has one database, named %q", value, DatabaseName)
	}
	return ""
}

func objectIdProblem(value string) string {
	if !guidPattern.MatchString(value) {
		return fmt.Sprintf("%q is not an Entra object id: give the principal's object id (a GUID), not its name or client id", value)
	}
	return ""
}

func principalNameProblem(value string) string {
	if !principalNamePattern.MatchString(value) {
		return fmt.Sprintf("%q may hold only letters, digits and hyphens: it names the principal's resources", value)
	}
	return ""
}

func keyVaultIdProblem(value string) string {
	if !keyVaultIdPattern.MatchString(value) {
		return fmt.Sprintf("%q is not a Key Vault resource id: use /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<name>",
			value)
	}
	return ""
}

func subnetIdProblem(value string) string {
	if !subnetIdPattern.MatchString(value) {
		return fmt.Sprintf("%q is not a subnet resource id: use /subscriptions/<id>/resourceGroups/<group>/"+
			"providers/Microsoft.Network/virtualNetworks/<network>/subnets/<subnet>", value)
	}
	return ""
}

func privateDnsZoneIdProblem(value string) string {
	if !privateDnsZoneIdPattern.MatchString(value) {
		return fmt.Sprintf("%q is not the resource id of a private DNS zone %s: Azure Managed Redis's "+
			"private endpoints resolve in that zone only", value, PrivateDnsZone)
	}
	return ""
}

func workspaceIdProblem(value string) string {
	if !workspaceIdPattern.MatchString(value) {
		return fmt.Sprintf("%q is not a Log Analytics workspace resource id: use /subscriptions/<id>/"+
			"resourceGroups/<group>/providers/Microsoft.OperationalInsights/workspaces/<name>", value)
	}
	return ""
}

func keyUrlProblem(value string) string {
	m := keyUrlPattern.FindStringSubmatch(value)
	switch {
	case m == nil:
		return fmt.Sprintf("%q is not a Key Vault key URL: use https://<vault>.vault.azure.net/keys/<name>/<version>", value)
	case m[3] == "":
		return fmt.Sprintf("%q has no version: a customer-managed key URL names one version of the key, "+
			"https://<vault>.vault.azure.net/keys/<name>/<version>", value)
	}
	return ""
}

func userAssignedIdentityIdProblem(value string) string {
	if !identityIdPattern.MatchString(value) {
		return fmt.Sprintf("%q is not a user-assigned identity's resource id: a customer-managed key is read with a "+
			"user-assigned identity, /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.ManagedIdentity/"+
			"userAssignedIdentities/<name>", value)
	}
	return ""
}

func connectionNameProblem(value string) string {
	switch {
	case !connectionNamePattern.MatchString(value):
		return fmt.Sprintf("%q must start with a letter and hold only letters, digits and hyphens: it names Key Vault secrets, "+
			"app settings and environment variables", value)
	case len(value) > maxConnectionNameLength:
		return fmt.Sprintf("%q has %d characters, at most %d fit: the secret connectionstrings--<connectionName> may have %d",
			value, len(value), maxConnectionNameLength, maxSecretNameLength)
	}
	return ""
}

// linkedDatabaseIdsProblem: 1 to 5 databases (V7), each once (ARM ids compare without case). It
// returns the input refused (the list, or one of its ids) and why.
func linkedDatabaseIdsProblem(input string, ids []string) (at, problem string) {
	if len(ids) == 0 || len(ids) > maxLinkedDatabases {
		return input, fmt.Sprintf("%d databases listed: a geo-replication group links 1 to %d databases, this one included",
			len(ids), maxLinkedDatabases)
	}
	if first, second, dup := firstDuplicate(ids, strings.ToLower); dup {
		return fmt.Sprintf("%s[%d]", input, second), fmt.Sprintf("%s is already %s[%d]", ids[second], input, first)
	}
	return "", ""
}

// firstDuplicate finds the first value whose key repeats an earlier one's.
func firstDuplicate(values []string, key func(string) string) (first, second int, found bool) {
	seen := map[string]int{}
	for i, v := range values {
		if j, dup := seen[key(v)]; dup {
			return j, i, true
		}
		seen[key(v)] = i
	}
	return 0, 0, false
}

// keyVault is a Key Vault named by its ARM id.
type keyVault struct{ subscriptionId, resourceGroupName, name string }

// parseKeyVaultId reads a vault id that its input's check accepted already.
func parseKeyVaultId(input, id string) (keyVault, error) {
	m := keyVaultIdPattern.FindStringSubmatch(id)
	if m == nil {
		return keyVault{}, inputError(input, "key vault", "%s", keyVaultIdProblem(id))
	}
	return keyVault{subscriptionId: m[1], resourceGroupName: m[2], name: m[3]}, nil
}

// literal returns the value of a String Input given as a plain value, which is known before
// anything is registered. Outputs are not literals, even resolved ones, and over the wire a
// value taken from another resource always arrives as an Output: so a literal stays a literal
// on every run of a program.
func literal(in pulumi.StringInput) (string, bool) {
	switch v := in.(type) {
	case pulumi.String:
		return string(v), true
	case *pulumi.String:
		if v != nil {
			return string(*v), true
		}
	}
	return "", false
}

// literals is literal for a String array Input.
func literals(in pulumi.StringArrayInput) ([]string, bool) {
	array, ok := in.(pulumi.StringArray)
	if !ok {
		return nil, false
	}
	values := make([]string, 0, len(array))
	for _, item := range array {
		value, ok := literal(item)
		if !ok {
			return nil, false
		}
		values = append(values, value)
	}
	return values, true
}
