package redact

import (
	"encoding/json"
	"reflect"
	"strings"
)

// maxScrubDepth guards against cycles; records and messages are far
// shallower.
const maxScrubDepth = 32

var rawMessageType = reflect.TypeOf(json.RawMessage(nil))

// Scrub replaces, in place, every secret in every string reachable from
// v, a pointer: exported struct fields, slices, arrays, map keys and
// values, interfaces, and JSON kept as json.RawMessage, which is decoded so
// that a secret escaped inside it is found too. Structured output (the run
// record, Slack blocks) is scrubbed this way rather than as encoded text,
// so that no replacement can break its encoding.
func (r *Redactor) Scrub(v any) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return
	}
	scrubValue(rv.Elem(), r.String, 0)
}

func scrubValue(v reflect.Value, f func(string) string, depth int) {
	if depth > maxScrubDepth {
		return
	}
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() {
			v.SetString(f(v.String()))
		}
	case reflect.Pointer:
		if !v.IsNil() {
			scrubValue(v.Elem(), f, depth+1)
		}
	case reflect.Interface:
		scrubInterface(v, f, depth)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				scrubValue(v.Field(i), f, depth+1)
			}
		}
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			scrubBytes(v, f)
			return
		}
		for i := range v.Len() {
			scrubValue(v.Index(i), f, depth+1)
		}
	case reflect.Array:
		for i := range v.Len() {
			scrubValue(v.Index(i), f, depth+1)
		}
	case reflect.Map:
		scrubMap(v, f, depth)
	}
}

// scrubInterface scrubs what an interface holds: through its pointer, or a
// copy put back when it holds a value.
func scrubInterface(v reflect.Value, f func(string) string, depth int) {
	if v.IsNil() {
		return
	}
	e := v.Elem()
	if e.Kind() == reflect.Pointer {
		scrubValue(e, f, depth+1)
		return
	}
	if !v.CanSet() {
		return
	}
	c := reflect.New(e.Type()).Elem()
	c.Set(e)
	scrubValue(c, f, depth+1)
	v.Set(c)
}

// scrubMap rebuilds the map: map keys and values are copies.
func scrubMap(v reflect.Value, f func(string) string, depth int) {
	if v.IsNil() || !v.CanSet() {
		return
	}
	m := reflect.MakeMapWithSize(v.Type(), v.Len())
	for _, k := range v.MapKeys() {
		nk := reflect.New(k.Type()).Elem()
		nk.Set(k)
		scrubValue(nk, f, depth+1)
		nv := reflect.New(v.Type().Elem()).Elem()
		nv.Set(v.MapIndex(k))
		scrubValue(nv, f, depth+1)
		m.SetMapIndex(nk, nv)
	}
	v.Set(m)
}

func scrubBytes(v reflect.Value, f func(string) string) {
	if !v.CanSet() || v.IsNil() {
		return
	}
	if v.Type() == rawMessageType {
		v.SetBytes([]byte(scrubJSON(string(v.Bytes()), f)))
		return
	}
	v.SetBytes([]byte(f(string(v.Bytes()))))
}

// scrubJSON scrubs a raw JSON value: decoded, so that a secret escaped
// inside a JSON string is found too, then encoded again — only when a
// string changed, so that clean JSON keeps its bytes. A value that does
// not decode is replaced whole.
func scrubJSON(raw string, f func(string) string) string {
	var v any
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.UseNumber() // keep large whole numbers exact
	if err := dec.Decode(&v); err != nil {
		b, _ := json.Marshal(Placeholder)
		return string(b)
	}
	changed := false
	g := func(s string) string {
		out := f(s)
		changed = changed || out != s
		return out
	}
	v = scrubAny(v, g)
	if !changed {
		return raw
	}
	b, err := json.Marshal(v)
	if err != nil {
		b, _ = json.Marshal(Placeholder)
	}
	return string(b)
}

func scrubAny(v any, f func(string) string) any {
	switch t := v.(type) {
	case string:
		return f(t)
	case []any:
		for i := range t {
			t[i] = scrubAny(t[i], f)
		}
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			out[f(k)] = scrubAny(e, f)
		}
		return out
	}
	return v
}
