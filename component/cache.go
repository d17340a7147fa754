package component

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure/redisenterprise"
)

// cache is the cluster and database the component works on, whether it created or read them.
type cache struct {
	clusterId, clusterName, databaseId, databaseName pulumi.StringOutput
	resourceGroupName, hostName, redisVersion        pulumi.StringOutput
	// keysEnabled resolves to the database name once access keys are known to be enabled;
	// listDatabaseKeys waits on it (V19).
	keysEnabled pulumi.StringOutput
}

// createCache registers the cluster, encrypted with the customer-managed key if any, and its
// "default" database.
func (b *builder) createCache(s *settings, plan dayTwoPlan) (*cache, error) {
	clusterName, err := b.newClusterName(s)
	if err != nil {
		return nil, err
	}
	var protect []pulumi.ResourceOption
	if s.protectData {
		protect = append(protect, pulumi.Protect(true))
	}
	key, err := b.customerManagedKey(s)
	if err != nil {
		return nil, err
	}

	clusterArgs := &redisenterprise.RedisEnterpriseArgs{
		ClusterName:         clusterName,
		Location:            s.location,
		ResourceGroupName:   s.resourceGroupName,
		Sku:                 redisenterprise.SkuArgs{Name: pulumi.String(s.skuName), Capacity: pulumi.IntPtrFromPtr(s.capacity)},
		HighAvailability:    highAvailability(s.highAvailability),
		MinimumTlsVersion:   pulumi.String(s.minimumTlsVersion),
		PublicNetworkAccess: pulumi.String(s.publicNetworkAccess),
		Tags:                s.tags,
		Zones:               optionalStrings(s.zones),
		Identity:            key.identity,
		Encryption:          key.key,
	}
	db := s.database
	databaseArgs := &redisenterprise.DatabaseArgs{
		ResourceGroupName:        s.resourceGroupName,
		DatabaseName:             pulumi.String(DatabaseName),
		Port:                     pulumi.Int(Port),
		AccessKeysAuthentication: accessKeysAuthentication(s.accessKeys),
		ClientProtocol:           pulumi.String(db.ClientProtocol),
		ClusteringPolicy:         pulumi.String(db.ClusteringPolicy),
		EvictionPolicy:           pulumi.String(db.EvictionPolicy),
		DeferUpgrade:             deferUpgrade(db.DeferUpgrade),
		Modules:                  modules(db.Modules),
		Persistence:              persistence(db.Persistence),
		GeoReplication:           geoReplication(db.GeoReplication),
	}
	if m := s.migration; m != nil {
		m.applyPending(clusterArgs, databaseArgs)
	}

	cluster, err := redisenterprise.NewRedisEnterprise(b.ctx, s.name, clusterArgs,
		b.child(append(append(protect, pulumi.DependsOn(key.dependsOn)), plan.clusterOptions()...)...)...)
	if err != nil {
		return nil, err
	}

	databaseArgs.ClusterName = cluster.Name
	database, err := redisenterprise.NewDatabase(b.ctx, s.name, databaseArgs, b.child(append(protect, plan.databaseOptions()...)...)...)
	if err != nil {
		return nil, err
	}
	b.registered(cluster, database)

	return &cache{
		clusterId:         cluster.ID().ToStringOutput(),
		clusterName:       cluster.Name,
		databaseId:        database.ID().ToStringOutput(),
		databaseName:      database.Name,
		resourceGroupName: s.resourceGroupName,
		hostName:          cluster.HostName,
		redisVersion:      cluster.RedisVersion,
		keysEnabled:       database.Name,
	}, nil
}

// newClusterName is the new cluster's name: the given one, or the default kept since the cache
// was created (names_kept.go).
func (b *builder) newClusterName(s *settings) (pulumi.StringOutput, error) {
	names, err := b.keptNames(s)
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	return names.clusterName, nil
}

// defaultName derives a global name from where the component lives: the subscription the
// azure-native provider deploys to, the resource group, project, stack and component name.
func (b *builder) defaultName(s *settings, derive func(scope) string) pulumi.StringOutput {
	return pulumi.All(b.client().SubscriptionId(), s.resourceGroupName).ApplyT(func(v []any) string {
		return derive(scope{subscriptionId: v[0].(string), resourceGroupName: v[1].(string),
			project: b.ctx.Project(), stack: b.ctx.Stack(), name: s.name})
	}).(pulumi.StringOutput)
}

