package measure

// GameDay is the verdict over all scenarios of a run.
type GameDay struct {
	Met       bool              `json:"met"`
	Scenarios []ScenarioVerdict `json:"scenarios"`
}

// ScenarioVerdict summarises one scenario for the game-day verdict.
type ScenarioVerdict struct {
	Scenario string   `json:"scenario"`
	Met      bool     `json:"met"`
	Outcome  string   `json:"outcome"`
	Missed   []string `json:"missed,omitempty"`
	Stopped  string   `json:"stopped,omitempty"`
}

// Summarize is the game day's verdict: met when every scenario met all its
// objectives. A scenario stopped by a stop condition is "aborted" (its
// figures are partial) and one whose fault changed nothing is "no effect":
// neither is met. The runner decides the exit code for aborts.
func Summarize(results []Result) GameDay {
	g := GameDay{Met: true}
	for _, r := range results {
		sv := ScenarioVerdict{Scenario: r.Scenario, Met: r.Verdict.Met, Outcome: r.Verdict.Outcome, Missed: r.Verdict.Missed(), Stopped: r.Stopped}
		g.Met = g.Met && sv.Met
		g.Scenarios = append(g.Scenarios, sv)
	}
	return g
}
