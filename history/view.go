package history

import (
	"context"
	"slices"
	"sort"
	"time"

	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/engine/state"
)

// Query narrows what is read: the newest Last runs (0: all) started at or
// after Since (zero: any).
type Query struct {
	Last  int
	Since time.Time
}

// View is a game day's runs, newest first, as `gameday history NAME`
// shows them.
type View struct {
	GameDay string
	Store   string
	// Total is how many runs the history holds; Runs the ones shown.
	Total int
	Since time.Time
	Runs  []*Entry
	// Unreadable are entries that could not be read, newest first.
	Unreadable []Unreadable
}

// Unreadable is an entry that could not be read, and why.
type Unreadable struct {
	Run   string `json:"run"`
	Error string `json:"error"`
}

// Load reads the newest runs of game day name that q asks for. Only those
// entries are read, newest first, one batch at a time.
func Load(ctx context.Context, st state.Store, name string, q Query) (*View, error) {
	runs, err := Runs(ctx, st, name)
	if err != nil {
		return nil, err
	}
	v := &View{GameDay: name, Store: st.String(), Total: len(runs), Since: q.Since}
	err = Walk(ctx, st, name, runs, func(run string, e *Entry, err error) bool {
		if err != nil {
			v.Unreadable = append(v.Unreadable, Unreadable{Run: run, Error: err.Error()})
			return true
		}
		if !q.Since.IsZero() && e.Started.Before(q.Since) {
			return false // run ids sort by start: every older one is older still
		}
		v.Runs = append(v.Runs, e)
		return q.Last <= 0 || len(v.Runs) < q.Last
	})
	return v, err
}

// Overview is every game day with a history, one summary each.
type Overview struct {
	Store    string
	GameDays []Summary
}

// Summary is one game day's latest runs.
type Summary struct {
	Name  string
	Total int
	// Recent are its newest runs, newest first (the first is its last
	// run); empty when none could be read.
	Recent     []*Entry
	Unreadable []Unreadable
}

// LoadOverview reads the newest runs (q) of every game day in st.
func LoadOverview(ctx context.Context, st state.Store, q Query) (*Overview, error) {
	gds, err := GameDays(ctx, st)
	if err != nil {
		return nil, err
	}
	dirs := make([]string, 0, len(gds))
	for d := range gds {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	o := &Overview{Store: st.String()}
	for _, d := range dirs {
		s := Summary{Name: d, Total: len(gds[d])}
		err := walkDir(ctx, st, d, gds[d], func(run string, e *Entry, err error) bool {
			if err != nil {
				s.Unreadable = append(s.Unreadable, Unreadable{Run: run, Error: err.Error()})
				return true
			}
			if !q.Since.IsZero() && e.Started.Before(q.Since) {
				return false
			}
			s.Name = e.GameDay
			s.Recent = append(s.Recent, e)
			return q.Last <= 0 || len(s.Recent) < q.Last
		})
		if err != nil {
			return nil, err
		}
		o.GameDays = append(o.GameDays, s)
	}
	return o, nil
}

// walkDir is Walk for a key component whose game day's exact name is not
// known yet: it is the name of the entries found there.
func walkDir(ctx context.Context, st state.Store, dir string, runs []string, fn func(string, *Entry, error) bool) error {
	name := dir
	if len(runs) > 0 {
		if e, err := Read(ctx, st, dir, runs[len(runs)-1]); err == nil {
			name = e.GameDay
		}
	}
	return Walk(ctx, st, name, runs, fn)
}

// Trend is one figure of one scenario across runs, oldest first.
type Trend struct {
	Scenario string       `json:"scenario"`
	Figure   string       `json:"figure"`
	Unit     string       `json:"unit"`
	Points   []TrendPoint `json:"points"`
}

// TrendPoint is one run's value of the figure; Known is false when the
// run did not measure it (Reason says why), AtLeast for a lower bound.
type TrendPoint struct {
	Run        string `json:"run"`
	Value      int64  `json:"value"`
	Resolution int64  `json:"resolution"`
	Known      bool   `json:"known"`
	AtLeast    bool   `json:"at_least,omitempty"`
	Regressed  bool   `json:"regressed,omitempty"`
	Reason     string `json:"reason,omitempty"`
}

// Trends is every figure some run measured, per scenario (in the order
// of the newest run's scenarios, then any older ones), over runs (newest
// first, as a View holds them); points are oldest first.
func Trends(runs []*Entry) []Trend {
	var names []string
	for _, e := range runs {
		for _, s := range e.Scenarios {
			if !slices.Contains(names, s.Name) {
				names = append(names, s.Name)
			}
		}
	}
	var out []Trend
	for _, name := range names {
		for _, fig := range measure.BaselineFigures() {
			tr := Trend{Scenario: name, Figure: fig, Unit: Unit(fig)}
			known := false
			for i := len(runs) - 1; i >= 0; i-- {
				p := TrendPoint{Run: runs[i].Run, Reason: "the run had no such scenario"}
				if s := runs[i].Scenario(name); s != nil {
					v := s.Value(fig)
					p = TrendPoint{Run: runs[i].Run, Value: v.Value, Resolution: v.Resolution, Known: v.Known, AtLeast: v.AtLeast,
						Regressed: slices.Contains(s.Regressed, fig)}
					if !v.Known {
						p.Reason = v.Reason
					}
					known = known || v.Known
				}
				tr.Points = append(tr.Points, p)
			}
			if known {
				out = append(out, tr)
			}
		}
	}
	return out
}
