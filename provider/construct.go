package provider

import (
	"context"
	"errors"
	"strings"
	"sync"

	p "github.com/pulumi/pulumi-go-provider"
	"google.golang.org/grpc/status"

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
		resp, err := construct(component.WithPluginVersion(component.WithProgram(ctx, program), Version), req)
		return resp, withoutComponentName(req.Urn.Type().Name().String(), req.Urn.Name(), err)
	}
	return prov
}

// withoutComponentName drops the library's `ManagedRedis "cache": ` (component.ComponentError)
// before a refusal of the component kind named name: the engine names the resource itself
// ("resource 'cache' has a problem: ..."), and the message should not say it twice. The error
// arrives as a gRPC status from the program the construct ran, so it is matched by its text.
func withoutComponentName(kind, name string, err error) error {
	st, ok := status.FromError(err)
	if err == nil || !ok {
		return err
	}
	named := (&component.ComponentError{Kind: kind, Name: name, Err: errors.New("")}).Error()
	if message, found := strings.CutPrefix(st.Message(), named); found {
		return status.Error(st.Code(), message)
	}
	return err
}
