package junit_test

import (
	"bytes"
	"encoding/xml"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/reporters/junit"
	"github.com/gameday-dev/gameday/reporters/record"
	"github.com/gameday-dev/gameday/reporters/record/recordtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const xsdPath = "testdata/junit-10.xsd"

func fixture(t *testing.T) *record.Record { return recordtest.MustRecord(t) }

func render(t *testing.T, rec *record.Record) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := junit.Render(&b, rec); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestGolden(t *testing.T) {
	recordtest.Golden(t, "report.junit.xml", render(t, fixture(t)), *update)
}

// passing is the fixture with every objective met and nothing left.
func passing(t *testing.T) *record.Record {
	rec := fixture(t)
	rec.Leftovers = nil
	rec.Scenarios = rec.Scenarios[:1]
	rec.Run.Status, rec.Run.Aborted, rec.Run.ExitCode = "passed", "", 0
	rec.Verdict.Outcome, rec.Verdict.Reason = record.OutcomeMet, "every objective met"
	return rec
}

func TestValidatesAgainstTheJUnitSchema(t *testing.T) {
	s, err := loadSchema(xsdPath)
	if err != nil {
		t.Fatal(err)
	}
	for name, rec := range documents(t) {
		if problems := s.validate(bytes.NewReader(render(t, rec))); len(problems) > 0 {
			t.Errorf("%s: not valid against %s:\n%s", name, xsdPath, strings.Join(problems, "\n"))
		}
	}
}

// documents are the records the schema tests render: the fixture, a
// passing run and a run of each outcome.
func documents(t *testing.T) map[string]*record.Record {
	docs := map[string]*record.Record{"fixture": fixture(t), "passing": passing(t)}
	for _, o := range recordtest.Outcomes() {
		docs[o] = recordtest.OutcomeRecord(t, o)
	}
	return docs
}

// The validator itself rejects what the schema rejects.
func TestValidatorCatchesViolations(t *testing.T) {
	s, err := loadSchema(xsdPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{
		`<testsuites><testsuite name="a" tests="1" failures="0"></testsuite></testsuites>`,                        // errors missing
		`<testsuites><testsuite name="a" tests="1" failures="0" errors="0" time="1.5s"></testsuite></testsuites>`, // bad time
		`<testsuites><testsuite name="a" tests="1" failures="0" errors="0"><testcase name="x"><verdict/></testcase></testsuite></testsuites>`,
		`<testsuites><testsuite name="a" tests="1" failures="0" errors="0"><testcase/></testsuite></testsuites>`,
	} {
		if len(s.validate(strings.NewReader(bad))) == 0 {
			t.Errorf("accepted invalid document %s", bad)
		}
	}
}

func TestValidatesWithXmllint(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint is not installed (Debian package libxml2-utils); the Go validator above still checks the schema")
	}
	for name, rec := range documents(t) {
		path := filepath.Join(t.TempDir(), name+".xml")
		if err := os.WriteFile(path, render(t, rec), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(xmllint, "--noout", "--schema", xsdPath, path).CombinedOutput()
		if err != nil {
			t.Errorf("%s: xmllint: %v\n%s", name, err, out)
		}
	}
}

type suites struct {
	Tests    int `xml:"tests,attr"`
	Failures int `xml:"failures,attr"`
	Errors   int `xml:"errors,attr"`
	Suite    struct {
		Skipped int `xml:"skipped,attr"`
		Cases   []struct {
			Name    string    `xml:"name,attr"`
			Skipped *struct{} `xml:"skipped"`
			Error   *struct {
				Type string `xml:"type,attr"`
				Text string `xml:",chardata"`
			} `xml:"error"`
			Failure *struct {
				Type    string `xml:"type,attr"`
				Message string `xml:"message,attr"`
			} `xml:"failure"`
			SystemOut string `xml:"system-out"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

// Scenario = test case; missed objective = failure; abort = error; not
// run = skipped; a leftover makes the revert case an error.
func TestMapping(t *testing.T) {
	var s suites
	if err := xml.Unmarshal(render(t, fixture(t)), &s); err != nil {
		t.Fatal(err)
	}
	if s.Tests != 4 || s.Errors != 2 || s.Failures != 0 || s.Suite.Skipped != 1 {
		t.Errorf("counts: tests %d errors %d failures %d skipped %d", s.Tests, s.Errors, s.Failures, s.Suite.Skipped)
	}
	c := s.Suite.Cases
	if c[0].Name != "lose-one-web-instance" || c[0].Error != nil || c[0].Failure != nil || c[0].Skipped != nil {
		t.Errorf("met scenario is not a pass: %+v", c[0])
	}
	// One result per case: the abort, its partial miss inside.
	if c[1].Error == nil || c[1].Error.Type != "aborted" || c[1].Failure != nil || !strings.Contains(c[1].Error.Text, "missed on partial figures: rpo") {
		t.Errorf("stopped scenario with a missed rpo: %+v", c[1])
	}
	if c[2].Skipped == nil {
		t.Errorf("skipped scenario: %+v", c[2])
	}
	if c[3].Name != "all changes reverted" || c[3].Error == nil || c[3].Error.Type != "leftover" {
		t.Errorf("leftover case: %+v", c[3])
	}

	if err := xml.Unmarshal(render(t, passing(t)), &s); err != nil {
		t.Fatal(err)
	}
	if s.Tests != 2 || s.Errors != 0 || s.Failures != 0 {
		t.Errorf("passing run: tests %d errors %d failures %d", s.Tests, s.Errors, s.Failures)
	}
}

func TestNoSecret(t *testing.T) {
	out := string(render(t, fixture(t)))
	for _, s := range recordtest.PlantedSecrets() {
		if strings.Contains(out, s) {
			t.Errorf("the report contains the planted secret %q", s)
		}
	}
}

// Each outcome maps to the result CI systems read: missed and no effect
// fail, aborted errors, met and observed pass (observed with a note), and
// the figures of an abort say they are partial.
func TestEveryOutcome(t *testing.T) {
	for _, tc := range []struct {
		outcome, result, typ, out string
	}{
		{"met", "pass", "", "objective rto: met (target"},
		{"missed", "failure", "objective", "objective rto: MISSED (target"},
		{"aborted", "error", "aborted", "PARTIAL figures, measured up to the abort (" + recordtest.AbortReason + "):\n"},
		{"observed", "pass", "", "Observed: no objectives, so nothing was judged"},
		{"no effect", "failure", "no effect", "objective rto: not judged (target"},
		{"regressed", "failure", "regressed", "baseline rto: RTO 5.8s (±1s); median of last 5"},
	} {
		var s suites
		if err := xml.Unmarshal(render(t, recordtest.OutcomeRecord(t, tc.outcome)), &s); err != nil {
			t.Fatal(err)
		}
		c := s.Suite.Cases[0]
		got, typ := "pass", ""
		switch {
		case c.Error != nil:
			got, typ = "error", c.Error.Type
		case c.Failure != nil:
			got, typ = "failure", c.Failure.Type
		case c.Skipped != nil:
			got = "skipped"
		}
		if got != tc.result || typ != tc.typ || (c.Error != nil && c.Failure != nil) {
			t.Errorf("%s: %s %q, want %s %q", tc.outcome, got, typ, tc.result, tc.typ)
		}
		if !strings.Contains(c.SystemOut, tc.out) || !strings.Contains(c.SystemOut, "excluded as protected: "+recordtest.ProtectedID) {
			t.Errorf("%s: system-out lacks %q:\n%s", tc.outcome, tc.out, c.SystemOut)
		}
		if tc.outcome != "met" && strings.Contains(string(render(t, recordtest.OutcomeRecord(t, tc.outcome))), "PASSED") {
			t.Errorf("%s: the report says PASSED", tc.outcome)
		}
	}
}
