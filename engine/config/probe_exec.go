package config

import "github.com/hashicorp/hcl/v2"

// ExecProbe runs a local command and passes when it exits with status 0
// within the probe's timeout (kind "exec"). The command runs with the
// rights of the user running gameday, without a shell: Command[0] is the
// program and the rest are its arguments.
type ExecProbe struct {
	Command    []string
	DeclRange  hcl.Range
	AttrRanges map[string]hcl.Range
}

func execProbeKind() Kind {
	return Kind{
		Name: "exec",
		// The timeout is the probe's common timeout argument.
		Schema: Schema([]string{"command!"}),
		Decode: func(b KindBody) any {
			a := b.Args
			p := &ExecProbe{Command: a.Strings("command"), DeclRange: b.DeclRange, AttrRanges: a.Ranges()}
			if a.Has("command") && (len(p.Command) == 0 || p.Command[0] == "") {
				a.Errorf("command", "Empty command", "The command list must start with the program to run, such as [\"curl\", \"-fsS\", \"https://example.com\"].")
			}
			return p
		},
	}
}
