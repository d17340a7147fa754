package component

import "slices"

// settings is a ManagedRedisArgs with the component's defaults applied. The rules check it
// and the builders read it, so both see the same values.
type settings struct {
	name string
	// args are the inputs as given, for rules about what the user set explicitly.
	args ManagedRedisArgs

	sku                 sku // zero when args.Sku is not a known SKU (a rule reports it)
	skuName             string
	minimumTlsVersion   string
	publicNetworkAccess string
	authentication      string
	connectionName      string
	database            DatabaseSettings
	principals          []AccessPrincipal
}

func resolve(name string, args ManagedRedisArgs) *settings {
	s := &settings{
		name:                name,
		args:                args,
		skuName:             orDefault(args.Sku, DefaultSku),
		minimumTlsVersion:   orDefault(args.MinimumTlsVersion, DefaultMinimumTlsVersion),
		publicNetworkAccess: orDefault(args.PublicNetworkAccess, "Enabled"),
		authentication:      orDefault(args.Authentication, EntraID),
		connectionName:      orDefault(args.ConnectionName, name),
	}
	s.sku, _ = parseSku(s.skuName)

	if args.Database != nil {
		s.database = *args.Database
	}
	db := &s.database
	// RediSearch needs NoEviction and EnterpriseCluster (V5): make them the defaults then, so
	// enabling the module alone gives a valid database.
	if db.hasModule("RediSearch") {
		db.EvictionPolicy = orDefault(db.EvictionPolicy, "NoEviction")
		db.ClusteringPolicy = orDefault(db.ClusteringPolicy, "EnterpriseCluster")
	}
	db.ClientProtocol = orDefault(db.ClientProtocol, DefaultClientProtocol)
	db.ClusteringPolicy = orDefault(db.ClusteringPolicy, DefaultClusteringPolicy)
	db.EvictionPolicy = orDefault(db.EvictionPolicy, DefaultEvictionPolicy)

	for _, p := range args.AccessPrincipals {
		p.PrincipalType = orDefault(p.PrincipalType, PrincipalServicePrincipal)
		s.principals = append(s.principals, p)
	}
	return s
}

func (d *DatabaseSettings) hasModule(name string) bool {
	return slices.ContainsFunc(d.Modules, func(m Module) bool { return m.Name == name })
}

func orDefault(value, fallback string) string {
	if value == "" {
		return fallback
	}
	return value
}
