package component

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/managedredis/pulumi-azure-managed-redis/azure/redisenterprise"
)

// The changes Azure cannot make on an existing cache, one rule each (day2.go sorts with them).

// dayTwoRule is a setting Azure fixes when it creates the resource: a change needs a new cluster
// (and its database with it), or a new database.
type dayTwoRule struct {
	input, rule string
	cluster     bool
	// recreated says whether the program's value needs a new resource, and then the cache's
	// value in the input's form and why Azure cannot change it in place.
	recreated func(w wantedCache, c cacheAsItIs) (current, why string, needed bool)
}

// dayTwoRules are the changes Azure cannot make in place, the cluster's first (sources: the
// README's "Changing a cache that holds data").
var dayTwoRules = []dayTwoRule{
	{"clusterName", "create-only", true, movedCluster},
	{"resourceGroupName", "create-only", true, movedResourceGroup},
	{"location", "create-only", true, otherLocation},
	{"sku", "V8", true, skuOutsideScaleTargets},
	{"highAvailability", "V11", true, highAvailabilityOff},
	{"capacity", "V8", true, lessCapacity},
	{"zones", "create-only", true, otherZones},
	{"database.clusteringPolicy", "V12", false, clusteringPolicyNotFromNoCluster},
	{"database.modules", "V13", false, otherModules},
	{"database.geoReplication", "V7", false, otherGeoReplication},
}

func movedCluster(w wantedCache, c cacheAsItIs) (string, string, bool) {
	return c.clusterName, "a cluster's name is fixed when it is created (it names its host)",
		!strings.EqualFold(w.clusterName, c.clusterName)
}

func movedResourceGroup(w wantedCache, c cacheAsItIs) (string, string, bool) {
	return c.resourceGroupName, "the component creates a cluster in its resource group; it does not move one",
		!strings.EqualFold(w.resourceGroupName, c.resourceGroupName)
}

func otherLocation(w wantedCache, c cacheAsItIs) (string, string, bool) {
	current := c.Cluster.Result.Location
	return current, "a resource's location is fixed when it is created",
		w.location != "" && current != "" && normalizedLocation(w.location) != normalizedLocation(current)
}

func skuOutsideScaleTargets(w wantedCache, c cacheAsItIs) (string, string, bool) {
	current := c.Cluster.Result.Sku.Name
	targets := "to no other SKU"
	if len(c.scaleTargets) > 0 {
		targets = "only to " + strings.Join(c.scaleTargets, ", ")
	}
	return current, fmt.Sprintf("Azure scales this cache in place %s (listSkusForScaling), never between the in-memory "+
		"and Flash Optimized tiers", targets), current != "" && w.sku != current && !slices.Contains(c.scaleTargets, w.sku)
}

func highAvailabilityOff(w wantedCache, c cacheAsItIs) (string, string, bool) {
	on := deref(c.Cluster.Result.HighAvailability) != string(redisenterprise.HighAvailabilityDisabled) // Azure's default: on
	return "true", "high availability cannot be turned off on an existing cache",
		on && w.highAvailability != nil && !*w.highAvailability
}

func lessCapacity(w wantedCache, c cacheAsItIs) (string, string, bool) {
	current := c.Cluster.Result.Sku.Capacity
	if w.capacity == nil || current == nil {
		return "", "", false
	}
	return fmt.Sprint(*current), "an Enterprise cache scales out, never in", *w.capacity < *current
}

func otherZones(w wantedCache, c cacheAsItIs) (string, string, bool) {
	current := c.Cluster.Result.Zones
	return inputForm(orEmpty(current)), "a cluster's availability zones are chosen when it is created",
		!sameSet(w.zones, current, false)
}

func clusteringPolicyNotFromNoCluster(w wantedCache, c cacheAsItIs) (string, string, bool) {
	current := deref(c.Database.Result.ClusteringPolicy)
	return current, "Azure changes a database's clustering policy only away from NoCluster",
		c.Database.Found && current != "" && current != w.database.ClusteringPolicy &&
			current != string(redisenterprise.ClusteringPolicyNoCluster)
}

func otherModules(w wantedCache, c cacheAsItIs) (string, string, bool) {
	current := make([]DatabaseModule, len(c.Database.Result.Modules))
	form := make([]map[string]string, len(current))
	for i, m := range c.Database.Result.Modules {
		current[i] = DatabaseModule{Name: m.Name, Args: deref(m.Args)}
		form[i] = map[string]string{"name": m.Name}
		if current[i].Args != "" {
			form[i]["args"] = current[i].Args
		}
	}
	return inputForm(form), "modules are chosen when a database is created",
		c.Database.Found && !sameModules(w.database.Modules, current)
}

func otherGeoReplication(w wantedCache, c cacheAsItIs) (string, string, bool) {
	var nickname string
	linked := []string{}
	if geo := c.Database.Result.GeoReplication; geo != nil {
		nickname = deref(geo.GroupNickname)
		for _, l := range geo.LinkedDatabases {
			linked = append(linked, deref(l.Id))
		}
	}
	form := "none"
	if nickname != "" {
		form = inputForm(map[string]any{"groupNickname": nickname, "linkedDatabaseIds": linked})
	}
	var same bool
	switch wanted := w.database.GeoReplication; {
	case wanted == nil:
		same = nickname == ""
	default:
		same = wanted.GroupNickname == nickname && (!w.linkedKnown || sameSet(w.linkedDatabaseIds, linked, true))
	}
	return form, "a database joins its geo-replication group when it is created; its links change with Azure's " +
		"force-link and force-unlink actions, not by an update", c.Database.Found && !same
}

// normalizedLocation compares locations as azure-native does: case and spaces do not count.
func normalizedLocation(location string) string {
	return strings.ToLower(strings.ReplaceAll(location, " ", ""))
}

// sameSet compares two lists as sets, in any case when ignoreCase.
func sameSet(a, b []string, ignoreCase bool) bool {
	norm := func(values []string) []string {
		out := make([]string, len(values))
		for i, v := range values {
			out[i] = v
			if ignoreCase {
				out[i] = strings.ToLower(v)
			}
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	return slices.Equal(norm(a), norm(b))
}

// sameModules compares modules by name and args, in any order.
func sameModules(a, b []DatabaseModule) bool {
	form := func(modules []DatabaseModule) []string {
		out := make([]string, len(modules))
		for i, m := range modules {
			out[i] = m.Name + "\x00" + m.Args
		}
		return out
	}
	return sameSet(form(a), form(b), false)
}

// inputForm is a value as the input is written, in JSON.
func inputForm(value any) string {
	text, _ := json.Marshal(value)
	return string(text)
}

func orEmpty[T any](values []T) []T {
	if values == nil {
		return []T{}
	}
	return values
}
