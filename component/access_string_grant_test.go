package component

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

	"github.com/managedredis/pulumi-azure-managed-redis/azure"
	preview "github.com/managedredis/pulumi-azure-managed-redis/azure/redisenterprise/v20260601preview"
	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/azuremock"
	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
)

// A principal with an access string gets an assignment of those rules at the preview API
// version, under the Azure name its default assignment would have; the others keep the default
// policy; all of them, a standalone access with a string too, wait in the database's one line.
func TestAccessStringsAreWrittenThroughThePreviewPackageInLine(t *testing.T) {
	fake := azuremock.New(fakearm.ExistingCache("rg", "shared", "eastus", "Disabled")...)
	err := azuremock.Run(fake, func(ctx *pulumi.Context) error {
		if _, err := NewManagedRedis(ctx, "cache", &ManagedRedisArgs{ResourceGroupName: str("rg"),
			Existing: &ExistingCache{ClusterName: str("shared")}, AccessPrincipals: []AccessPrincipal{
				{Name: "reader", ObjectId: str(azuremock.PrincipalA), AccessString: ptr("+@read +@connection ~cache:*")},
				{Name: "admin", ObjectId: str(azuremock.PrincipalB)}},
		}); err != nil {
			return err
		}
		_, err := NewManagedRedisAccess(ctx, "events", &ManagedRedisAccessArgs{ClusterName: str("shared"), ResourceGroupName: str("rg"),
			ObjectId: str(azuremock.PrincipalC), AccessString: ptr("+@pubsub &events:*")})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	previews, defaults := fake.Registered(fakearm.PreviewAssignmentType), fake.Registered(assignmentToken)
	if len(previews) != 2 || len(defaults) != 1 {
		t.Fatalf("%d preview and %d default assignments, want 2 and 1", len(previews), len(defaults))
	}
	for _, a := range previews {
		id := azuremock.Input(a, "user.objectId").(string)
		if got, want := azuremock.Input(a, "accessPolicyAssignmentName"), accessPolicyAssignmentName("rg", "shared", DatabaseName, id); got != want {
			t.Errorf("%s: Azure name %v, want %s as with the default policy", a.Name, got, want)
		}
		if azuremock.Input(a, "accessPolicyName") != nil {
			t.Errorf("%s sends the deprecated accessPolicyName", a.Name)
		}
		if !a.RegisterRPC.GetDeleteBeforeReplace() {
			t.Errorf("%s: not delete-first", a.Name)
		}
		if !slices.ContainsFunc(a.RegisterRPC.GetAliases(), func(al *pulumirpc.Alias) bool {
			return al.GetSpec().GetType() == "azure-native:redisenterprise:AccessPolicyAssignment" && al.GetSpec().GetName() == ""
		}) {
			t.Errorf("%s: no alias of the default type: %v", a.Name, a.RegisterRPC.GetAliases())
		}
	}
	for _, a := range previews {
		if want := map[string]string{"cache-access-reader": "+@read +@connection ~cache:*", "events": "+@pubsub &events:*"}[a.Name]; azuremock.Input(a, "accessString") != want {
			t.Errorf("%s: access string %v, want %q", a.Name, azuremock.Input(a, "accessString"), want)
		}
	}
	// One line: three assignments, two of them waiting for another.
	waits := 0
	for _, a := range append(previews, defaults...) {
		for _, d := range a.RegisterRPC.GetDependencies() {
			if strings.Contains(d, "AccessPolicyAssignment") {
				waits++
			}
		}
	}
	if waits != 2 {
		t.Errorf("%d waits in the line, want 2", waits)
	}
}

// Access strings that cannot work are refused before anything is registered, every bad token at
// once, naming the input and the rule.
func TestAccessStringRules(t *testing.T) {
	tests := []struct {
		name      string
		args      ManagedRedisArgs
		access    *ManagedRedisAccessArgs
		wantInput string
		wantRule  string
		count     int
	}{
		{"a misspelt category and a user rule", ManagedRedisArgs{AccessPrincipals: []AccessPrincipal{
			{Name: "app", ObjectId: str(azuremock.PrincipalA), AccessString: ptr("+@reads ~* on")}}}, nil,
			"accessPrincipals[0].accessString", "access string", 2},
		{"empty", ManagedRedisArgs{AccessPrincipals: []AccessPrincipal{{Name: "app", ObjectId: str(azuremock.PrincipalA), AccessString: ptr("")}}}, nil,
			"accessPrincipals[0].accessString", "access string", 1},
		{"AccessKey mode", ManagedRedisArgs{Authentication: AccessKey, AccessPrincipals: []AccessPrincipal{
			{Name: "app", ObjectId: str(azuremock.PrincipalA), AccessString: ptr("+@read ~*")}}}, nil,
			"accessPrincipals[0].accessString", "access string", 1},
		{"a standalone access's bad command", ManagedRedisArgs{}, &ManagedRedisAccessArgs{ClusterName: str("c"), ResourceGroupName: str("rg"),
			ObjectId: str(azuremock.PrincipalA), AccessString: ptr("+gett -flushall|async ~*")}, "accessString", "access string", 2},
		{"a standalone access in AccessKey mode", ManagedRedisArgs{}, &ManagedRedisAccessArgs{ClusterName: str("c"), ResourceGroupName: str("rg"),
			Authentication: AccessKey, KeyVaultId: str(azuremock.GivenVaultId), ConnectionName: str("cache"),
			ObjectId: str(azuremock.PrincipalA), AccessString: ptr("+@read ~*")}, "accessString", "access string", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := azuremock.New()
			err := azuremock.Run(fake, func(ctx *pulumi.Context) error {
				if tt.access != nil {
					_, err := NewManagedRedisAccess(ctx, "access", tt.access)
					return err
				}
				args := tt.args
				args.ResourceGroupName = str("rg")
				_, err := NewManagedRedis(ctx, "cache", &args)
				return err
			})
			errs := InputErrors(err)
			if len(errs) != tt.count {
				t.Fatalf("%d refusals, want %d: %v", len(errs), tt.count, err)
			}
			for _, e := range errs {
				if e.Input != tt.wantInput || e.Rule != tt.wantRule {
					t.Errorf("refusal %+v, want input %s and rule %s", *e, tt.wantInput, tt.wantRule)
				}
			}
			if n := len(fake.Resources()) + len(fake.Calls()); n != 0 {
				t.Errorf("%d registrations or calls before the refusal", n)
			}
		})
	}
}

// Given an explicit azure-native provider, a component refuses an access string unless it is
// given a provider of the preview package too, which then serves the preview assignment.
func TestAccessStringsNeedAPreviewProviderBesideAnExplicitOne(t *testing.T) {
	run := func(withPreview bool) (*azuremock.Fake, error) {
		fake := azuremock.New(fakearm.ExistingCache("rg", "shared", "eastus", "Disabled")...)
		return fake, azuremock.Run(fake, func(ctx *pulumi.Context) error {
			native, err := azuremock.NewAzureNativeProvider(ctx)
			if err != nil {
				return err
			}
			providers := []pulumi.ProviderResource{native}
			if withPreview {
				p, err := preview.NewProvider(ctx, "preview", &preview.ProviderArgs{})
				if err != nil {
					return err
				}
				providers = append(providers, p)
			}
			if _, err := NewManagedRedis(ctx, "cache", &ManagedRedisArgs{ResourceGroupName: str("rg"),
				Existing: &ExistingCache{ClusterName: str("shared")}, AccessPrincipals: []AccessPrincipal{
					{Name: "reader", ObjectId: str(azuremock.PrincipalA), AccessString: ptr("+@read ~*")}},
			}, pulumi.Providers(providers...)); err != nil {
				return err
			}
			_, err = NewManagedRedisAccess(ctx, "events", &ManagedRedisAccessArgs{ClusterName: str("shared"), ResourceGroupName: str("rg"),
				ObjectId: str(azuremock.PrincipalC), AccessString: ptr("+@pubsub &events:*")}, pulumi.Providers(providers...))
			return err
		})
	}
	fake, err := run(false)
	if !hasInputError(err, "accessPrincipals[0].accessString", "preview provider") || !strings.Contains(err.Error(), azure.RedisEnterprisePreviewPackage) {
		t.Fatalf("without a preview provider: %v", err)
	}
	if n := len(fake.Registered(fakearm.PreviewAssignmentType)) + len(fake.Calls()); n != 0 {
		t.Errorf("%d preview registrations or calls before the refusal", n)
	}
	fake, err = run(true)
	if err != nil {
		t.Fatalf("with a preview provider: %v", err)
	}
	for _, a := range fake.Registered(fakearm.PreviewAssignmentType) {
		if p := a.RegisterRPC.GetProvider(); !strings.Contains(p, "pulumi:providers:"+azure.RedisEnterprisePreviewPackage+"::preview") {
			t.Errorf("%s runs on %q, not the preview provider given", a.Name, p)
		}
	}
}

// The strings get Redis's verdict at preview, in a cache's principal and in a standalone
// access alike: a refusal names the input and the rule (and Redis's advice), before anything is
// registered; a string that passes is sent to Azure as written.
func TestAccessStringsGetRedisVerdictAtPreview(t *testing.T) {
	tests := []struct {
		accessString string
		refused      string // the rule named; "" when Redis takes the string
		advice       string
	}{
		{"+@all -config|set ~*", "", ""},
		{"%WR~foo", "", ""},
		{"~user:(1)", "", ""},
		{"  +@read   %Rw~a:*  ", "", ""},
		{"~* ~cache:*", `"~cache:*"`, "resetkeys"},
		{"allkeys ~x", `"~x"`, "resetkeys"},
		{"~* %R~x", `"%R~x"`, "resetkeys"},
		{"&* &x", `"&x"`, "resetchannels"},
		{"allchannels &x", `"&x"`, "resetchannels"},
		{">Zq9Xw7Vb ~*", "a password rule (>...)", "Azure owns"},
	}
	for _, tt := range tests {
		for _, standalone := range []bool{false, true} {
			t.Run(fmt.Sprintf("%q, standalone %v", tt.accessString, standalone), func(t *testing.T) {
				fake, err := runWithAccessString(tt.accessString, nil, standalone)
				input := map[bool]string{false: "accessPrincipals[0].accessString", true: "accessString"}[standalone]
				if tt.refused == "" {
					if err != nil {
						t.Fatalf("refused: %v", err)
					}
					previews := fake.Registered(fakearm.PreviewAssignmentType)
					if len(previews) != 1 || azuremock.Input(previews[0], "accessString") != tt.accessString {
						t.Errorf("%d preview assignments, want one sent %q as written", len(previews), tt.accessString)
					}
					return
				}
				errs := InputErrors(err)
				if len(errs) != 1 || errs[0].Input != input || errs[0].Rule != "access string" ||
					!strings.HasPrefix(errs[0].Problem, tt.refused+": ") || !strings.Contains(errs[0].Problem, tt.advice) {
					t.Fatalf("want one refusal of %s naming %s and saying %s, got %v", input, tt.refused, tt.advice, err)
				}
				if strings.Contains(err.Error(), "Zq9") {
					t.Errorf("the refusal shows the password: %v", err)
				}
				if n := len(fake.Resources()) + len(fake.Calls()); n != 0 {
					t.Errorf("%d registrations or calls before the refusal", n)
				}
			})
		}
	}
}

// A module's commands need the module on a cache's database (named in the refusal); an existing
// cache's modules and a standalone access's database are not known, so any module's are taken.
func TestModuleCommandsInAccessStrings(t *testing.T) {
	const rules = "+@read +ft.search +json.get ~docs:*"
	search := []DatabaseModule{{Name: ModuleRediSearch}}
	both := []DatabaseModule{{Name: ModuleRediSearch}, {Name: ModuleRedisJSON}}
	if _, err := runWithAccessString(rules, search, false); !hasInputError(err, "accessPrincipals[0].accessString", "access string") ||
		!strings.Contains(err.Error(), `"+json.get"`) || !strings.Contains(err.Error(), "add RedisJSON to database.modules") ||
		strings.Contains(err.Error(), `"+ft.search"`) {
		t.Errorf("RedisJSON's command on a database with RediSearch only: %v", err)
	}
	if _, err := runWithAccessString(rules, both, false); err != nil {
		t.Errorf("with both modules: %v", err)
	}
	if _, err := runWithAccessString(rules, nil, true); err != nil {
		t.Errorf("a standalone access: %v", err)
	}
	fake := azuremock.New(fakearm.ExistingCache("rg", "shared", "eastus", "Disabled")...)
	if err := azuremock.Run(fake, func(ctx *pulumi.Context) error {
		_, err := NewManagedRedis(ctx, "cache", &ManagedRedisArgs{ResourceGroupName: str("rg"), Existing: &ExistingCache{ClusterName: str("shared")},
			AccessPrincipals: []AccessPrincipal{{Name: "search", ObjectId: str(azuremock.PrincipalA), AccessString: ptr(rules)}}})
		return err
	}); err != nil {
		t.Errorf("an existing cache: %v", err)
	}
}

// runWithAccessString runs a cache whose one principal has accessString (its database enabling
// modules), or a standalone access with it.
func runWithAccessString(accessString string, modules []DatabaseModule, standalone bool) (*azuremock.Fake, error) {
	fake := azuremock.New()
	return fake, azuremock.Run(fake, func(ctx *pulumi.Context) error {
		if standalone {
			_, err := NewManagedRedisAccess(ctx, "access", &ManagedRedisAccessArgs{ClusterName: str("c"), ResourceGroupName: str("rg"),
				ObjectId: str(azuremock.PrincipalA), AccessString: ptr(accessString)})
			return err
		}
		args := &ManagedRedisArgs{ResourceGroupName: str("rg"),
			AccessPrincipals: []AccessPrincipal{{Name: "app", ObjectId: str(azuremock.PrincipalA), AccessString: ptr(accessString)}}}
		if modules != nil {
			args.Database = &DatabaseSettings{Modules: modules}
		}
		_, err := NewManagedRedis(ctx, "cache", args)
		return err
	})
}
