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

// Document is `gameday history --format json NAME`: one game day's runs
// shown (newest first), how many are stored, and the trend of each figure
// (oldest first).
type Document struct {
	Schema        string               `json:"schema"`
	SchemaVersion int                  `json:"schema_version"`
	Kind          string               `json:"kind"`
	Store         string               `json:"store"`
	GameDay       string               `json:"gameday"`
	Total         int                  `json:"total"`
	Since         *record.Time         `json:"since,omitempty"`
	Runs          []*history.Entry     `json:"runs"`
	Trends        []history.Trend      `json:"trends"`
	Unreadable    []history.Unreadable `json:"unreadable,omitempty"`
}

// OverviewDocument is `gameday history --format json` without NAME: one
// summary per game day.
type OverviewDocument struct {
	Schema        string       `json:"schema"`
	SchemaVersion int          `json:"schema_version"`
	Kind          string       `json:"kind"`
	Store         string       `json:"store"`
	GameDays      []GameDayDoc `json:"gamedays"`
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
	d := Document{Schema: Schema, SchemaVersion: SchemaVersion, Kind: KindGameDay, Store: v.Store, GameDay: v.GameDay,
		Total: v.Total, Runs: v.Runs, Trends: history.Trends(v.Runs), Unreadable: v.Unreadable}
	if d.Runs == nil {
		d.Runs = []*history.Entry{}
	}
	if d.Trends == nil {
		d.Trends = []history.Trend{}
	}
	if !v.Since.IsZero() {
		s := record.At(v.Since)
		d.Since = &s
	}
	return encode(w, d)
}

// OverviewJSON writes the overview as an OverviewDocument.
func OverviewJSON(w io.Writer, o *history.Overview) error {
	d := OverviewDocument{Schema: Schema, SchemaVersion: SchemaVersion, Kind: KindOverview, Store: o.Store, GameDays: []GameDayDoc{}}
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

func encode(w io.Writer, d any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(d); err != nil {
		return fmt.Errorf("writing the history as JSON: %w", err)
	}
	return nil
}
