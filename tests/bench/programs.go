package main

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure/redisenterprise"
	"github.com/managedredis/pulumi-azure-managed-redis/component"
	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
)

// The programs measured: N caches, each with the same Azure resources as the component
// creates by default in Entra ID mode (a cluster, its database, two access policy assignments
// one after another), written by hand or through the component.

func principals(i int) [2]string {
	return [2]string{fakearm.GuidOf("bench", fmt.Sprint(i), "a"), fakearm.GuidOf("bench", fmt.Sprint(i), "b")}
}

func clusterName(i int) string {
	return fmt.Sprintf("bench-%d-%s", i, fakearm.GuidOf("cluster", fmt.Sprint(i))[:8])
}

func handYAML(n int) string {
	var b strings.Builder
	b.WriteString("name: bench-hand\nruntime: yaml\nresources:\n")
	for i := range n {
		p := principals(i)
		fmt.Fprintf(&b, `  cache%[1]d:
    type: azure-native:redisenterprise:RedisEnterprise
    properties: {clusterName: %[2]s, resourceGroupName: rg, sku: {name: Balanced_B0}, minimumTlsVersion: "1.2", publicNetworkAccess: Enabled}
    options: {version: 3.28.0}
  cache%[1]d-db:
    type: azure-native:redisenterprise:Database
    properties: {clusterName: "${cache%[1]d.name}", resourceGroupName: rg, databaseName: default, port: 10000, accessKeysAuthentication: Disabled, clientProtocol: Encrypted, clusteringPolicy: OSSCluster, evictionPolicy: VolatileLRU, deferUpgrade: NotDeferred}
    options: {version: 3.28.0}
  cache%[1]d-a:
    type: azure-native:redisenterprise:AccessPolicyAssignment
    properties: {accessPolicyAssignmentName: %[3]s, accessPolicyName: default, clusterName: "${cache%[1]d.name}", databaseName: "${cache%[1]d-db.name}", resourceGroupName: rg, user: {objectId: %[4]s}}
    options: {version: 3.28.0}
  cache%[1]d-b:
    type: azure-native:redisenterprise:AccessPolicyAssignment
    properties: {accessPolicyAssignmentName: %[5]s, accessPolicyName: default, clusterName: "${cache%[1]d.name}", databaseName: "${cache%[1]d-db.name}", resourceGroupName: rg, user: {objectId: %[6]s}}
    options: {version: 3.28.0, dependsOn: ["${cache%[1]d-a}"]}
`, i, clusterName(i), fakearm.GuidOf(p[0], "assignment"), p[0], fakearm.GuidOf(p[1], "assignment"), p[1])
	}
	return b.String()
}

func componentYAML(n int) string {
	var b strings.Builder
	b.WriteString("name: bench-component\nruntime: yaml\nresources:\n")
	for i := range n {
		p := principals(i)
		fmt.Fprintf(&b, `  cache%[1]d:
    type: azure-managed-redis:index:ManagedRedis
    properties:
      resourceGroupName: rg
      clusterName: %[2]s
      accessPrincipals: [{objectId: %[3]s}, {objectId: %[4]s}]
`, i, clusterName(i), p[0], p[1])
	}
	return b.String()
}

// hand registers one cache's resources with the binding, under parent when given.
func hand(ctx *pulumi.Context, i int, opts ...pulumi.ResourceOption) (*redisenterprise.RedisEnterprise, error) {
	name := fmt.Sprintf("cache%d", i)
	cluster, err := redisenterprise.NewRedisEnterprise(ctx, name, &redisenterprise.RedisEnterpriseArgs{
		ClusterName: pulumi.String(clusterName(i)), ResourceGroupName: pulumi.String("rg"),
		Sku: redisenterprise.SkuArgs{Name: pulumi.String("Balanced_B0")}, MinimumTlsVersion: pulumi.String("1.2"),
		PublicNetworkAccess: pulumi.String("Enabled"),
	}, opts...)
	if err != nil {
		return nil, err
	}
	database, err := redisenterprise.NewDatabase(ctx, name, &redisenterprise.DatabaseArgs{
		ClusterName: cluster.Name, ResourceGroupName: pulumi.String("rg"), DatabaseName: pulumi.String("default"),
		Port: pulumi.Int(10000), AccessKeysAuthentication: pulumi.String("Disabled"), ClientProtocol: pulumi.String("Encrypted"),
		ClusteringPolicy: pulumi.String("OSSCluster"), EvictionPolicy: pulumi.String("VolatileLRU"), DeferUpgrade: pulumi.String("NotDeferred"),
	}, opts...)
	if err != nil {
		return nil, err
	}
	var previous []pulumi.Resource
	for j, principal := range principals(i) {
		assignment, err := redisenterprise.NewAccessPolicyAssignment(ctx, fmt.Sprintf("%s-%d", name, j), &redisenterprise.AccessPolicyAssignmentArgs{
			AccessPolicyAssignmentName: pulumi.String(fakearm.GuidOf(principal, "assignment")), AccessPolicyName: pulumi.String("default"),
			ClusterName: cluster.Name, DatabaseName: database.Name, ResourceGroupName: pulumi.String("rg"),
			User: redisenterprise.AccessPolicyAssignmentPropertiesUserArgs{ObjectId: pulumi.String(principal)},
		}, append(opts, pulumi.DependsOn(previous))...)
		if err != nil {
			return nil, err
		}
		previous = []pulumi.Resource{assignment}
	}
	return cluster, nil
}

func handGo(n int) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		for i := range n {
			if _, err := hand(ctx, i); err != nil {
				return err
			}
		}
		return nil
	}
}

// floorGo is by hand, each cache under a component that records outputs as ManagedRedis does:
// what any component design costs at least.
func floorGo(n int) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		for i := range n {
			shell := &emptyComponent{}
			if err := ctx.RegisterComponentResource("bench:index:Floor", fmt.Sprintf("cache%d", i), shell); err != nil {
				return err
			}
			cluster, err := hand(ctx, i, pulumi.Parent(shell))
			if err != nil {
				return err
			}
			if err := ctx.RegisterResourceOutputs(shell, pulumi.Map{
				"clusterId": cluster.ID(), "clusterName": cluster.Name, "hostName": cluster.HostName,
				"redisVersion": cluster.RedisVersion, "port": pulumi.Int(10000),
			}); err != nil {
				return err
			}
		}
		return nil
	}
}

type emptyComponent struct{ pulumi.ResourceState }

func componentGo(n int) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		for i := range n {
			p := principals(i)
			_, err := component.NewManagedRedis(ctx, fmt.Sprintf("cache%d", i), &component.ManagedRedisArgs{
				ResourceGroupName: pulumi.String("rg"), ClusterName: pulumi.String(clusterName(i)),
				AccessPrincipals: []component.AccessPrincipal{{ObjectId: pulumi.String(p[0])}, {ObjectId: pulumi.String(p[1])}},
			})
			if err != nil {
				return err
			}
		}
		return nil
	}
}
