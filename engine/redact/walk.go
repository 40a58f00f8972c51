package redact

import (
	"reflect"

	"github.com/gameday-dev/gameday/engine/config"
)

var secretType = reflect.TypeOf(config.Secret(""))

// maxSpecDepth bounds the walk of a spec; specs are a few levels deep.
const maxSpecDepth = 8

// walk calls add with every string of a typed spec (structs, pointers,
// slices, maps), secret true for a config.Secret. Interfaces are not
// followed except at the top: specs hold hcl bodies and expressions,
// which hold no decoded value.
func walk(v reflect.Value, add func(s string, secret bool), depth int) {
	if !v.IsValid() || depth > maxSpecDepth {
		return
	}
	if v.Type() == secretType {
		add(v.String(), true)
		return
	}
	switch v.Kind() {
	case reflect.String:
		add(v.String(), false)
	case reflect.Interface:
		if depth == 0 {
			walk(v.Elem(), add, depth)
		}
	case reflect.Pointer:
		if !v.IsNil() {
			walk(v.Elem(), add, depth+1)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				walk(v.Field(i), add, depth+1)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			walk(v.Index(i), add, depth+1)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			walk(v.MapIndex(k), add, depth+1)
		}
	}
}
