package component

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Checks of single values. Each runs on a literal before anything is registered, and on an
// Output as soon as its value is known (see checked), with the same message.

var (
	clusterNamePattern   = regexp.MustCompile(`^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$`)
	nicknamePattern      = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$`)
	connectionNameChars  = regexp.MustCompile(`^[A-Za-z0-9-]+$`)
	guidPattern          = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	keyVaultIdPattern    = regexp.MustCompile(`(?i)^/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\.KeyVault/vaults/([^/]+)$`)
	maxLinkedDatabases   = 5
	maxClusterNameLength = 60
)

// valueCheck returns an InputError for input when value breaks a rule, nil otherwise.
type valueCheck func(input, value string) error

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
		return inputError(input, "object id",
			"%q is not an Entra object id: give the principal's object id (a GUID), not its name or client id", value)
	}
	return nil
}

func checkKeyVaultId(input, value string) error {
	if !keyVaultIdPattern.MatchString(value) {
		return inputError(input, "key vault id",
			"%q is not a Key Vault resource id: use /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<name>",
			value)
	}
	return nil
}

func checkConnectionName(input, value string) error {
	if !connectionNameChars.MatchString(value) {
		return inputError(input, "connection name",
			"%q may hold only letters, digits and hyphens: it names Key Vault secrets and app settings", value)
	}
	return nil
}

func checkLinkedDatabaseIds(input string, ids []string) error {
	if len(ids) == 0 || len(ids) > maxLinkedDatabases {
		return inputError(input, "V7",
			"%d databases listed: a geo-replication group links 1 to %d databases, this one included", len(ids), maxLinkedDatabases)
	}
	return nil
}

// keyVault is a Key Vault named by its ARM id.
type keyVault struct{ subscriptionId, resourceGroupName, name string }

func parseKeyVaultId(id string) (keyVault, error) {
	m := keyVaultIdPattern.FindStringSubmatch(id)
	if m == nil {
		return keyVault{}, checkKeyVaultId("keyVaultId", id)
	}
	return keyVault{subscriptionId: m[1], resourceGroupName: m[2], name: m[3]}, nil
}

// literal returns the value of a String Input given as a plain value, which is known before
// anything is registered. Outputs are not literals, even resolved ones.
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
// failing literal was already refused before registration.
func checked(in pulumi.StringInput, input string, check valueCheck) pulumi.StringOutput {
	return in.ToStringOutput().ApplyT(func(value string) (string, error) {
		if err := check(input, value); err != nil {
			return "", err
		}
		return value, nil
	}).(pulumi.StringOutput)
}

// oneOf reports value when it is not in allowed.
func oneOf(value string, allowed []string) string {
	for _, a := range allowed {
		if value == a {
			return ""
		}
	}
	return fmt.Sprintf("%q is not one of %s", value, strings.Join(allowed, ", "))
}
