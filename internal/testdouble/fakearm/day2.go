package fakearm

import (
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/managedredis/pulumi-azure-managed-redis/azure/enumvalues"
)

// What Azure does with a change to an existing cache: the SKUs a cluster scales to in place
// (listSkusForScaling), and the updates it refuses, which a new resource could have.

// ListSkusForScaling is azure-native 3.28.0's listSkusForScaling (API 2025-07-01).
const ListSkusForScaling = "azure-native:redisenterprise:listRedisEnterpriseSkusForScaling"

// ScaleTargets are the SKUs a cluster of SKU current scales to in place, as the fake's Azure
// answers listSkusForScaling: an in-memory cache (Balanced, MemoryOptimized, ComputeOptimized)
// to every other in-memory SKU, a Flash Optimized one to every other Flash Optimized SKU
// (never between the two, V8); a legacy Enterprise or EnterpriseFlash cache up only, in its
// tier (Enterprise tiers scale up, never down: "Scale an Azure Cache for Redis instance").
func ScaleTargets(current string) []string {
	tier, size := skuTier(current)
	var targets []string
	for _, name := range enumvalues.RedisenterpriseSkuName {
		t, s := skuTier(name)
		switch {
		case name == current || t != tier:
		case tier == "Enterprise" || tier == "EnterpriseFlash":
			if s > size {
				targets = append(targets, name)
			}
		default:
			targets = append(targets, name)
		}
	}
	return targets
}

// skuTier is the tier a SKU scales within and its size number: in-memory for Balanced,
// MemoryOptimized and ComputeOptimized.
func skuTier(name string) (string, int) {
	family, size, _ := strings.Cut(name, "_")
	n, _ := strconv.Atoi(strings.TrimLeft(size, "ABEFMX"))
	switch family {
	case "Balanced", "MemoryOptimized", "ComputeOptimized":
		return "in-memory", n
	}
	return family, n
}

// skuSizeGB is the memory of a SKU's size number, as Azure's list reports it (sizeInGB).
var skuSizeGB = map[int]float64{0: 0.5, 1: 1, 3: 3, 5: 6, 10: 12, 20: 24, 50: 60, 100: 120, 150: 180, 250: 240,
	350: 360, 500: 480, 700: 720, 1000: 960, 1500: 1440, 2000: 1920, 4500: 4500}

// skusForScaling is listSkusForScaling's answer for the cluster read: {skus: [{name, sizeInGB}]},
// as the REST spec's example (RedisEnterpriseListSkusForScaling.json) shapes it.
func skusForScaling(cluster map[string]any) map[string]any {
	sku, _ := cluster["sku"].(map[string]any)
	skus := []any{}
	for _, name := range ScaleTargets(Str(sku, "name")) {
		_, n := skuTier(name)
		size, ok := skuSizeGB[n]
		if !ok {
			size = float64(n)
		}
		skus = append(skus, map[string]any{"name": name, "sizeInGB": size})
	}
	return map[string]any{"skus": skus}
}

// UpdateRefusal is Azure's refusal of an update of the resource with the ARM id from olds (its
// outputs) to news (the inputs sent), in azcore's text; "" when Azure takes it. A new resource
// could have each of these values: azure-native 3.28.0 does not replace on them (they are not
// create-only in the REST spec), so the update reaches Azure, which refuses it.
func UpdateRefusal(token, id string, olds, news map[string]any) string {
	var problems []string
	switch token {
	case ClusterType:
		problems = clusterUpdateProblems(olds, news)
	case DatabaseType:
		// The REST spec (2025-07-01): "This property can be updated only if the current value is
		// NoCluster".
		if was, is := Str(olds, "clusteringPolicy"), Str(news, "clusteringPolicy"); is != "" && was != "" && is != was && was != "NoCluster" {
			problems = append(problems, fmt.Sprintf("the clustering policy of a database cannot be changed from %s to %s: "+
				"it can be updated only if the current value is NoCluster; delete and create the database", was, is))
		}
		// Read and create only (azure-native replaces on them, so an update carries them only
		// when a program ignores their changes).
		for _, createOnly := range []string{"modules", "geoReplication", "port"} {
			if fmt.Sprint(olds[createOnly]) != fmt.Sprint(news[createOnly]) {
				problems = append(problems, fmt.Sprintf("%s can only be set when the database is created", createOnly))
			}
		}
	}
	if len(problems) == 0 {
		return ""
	}
	return ResponseErrorText(http.MethodPut, id, http.StatusBadRequest, "BadRequest", strings.Join(problems, "; "))
}

func clusterUpdateProblems(olds, news map[string]any) []string {
	var problems []string
	if Str(news, "highAvailability") == "Disabled" && Str(olds, "highAvailability") != "Disabled" {
		problems = append(problems, "high availability cannot be disabled on an existing cache")
	}
	oldSku, _ := olds["sku"].(map[string]any)
	newSku, _ := news["sku"].(map[string]any)
	if was, is := Str(oldSku, "name"), Str(newSku, "name"); is != "" && is != was && !slices.Contains(ScaleTargets(was), is) {
		problems = append(problems, fmt.Sprintf("the cache cannot be scaled from %s to %s: see listSkusForScaling", was, is))
	}
	if was, is := number(oldSku["capacity"]), number(newSku["capacity"]); is > 0 && is < was {
		problems = append(problems, fmt.Sprintf("the capacity cannot be reduced from %d to %d", was, is))
	}
	if !reflect.DeepEqual(orEmpty(olds["zones"]), orEmpty(news["zones"])) {
		problems = append(problems, "the availability zones of an existing cache cannot be changed")
	}
	return problems
}

func number(v any) int {
	f, _ := v.(float64)
	if i, ok := v.(int); ok {
		return i
	}
	return int(f)
}

func orEmpty(v any) any {
	if items, ok := v.([]any); ok && len(items) > 0 {
		return items
	}
	return nil
}

// RecreatedKeys are the keys of the database with the ARM id when it is created for the nth time
// (n > 1): a database created again under the same name has new keys (azurerm#31723: recreating
// the database rotates both keys); nil for the first, whose keys derive from its id (PrimaryKey).
func RecreatedKeys(id string, n int) map[string]any {
	if n <= 1 {
		return nil
	}
	generation := fmt.Sprintf("%s#%d", id, n)
	return map[string]any{"primaryKey": PrimaryKey(generation), "secondaryKey": PrimaryKey(generation + "/2")}
}
