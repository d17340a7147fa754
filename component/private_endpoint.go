package component

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/managedredis/pulumi-azure-managed-redis/azure/network"
	"github.com/managedredis/pulumi-azure-managed-redis/azure/privatedns"
)

// A private endpoint of the cache, as Aspire's subnet.AddPrivateEndpoint(cache) and the Bicep
// verified module make it: the endpoint in the subnet (group redisEnterprise), its DNS zone
// group in the zone privatelink.redis.azure.net, and, unless a zone is given, that zone with a
// link to the subnet's virtual network. The cache itself is not written, so an existing cache
// gets one too.

// privateEndpointGroup is the private link group of Azure Managed Redis.
const privateEndpointGroup = "redisEnterprise"

// endpoint is a private endpoint made: its id and its private IP address.
type endpoint struct{ id, privateIpAddress pulumi.StringOutput }

func (b *builder) privateEndpoint(s *settings, c *cache) (*endpoint, error) {
	pe := s.privateEndpoint
	name := pulumi.Sprintf("%s-pe", c.clusterName)
	created, err := network.NewPrivateEndpoint(b.ctx, s.name, &network.PrivateEndpointArgs{
		PrivateEndpointName: name,
		ResourceGroupName:   s.resourceGroupName,
		Location:            s.location,
		Subnet:              network.SubnetTypeArgs{Id: pe.subnetId},
		PrivateLinkServiceConnections: network.PrivateLinkServiceConnectionArray{network.PrivateLinkServiceConnectionArgs{
			Name:                 name,
			PrivateLinkServiceId: c.clusterId,
			GroupIds:             pulumi.StringArray{pulumi.String(privateEndpointGroup)},
		}},
		Tags: s.tags,
	}, b.child(pulumi.DeleteBeforeReplace(true))...) // its Azure name is fixed: another subnet replaces it
	if err != nil {
		return nil, err
	}
	b.registered(created)

	zoneId, err := b.privateDnsZone(s, c)
	if err != nil {
		return nil, err
	}
	group, err := network.NewPrivateDnsZoneGroup(b.ctx, s.name, &network.PrivateDnsZoneGroupArgs{
		PrivateEndpointName:     created.Name,
		ResourceGroupName:       s.resourceGroupName,
		PrivateDnsZoneGroupName: pulumi.String("default"),
		PrivateDnsZoneConfigs: network.PrivateDnsZoneConfigArray{network.PrivateDnsZoneConfigArgs{
			Name: pulumi.String("privatelink-redis-azure-net"), PrivateDnsZoneId: zoneId,
		}},
	}, b.child(pulumi.DeleteBeforeReplace(true))...)
	if err != nil {
		return nil, err
	}
	b.registered(group)
	return &endpoint{id: created.ID().ToStringOutput(), privateIpAddress: b.privateIpAddress(created)}, nil
}

// privateDnsZone is the zone given, or a new zone privatelink.redis.azure.net in the cache's
// resource group, linked to the subnet's virtual network, once the program's claim on both
// holds.
func (b *builder) privateDnsZone(s *settings, c *cache) (pulumi.StringOutput, error) {
	pe := s.privateEndpoint
	if pe.zoneId != nil {
		return *pe.zoneId, nil
	}
	virtualNetworkId := pe.subnetId.ApplyT(func(subnet string) string {
		return subnetIdPattern.FindStringSubmatch(subnet)[1]
	}).(pulumi.StringOutput)
	resourceGroupName := s.resourceGroupName
	if !pe.zoneClaimed {
		program := programOf(b.ctx)
		resourceGroupName = pulumi.All(s.resourceGroupName, virtualNetworkId).ApplyT(func(v []any) (string, error) {
			return v[0].(string), program.claimZone(s.name, v[0].(string), v[1].(string))
		}).(pulumi.StringOutput)
	}
	zone, err := privatedns.NewPrivateZone(b.ctx, s.name, &privatedns.PrivateZoneArgs{
		PrivateZoneName:   pulumi.String(PrivateDnsZone),
		ResourceGroupName: resourceGroupName,
		Location:          pulumi.String("global"),
		Tags:              s.tags,
	}, b.child(pulumi.DeleteBeforeReplace(true))...)
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	link, err := privatedns.NewVirtualNetworkLink(b.ctx, s.name, &privatedns.VirtualNetworkLinkArgs{
		PrivateZoneName:        zone.Name,
		ResourceGroupName:      s.resourceGroupName,
		VirtualNetworkLinkName: pulumi.Sprintf("%s-link", c.clusterName),
		Location:               pulumi.String("global"),
		RegistrationEnabled:    pulumi.Bool(false),
		VirtualNetwork:         privatedns.SubResourceArgs{Id: virtualNetworkId},
		Tags:                   s.tags,
	}, b.child(pulumi.DeleteBeforeReplace(true))...)
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	b.registered(zone, link)
	return zone.ID().ToStringOutput(), nil
}