// readExistingCache reads an existing cluster and its "default" database. Nothing is
// registered for them, so the component can neither modify nor delete them.
func (b *builder) readExistingCache(s *settings) *cache {
	e := s.existing
	cluster := read(b, func(v []any, opts ...pulumi.InvokeOption) (*redisenterprise.LookupRedisEnterpriseResult, error) {
		return redisenterprise.LookupRedisEnterprise(b.ctx, &redisenterprise.LookupRedisEnterpriseArgs{
			ClusterName: v[0].(string), ResourceGroupName: v[1].(string)}, opts...)
	}, e.clusterName, e.resourceGroupName).(redisenterprise.LookupRedisEnterpriseResultOutput)
	database := read(b, func(v []any, opts ...pulumi.InvokeOption) (*redisenterprise.LookupDatabaseResult, error) {
		return redisenterprise.LookupDatabase(b.ctx, &redisenterprise.LookupDatabaseArgs{
			ClusterName: v[0].(string), DatabaseName: DatabaseName, ResourceGroupName: v[1].(string)}, opts...)
	}, e.clusterName, e.resourceGroupName).(redisenterprise.LookupDatabaseResultOutput)

	keysEnabled := database.ApplyT(func(db redisenterprise.LookupDatabaseResult) (string, error) {
		if db.AccessKeysAuthentication == nil || *db.AccessKeysAuthentication != string(redisenterprise.AccessKeysAuthenticationEnabled) {
			state := "unset"
			if db.AccessKeysAuthentication != nil {
				state = *db.AccessKeysAuthentication
			}
			return "", inputError("authentication", "V19", "AccessKey needs access keys, but the existing database %s "+
				"has accessKeysAuthentication %s: enable access keys on the cache, or use EntraId", db.Id, state)
		}
		return db.Name, nil
	}).(pulumi.StringOutput)

	return &cache{
		clusterId:         cluster.Id(),
		clusterName:       cluster.Name(),
		databaseId:        database.Id(),
		databaseName:      database.Name(),
		resourceGroupName: e.resourceGroupName,
		hostName:          cluster.HostName(),
		redisVersion:      cluster.RedisVersion(),
		keysEnabled:       keysEnabled,
	}
}

func optionalStrings(values []string) pulumi.StringArrayInput {
	if len(values) == 0 {
		return nil
	}
	return pulumi.ToStringArray(values)
}

// highAvailability is RedisEnterprise.highAvailability: Enabled or Disabled, Azure's default
// when unset.
func highAvailability(on *bool) pulumi.StringPtrInput {
	if on == nil {
		return nil
	}
	if *on {
		return pulumi.String(redisenterprise.HighAvailabilityEnabled)
	}
	return pulumi.String(redisenterprise.HighAvailabilityDisabled)
}

// accessKeysAuthentication is always sent: Enabled in AccessKey mode, Disabled otherwise.
func accessKeysAuthentication(on bool) pulumi.StringPtrInput {
	if on {
		return pulumi.String(redisenterprise.AccessKeysAuthenticationEnabled)
	}
	return pulumi.String(redisenterprise.AccessKeysAuthenticationDisabled)
}

// deferUpgrade is always sent, so that turning it off again reaches Azure.
func deferUpgrade(deferred bool) pulumi.StringPtrInput {
	if deferred {
		return pulumi.String(redisenterprise.DeferUpgradeSettingDeferred)
	}
	return pulumi.String(redisenterprise.DeferUpgradeSettingNotDeferred)
}

func modules(mods []DatabaseModule) redisenterprise.ModuleArrayInput {
	if len(mods) == 0 {
		return nil
	}
	array := redisenterprise.ModuleArray{}
	for _, m := range mods {
		module := redisenterprise.ModuleArgs{Name: pulumi.String(m.Name)}
		if m.Args != "" {
			module.Args = pulumi.String(m.Args)
		}
		array = append(array, module)
	}
	return array
}

func persistence(p *PersistenceSettings) redisenterprise.PersistencePtrInput {
	if p == nil {
		return nil
	}
	args := redisenterprise.PersistenceArgs{}
	if p.AofFrequency != "" {
		args.AofEnabled, args.AofFrequency = pulumi.Bool(true), pulumi.String(p.AofFrequency)
	}
	if p.RdbFrequency != "" {
		args.RdbEnabled, args.RdbFrequency = pulumi.Bool(true), pulumi.String(p.RdbFrequency)
	}
	return args
}

func geoReplication(geo *GeoReplicationSettings) redisenterprise.DatabasePropertiesGeoReplicationPtrInput {
	if geo == nil {
		return nil
	}
	linked := geo.LinkedDatabaseIds.ToStringArrayOutput().ApplyT(func(ids []string) ([]redisenterprise.LinkedDatabase, error) {
		if at, problem := linkedDatabaseIdsProblem("database.geoReplication.linkedDatabaseIds", ids); problem != "" {
			return nil, &InputError{Input: at, Rule: "V7", Problem: problem}
		}
		return linkedDatabases(ids), nil
	}).(redisenterprise.LinkedDatabaseArrayOutput)
	return redisenterprise.DatabasePropertiesGeoReplicationArgs{
		GroupNickname:   pulumi.String(geo.GroupNickname),
		LinkedDatabases: linked,
	}
}

func linkedDatabases(ids []string) []redisenterprise.LinkedDatabase {
	linked := make([]redisenterprise.LinkedDatabase, len(ids))
	for i := range ids {
		linked[i].Id = &ids[i]
	}
	return linked
}
