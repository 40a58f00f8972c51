package draft

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"

	"github.com/gameday-dev/gameday/discover"
)

// Options say how to write the game day beyond what was discovered.
type Options struct {
	// Name is the game day's name.
	Name string
	// Command is the command line that discovered the account, quoted in
	// the header so the file can be written again.
	Command string
	// Sandbox shortens every duration to the built-in sandbox's clock,
	// which runs in seconds where AWS's runs in minutes.
	Sandbox bool
	// Refs are expressions for values the backend publishes: a value found
	// in the account that equals one (or, for a URL, starts with one) is
	// written as the expression, so that a file written against one start
	// of the sandbox runs against the next ("sandbox.url").
	Refs map[string]string
	// Unreachable says, per endpoint URL, why a probe of it could not be
	// confirmed (no answer, an error status); an endpoint absent from the
	// map answered. Probes of unreachable endpoints are commented out.
	Unreachable map[string]string
}

// pace are the durations of the faults and objectives.
type pace struct {
	fault, blackout, killRTO, rto, failback, interval, timeout string
}

// The defaults for AWS are conservative starting points that the file
// tells the user to adjust: five minutes of a fault is long enough for
// Route 53 (failure threshold x interval + TTL) and an ASG to react, short
// enough to bound the damage of a wrong guess.
func (o Options) pace() pace {
	if o.Sandbox {
		return pace{fault: "15s", blackout: "20s", killRTO: "60s", rto: "60s", failback: "60s", interval: "500ms", timeout: "500ms"}
	}
	return pace{fault: "5m", blackout: "5m", killRTO: "10m", rto: "5m", failback: "5m", interval: "2s", timeout: "2s"}
}

// str is the expression for a string found in the account: a backend
// reference when one matches, else a literal.
func (o Options) str(v string) hclwrite.Tokens {
	for _, ref := range slices.Sorted(maps.Keys(o.Refs)) {
		if v == ref {
			return expr(o.Refs[ref])
		}
	}
	for _, ref := range slices.Sorted(maps.Keys(o.Refs)) {
		if strings.Contains(ref, "://") && strings.HasPrefix(v, ref+"/") {
			return expr(`"${` + o.Refs[ref] + `}` + strings.TrimPrefix(quoted(v[len(ref):]), `"`))
		}
	}
	return expr(quoted(v))
}

// Write returns the game day, formatted as `gameday fmt` would.
func Write(a *discover.Account, d discover.Decisions, o Options) []byte {
	if o.Name == "" {
		o.Name = "first-game-day"
	}
	w := &writer{a: a, d: d, o: o, p: o.pace()}
	f := hclwrite.NewEmptyFile()
	root := f.Body()
	w.header(root)
	gd := root.AppendNewBlock("gameday", []string{o.Name}).Body()
	gd.SetAttributeValue("description", cty.StringVal(fmt.Sprintf("A first game day for account %s in %s, written by gameday init.", a.ID, a.Region)))
	gd.SetAttributeValue("region", cty.StringVal(a.Region))
	gd.AppendNewline()
	w.guard(gd)
	w.stop(gd)
	w.probes(gd)
	w.scenarios(gd)
	out := hclwrite.Format(f.Bytes())
	if !bytes.HasSuffix(out, []byte("\n")) {
		out = append(out, '\n')
	}
	return out
}

type writer struct {
	a *discover.Account
	d discover.Decisions
	o Options
	p pace
	// probe is the reference of the probe objectives measure recovery
	// with; "" when no probe could be confirmed.
	probe string
	// probeTodo says why there is no such probe.
	probeTodo string
}

func (w *writer) header(body *hclwrite.Body) {
	comment(body, fmt.Sprintf("A first game day for account %s in %s, written by `%s` from what it read "+
		"(read-only) in the account. Every resource below was found there; every duration and objective is a "+
		"starting point: adjust them to what your service promises. Review each TODO, then:", w.a.ID, w.a.Region, w.o.Command))
	comment(body, "\n  gameday validate FILE && gameday plan FILE && gameday run FILE")
	var kept []string
	if len(w.a.Filter.Select) > 0 {
		kept = append(kept, "only resources tagged "+tagText(w.a.Filter.Select)+" were kept")
	}
	if w.a.Protected > 0 {
		kept = append(kept, fmt.Sprintf("%d resources carrying a protected tag were left out and are not named here", w.a.Protected))
	}
	if len(kept) > 0 {
		comment(body, "Discovery: "+strings.Join(kept, "; ")+".")
	}
	for _, k := range slices.Sorted(maps.Keys(w.a.Unread)) {
		todo(body, k+" could not be read, so nothing below relies on them: "+w.a.Unread[k])
	}
	body.AppendNewline()
}

func tagText(m map[string]string) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, k+"="+m[k])
	}
	return strings.Join(parts, ", ")
}

func (w *writer) guard(gd *hclwrite.Body) {
	comment(gd, "Checked before anything is changed: another account or region is refused, and a resource "+
		"carrying a protected tag is never touched.")
	g := gd.AppendNewBlock("guard", nil).Body()
	g.SetAttributeValue("accounts", stringList([]string{w.a.ID}))
	g.SetAttributeValue("regions", stringList([]string{w.a.Region}))
	if len(w.a.Filter.Protect) > 0 {
		g.SetAttributeValue("protected_tags", stringMap(w.a.Filter.Protect))
	} else {
		todo(g, "no --protect tags were given: add protected_tags = { KEY = \"VALUE\" } for what must never be touched (production, shared services).")
	}
	comment(g, "The most targets any fault below reaches; raise it deliberately, never by default.")
	g.SetAttributeValue("max_targets", cty.NumberIntVal(int64(w.d.MaxTargets())))
	gd.AppendNewline()
}

func (w *writer) stop(gd *hclwrite.Body) {
	al := w.d.Alarms
	if al.Todo != "" {
		skipped(gd, "no stop alarm: "+al.Todo+". Add a stop_when \"cloudwatch_alarm\" block on the alarms that say your service is hurting.")
		return
	}
	comment(gd, "Abort and revert everything when one of these alarms fires: alarms on the load balancers, "+
		"groups and clusters the faults act on, service-level (composite) alarms first.")
	if len(al.Left) > 0 {
		comment(gd, "Not included: "+strings.Join(al.Left, "; ")+".")
	}
	s := gd.AppendNewBlock("stop_when", []string{"cloudwatch_alarm", "alarms"}).Body()
	s.SetAttributeValue("alarms", stringList(al.Names))
	gd.AppendNewline()
}
