package engine

// Exit codes of gameday, the same for every verb (design: "The run"). The
// runner maps a result to one of them and main exits with it; nothing else
// defines them.
const (
	// ExitOK: every objective met (or, for other verbs, everything done).
	ExitOK = 0
	// ExitMissed: an objective was missed, or a fault had no effect; also
	// the code of failures a verb did not classify.
	ExitMissed = 1
	// ExitAborted: a stop condition, a signal or an AWS API failure
	// aborted the run (the result's abort cause says which).
	ExitAborted = 2
	// ExitInvalid: invalid input or usage, or a refused preflight: nothing
	// was touched.
	ExitInvalid = 3
	// ExitLeftover: a revert or cleanup could not be completed; what is
	// left is listed.
	ExitLeftover = 4
)
