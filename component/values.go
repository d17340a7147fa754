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

// Zones are the availability zones Azure numbers.
var Zones = []string{"1", "2", "3"}

// PrivateDnsZone is the private DNS zone of Azure Managed Redis's private endpoints.
const PrivateDnsZone = "privatelink.redis.azure.net"

// valueCheck returns an InputError for input when value breaks a rule, nil otherwise. Each
// names the rule of the table (rules.go) that checks its input, so that a literal refused at
// preview and an Output refused once known report the same rule.
type valueCheck func(input, value string) error

// asRule is check reporting rule: for a check an input of another rule shares (a key vault id
// is a customer-managed key's too, under V20).
func asRule(rule string, check valueCheck) valueCheck {
	return func(input, value string) error {
		err := check(input, value)
		if ie, ok := err.(*InputError); ok {
			ie.Rule = rule
		}
		return err
	}
}

func checkNotEmpty(input, value string) error {
	if strings.TrimSpace(value) == "" {
		return inputError(input, "required", "must not be empty")
	}
	return nil
}

func checkClusterName(input, value string) error {
	if len(value) > maxClusterNameLength || !clusterNamePattern.MatchString(value) {
		return inputError(input, "V1",
			"%q is not a valid cluster name: use 1-60 letters, digits and single hyphens between them", value)
	}
	return nil
}

func checkDatabaseName(input, value string) error {
	if value != DatabaseName {
		return inputError(input, "V2", "%q: Azure Managed Redis has one database, named %q", value, DatabaseName)
	}
	return nil
}

func checkObjectId(input, value string) error {
	if !guidPattern.MatchString(value) {
		return inputError(input, "principals",
			"%q is not an Entra object id: give the principal's object id (a GUID), not its name or client id", value)
	}
	return nil
}

func checkPrincipalType(input, value string) error {
	if problem := oneOf(value, PrincipalTypes); problem != "" {
		return inputError(input, "allowed values", "%s", problem)
	}
	return nil
}

func checkPrincipalName(input, value string) error {
	if !principalNamePattern.MatchString(value) {
		return inputError(input, "principals",
			"%q may hold only letters, digits and hyphens: it names the principal's resources", value)
	}
	return nil
}

func checkKeyVaultId(input, value string) error {
	if !keyVaultIdPattern.MatchString(value) {
		return inputError(input, "key vault",
			"%q is not a Key Vault resource id: use /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<name>",
			value)
	}
	return nil
}

func checkSubnetId(input, value string) error {
	if !subnetIdPattern.MatchString(value) {
		return inputError(input, "private endpoint", "%q is not a subnet resource id: use /subscriptions/<id>/resourceGroups/<group>/"+
			"providers/Microsoft.Network/virtualNetworks/<network>/subnets/<subnet>", value)
	}
	return nil
}

func checkPrivateDnsZoneId(input, value string) error {
	if !privateDnsZoneIdPattern.MatchString(value) {
		return inputError(input, "private endpoint", "%q is not the resource id of a private DNS zone %s: Azure Managed Redis's "+
			"private endpoints resolve in that zone only", value, PrivateDnsZone)
	}
	return nil
}

func checkWorkspaceId(input, value string) error {
	if !workspaceIdPattern.MatchString(value) {
		return inputError(input, "diagnostics", "%q is not a Log Analytics workspace resource id: use /subscriptions/<id>/"+
			"resourceGroups/<group>/providers/Microsoft.OperationalInsights/workspaces/<name>", value)
	}
	return nil
}

func checkKeyUrl(input, value string) error {
	m := keyUrlPattern.FindStringSubmatch(value)
	switch {
	case m == nil:
		return inputError(input, "V20", "%q is not a Key Vault key URL: use https://<vault>.vault.azure.net/keys/<name>/<version>", value)
	case m[3] == "":
		return inputError(input, "V20", "%q has no version: a customer-managed key URL names one version of the key, "+
			"https://<vault>.vault.azure.net/keys/<name>/<version>", value)
	}
	return nil
}

func checkUserAssignedIdentityId(input, value string) error {
	if !identityIdPattern.MatchString(value) {
		return inputError(input, "V20", "%q is not a user-assigned identity's resource id: a customer-managed key is read with a "+
			"user-assigned identity, /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.ManagedIdentity/"+
			"userAssignedIdentities/<name>", value)
	}
	return nil
}

func checkConnectionName(input, value string) error {
	switch {
	case !connectionNamePattern.MatchString(value):
		return inputError(input, "connection name",
			"%q must start with a letter and hold only letters, digits and hyphens: it names Key Vault secrets, "+
				"app settings and environment variables", value)
	case len(value) > maxConnectionNameLength:
		return inputError(input, "connection name",
			"%q has %d characters, at most %d fit: the secret connectionstrings--<connectionName> may have %d",
			value, len(value), maxConnectionNameLength, maxSecretNameLength)
	}
	return nil
}

// checkLinkedDatabaseIds: 1 to 5 databases (V7), each once (ARM ids compare without case).
func checkLinkedDatabaseIds(input string, ids []string) error {
	if len(ids) == 0 || len(ids) > maxLinkedDatabases {
		return inputError(input, "V7",
			"%d databases listed: a geo-replication group links 1 to %d databases, this one included", len(ids), maxLinkedDatabases)
	}
	if first, second, dup := firstDuplicate(ids, strings.ToLower); dup {
		return inputError(fmt.Sprintf("%s[%d]", input, second), "V7", "%s is already %s[%d]", ids[second], input, first)
	}
	return nil
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

func parseKeyVaultId(input, id string) (keyVault, error) {
	m := keyVaultIdPattern.FindStringSubmatch(id)
	if m == nil {
		return keyVault{}, checkKeyVaultId(input, id)
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

// checked returns in as an Output that fails with check's error once its value is known; a
// failing literal was already refused before registration. A nil Input (a missing required
// one, which a rule refuses) gives the zero Output.
func checked(in pulumi.StringInput, input string, check valueCheck) pulumi.StringOutput {
	if in == nil {
		return pulumi.StringOutput{}
	}
	return in.ToStringOutput().ApplyT(func(value string) (string, error) {
		if err := check(input, value); err != nil {
			return "", err
		}
		return value, nil
	}).(pulumi.StringOutput)
}

// oneOf reports value when it is not in allowed.
func oneOf(value string, allowed []string) string {
	if slices.Contains(allowed, value) {
		return ""
	}
	return fmt.Sprintf("%q is not one of %s", value, strings.Join(allowed, ", "))
}
