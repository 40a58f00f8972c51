// Package experiments holds example game days users copy, and embeds the
// sandbox demo so that `gameday demo` works from any directory.
package experiments

import _ "embed"

// demoSource is read-only: go:embed needs a package-level variable.
//
//go:embed sandbox-demo.hcl
var demoSource []byte

// DemoFile is the demo game day's file name, for diagnostics.
const DemoFile = "experiments/sandbox-demo.hcl"

// Demo returns a copy of the sandbox demo game day's source.
func Demo() []byte { return append([]byte(nil), demoSource...) }
