package historyreport

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/gameday-dev/gameday/history"
)

const schemaPath = "../../schema/history.schema.json"

func compile(t *testing.T) *jsonschema.Schema {
	t.Helper()
	s, err := jsonschema.NewCompiler().Compile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func instance(t *testing.T, b []byte) any {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// The JSON document, of one game day and of the overview, matches its
// published schema.
func TestJSONMatchesItsSchema(t *testing.T) {
	s := compile(t)
	empty := &history.View{GameDay: "none", Store: "/state"}
	overview := &history.Overview{Store: "/state", GameDays: []history.Summary{{Name: "weekly", Total: 7, Recent: view().Runs}, {Name: "gone", Total: 1}}}
	for name, render := range map[string]func(*bytes.Buffer) error{
		"gameday":  func(b *bytes.Buffer) error { return JSON(b, view()) },
		"empty":    func(b *bytes.Buffer) error { return JSON(b, empty) },
		"overview": func(b *bytes.Buffer) error { return OverviewJSON(b, overview) },
	} {
		var b bytes.Buffer
		if err := render(&b); err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(instance(t, b.Bytes())); err != nil {
			t.Errorf("%s: %v\n%s", name, err, b.String())
		}
	}
}

// The schema is strict enough to notice drift.
func TestSchemaRejectsDrift(t *testing.T) {
	s := compile(t)
	var b bytes.Buffer
	if err := JSON(&b, view()); err != nil {
		t.Fatal(err)
	}
	for name, mutate := range map[string]func(map[string]any){
		"unknown field":     func(d map[string]any) { d["extra"] = 1 },
		"other version":     func(d map[string]any) { d["schema_version"] = 2 },
		"runs missing":      func(d map[string]any) { delete(d, "runs") },
		"unknown outcome":   func(d map[string]any) { d["runs"].([]any)[0].(map[string]any)["outcome"] = "passed" },
		"figure as text":    func(d map[string]any) { first(d).(map[string]any)["rto"] = "34s" },
		"unknown regressed": func(d map[string]any) { first(d).(map[string]any)["regressed"] = []any{"latency"} },
	} {
		var doc map[string]any
		if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		mutate(doc)
		raw, _ := json.Marshal(doc)
		if err := s.Validate(instance(t, raw)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func first(d map[string]any) any {
	return d["runs"].([]any)[0].(map[string]any)["scenarios"].([]any)[0]
}

// The document carries the trend of every measured figure, oldest first,
// regressions marked and unmeasured runs as gaps with their reason.
func TestJSONTrends(t *testing.T) {
	var b bytes.Buffer
	if err := JSON(&b, view()); err != nil {
		t.Fatal(err)
	}
	var d Document
	if err := json.Unmarshal(b.Bytes(), &d); err != nil {
		t.Fatal(err)
	}
	if d.Kind != KindGameDay || d.Total != 7 || len(d.Runs) != 5 || len(d.Unreadable) != 1 {
		t.Fatalf("%+v", d)
	}
	var rto *history.Trend
	for i := range d.Trends {
		if d.Trends[i].Figure == "rto" {
			rto = &d.Trends[i]
		}
		if d.Trends[i].Figure == "time_to_detect" {
			t.Error("a figure no run measured has a trend")
		}
	}
	if rto == nil || len(rto.Points) != 5 || !rto.Points[4].Regressed || rto.Points[1].Known || !rto.Points[1].AtLeast || rto.Points[0].Value != 11e9 {
		t.Fatalf("rto trend %+v", rto)
	}
}
