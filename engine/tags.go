package engine

// Tag keys gameday puts on the resources it changes, so that leftovers can
// be found without the journal. Keep them stable: older runs are recovered
// with them.
const (
	TagRun      = "gameday:run"      // run id
	TagFault    = "gameday:fault"    // scenario/kind.name
	TagSnapshot = "gameday:snapshot" // compact revert data where it fits in a tag value
)
