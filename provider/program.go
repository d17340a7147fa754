package provider

import (
	"context"
	"sync"

	p "github.com/pulumi/pulumi-go-provider"

	"github.com/managedredis/pulumi-azure-managed-redis/component"
)

// sharePrograms makes the components one program constructs share a component.Program: the
// engine asks for each Construct on its own, with a context of its own, yet the access policy
// assignments of all of a program's components on one database must form one line. A program's
// run is known by the engine's resource monitor it sends every Construct to. The Programs belong
// to this provider instance, not to the process.
func sharePrograms(prov p.Provider) p.Provider {
	var mu sync.Mutex
	runs := map[string]*component.Program{}
	construct := prov.Construct
	prov.Construct = func(ctx context.Context, req p.ConstructRequest) (p.ConstructResponse, error) {
		mu.Lock()
		program, ok := runs[req.MonitorEndpoint]
		if !ok {
			program = component.NewProgram()
			runs[req.MonitorEndpoint] = program
		}
		mu.Unlock()
		return construct(component.WithProgram(ctx, program), req)
	}
	return prov
}
