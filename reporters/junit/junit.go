// Package junit writes the JUnit XML report CI systems read: the game day is
// a test suite, each scenario a test case whose result follows the
// scenario's outcome (see scenarioCase): a missed objective and a fault
// without effect are failures, a scenario aborted (stop condition, signal,
// failed injection) is an error, a scenario without objectives passes with
// a note, a scenario not run is skipped, and one more test case, "all
// changes reverted", errors when anything was left unreverted, so that a
// pipeline cannot go green over a broken environment. The output validates
// against the widely used Jenkins/Ant junit-10.xsd (testdata/junit-10.xsd).
package junit

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/gameday-dev/gameday/reporters/record"
)

type testsuites struct {
	XMLName  xml.Name    `xml:"testsuites"`
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Time     string      `xml:"time,attr"`
	Suites   []testsuite `xml:"testsuite"`
}

type testsuite struct {
	Name       string     `xml:"name,attr"`
	Tests      int        `xml:"tests,attr"`
	Failures   int        `xml:"failures,attr"`
	Errors     int        `xml:"errors,attr"`
	Skipped    int        `xml:"skipped,attr"`
	Time       string     `xml:"time,attr"`
	Timestamp  string     `xml:"timestamp,attr"`
	ID         string     `xml:"id,attr"`
	File       string     `xml:"file,attr,omitempty"`
	Properties []property `xml:"properties>property"`
	Cases      []testcase `xml:"testcase"`
	SystemOut  string     `xml:"system-out,omitempty"`
}

type property struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type testcase struct {
	Name      string   `xml:"name,attr"`
	Classname string   `xml:"classname,attr"`
	Time      string   `xml:"time,attr"`
	Skipped   *message `xml:"skipped"`
	Error     *message `xml:"error"`
	Failure   *message `xml:"failure"`
	SystemOut string   `xml:"system-out,omitempty"`
	SystemErr string   `xml:"system-err,omitempty"`
}

