package history

import (
	"fmt"

	"github.com/gameday-dev/gameday/engine/measure"
)

// Env is where a run ran: figures from another account, region or from
// the sandbox say nothing about this environment's.
type Env struct {
	Account, Region string
	Sandbox         bool
}

func (e Env) String() string {
	if e.Sandbox {
		return "the sandbox"
	}
	return fmt.Sprintf("account %s, region %s", e.Account, e.Region)
}

// EnvOf is the environment of an entry.
func EnvOf(e *Entry) Env { return Env{Account: e.Account, Region: e.Region, Sandbox: e.Sandbox} }

// notComparable says why scenario name of stored run e cannot be compared
// with a run of version hash in env, or "" when it can. A run is left out
// when it was aborted (its figures are partial) or left changes in place,
// ran elsewhere, or ran another version of the scenario; a scenario is
// left out when it was not measured, was aborted or its fault had no
// effect.
func notComparable(e *Entry, name, hash string, env Env) string {
	switch {
	case e.Aborted != "" || e.Outcome == measure.OutcomeAborted:
		return "the run was aborted: " + orText(e.Aborted, e.Reason)
	case e.Leftovers > 0:
		return fmt.Sprintf("the run left %d change(s) unreverted", e.Leftovers)
	case EnvOf(e) != env:
		return "ran against " + EnvOf(e).String() + ", not " + env.String()
	}
	s := e.Scenario(name)
	switch {
	case s == nil:
		return "the run had no scenario " + name
	case s.Skipped != "":
		return "the scenario was skipped: " + s.Skipped
	case s.Hash == "":
		return "recorded before scenario versions were kept"
	case s.Hash != hash:
		return "another version of the scenario (" + s.Hash + ", this run " + hash + ")"
	case s.Outcome == "":
		return "the scenario was not measured"
	case s.Outcome == measure.OutcomeAborted:
		return "the scenario was aborted: " + s.Reason
	case s.Outcome == measure.OutcomeNoEffect:
		return "the scenario's fault had no effect"
	}
	return ""
}
