package historyreport

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/gameday-dev/gameday/history"
	"github.com/gameday-dev/gameday/reporters/record"
)

// Schema names the JSON document; SchemaVersion changes when a field is
// removed or changes meaning (docs/history.md).
const (
	Schema        = "gameday-history"
	SchemaVersion = 1
)

// Document is `gameday history --format json`: one game day's runs
// (Kind "gameday") or every game day's latest (Kind "overview").
type Document struct {
	Schema        string `json:"schema"`
	SchemaVersion int    `json:"schema_version"`
	Kind          string `json:"kind"`
	Store         string `json:"store"`
	// One game day: its name, how many runs are stored, the runs shown
	// (newest first) and the trend of each figure (oldest first).
	GameDay    string               `json:"gameday,omitempty"`
	Total      *int                 `json:"total,omitempty"`
	Since      *record.Time         `json:"since,omitempty"`
	Runs       []*history.Entry     `json:"runs,omitempty"`
	Trends     []history.Trend      `json:"trends,omitempty"`
	Unreadable []history.Unreadable `json:"unreadable,omitempty"`
	// Overview: one summary per game day.
	GameDays []GameDayDoc `json:"gamedays,omitempty"`
}

// GameDayDoc is one game day of the overview.
type GameDayDoc struct {
	Name       string               `json:"name"`
	Total      int                  `json:"total"`
	Last       *history.Entry       `json:"last,omitempty"`
	Trends     []history.Trend      `json:"trends"`
	Unreadable []history.Unreadable `json:"unreadable,omitempty"`
}

// Document kinds.
const (
	KindGameDay  = "gameday"
	KindOverview = "overview"
)

// JSON writes a game day's history as a Document.
func JSON(w io.Writer, v *history.View) error {
	total := v.Total
	d := Document{Schema: Schema, SchemaVersion: SchemaVersion, Kind: KindGameDay, Store: v.Store, GameDay: v.GameDay,
		Total: &total, Runs: v.Runs, Trends: history.Trends(v.Runs), Unreadable: v.Unreadable}
	if d.Runs == nil {
		d.Runs = []*history.Entry{}
	}
	if !v.Since.IsZero() {
		s := record.At(v.Since)
		d.Since = &s
	}
	return encode(w, d)
}

// OverviewJSON writes the overview as a Document.
func OverviewJSON(w io.Writer, o *history.Overview) error {
	d := Document{Schema: Schema, SchemaVersion: SchemaVersion, Kind: KindOverview, Store: o.Store, GameDays: []GameDayDoc{}}
	for _, g := range o.GameDays {
		gd := GameDayDoc{Name: g.Name, Total: g.Total, Trends: history.Trends(g.Recent), Unreadable: g.Unreadable}
		if gd.Trends == nil {
			gd.Trends = []history.Trend{}
		}
		if len(g.Recent) > 0 {
			gd.Last = g.Recent[0]
		}
		d.GameDays = append(d.GameDays, gd)
	}
	return encode(w, d)
}

func encode(w io.Writer, d Document) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(d); err != nil {
		return fmt.Errorf("writing the history as JSON: %w", err)
	}
	return nil
}
