package record

import (
	"encoding/json"
	"reflect"
	"sort"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/gameday-dev/gameday/engine/config"
)

// minSecretLen is the shortest value scrubbed from free text. A secret of
// one to three characters would match inside unrelated words and figures
// ("1s") and mangle the report without protecting anything; the fields that
// hold secrets themselves are masked whatever their length.
const minSecretLen = 4

// secretsOf collects the values that must never appear in a report: every
// config.Secret in the game day's kind specs and report settings, and the
// string values of sensitive variables.
func secretsOf(gd *config.GameDay) []string {
	var out []string
	add := func(s string) {
		if len(s) >= minSecretLen {
			out = append(out, s)
		}
	}
	for _, v := range gd.Variables {
		if v.Sensitive && usable(v.Value) {
			val, _ := v.Value.UnmarkDeep()
			leafStrings(val, add)
		}
	}
	specs := []any{gd.Report}
	for _, p := range gd.Probes {
		specs = append(specs, p.Spec)
	}
	for _, c := range gd.Canaries {
		specs = append(specs, c.Spec)
	}
	for _, s := range gd.StopConditions {
		specs = append(specs, s.Spec)
	}
	for _, sc := range gd.Scenarios {
		for _, f := range sc.Faults {
			specs = append(specs, f.Spec)
		}
	}
	for _, s := range specs {
		findSecrets(reflect.ValueOf(s), add, 0)
	}
	// Longest first, so that a secret containing another is replaced whole.
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

var secretType = reflect.TypeOf(config.Secret(""))

// findSecrets walks typed specs (structs, pointers, slices, maps) for
// config.Secret values. Interfaces are not followed except at the top:
// specs hold hcl bodies and expressions, which hold no decoded secret.
func findSecrets(v reflect.Value, add func(string), depth int) {
	if !v.IsValid() || depth > 8 {
		return
	}
	if v.Type() == secretType {
		add(v.String())
		return
	}
	switch v.Kind() {
	case reflect.Interface:
		if depth == 0 {
			findSecrets(v.Elem(), add, depth)
		}
	case reflect.Pointer:
		if !v.IsNil() {
			findSecrets(v.Elem(), add, depth+1)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				findSecrets(v.Field(i), add, depth+1)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			findSecrets(v.Index(i), add, depth+1)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			findSecrets(v.MapIndex(k), add, depth+1)
		}
	}
}

// leafStrings calls add with every string (and number, as text) inside v.
func leafStrings(v cty.Value, add func(string)) {
	if v.IsNull() || !v.IsKnown() {
		return
	}
	switch {
	case v.Type() == cty.String:
		add(v.AsString())
	case v.Type() == cty.Number:
		add(v.AsBigFloat().Text('f', -1))
	case v.CanIterateElements():
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			leafStrings(e, add)
		}
	}
}

// scrub replaces every secret in every string of rec with config.Redacted.
func scrub(rec *Record, secrets []string) {
	if len(secrets) == 0 {
		return
	}
	pairs := make([]string, 0, 2*len(secrets))
	for _, s := range secrets {
		pairs = append(pairs, s, config.Redacted)
	}
	r := strings.NewReplacer(pairs...)
	scrubValue(reflect.ValueOf(rec).Elem(), r)
}

func scrubValue(v reflect.Value, r *strings.Replacer) {
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() {
			v.SetString(r.Replace(v.String()))
		}
	case reflect.Pointer:
		if !v.IsNil() {
			scrubValue(v.Elem(), r)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				scrubValue(v.Field(i), r)
			}
		}
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 { // json.RawMessage
			if v.CanSet() && !v.IsNil() {
				v.SetBytes([]byte(scrubJSON(string(v.Bytes()), r)))
			}
			return
		}
		for i := range v.Len() {
			scrubValue(v.Index(i), r)
		}
	case reflect.Map:
		if v.IsNil() {
			return
		}
		// Map keys and values are copies: rebuild the map.
		m := reflect.MakeMapWithSize(v.Type(), v.Len())
		for _, k := range v.MapKeys() {
			nk := reflect.New(k.Type()).Elem()
			nk.Set(k)
			scrubValue(nk, r)
			nv := reflect.New(v.Type().Elem()).Elem()
			nv.Set(v.MapIndex(k))
			scrubValue(nv, r)
			m.SetMapIndex(nk, nv)
		}
		v.Set(m)
	}
}

// scrubJSON scrubs a raw JSON value (a variable's value): decoded, so
// that a secret escaped inside a JSON string is found too, then encoded
// again. A value that does not decode is replaced whole.
func scrubJSON(raw string, r *strings.Replacer) string {
	var v any
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.UseNumber() // keep large whole numbers exact
	if err := dec.Decode(&v); err != nil {
		b, _ := json.Marshal(config.Redacted)
		return string(b)
	}
	b, err := json.Marshal(scrubAny(v, r))
	if err != nil {
		b, _ = json.Marshal(config.Redacted)
	}
	return string(b)
}

func scrubAny(v any, r *strings.Replacer) any {
	switch t := v.(type) {
	case string:
		return r.Replace(t)
	case []any:
		for i := range t {
			t[i] = scrubAny(t[i], r)
		}
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			out[r.Replace(k)] = scrubAny(e, r)
		}
		return out
	}
	return v
}
