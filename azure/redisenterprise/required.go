package redisenterprise

import (
	"errors"
	"reflect"
	"slices"
	"strings"
)

// requireArgs fails, as the generated SDKs do, when a required argument is missing.
func requireArgs(required map[string]any) error {
	var missing []string
	for name, value := range required {
		v := reflect.ValueOf(value)
		if value == nil || (v.Kind() == reflect.Pointer && v.IsNil()) {
			missing = append(missing, name)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	slices.Sort(missing)
	return errors.New("invalid value for required argument '" + strings.Join(missing, "', '") + "'")
}