type message struct {
	Type    string `xml:"type,attr,omitempty"`
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

// Render writes rec as JUnit XML.
func Render(w io.Writer, rec *record.Record) error {
	s := suite(rec)
	doc := testsuites{Name: "gameday", Tests: s.Tests, Failures: s.Failures, Errors: s.Errors, Time: s.Time, Suites: []testsuite{s}}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("writing the JUnit report of run %s: %w", rec.Run.ID, err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// seconds renders a duration as the schema's time: seconds with a decimal
// point and no thousands separator.
func seconds(d time.Duration) string { return strconv.FormatFloat(d.Seconds(), 'f', 3, 64) }

func suite(rec *record.Record) testsuite {
	s := testsuite{
		Name: rec.GameDay.Name, Time: seconds(rec.Run.Duration.D()), Timestamp: rec.Run.Started.String(),
		ID: rec.Run.ID, File: rec.GameDay.File,
		Properties: []property{
			{"run_id", rec.Run.ID}, {"status", rec.Run.Status}, {"outcome", rec.Verdict.Outcome}, {"exit_code", strconv.Itoa(rec.Run.ExitCode)},
			{"account", rec.Caller.Account}, {"region", rec.Caller.Region}, {"sandbox", strconv.FormatBool(rec.Run.Sandbox)},
			{"journal", rec.Run.Journal},
		},
	}
	if rec.Run.Aborted != "" {
		s.Properties = append(s.Properties, property{"aborted", rec.Run.Aborted})
	}
	for _, sc := range rec.Scenarios {
		s.Cases = append(s.Cases, scenarioCase(rec, sc))
	}
	s.Cases = append(s.Cases, revertCase(rec))
	for _, c := range s.Cases {
		s.Tests++
		switch {
		case c.Error != nil:
			s.Errors++
		case c.Failure != nil:
			s.Failures++
		case c.Skipped != nil:
			s.Skipped++
		}
	}
	status := record.Headline(rec.Verdict.Outcome, rec.Verdict.Reason)
	if len(rec.Leftovers) > 0 {
		status += fmt.Sprintf("; %d change(s) NOT reverted", len(rec.Leftovers))
	}
	s.SystemOut = fmt.Sprintf("game day %s, run %s: %s (exit %d); account %s, region %s; journal %s",
		rec.GameDay.Name, rec.Run.ID, status, rec.Run.ExitCode, rec.Caller.Account, rec.Caller.Region, rec.Run.Journal)
	return s
}

func scenarioCase(rec *record.Record, sc record.Scenario) testcase {
	c := testcase{Name: sc.Name, Classname: rec.GameDay.Name, Time: "0.000"}
	if sc.Started != nil && sc.Ended != nil {
		c.Time = seconds(sc.Ended.Sub(sc.Started.Time))
	}
	if sc.Skipped != "" {
		c.Skipped = &message{Message: sc.Skipped}
		return c
	}
	m := sc.Measure
	if m == nil {
		c.Error = &message{Type: "error", Message: orText(sc.Error, "the scenario did not complete"), Text: sc.Error}
		return c
	}
	judge(&c, m)
	c.SystemOut = figures(sc)
	if sc.Error != "" {
		c.SystemErr = sc.Error
	}
	return c
}

func revertCase(rec *record.Record) testcase {
	c := testcase{Name: "all changes reverted", Classname: rec.GameDay.Name + ".reverts", Time: "0.000"}
	if len(rec.Leftovers) == 0 {
		c.SystemOut = "Every injected change was reverted and verified by re-reading."
		return c
	}
	var lines []string
	for _, l := range rec.Leftovers {
		ids := make([]string, 0, len(l.Targets))
		for _, t := range l.Targets {
			ids = append(ids, t.ID)
		}
		lines = append(lines, fmt.Sprintf("%s (%s) %s: %s", l.Batch, l.Kind, strings.Join(ids, ", "), l.Error))
	}
	lines = append(lines, fmt.Sprintf("Fix by hand or run `gameday recover %s`.", rec.Run.ID))
	c.Error = &message{Type: "leftover", Message: fmt.Sprintf("%d change(s) NOT reverted: still in effect", len(rec.Leftovers)), Text: strings.Join(lines, "\n")}
	return c
}

// figures lists every figure with its resolution, for the CI log.
func figures(sc record.Scenario) string {
	m := sc.Measure
	var b strings.Builder
	b.WriteString(figuresNote(m))
	fmt.Fprintf(&b, "RTO: %s%s\n", m.Recovery.RTO.Text, recovered(m.Recovery.RecoveredWhile))
	fmt.Fprintf(&b, "time to detect: %s\n", m.Detection.TTD.Text)
	fmt.Fprintf(&b, "RPO: %s (%d lost writes)\n", m.Data.RPO.Text, m.Data.Lost)
	fmt.Fprintf(&b, "failback: %s\n", m.Failback.Time.Text)
	fmt.Fprintf(&b, "downtime: %s\n", m.Downtime.Text)
	fmt.Fprintf(&b, "availability: %s\n", m.Availability.Text)
	fmt.Fprintf(&b, "error budget: %s\n", m.Budget.Text)
	fmt.Fprintf(&b, "DR tier: %s\n", m.TierText())
	for _, ch := range m.Verdict.Checks {
		fmt.Fprintf(&b, "objective %s: %s (target %s, observed %s)%s\n", ch.Objective, checkWord(m, ch), ch.Target, ch.Observed, dash(ch.Reason))
	}
	if bl := m.Baseline; bl != nil {
		fmt.Fprintf(&b, "baseline: the last %d comparable runs (%d found)%s\n", bl.Runs, len(bl.Compared), dash(bl.Error))
		for _, f := range bl.Figures {
			fmt.Fprintf(&b, "baseline %s: %s\n", f.Figure, f.Text)
		}
		for _, sk := range bl.Skipped {
			fmt.Fprintf(&b, "  skipped %s: %s\n", sk.Run, sk.Reason)
		}
	}
	for _, f := range sc.Faults {
		fmt.Fprintf(&b, "fault %s: %d target(s), %s", f.ID, len(f.Targets), f.Effect.Action)
		if f.Error != "" {
			fmt.Fprintf(&b, " (error: %s)", f.Error)
		}
		if f.NoEffect != "" {
			fmt.Fprintf(&b, " (no effect: %s)", f.NoEffect)
		}
		b.WriteString("\n")
		for _, e := range f.Excluded {
			fmt.Fprintf(&b, "  excluded as protected: %s (%s)\n", e.Target, e.Tag)
		}
	}
	return b.String()
}

func recovered(while string) string {
	if while == "" {
		return ""
	}
	return ", recovered " + whileText(while)
}

func dash(s string) string {
	if s == "" {
		return ""
	}
	return " — " + s
}

func orText(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func whileText(while string) string {
	if while == "fault_active" {
		return "while the fault was active (self-healed)"
	}
	return strings.ReplaceAll(while, "_", " ")
}
