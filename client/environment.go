package client

import (
	"fmt"
	"sort"
	"strings"
)

// environment is the process environment as .NET configuration reads it: a variable's name
// matches whatever its case ("CONNECTIONSTRINGS__CACHE" is ConnectionStrings__cache), so that
// settings written for an Aspire app reach a Go app unchanged.
type environment map[string][]variable // by lower-case name

type variable struct{ name, value string }

// readEnvironment indexes NAME=value entries, as os.Environ returns them.
func readEnvironment(entries []string) environment {
	env := environment{}
	for _, entry := range entries {
		name, value, ok := strings.Cut(entry, "=")
		if !ok || name == "" {
			continue
		}
		key := strings.ToLower(name)
		env[key] = append(env[key], variable{name, value})
	}
	return env
}

// lookup is the variable called name, whatever its case. Two variables whose names differ only
// in case are an error that names both (never their values): which one .NET would read is not
// defined.
func (env environment) lookup(name string) (variable, bool, error) {
	found := env[strings.ToLower(name)]
	switch len(found) {
	case 0:
		return variable{}, false, nil
	case 1:
		return found[0], true, nil
	}
	names := make([]string, len(found))
	for i, v := range found {
		names[i] = v.name
	}
	sort.Strings(names)
	return variable{}, false, fmt.Errorf("client: %s are all set and differ only in case: keep one", strings.Join(names, ", "))
}
