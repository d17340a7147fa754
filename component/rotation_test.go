package component

import (
	"slices"
	"strings"
	"testing"

	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/azuremock"
	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
)

// accessKeyRotation: the package's AccessKeyRotation is registered with the label and a token of
// the component's azure-native provider; the keys are listed after it, and the secrets and
// connection outputs carry the key it makes active; primaryAccessKey and secondaryAccessKey
// stay Azure's two keys.
func TestAccessKeyRotationMovesTheSecretsToTheActiveKey(t *testing.T) {
	for _, active := range []string{PrimaryKey, SecondaryKey} {
		t.Run(active, func(t *testing.T) {
			fake := azuremock.New()
			fake.ActiveKey = active
			redis := newCache(t, fake, &ManagedRedisArgs{ResourceGroupName: str("rg"), Authentication: AccessKey, AccessKeyRotation: output("2026-q4")})
			rotation := fake.One(t, azuremock.AccessKeyRotationType)
			database := fake.One(t, databaseToken)
			databaseId := fakearm.DatabaseId("rg", azuremock.Input(database, "clusterName").(string), DatabaseName)
			if azuremock.Input(rotation, "rotation") != "2026-q4" || azuremock.Input(rotation, "databaseId") != databaseId ||
				azuremock.Input(rotation, "token") != azuremock.Token || !azuremock.IsSecretInput(rotation, "token") {
				t.Errorf("rotation inputs %v", rotation.Inputs)
			}
			events := fake.Events()
			registered := slices.IndexFunc(events, func(e string) bool { return strings.HasPrefix(e, "register "+azuremock.AccessKeyRotationType) })
			listed := slices.IndexFunc(events, func(e string) bool { return e == "invoke "+listKeysToken })
			if registered < 0 || listed < registered {
				t.Errorf("the keys were listed before the rotation: %v", events)
			}
			primary, secondary := fakearm.PrimaryKey(databaseId), fakearm.PrimaryKey(databaseId+"/2")
			key := map[string]string{PrimaryKey: primary, SecondaryKey: secondary}[active]
			azuremock.ExpectOutput(t, redis.ActiveAccessKey, active, false)
			azuremock.ExpectOutput(t, redis.PrimaryAccessKey, primary, true)
			azuremock.ExpectOutput(t, redis.SecondaryAccessKey, secondary, true)
			conn, secret := azuremock.Value[string](t, redis.ConnectionString)
			if !secret || !strings.HasSuffix(conn, ",password="+key) {
				t.Errorf("connectionString carries another key than the %s one", active)
			}
			for _, s := range fake.Registered(secretToken) {
				value, _ := azuremock.Input(s, "properties.value").(string)
				if !strings.Contains(value, key) {
					t.Errorf("secret %s does not hold the %s key", s.Name, active)
				}
			}
		})
	}
}

// Without accessKeyRotation the primary key is active, in AccessKey mode; EntraId has none.
func TestWithoutRotationThePrimaryKeyIsActive(t *testing.T) {
	for mode, want := range map[string]string{AccessKey: PrimaryKey, EntraID: ""} {
		fake := azuremock.New()
		redis := newCache(t, fake, &ManagedRedisArgs{ResourceGroupName: str("rg"), Authentication: mode})
		azuremock.ExpectOutput(t, redis.ActiveAccessKey, want, false)
		if n := len(fake.Registered(azuremock.AccessKeyRotationType)); n != 0 {
			t.Errorf("%s: %d rotations registered", mode, n)
		}
	}
}

// Refused at preview, naming accessKeyRotation: EntraId (no keys), existing (not ours to rotate).
func TestAccessKeyRotationRefusals(t *testing.T) {
	tests := []struct {
		name        string
		args        *ManagedRedisArgs
		input, rule string
	}{
		{"Entra ID", &ManagedRedisArgs{ResourceGroupName: str("rg"), AccessKeyRotation: str("q1")}, "accessKeyRotation", "key rotation"},
		{"existing", &ManagedRedisArgs{ResourceGroupName: str("rg"), Authentication: AccessKey, AccessKeyRotation: str("q1"),
			Existing: &ExistingCache{ClusterName: str("legacy")}}, "accessKeyRotation", "existing cache"},
		{"empty", &ManagedRedisArgs{ResourceGroupName: str("rg"), Authentication: AccessKey, AccessKeyRotation: str("")}, "accessKeyRotation", "key rotation"},
	}
	for _, tt := range tests {
		fake := azuremock.New()
		if err := runCache(fake, tt.args); !hasInputError(err, tt.input, tt.rule) {
			t.Errorf("%s: %v, want %s refused by rule %s", tt.name, err, tt.input, tt.rule)
		}
		if n := len(fake.Resources()); n != 0 {
			t.Errorf("%s: %d registrations", tt.name, n)
		}
	}
}

// With migrateFrom (the source's clients use keys: AccessKey derived) and a given vault, the
// rotation is the same: its label, and the secrets in the given vault on the active key.
func TestAccessKeyRotationWithMigrateFromAndAGivenVault(t *testing.T) {
	fake := classic("Standard", "C", 1, 0, nil)
	fake.ActiveKey = SecondaryKey
	redis := newCache(t, fake, migrateArgs("", func(a *ManagedRedisArgs) {
		a.KeyVaultId, a.AccessKeyRotation = str(azuremock.GivenVaultId), str("2026-q4")
	}))
	azuremock.ExpectOutput(t, redis.ActiveAccessKey, SecondaryKey, false)
	azuremock.ExpectOutput(t, redis.KeyVaultId, azuremock.GivenVaultId, false)
	if r := fake.One(t, azuremock.AccessKeyRotationType); azuremock.Input(r, "rotation") != "2026-q4" {
		t.Errorf("rotation %v", r.Inputs)
	}
	for _, s := range fake.Registered(secretToken) {
		if azuremock.Input(s, "vaultName") != "shared-kv" {
			t.Errorf("secret %s not in the given vault", s.Name)
		}
	}
}