// privateIpAddress is the endpoint's address, read from its network interface: the dependable
// source, as customDnsConfigs may be empty when a DNS zone group serves the endpoint.
func (b *builder) privateIpAddress(pe *network.PrivateEndpoint) pulumi.StringOutput {
	nic := pe.NetworkInterfaces.ApplyT(func(nics []network.NetworkInterfaceResponse) (any, error) {
		if len(nics) == 0 || nics[0].Id == nil {
			return nil, fmt.Errorf("the private endpoint has no network interface")
		}
		m := networkInterfaceIdPattern.FindStringSubmatch(*nics[0].Id)
		if m == nil {
			return nil, fmt.Errorf("the private endpoint's network interface %q is not a network interface id", *nics[0].Id)
		}
		return m, nil
	}).(pulumi.AnyOutput)
	part := func(i int) pulumi.StringOutput {
		return nic.ApplyT(func(m any) string { return m.([]string)[i] }).(pulumi.StringOutput)
	}
	nicRead := read(b, func(v []any, opts ...pulumi.InvokeOption) (*network.LookupNetworkInterfaceResult, error) {
		return network.LookupNetworkInterface(b.ctx, &network.LookupNetworkInterfaceArgs{
			ResourceGroupName: v[0].(string), NetworkInterfaceName: v[1].(string)}, opts...)
	}, part(1), part(2)).(network.LookupNetworkInterfaceResultOutput)
	return nicRead.ApplyT(func(r network.LookupNetworkInterfaceResult) string {
		for _, ip := range r.IpConfigurations {
			if ip.PrivateIPAddress != nil {
				return *ip.PrivateIPAddress
			}
		}
		return ""
	}).(pulumi.StringOutput)
}

// Azure takes one zone privatelink.redis.azure.net per resource group (a second is a Conflict)
// and per virtual network (a second link is a BadRequest: "a virtual network cannot be linked to
// multiple zones with overlapping namespaces"). So within a program, each private endpoint
// without privateDnsZoneId claims the resource group and the virtual network of the zone it
// would create, and a second claim is refused: before anything is registered when both are
// literals, else once they are known, before the zone is written.

// claimZoneNow claims the places of the zone the cache's private endpoint would create when they
// are literals.
func claimZoneNow(ctx *pulumi.Context, args *ManagedRedisArgs, s *settings) error {
	pe := s.privateEndpoint
	if pe == nil || pe.zoneId != nil {
		return nil
	}
	resourceGroupName, groupKnown := literal(args.ResourceGroupName)
	subnetId, subnetKnown := literal(args.PrivateEndpoint.SubnetId)
	subnet := subnetIdPattern.FindStringSubmatch(subnetId)
	if !groupKnown || !subnetKnown || subnet == nil { // a value rule reports an invalid subnet id
		return nil
	}
	pe.zoneClaimed = true
	return programOf(ctx).claimZone(s.name, resourceGroupName, subnet[1])
}

// claimZoneWhenKnown claims the places of the zone the cache's private endpoint would create once
// they are known, before any child of the cache is registered: at preview when the subnet's id is
// known then (a literal, or an existing resource's), else while `up` runs, once the resource it
// comes from exists. (Still unknown at preview, the claim waits for the zone's write instead.)
func (b *builder) claimZoneWhenKnown(s *settings) error {
	pe := s.privateEndpoint
	if pe == nil || pe.zoneId != nil || pe.zoneClaimed {
		return nil
	}
	values, known, err := b.now(pe.subnetId, s.resourceGroupName)
	var invalid *InputError
	switch {
	case errors.As(err, &invalid): // refused as a value, with the other rules' refusals
		return nil
	case err != nil:
		return err
	case !known[0] || !known[1]:
		return nil
	}
	pe.zoneClaimed = true
	return programOf(b.ctx).claimZone(s.name, values[1].(string), subnetIdPattern.FindStringSubmatch(values[0].(string))[1])
}

// claimZone records that the component named owner creates the zone in the resource group,
// linked to the virtual network, unless another component of the program already does either.
func (p *Program) claimZone(owner, resourceGroupName, virtualNetworkId string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	places := []struct{ key, what string }{
		{"virtual network " + strings.ToLower(virtualNetworkId), "links it to the virtual network " + virtualNetworkId},
		{"resource group " + strings.ToLower(resourceGroupName), "creates it in the resource group " + resourceGroupName},
	}
	for _, place := range places {
		if other, claimed := p.zones[place.key]; claimed && other != owner {
			return inputError("privateEndpoint.privateDnsZoneId", "private endpoint",
				"ManagedRedis %q already creates the private DNS zone %s and %s, and Azure takes one such zone per "+
					"virtual network and per resource group: create the zone and its virtual network link once "+
					"(Microsoft.Network/privateDnsZones) and pass its id as privateEndpoint.privateDnsZoneId to every cache",
				other, PrivateDnsZone, place.what)
		}
	}
	for _, place := range places {
		p.zones[place.key] = owner
	}
	return nil
}
