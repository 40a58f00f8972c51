package engine

// NotImplementedError says that the endpoint does not implement an API a
// check needs (an emulator's gap). Nothing is known to be left behind and
// nothing could be checked: callers report "cannot check", never a failed
// revert or a leftover.
type NotImplementedError struct {
	What string // "FIS templates"
	API  string // "ListExperimentTemplates"
	Err  error
}

func (e *NotImplementedError) Error() string {
	return "cannot check " + e.What + ": the endpoint does not implement " + e.API
}

func (e *NotImplementedError) Unwrap() error { return e.Err }
