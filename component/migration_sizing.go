package component

import (
	"fmt"
	"slices"
)

// Sizing the successor of an Azure Cache for Redis cache, as Microsoft's mapping table does
// (articles/redis/migrate/migrate-overview.md): Basic and Standard by size, Premium to the
// Balanced family, a clustered Premium cache by its total memory within Balanced. A given SKU
// is accepted when it holds at least the memory of the table's choice, in any family.

// classicMemoryGB is the memory of each size of Azure Cache for Redis (Microsoft's pricing pages;
// consistent with the "additional memory" column of the mapping table).
var classicMemoryGB = map[string]float64{
	"C0": 0.25, "C1": 1, "C2": 2.5, "C3": 6, "C4": 13, "C5": 26, "C6": 53,
	"P1": 6, "P2": 13, "P3": 26, "P4": 53, "P5": 120,
}

// migrationSkus is Microsoft's mapping table: the cost-efficient choice first, then the one with
// ample memory.
var migrationSkus = map[string][]string{
	"C0": {"Balanced_B0"}, "C1": {"Balanced_B1"}, "C2": {"Balanced_B3"}, "C3": {"Balanced_B5"},
	"C4": {"MemoryOptimized_M10", "MemoryOptimized_M20"}, "C5": {"MemoryOptimized_M20", "MemoryOptimized_M50"},
	"C6": {"MemoryOptimized_M50"},
	"P1": {"Balanced_B5"}, "P2": {"Balanced_B10", "Balanced_B20"}, "P3": {"Balanced_B20", "Balanced_B50"},
	"P4": {"Balanced_B50"}, "P5": {"Balanced_B100"},
}

// inMemoryGB is the memory of the in-memory Azure Managed Redis sizes (Balanced, Memory
// Optimized, Compute Optimized) by the number of their SKU name: B10, M10 and X10 hold 12 GB.
var inMemoryGB = map[int]float64{
	0: 0.5, 1: 1, 3: 3, 5: 6, 10: 12, 20: 24, 50: 60, 100: 120, 150: 180, 250: 240, 350: 360,
	500: 480, 700: 720, 1000: 960, 1500: 1440, 2000: 1920,
}

// flashGB is the size of the Flash Optimized SKUs (azure-docs best-practices-flash-optimized).
var flashGB = map[int]float64{250: 235, 500: 480, 700: 720, 1000: 960, 1500: 1440, 2000: 1920, 4500: 4500}

// balancedSizes are the Balanced sizes, smallest first.
var balancedSizes = []int{0, 1, 3, 5, 10, 20, 50, 100, 150, 250, 350, 500, 700, 1000}

// costEfficientShare: the table's cost-efficient choices hold 8% less than the source.
const costEfficientShare = 0.92

// memoryGB is a SKU's memory; false for a SKU this package does not size (the legacy ones).
func memoryGB(name string) (float64, bool) {
	s, ok := parseSku(name)
	switch {
	case !ok || s.legacy():
		return 0, false
	case s.family == "FlashOptimized":
		gb, ok := flashGB[s.size]
		return gb, ok
	}
	gb, ok := inMemoryGB[s.size]
	return gb, ok
}

// sourceSize is a classic cache's size: its SKU as the mapping table names it, and the memory it
// holds (a clustered Premium cache: shards times its size's).
type sourceSize struct {
	family   string // C or P
	capacity int
	shards   int // a clustered Premium cache's shard count; 0 otherwise
}

func (s sourceSize) name() string { return fmt.Sprintf("%s%d", s.family, s.capacity) }

func (s sourceSize) memoryGB() float64 {
	gb := classicMemoryGB[s.name()]
	if s.clustered() {
		gb *= float64(s.shards)
	}
	return gb
}

func (s sourceSize) clustered() bool { return s.family == "P" && s.shards > 0 }

// mappedSku is the SKU the table recommends for a source, and the memory a SKU needs to take its
// place: the cost-efficient choice; for a clustered Premium cache, the smallest Balanced SKU with
// its total memory. The problem says why there is none: a size the table does not know, or a
// source larger than the Balanced family's largest (need is known then).
func mappedSku(source sourceSize) (sku string, needGB float64, problem string) {
	choices, ok := migrationSkus[source.name()]
	switch {
	case !ok:
		return "", 0, fmt.Sprintf("the source's size %s is not in Microsoft's mapping table", source.name())
	case !source.clustered():
		need, _ := memoryGB(choices[0])
		return choices[0], need, ""
	}
	need := source.memoryGB() * costEfficientShare
	if i := slices.IndexFunc(balancedSizes, func(n int) bool { return inMemoryGB[n] >= need }); i >= 0 {
		sku := fmt.Sprintf("Balanced_B%d", balancedSizes[i])
		gb, _ := memoryGB(sku)
		return sku, gb, ""
	}
	return "", need, fmt.Sprintf("the source holds %g GB (%d shards of %s), more than Balanced_B%d, the largest SKU of the "+
		"Balanced family Microsoft maps Premium caches to: give a sku of %g GB or more (MemoryOptimized or FlashOptimized)",
		source.memoryGB(), source.shards, source.name(), balancedSizes[len(balancedSizes)-1], need)
}

// givenSkuProblem refuses a given SKU the migration cannot take: a legacy Enterprise SKU (they
// retire too), or one with less memory than the source needs (mapped: the table's choice, if any).
func givenSkuProblem(given, mapped string, needGB float64) string {
	gb, ok := memoryGB(given)
	switch {
	case !ok && legacySku(given):
		return fmt.Sprintf("%s is a legacy Enterprise SKU, which retires too: give an Azure Managed Redis SKU", given)
	case !ok: // not a SKU: the allowed values refuse it
		return ""
	}
	if gb >= needGB {
		return ""
	}
	smallest := fmt.Sprintf("the %g GB the source needs", needGB)
	if mapped != "" {
		smallest = fmt.Sprintf("%s (%g GB), the smallest Microsoft's mapping table recommends for the source", mapped, needGB)
	}
	return fmt.Sprintf("sku %s (%g GB) is smaller than %s: give a sku of %g GB or more, in any family, or leave sku out",
		given, gb, smallest, needGB)
}

func legacySku(name string) bool {
	s, ok := parseSku(name)
	return ok && s.legacy()
}
