package component

import (
	"context"
	"runtime"
	"strings"
	"sync"
	"weak"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Azure refuses a second access policy assignment write on a database while one is in progress
// (aspire#13043, azure-dev#6640), and a program may grant several apps access to one cache: a
// cache's own principals, and any number of ManagedRedisAccess. So the assignments of a program
// on one database form a line: each waits for the one that took its place before it, and since
// the engine records that dependency, deletes run one after another too. Lines of different
// databases run in parallel. A database is known by its resource group, cluster and name once
// those are known (they may be Outputs): until then an assignment waits.

// Program is what the components of one program share: the line of each database, and who
// creates the private DNS zone of each virtual network and resource group. A Go program's
// components share one through their *pulumi.Context; a host that builds each component with a
// context of its own (the provider: one per Construct) gives the components of one program the
// same Program with WithProgram. Nothing outlives the program.
type Program struct {
	mu    sync.Mutex
	lines map[string]pulumi.Resource // the last assignment of each database
	zones map[string]string          // the component creating the zone, by place (see claimZone)
}

// NewProgram is an empty Program.
func NewProgram() *Program {
	return &Program{lines: map[string]pulumi.Resource{}, zones: map[string]string{}}
}

type programKey struct{}

// WithProgram makes the components built under ctx part of program.
func WithProgram(ctx context.Context, program *Program) context.Context {
	return context.WithValue(ctx, programKey{}, program)
}

// programs are the Programs of Go programs, by their *pulumi.Context, held weakly: a finished
// program's Program goes with its context. It cannot be simpler: a Go program builds components
// with nothing but its *pulumi.Context, which has no room for our state (its Go context is fixed
// when the engine creates it), and one process may run several programs at once (Automation API
// stacks run in parallel, tests), so the key must be the program's own context; a plain map would
// keep every finished program's lines alive, and a global line would join the programs' lines.
var (
	programsMu sync.Mutex
	programs   = map[weak.Pointer[pulumi.Context]]*Program{}
)

// programOf is the Program of the components built with ctx.
func programOf(ctx *pulumi.Context) *Program {
	if program, ok := ctx.Context().Value(programKey{}).(*Program); ok {
		return program
	}
	key := weak.Make(ctx)
	programsMu.Lock()
	defer programsMu.Unlock()
	program, ok := programs[key]
	if !ok {
		program = NewProgram()
		programs[key] = program
		runtime.AddCleanup(ctx, func(key weak.Pointer[pulumi.Context]) {
			programsMu.Lock()
			defer programsMu.Unlock()
			delete(programs, key)
		}, key)
	}
	return program
}

// takePlace makes assignment the last of the database's line and returns the one before it.
func (p *Program) takePlace(database string, assignment pulumi.Resource) pulumi.Resource {
	p.mu.Lock()
	defer p.mu.Unlock()
	previous := p.lines[database]
	if assignment != nil {
		p.lines[database] = assignment
	}
	return previous
}

// inLine registers an assignment on db with register, which must make it depend on wait: the
// previous assignment of db's line, once db is known and after has resolved (a component's own
// principals keep their order that way). It returns the assignment and an Output that resolves
// once the assignment has taken its place, for the next one's after.
func inLine(ctx *pulumi.Context, db database, after pulumi.Output,
	register func(wait pulumi.ResourceArrayOutput) (pulumi.Resource, error),
) (pulumi.Resource, pulumi.Output, error) {
	program := programOf(ctx)
	key := pulumi.All(db.resourceGroupName, db.clusterName, db.name).ApplyT(func(v []any) string {
		return strings.ToLower(v[0].(string) + "/" + v[1].(string) + "/" + v[2].(string))
	}).(pulumi.StringOutput)
	if after == nil {
		after = pulumi.Int(0).ToIntOutput()
	}
	registered := make(chan pulumi.Resource, 1)
	wait := pulumi.All(key, after).ApplyT(func(v []any) []pulumi.Resource {
		if previous := program.takePlace(v[0].(string), <-registered); previous != nil {
			return []pulumi.Resource{previous}
		}
		return nil
	}).(pulumi.ResourceArrayOutput)
	assignment, err := register(wait)
	registered <- assignment
	return assignment, wait, err
}
