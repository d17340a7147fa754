package component

import (
	"errors"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Day-2 changes, as Azure treats them. Once the cache exists, the component reads it (its
// cluster and database, by their names, with its providers, before anything is registered) and
// sorts every change of the program into two kinds. In place: what Azure updates on the existing
// resource (a SKU among the scale targets listRedisEnterpriseSkusForScaling returns, the eviction
// policy, persistence, tags, ...), made as an update, never a replacement. Recreation: what only
// a new resource can have (the table below; the README's "Changing a cache that holds data" gives
// each one's source). A recreation is refused, naming the input, the cache's current value in the
// input's form, the rule and the two ways on, unless acceptDataLoss is set: then the database
// alone, or the cluster with it, is replaced, deleting it first (its name is fixed), and its new
// keys reach the secrets and connection outputs in the same update, since they are listed once
// the new database exists.

// cacheAsItIs is the cache as Azure has it, and what sorting a change needs.
type cacheAsItIs struct {
	cacheNow
	// clusterName and resourceGroupName are where it is.
	clusterName, resourceGroupName string
	// scaleTargets are the SKUs Azure scales it to in place, read when the program's SKU is
	// another.
	scaleTargets []string
}

// wantedCache is what the program wants of the cache, its Inputs resolved.
type wantedCache struct {
	clusterName, resourceGroupName string
	location                       string // "" when not given: the resource group's
	sku                            string
	highAvailability               *bool
	capacity                       *int
	zones                          []string
	database                       DatabaseSettings
	// linkedDatabaseIds are geoReplication.linkedDatabaseIds; linkedKnown is false while they
	// are unknown (a preview).
	linkedDatabaseIds []string
	linkedKnown       bool
}

// dayTwoPlan is how the cache is registered: what acceptDataLoss lets the component replace.
type dayTwoPlan struct{ replaceCluster, replaceDatabase bool }

// sortChanges sorts the program's changes of the cache as it is: nil when Azure makes them all in
// place; with acceptDataLoss, what to replace; without it, every recreation refused at once.
func sortChanges(w wantedCache, c cacheAsItIs, acceptDataLoss bool) (dayTwoPlan, error) {
	var plan dayTwoPlan
	var refused []error
	for _, rule := range dayTwoRules {
		current, why, needed := rule.recreated(w, c)
		if !needed {
			continue
		}
		plan.replaceCluster = plan.replaceCluster || rule.cluster
		plan.replaceDatabase = true
		refused = append(refused, rule.refusal(current, why))
	}
	if acceptDataLoss {
		return plan, nil
	}
	return dayTwoPlan{}, errors.Join(refused...)
}

// refusal says what the change needs, the cache's value, and the two ways on.
func (r dayTwoRule) refusal(current, why string) error {
	what := "the database"
	if r.cluster {
		what = "the cluster and its database"
	}
	return inputError(r.input, r.rule, "the cache has %s %s, and %s: a change needs a new %s, which loses the cache's "+
		"data and changes its access keys. Keep %s %s, or set acceptDataLoss: true to replace %s, deleting it first (the "+
		"secrets and connection outputs then carry the new keys in the same update)",
		r.input, current, why, strings.TrimPrefix(what, "the "), r.input, current, what)
}

// readAsItIs reads the cache the program creates as Azure has it now, with what sorting its
// changes needs; nil while it cannot exist yet (its name or resource group unknown at preview).
// Where it was created is read too when the program names another place: a cache moves only by
// recreation.
func (b *builder) readAsItIs(s *settings) (*cacheAsItIs, *wantedCache, error) {
	names, err := b.keptNames(s)
	if err != nil {
		return nil, nil, err
	}
	values, known, err := b.now(b.dependencies, names.clusterName, s.resourceGroupName, names.created)
	var invalid *InputError
	switch {
	case errors.As(err, &invalid): // an invalid name: a rule refuses it
		return nil, nil, nil
	case err != nil:
		return nil, nil, err
	case !known[1] || !known[2] || !known[3]:
		return nil, nil, nil
	}
	w := &wantedCache{clusterName: values[1].(string), resourceGroupName: values[2].(string), sku: s.skuName,
		highAvailability: s.highAvailability, capacity: s.capacity, zones: s.zones, database: s.database}
	c := &cacheAsItIs{clusterName: w.clusterName, resourceGroupName: w.resourceGroupName}
	if c.cacheNow, err = b.readCache(c.clusterName, c.resourceGroupName); err != nil || !c.Cluster.Found {
		created := values[3].(map[string]string)
		c.clusterName, c.resourceGroupName = created["clusterName"], created["resourceGroupName"]
		if err != nil || c.clusterName == "" || c.clusterName == w.clusterName && c.resourceGroupName == w.resourceGroupName {
			return nil, nil, err
		}
		if c.cacheNow, err = b.readCache(c.clusterName, c.resourceGroupName); err != nil || !c.Cluster.Found {
			return nil, nil, err
		}
	}
	if err := b.wantedInputs(s, w); err != nil {
		return nil, nil, err
	}
	if current := c.Cluster.Result.Sku.Name; current != "" && w.sku != current {
		if c.scaleTargets, err = b.scaleTargets(c.clusterName, c.resourceGroupName); err != nil {
			return nil, nil, err
		}
	}
	return c, w, nil
}

// wantedInputs resolves the Inputs that sorting compares: the location, and the linked
// databases of a geo-replication group.
func (b *builder) wantedInputs(s *settings, w *wantedCache) error {
	var location pulumi.StringPtrInput = pulumi.StringPtr("")
	if s.location != nil {
		location = s.location
	}
	var linked pulumi.StringArrayInput = pulumi.StringArray{}
	if geo := s.database.GeoReplication; geo != nil && geo.LinkedDatabaseIds != nil {
		linked = geo.LinkedDatabaseIds
	}
	values, known, err := b.now(location.ToStringPtrOutput(), linked.ToStringArrayOutput())
	if err != nil {
		return err
	}
	if known[0] {
		w.location = deref(values[0].(*string))
	}
	if w.linkedKnown = known[1]; known[1] {
		w.linkedDatabaseIds = values[1].([]string)
	}
	return nil
}

// dayTwo reads the cache the program creates and sorts the program's changes: the plan of its
// registration, or the refusal of what needs acceptDataLoss.
func (b *builder) dayTwo(s *settings) (dayTwoPlan, error) {
	c, w, err := b.readAsItIs(s)
	if err != nil || c == nil {
		return dayTwoPlan{}, err
	}
	return sortChanges(*w, *c, s.acceptDataLoss)
}

// clusterOptions and databaseOptions are the options of the cluster and the database for the
// plan: both replaced delete-first (their Azure names are fixed), and replaced on any change when
// acceptDataLoss lets the plan replace them (Azure would refuse the update).
func (p dayTwoPlan) clusterOptions() []pulumi.ResourceOption {
	return replacing(p.replaceCluster)
}

func (p dayTwoPlan) databaseOptions() []pulumi.ResourceOption {
	return replacing(p.replaceCluster || p.replaceDatabase)
}

func replacing(replace bool) []pulumi.ResourceOption {
	opts := []pulumi.ResourceOption{pulumi.DeleteBeforeReplace(true)}
	if replace {
		opts = append(opts, pulumi.ReplaceOnChanges([]string{"*"}))
	}
	return opts
}
