package component

import (
	"slices"
	"testing"
)

// The lists the library exports are copies: an importer that changes one changes nothing of
// the component's rules.
func TestExportedListsAreCopies(t *testing.T) {
	Zones()[0] = "9"
	ACLCategories()[0] = "nothing"
	ModuleNames()[0] = "RedisGraph"
	BuiltInRoles()["Owner"] = "changed"
	delete(BuiltInRoles(), "Reader")
	e := Enums()
	e["SkuName"].Values[0].Value = "Tiny"
	delete(e, "Authentication")
	if !slices.Contains(Zones(), "1") || !slices.Contains(ACLCategories(), "all") || !slices.Contains(ModuleNames(), ModuleRediSearch) ||
		BuiltInRoles()["Owner"] == "changed" || BuiltInRoles()["Reader"] == "" || Enums()["SkuName"].Values[0].Value == "Tiny" ||
		len(Enums()["Authentication"].Values) == 0 {
		t.Error("changing an exported list changed the component's")
	}
}
