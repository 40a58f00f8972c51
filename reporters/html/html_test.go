package html_test

import (
	"encoding/xml"
	"flag"
	"regexp"
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/reporters/html"
	"github.com/gameday-dev/gameday/reporters/record/recordtest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func render(t *testing.T) []byte { return recordtest.Render(t, html.Render) }

func TestGolden(t *testing.T) {
	recordtest.Golden(t, "report.html", render(t), *update)
}

// One file, readable without a network: no script, no external resource.
func TestSelfContained(t *testing.T) {
	out := string(render(t))
	for _, bad := range []*regexp.Regexp{
		regexp.MustCompile(`(?i)<script`),
		regexp.MustCompile(`(?i)<link\b`),
		regexp.MustCompile(`(?i)(src|href)\s*=\s*"(https?:)?//`),
		regexp.MustCompile(`(?i)url\(`),
		regexp.MustCompile(`(?i)@import|@font-face`),
		regexp.MustCompile(`(?i)<(img|iframe|object|embed)\b`),
	} {
		if m := bad.FindString(out); m != "" {
			t.Errorf("the HTML report refers outside itself: %q", m)
		}
	}
}

func TestNoSecret(t *testing.T) { recordtest.NoSecret(t, render(t)) }

// The overview timeline draws every element the report promises, from the
// fixture's events.
func TestTimelineElements(t *testing.T) {
	out := string(render(t))
	start := strings.Index(out, "<svg")
	end := strings.Index(out, "</svg>")
	if start < 0 || end < start {
		t.Fatal("no SVG timeline")
	}
	svg := out[start : end+len("</svg>")]
	// The SVG is well-formed XML on its own.
	if err := xml.Unmarshal([]byte(svg), new(struct{})); err != nil {
		t.Fatalf("the SVG timeline is not well-formed: %v", err)
	}
	for class, why := range map[string]string{
		`class="pass"`:             "probe pass band",
		`class="fail"`:             "probe fail band",
		`class="inconclusive"`:     "inconclusive checks of dns.app",
		`class="fault"`:            "fault span",
		`class="fault-left"`:       "the NAT route left unreverted",
		`class="alarm-alarm"`:      "checkout-5xx in ALARM",
		`class="alarm-ok"`:         "checkout-5xx back to OK",
		`class="lost"`:             "lost canary writes",
		`class="unack"`:            "unacknowledged canary writes",
		`class="marker inject"`:    "injection marker",
		`class="marker detect"`:    "detection marker",
		`class="marker recovered"`: "RTO marker",
		`class="marker failback"`:  "failback marker",
		`class="marker stop"`:      "stop marker",
	} {
		if !strings.Contains(svg, class) {
			t.Errorf("the timeline lacks the %s (%s)", why, class)
		}
	}
	for _, label := range []string{"RTO 5.8s", "RTO 19s", "detect 4.5s", ">http.health<", ">dns.app<", ">checkout-5xx<", ">http.orders<"} {
		if !strings.Contains(svg, label) {
			t.Errorf("the timeline lacks %q", label)
		}
	}
	// One overview plus one per scenario that ran.
	if n := strings.Count(out, "<svg"); n != 3 {
		t.Errorf("%d timelines, want 3", n)
	}
}

// Each outcome has its own badge, colour and words, in the table, the
// notes, the objectives and the scenario lane: "passed" and "met" only for
// objectives judged and met.
func TestEveryOutcome(t *testing.T) {
	for _, tc := range []struct {
		outcome string
		want    []string
		not     []string
	}{
		{"met", []string{`<span class="badge ok">passed: every objective met</span>`, `<td><span class="met">met</span></td>`, `<rect class="scn-met"`},
			[]string{"(partial)", "<b>Observed:</b>"}},
		{"missed", []string{`<span class="badge bad">failed: an objective was missed</span>`, `<span class="missed">missed rto</span>`, `<rect class="scn-missed"`},
			[]string{"passed:"}},
		{"aborted", []string{`<span class="badge aborted">aborted</span>`, "<b>Aborted:</b> " + recordtest.AbortReason + ". The figures are partial.",
			`<span class="aborted">aborted (partial figures)</span>`, "<caption>Partial figures: measured up to the abort</caption>",
			`<span class="met">met (partial)</span>`, `<rect class="scn-aborted"`}, []string{"passed:", `<span class="met">met</span>`}},
		{"observed", []string{`<span class="badge observed">observed: no objectives</span>`, "<b>Observed:</b> no objectives.",
			`<span class="observed">observed (no objectives)</span>`, `<rect class="scn-observed"`}, []string{"passed:", `<span class="met">`, `<rect class="scn-met"`}},
		{"no effect", []string{`<span class="badge noeffect">no effect</span>`, "<b>No effect:</b> lose-one-web-instance/ec2_kill.web: " + recordtest.NoEffectReason,
			`<span class="noeffect">not judged</span>`, "not assessed: the fault had no effect", `<rect class="scn-noeffect"`,
			`; <span class="noeffect">no effect</span>: ` + recordtest.NoEffectReason}, []string{"passed:", `<span class="met">`, "multi-site", `<rect class="scn-met"`}},
		{"regressed", []string{`<span class="badge regressed">regressed: a figure is worse than its history allows</span>`, "<b>Regressed:</b> lose-one-web-instance: RTO 5.8s",
			`<span class="regressed">regressed rto</span>`, `<rect class="scn-regressed"`, "<h3>Against its history</h3>", `<svg class="trend"`, `class="dot flag"`,
			`<span class="regressed">regressed</span>: RTO 5.8s`, "<code>" + recordtest.SkippedRun + "</code> (" + recordtest.SkippedReason + ")"}, []string{"passed:", `<rect class="scn-met"`}},
	} {
		var b strings.Builder
		if err := html.Render(&b, recordtest.OutcomeRecord(t, tc.outcome)); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		for _, w := range append(tc.want, "; excluded as protected: "+recordtest.ProtectedID+" (Environment=production)") {
			if !strings.Contains(out, w) {
				t.Errorf("%s: the HTML report lacks %q", tc.outcome, w)
			}
		}
		for _, w := range tc.not {
			if strings.Contains(out, w) {
				t.Errorf("%s: the HTML report says %q", tc.outcome, w)
			}
		}
		recordtest.NoSecret(t, []byte(out))
	}
}
