package component

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Checks of String Inputs, each declared once: where the Input is in the args, the rule, whether
// it must be given and what its value must be. The same declaration refuses a literal before
// anything is registered (preview) and fails an Output once its value is known (apply), so an
// input is refused alike whatever form it takes. The declarations of each component are listed
// with its rules (rules.go, access.go).

// An inputCheck is the check of one String Input of the args A, or of one in each element of a
// list (its path then holds "[]", which stands for the element's index).
type inputCheck[A any] struct {
	path string
	rule string
	// inputs are where the Inputs are in a: one, one per element of a list, or none when the
	// struct holding them is not given.
	inputs func(a *A) []*pulumi.StringInput
	// required says whether a missing one is refused (rule "required"), and missing why.
	required func(a *A) bool
	missing  string
	// problem says what is wrong with value ("" when nothing is).
	problem func(a *A, value string) string
}

// inputChecks are the checks of a component's String Inputs.
type inputChecks[A any] []*inputCheck[A]

// pathAt is the input's path for the i-th Input.
func (c *inputCheck[A]) pathAt(i int) string {
	return strings.Replace(c.path, "[]", fmt.Sprintf("[%d]", i), 1)
}

// refusal is the error for value of the i-th Input, nil when it is valid.
func (c *inputCheck[A]) refusal(a *A, i int, value string) error {
	if problem := c.problem(a, value); problem != "" {
		return &InputError{Input: c.pathAt(i), Rule: c.rule, Problem: problem}
	}
	return nil
}

// literalErrors refuses the Inputs of a that are missing though required, or literals with a
// problem.
func (cs inputChecks[A]) literalErrors(a *A) []error {
	var errs []error
	for _, c := range cs {
		for i, in := range c.inputs(a) {
			if *in == nil {
				if c.required != nil && c.required(a) {
					errs = append(errs, &InputError{Input: c.pathAt(i), Rule: "required", Problem: orDefault(c.missing, "must be given")})
				}
				continue
			}
			if value, ok := literal(*in); ok {
				errs = append(errs, c.refusal(a, i, value))
			}
		}
	}
	return errs
}

// output is the i-th Input at path as an Output that fails, once its value is known, as every
// check of path refuses it (a literal they refuse was refused before registration already). A
// missing Input (which a check refuses if required) is the zero Output.
func (cs inputChecks[A]) output(a *A, path string, i int) pulumi.StringOutput {
	var checks []*inputCheck[A]
	var in pulumi.StringInput
	for _, c := range cs {
		if c.path == path {
			checks = append(checks, c)
			in = *c.inputs(a)[i]
		}
	}
	if checks == nil {
		panic("component: no check of the input " + path)
	}
	if in == nil {
		return pulumi.StringOutput{}
	}
	return in.ToStringOutput().ApplyT(func(value string) (string, error) {
		for _, c := range checks {
			if err := c.refusal(a, i, value); err != nil {
				return "", err
			}
		}
		return value, nil
	}).(pulumi.StringOutput)
}

// Where Inputs are, for inputCheck.inputs.

// field is one Input of the args.
func field[A any](of func(a *A) *pulumi.StringInput) func(a *A) []*pulumi.StringInput {
	return func(a *A) []*pulumi.StringInput { return []*pulumi.StringInput{of(a)} }
}

// fieldOf is an Input of an optional struct of the args: none when the struct is not given.
func fieldOf[A, S any](parent func(a *A) *S, of func(s *S) *pulumi.StringInput) func(a *A) []*pulumi.StringInput {
	return func(a *A) []*pulumi.StringInput {
		if s := parent(a); s != nil {
			return []*pulumi.StringInput{of(s)}
		}
		return nil
	}
}

// fieldOfEach is an Input of each element of a list of the args.
func fieldOfEach[A, E any](list func(a *A) []E, of func(e *E) *pulumi.StringInput) func(a *A) []*pulumi.StringInput {
	return func(a *A) []*pulumi.StringInput {
		elements := list(a)
		inputs := make([]*pulumi.StringInput, len(elements))
		for i := range elements {
			inputs[i] = of(&elements[i])
		}
		return inputs
	}
}

// always is inputCheck.required for an Input required wherever its struct is given.
func always[A any](*A) bool { return true }

// valueProblem is a problem that depends on the value only.
func valueProblem[A any](problem func(value string) string) func(*A, string) string {
	return func(_ *A, value string) string { return problem(value) }
}

// Closed lists of values, from the args' `enum` tags.

// enumErrors refuses each plain string of a (a struct of args, walked through its pointers,
// structs and lists) whose `enum` tag names a list that does not hold its value, under the
// enum's rule. An empty value is a default, not refused.
func enumErrors(a any) []error {
	var refused []error
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem(), path)
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i))
			}
		case reflect.Struct:
			for i := range v.NumField() {
				f := v.Type().Field(i)
				name, _, _ := strings.Cut(f.Tag.Get("pulumi"), ",")
				if name == "" || !f.IsExported() {
					continue
				}
				at := name
				if path != "" {
					at = path + "." + name
				}
				if enum := f.Tag.Get("enum"); enum != "" && f.Type.Kind() == reflect.String {
					if value := v.Field(i).String(); value != "" {
						if problem := enums[enum].problem(value); problem != "" {
							refused = append(refused, &InputError{Input: at, Rule: enums[enum].rule(), Problem: problem})
						}
					}
					continue
				}
				walk(v.Field(i), at)
			}
		}
	}
	walk(reflect.ValueOf(a), "")
	return refused
}

// enumInputChecks are the checks of the String Inputs of A whose `enum` tag names a closed
// list: an Input, unlike a plain string, may be an Output.
func enumInputChecks[A any]() inputChecks[A] {
	var checks inputChecks[A]
	t := reflect.TypeFor[A]()
	for i := range t.NumField() {
		f := t.Field(i)
		enum := f.Tag.Get("enum")
		if enum == "" || f.Type != reflect.TypeFor[pulumi.StringInput]() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("pulumi"), ",")
		index := f.Index
		checks = append(checks, &inputCheck[A]{path: name, rule: enums[enum].rule(),
			inputs: field(func(a *A) *pulumi.StringInput {
				return reflect.ValueOf(a).Elem().FieldByIndex(index).Addr().Interface().(*pulumi.StringInput)
			}),
			problem: valueProblem[A](enums[enum].problem)})
	}
	return checks
}

// problem reports value when it is not one of the enum's.
func (e Enum) problem(value string) string {
	values := e.values()
	if slices.Contains(values, value) {
		return ""
	}
	allowed := e.Allowed
	if allowed == "" {
		allowed = strings.Join(values, ", ")
	}
	return fmt.Sprintf("%q is not one of %s", value, allowed)
}

// rule is the rule that refuses a value not in the list: the enum's own, or "allowed values".
func (e Enum) rule() string { return orDefault(e.Rule, "allowed values") }
