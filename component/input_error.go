package component

import (
	"errors"
	"fmt"
)

// InputError is a refused input: which input, what is wrong and allowed, and the rule.
type InputError struct {
	// Input is the input's path as the schema names it, e.g. "database.evictionPolicy" or
	// "accessPrincipals[1].objectId".
	Input string
	// Rule is the rule broken, as the rules table (rules.go) names it: V1-V22 for Azure's rules
	// (see the README), or a word for the component's own rules.
	Rule string
	// Problem says what is wrong and what is allowed.
	Problem string
}

func (e *InputError) Error() string {
	return fmt.Sprintf("invalid input %q: %s (rule %s)", e.Input, e.Problem, e.Rule)
}

func inputError(input, rule, format string, args ...any) error {
	return &InputError{Input: input, Rule: rule, Problem: fmt.Sprintf(format, args...)}
}

// InputErrors returns every InputError inside err (joined or wrapped).
func InputErrors(err error) []*InputError {
	var found []*InputError
	var walk func(error)
	walk = func(err error) {
		if err == nil {
			return
		}
		if ie, ok := err.(*InputError); ok {
			found = append(found, ie)
			return
		}
		switch e := err.(type) {
		case interface{ Unwrap() []error }:
			for _, inner := range e.Unwrap() {
				walk(inner)
			}
		default:
			walk(errors.Unwrap(err))
		}
	}
	walk(err)
	return found
}
