package record_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/reporters/record/recordtest"
)

const schemaPath = "../../schema/run-record.schema.json"

// validator checks a JSON value against the subset of JSON Schema
// (2020-12) the run-record schema uses: type, const, enum, pattern,
// minimum, maximum, required, properties, additionalProperties, items and
// local $ref. It keeps the schema file honest: the test fails when the
// record gains, loses or retypes a field the schema does not describe.
type validator struct {
	root map[string]any
}

func (v *validator) check(schema map[string]any, val any, path string) []string {
	if ref, ok := schema["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/$defs/")
		def, ok := v.root["$defs"].(map[string]any)[name].(map[string]any)
		if !ok {
			return []string{path + ": unresolved " + ref}
		}
		return v.check(def, val, path)
	}
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, path+": "+fmt.Sprintf(format, args...)) }
	if c, ok := schema["const"]; ok && fmt.Sprint(c) != fmt.Sprint(val) {
		bad("want %v, got %v", c, val)
	}
	if e, ok := schema["enum"].([]any); ok && !slices.ContainsFunc(e, func(x any) bool { return fmt.Sprint(x) == fmt.Sprint(val) }) {
		bad("%v not in %v", val, e)
	}
	switch t := schema["type"]; t {
	case "object":
		obj, ok := val.(map[string]any)
		if !ok {
			bad("not an object")
			return errs
		}
		for _, r := range asStrings(schema["required"]) {
			if _, ok := obj[r]; !ok {
				bad("required %q missing", r)
			}
		}
		props, _ := schema["properties"].(map[string]any)
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if ps, ok := props[k].(map[string]any); ok {
				errs = append(errs, v.check(ps, obj[k], path+"."+k)...)
				continue
			}
			switch ap := schema["additionalProperties"].(type) {
			case bool:
				if !ap {
					bad("property %q not in the schema", k)
				}
			case map[string]any:
				errs = append(errs, v.check(ap, obj[k], path+"."+k)...)
			}
		}
	case "array":
		arr, ok := val.([]any)
		if !ok {
			bad("not an array")
			return errs
		}
		if items, ok := schema["items"].(map[string]any); ok {
			for i, e := range arr {
				errs = append(errs, v.check(items, e, fmt.Sprintf("%s[%d]", path, i))...)
			}
		}
	case "string":
		s, ok := val.(string)
		if !ok {
			bad("not a string")
			return errs
		}
		if p, ok := schema["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(s) {
			bad("%q does not match %s", s, p)
		}
	case "integer", "number":
		n, ok := val.(json.Number)
		if !ok {
			bad("not a number")
			return errs
		}
		f, _ := n.Float64()
		if t == "integer" && (strings.ContainsAny(n.String(), ".eE") || f != math.Trunc(f)) {
			bad("%s is not an integer", n)
		}
		if m, ok := schema["minimum"].(json.Number); ok {
			if mf, _ := m.Float64(); f < mf {
				bad("%s below %s", n, m)
			}
		}
		if m, ok := schema["maximum"].(json.Number); ok {
			if mf, _ := m.Float64(); f > mf {
				bad("%s above %s", n, m)
			}
		}
	case "boolean":
		if _, ok := val.(bool); !ok {
			bad("not a boolean")
		}
	}
	return errs
}

func asStrings(v any) []string {
	var out []string
	xs, _ := v.([]any)
	for _, x := range xs {
		out = append(out, x.(string))
	}
	return out
}

func decodeNumbers(t *testing.T, b []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func loadValidator(t *testing.T) *validator {
	t.Helper()
	b, err := os.ReadFile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	return &validator{root: decodeNumbers(t, b).(map[string]any)}
}

func TestRecordMatchesItsJSONSchema(t *testing.T) {
	v := loadValidator(t)
	doc := decodeNumbers(t, encode(t, fixture(t)))
	if errs := v.check(v.root, doc, "$"); len(errs) > 0 {
		t.Errorf("the record does not match %s:\n%s", schemaPath, strings.Join(errs, "\n"))
	}
}

// Every outcome's record, with its reasons, exclusions and no-effect
// fault, matches the schema.
func TestOutcomeRecordsMatchTheSchema(t *testing.T) {
	v := loadValidator(t)
	for _, o := range recordtest.Outcomes() {
		doc := decodeNumbers(t, encode(t, recordtest.OutcomeRecord(t, o)))
		if errs := v.check(v.root, doc, "$"); len(errs) > 0 {
			t.Errorf("%s: the record does not match %s:\n%s", o, schemaPath, strings.Join(errs, "\n"))
		}
	}
}

func TestSchemaValidatorRejectsDrift(t *testing.T) {
	v := loadValidator(t)
	for name, mutate := range map[string]func(map[string]any){
		"unknown field":  func(d map[string]any) { d["extra"] = true },
		"missing run id": func(d map[string]any) { delete(d["run"].(map[string]any), "id") },
		"local time":     func(d map[string]any) { d["run"].(map[string]any)["started"] = "2026-03-14T10:00:00+01:00" },
		"bad exit code":  func(d map[string]any) { d["run"].(map[string]any)["exit_code"] = json.Number("9") },
		"figure as text": func(d map[string]any) {
			first(d, "scenarios").(map[string]any)["measure"].(map[string]any)["downtime"] = "5s"
		},
		"unknown event": func(d map[string]any) { first(d, "timeline").(map[string]any)["type"] = "party" },
		"other version": func(d map[string]any) { d["schema_version"] = json.Number("1") },
		"unknown outcome": func(d map[string]any) {
			first(d, "scenarios").(map[string]any)["measure"].(map[string]any)["verdict"].(map[string]any)["outcome"] = "passed"
		},
		"game day outcome missing": func(d map[string]any) { delete(d["verdict"].(map[string]any), "outcome") },
	} {
		doc := decodeNumbers(t, encode(t, fixture(t))).(map[string]any)
		mutate(doc)
		if errs := v.check(v.root, doc, "$"); len(errs) == 0 {
			t.Errorf("%s: accepted", name)
		}
	}
}

func first(d map[string]any, key string) any { return d[key].([]any)[0] }
