package component

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/azuremock"
	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
)

// Azure takes one zone privatelink.redis.azure.net per virtual network and per resource group,
// so within a program a second cache that would create one in the same place is refused, before
// it registers anything when the places are literals, else as soon as they are known, before
// it registers any child; once a zone is given, any number of caches share it.
func TestOnePrivateDnsZonePerVirtualNetworkAndResourceGroup(t *testing.T) {
	otherSubnet := strings.Replace(subnetId, "virtualNetworks/vnet/", "virtualNetworks/vnet-2/", 1)
	type cache struct {
		resourceGroupName, subnetId pulumi.StringInput
		zoneId                      pulumi.StringInput
	}
	tests := []struct {
		name         string
		first, other cache
		refused      bool
	}{
		{"one virtual network, one resource group", cache{str("rg"), str(subnetId), nil}, cache{str("rg"), str(subnetId), nil}, true},
		{"one virtual network, two resource groups", cache{str("rg"), str(subnetId), nil}, cache{str("rg-2"), str(subnetId), nil}, true},
		{"two virtual networks, one resource group", cache{str("rg"), str(subnetId), nil}, cache{str("RG"), str(otherSubnet), nil}, true},
		{"two virtual networks, two resource groups", cache{str("rg"), str(subnetId), nil}, cache{str("rg-2"), str(otherSubnet), nil}, false},
		{"one virtual network, known later", cache{str("rg"), output(subnetId), nil}, cache{output("rg-2"), str(strings.ToUpper(subnetId)), nil}, true},
		{"one resource group, known later", cache{output("rg"), str(subnetId), nil}, cache{output("rg"), output(otherSubnet), nil}, true},
		{"a zone given to the second", cache{str("rg"), str(subnetId), nil}, cache{str("rg"), str(subnetId), str(zoneId)}, false},
		{"one zone given to both", cache{str("rg"), str(subnetId), output(zoneId)}, cache{str("rg"), str(subnetId), str(zoneId)}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := azuremock.New()
			var second error
			err := azuremock.Run(fake, func(ctx *pulumi.Context) error {
				for i, c := range []cache{tt.first, tt.other} {
					_, err := NewManagedRedis(ctx, []string{"a", "b"}[i], &ManagedRedisArgs{ResourceGroupName: c.resourceGroupName,
						PrivateEndpoint: &PrivateEndpointSettings{SubnetId: c.subnetId, PrivateDnsZoneId: c.zoneId}})
					if i == 0 && err != nil {
						return err
					}
					second = err
				}
				return nil
			})
			if second != nil {
				err = second
			}
			if !tt.refused {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			// With literal places the first cache claims them; with places known later, the cache
			// whose places are known first does.
			claimer := "a"
			if second == nil && strings.Contains(fmt.Sprint(err), `ManagedRedis "b" already creates`) {
				claimer = "b"
			}
			if !hasInputError(err, "privateEndpoint.privateDnsZoneId", "private endpoint") ||
				!strings.Contains(err.Error(), `ManagedRedis "`+claimer+`" already creates the private DNS zone`) ||
				!strings.Contains(err.Error(), "pass its id as privateEndpoint.privateDnsZoneId") {
				t.Fatalf("want the other cache refused, saying to create the zone once and pass it; got %v", err)
			}
			if zones := fake.Registered(fakearm.PrivateZoneType); len(zones) != 1 || zones[0].Name != claimer {
				t.Errorf("zones registered: %d, want only %s's", len(zones), claimer)
			}
			// Refused when b is built, before any child of b is registered: with literal places
			// before b registers anything, else once they are known.
			_, groupLiteral := literal(tt.other.resourceGroupName)
			_, subnetLiteral := literal(tt.other.subnetId)
			components := fake.Registered(ManagedRedisType)
			if wantComponents := map[bool]int{true: 1, false: 2}[groupLiteral && subnetLiteral]; second == nil || len(components) != wantComponents {
				t.Errorf("refused when b was built: %v, and %d components registered, want %d", second != nil, len(components), wantComponents)
			}
			for _, r := range fake.Resources() {
				if r.TypeToken != ManagedRedisType && strings.HasPrefix(r.Name, "b") {
					t.Errorf("b registered %s %s before it was refused", r.TypeToken, r.Name)
				}
			}
		})
	}
}

// Each program claims its own places: a second run (the up after the preview) is not refused.
func TestEachProgramClaimsItsOwnZones(t *testing.T) {
	for run := range 2 {
		if err := runCache(azuremock.New(), &ManagedRedisArgs{ResourceGroupName: str("rg"),
			PrivateEndpoint: &PrivateEndpointSettings{SubnetId: str(subnetId)}}); err != nil {
			t.Fatalf("run %d: %v", run, err)
		}
	}
}
