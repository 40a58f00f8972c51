// Package config loads game-day files: HCL with variables, locals,
// functions and the sandbox namespace, decoded into typed Go structs and
// checked without touching the network.
//
// # Using it
//
//	l := config.NewLoader(config.LoadOptions{
//		Vars:     []string{"az=us-east-1b"}, // --var, in order
//		VarFiles: []string{"staging.vars.hcl"},
//		Environ:  os.Environ(),
//	})
//	g, diags := l.LoadFile("experiments/staging-full.hcl")
//	config.WriteDiagnostics(os.Stderr, l.Files(), diags, config.FormatText, 100, false)
//	if diags.HasErrors() {
//		return // nothing may run
//	}
//	for _, sc := range g.Scenarios {
//		for _, f := range sc.Faults {
//			switch spec := f.Spec.(type) {
//			case *config.EC2Kill: // ...
//			}
//		}
//	}
//
// Other entry points: Loader.LoadSource (source in memory), LoadFiles,
// ExpandPaths (FILE|DIR arguments to *.hcl files), ToJSON and
// CountDiagnostics.
//
// A GameDay holds the guard, stop conditions, probes, canaries, scenarios
// (with faults and objectives) and the report settings. Labelled blocks
// whose first label is a kind (probe, canary, fault, stop_when) are decoded
// in two passes: the arguments common to the class (a probe's interval, a
// fault's duration...) and then the rest of the body against the schema the
// kind registered in the Registry. The kind's typed struct is in the
// block's Spec field: *HTTPProbe, *EC2Kill, *FISAZBlackout and so on. New
// kinds are added with Registry.Register without touching the parser;
// DefaultRegistry returns every built-in kind.
//
// Every decoded struct keeps DeclRange (the block header) and AttrRanges
// (argument name -> range of "name = value"), so that an error found at run
// time, an AWS error included, can be reported as a diagnostic pointing at
// the block or argument that caused it.
//
// # The language
//
// Top level: variable "name" { type, default, description, sensitive,
// validation { condition, error_message } }, locals { ... } and exactly one
// gameday "name" { ... }. Values: var.NAME, local.NAME, sandbox.KEY and the
// functions Terraform users know (upper, format, join, merge, jsonencode,
// try, ...), plus env(name[, default]) and file(path). Durations are Go
// durations ("500ms", "2m", "1h30m"). min_availability is a fraction
// (0.999) or a percentage string ("99.9%"). References to probes are
// written without quotes: probe.http.checkout.
//
// Variable values, in increasing precedence: default, GAMEDAY_VAR_<name>
// in LoadOptions.Environ, var files in order, --var in order. A --var naming
// an undeclared variable is an error; in a var file it is a warning
// (var files are shared between game days).
//
// Addresses of the built-in sandbox are written sandbox.url,
// sandbox.dns_server and so on (SandboxKeys). LoadOptions.Sandbox supplies
// them; when nil, placeholders that pass every check are used. Any use sets
// GameDay.UsesSandbox.
//
// # Diagnostics
//
// Every problem in every file is collected (Summary short and stable,
// Detail a full sentence, Subject the range); the loader never stops at the
// first. WriteDiagnostics prints them as text with source snippets or as
// JSON. A problem with a --var option points at the pseudo-file "--var",
// line N for the N-th option; one with GAMEDAY_VAR_x at "env GAMEDAY_VAR_x".
//
// # Limits
//
// No input crashes, hangs or floods the loader (limits.go says why each
// value): only regular files are read (not FIFOs, devices or
// directories), at most MaxFileSize bytes of UTF-8 text without NUL bytes;
// source nesting deeper than MaxNesting (blocks, brackets, operators,
// templates) is refused before any parser sees it, as are --var values and
// jsondecode text; a file's diagnostics are sorted by position and capped
// at MaxDiagnosticsPerFile, one more counting the rest (CountDiagnostics
// includes them).
package config
