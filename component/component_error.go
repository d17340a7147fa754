package component

import "fmt"

// ComponentError is a component's refusal to build, named after the component:
// `ManagedRedis "cache": invalid input ...`. In a Go program that name is all that says which
// component failed. A host that names the resource itself, as the engine does for a remote
// component ("resource 'cache' has a problem: ..."), drops the name, so that it is not said
// twice. A refusal of inputs ends with where the rules are explained.
type ComponentError struct {
	// Kind is the component's kind, "ManagedRedis" or "ManagedRedisAccess"; Name its name.
	Kind, Name string
	// Err is what went wrong: InputErrors, joined, or another error.
	Err error
}

// RulesURL is the README's table of the rules that InputErrors name ("rule V3").
const RulesURL = "https://github.com/managedredis/pulumi-azure-managed-redis#rules-checked-before-deploying"

func (e *ComponentError) Error() string {
	message := fmt.Sprintf("%s %q: %v", e.Kind, e.Name, e.Err)
	if len(InputErrors(e.Err)) > 0 {
		message += "\nEvery rule, and what to do: " + RulesURL
	}
	return message
}

func (e *ComponentError) Unwrap() error { return e.Err }
