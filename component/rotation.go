package component

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Access key rotation (accessKeyRotation, AccessKey mode). The secrets and the connection
// outputs carry one of the database's two keys, the active one. Each change of the rotation's
// label regenerates the key that is not active and makes it the active one, so that apps still
// holding the previous key keep working until the next change. azure-native has no call for
// regenerateKey, so the package's own AccessKeyRotation resource does it, with a token of the
// component's azure-native provider; the keys are then listed after it, as always, with
// azure-native's listDatabaseKeys.

// AccessKeyRotationType is the type token of the package's AccessKeyRotation resource.
const AccessKeyRotationType = "azure-managed-redis:index:AccessKeyRotation"

// The access keys, as Azure names them.
const (
	PrimaryKey   = "Primary"
	SecondaryKey = "Secondary"
)

// rotationResource is the AccessKeyRotation's outputs the component reads.
type rotationResource struct {
	pulumi.CustomResourceState
	ActiveKey pulumi.StringOutput `pulumi:"activeKey"`
	Rotations pulumi.IntOutput    `pulumi:"rotations"`
}

// rotatedKeys are the database's keys and the active one: Primary without accessKeyRotation;
// with it, the one the rotation resource made active, the keys listed after it.
func (b *builder) rotatedKeys(s *settings, c *cache) (accessKeys, error) {
	if s.accessKeyRotation == nil {
		keys := b.listKeys(c, nil)
		keys.activeKey = pulumi.String(PrimaryKey).ToStringOutput()
		return keys, nil
	}
	args := b.azureAccess(c.keysEnabled) // once the database exists with keys enabled
	args["databaseId"], args["rotation"] = c.databaseId, *s.accessKeyRotation
	var rotation rotationResource
	if err := b.ctx.RegisterResource(AccessKeyRotationType, s.name, args, &rotation, b.own()...); err != nil {
		return accessKeys{}, err
	}
	b.registered(&rotation)
	keys := b.listKeys(c, pulumi.All(rotation.ActiveKey, rotation.Rotations))
	keys.activeKey = rotation.ActiveKey
	return keys, nil
}

// keyRotationNeedsAccessKeys: there are no keys to rotate in EntraId mode (with existing, the
// existing cache rule refuses it: the cache is not the component's to rotate).
func keyRotationNeedsAccessKeys(a *ManagedRedisArgs, s *settings) []refusal {
	if a.AccessKeyRotation == nil || s.accessKeys || a.Existing != nil {
		return nil
	}
	return []refusal{refuse("accessKeyRotation", "rotates access keys, which %s mode does not have: use authentication "+
		"AccessKey, or leave accessKeyRotation out", s.authentication)}
}
