package component

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Default names are computed when the cache is created and kept after. They derive from the
// stack among other things (naming.go), so a renamed stack (`pulumi stack rename`) would derive
// other names and replace the cache and its vault. The engine's Stash keeps them: a built-in
// resource of the engine (no plugin) whose output is the value it was created with, whatever
// later runs give it (their value is ignored here, so a later run shows no change). The stash
// also keeps where the cache was created, its cluster's name and resource group, so that a
// program that names another place is seen to move the cache, which is a recreation (day2.go).

// keptNames are a cache's names as they were when it was created.
type keptNames struct {
	// clusterName is the cluster's name: the given one, or the default kept.
	clusterName pulumi.StringOutput
	// keyVaultName is the default name of the vault the component creates, kept.
	keyVaultName pulumi.StringOutput
	// created is where the cache was created: clusterName and resourceGroupName.
	created pulumi.StringMapOutput
}

// keptNames registers the stash of the cache's names (once) and returns them.
func (b *builder) keptNames(s *settings) (*keptNames, error) {
	if b.names != nil {
		return b.names, nil
	}
	clusterName, resourceGroupName := s.clusterName, s.resourceGroupName
	switch {
	case s.existing != nil: // its vault's name is all that is kept
		clusterName, resourceGroupName = s.existing.clusterName, s.existing.resourceGroupName
	case s.defaultName:
		clusterName = b.defaultName(s, defaultClusterName)
	}
	stash, err := pulumi.NewStash(b.ctx, s.name, &pulumi.StashArgs{Input: pulumi.StringMap{
		"clusterName":       clusterName,
		"resourceGroupName": resourceGroupName,
		"keyVaultName":      b.defaultName(s, defaultKeyVaultName),
	}}, append(append([]pulumi.ResourceOption{}, b.resourceOpts...), pulumi.IgnoreChanges([]string{"input"}))...)
	if err != nil {
		return nil, err
	}
	b.registered(stash)
	kept := stash.Output.ApplyT(func(v any) map[string]string {
		kept := map[string]string{}
		for k, value := range v.(map[string]any) {
			kept[k], _ = value.(string)
		}
		return kept
	}).(pulumi.StringMapOutput)
	b.names = &keptNames{clusterName: clusterName, keyVaultName: kept.MapIndex(pulumi.String("keyVaultName")), created: kept}
	if s.defaultName && s.existing == nil {
		b.names.clusterName = kept.MapIndex(pulumi.String("clusterName"))
	}
	return b.names, nil
}
