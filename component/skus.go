package component

import (
	"slices"
	"strconv"
	"strings"

	"github.com/managedredis/pulumi-azure-managed-redis/azure/enumvalues"
)

// sku is what the component knows about a SKU name such as "MemoryOptimized_M20".
type sku struct {
	name   string
	family string // Balanced, MemoryOptimized, ComputeOptimized, FlashOptimized, Enterprise, EnterpriseFlash
	size   int    // the number after the tier letter: 20 for M20
}

func parseSku(name string) (sku, bool) {
	if !slices.Contains(enumvalues.RedisenterpriseSkuName, name) {
		return sku{}, false
	}
	family, tier, _ := strings.Cut(name, "_")
	size, _ := strconv.Atoi(tier[1:])
	return sku{name: name, family: family, size: size}, true
}

// legacy is true for the Enterprise and EnterpriseFlash SKUs of Azure Cache for Redis
// Enterprise, which take capacity and zones; the others are Azure Managed Redis SKUs.
func (s sku) legacy() bool { return s.family == "Enterprise" || s.family == "EnterpriseFlash" }

// supportsGeoReplication: not Balanced_B0/B1, not Flash Optimized, and not the legacy
// Enterprise_E1 (V3; Microsoft's active geo-replication pages).
func (s sku) supportsGeoReplication() bool {
	switch s.family {
	case "FlashOptimized":
		return false
	case "Balanced":
		return s.size >= 3
	case "Enterprise":
		return s.size > 1
	}
	return true
}

// supportsNoCluster: NoCluster is for in-memory Azure Managed Redis caches of 25 GB or less,
// which are the sizes up to 20 (B20, M20 and X20 hold 24 GB) (V12).
func (s sku) supportsNoCluster() bool {
	inMemory := s.family == "Balanced" || s.family == "MemoryOptimized" || s.family == "ComputeOptimized"
	return inMemory && s.size <= 20
}
