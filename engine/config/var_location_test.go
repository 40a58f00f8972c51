package config_test

import (
	"testing"

	"github.com/gameday-dev/gameday/faults/catalog"

	"github.com/gameday-dev/gameday/engine/config"
)

// TestVarOptionDiagnosticsHaveALocation checks that a problem with a --var
// option or a GAMEDAY_VAR_ variable names where it comes from, for the
// JSON output of editors and CI: File "--var" and Line the option's place.
func TestVarOptionDiagnosticsHaveALocation(t *testing.T) {
	dir := writeFiles(t, map[string]string{"g.hcl": `variable "azs" { type = list(string) }
variable "count" { type = number }
gameday "g" {` + oneScenario + "\n}\n"})
	l := config.NewLoader(config.LoadOptions{
		Registry: catalog.Registry(),
		Vars:     []string{"azs=[\"a\"]", "no-equals", "nope=1", "count=many", "azs=[1,"},
		Environ:  []string{"GAMEDAY_VAR_count=lots"},
	})
	_, diags := l.LoadFile(dir + "/g.hcl")
	want := map[string][2]int{ // summary -> line, column
		"Invalid --var option":          {2, 1},
		"Value for undeclared variable": {3, 1},
	}
	got := map[string]config.JSONDiagnostic{}
	for _, jd := range config.ToJSON(diags) {
		if jd.File == "" {
			t.Errorf("no location: %s: %s", jd.Summary, jd.Detail)
		}
		got[jd.File+" "+jd.Summary] = jd
	}
	for summary, pos := range want {
		jd, ok := got["--var "+summary]
		if !ok || jd.Line != pos[0] || jd.Column != pos[1] {
			t.Errorf("%s: got %+v, want --var line %d column %d", summary, jd, pos[0], pos[1])
		}
	}
	// The value of the 4th option starts at column 7 ("count=" is 6).
	if jd, ok := got["--var Invalid value for variable"]; !ok || jd.Line != 4 || jd.Column != 7 {
		t.Errorf("bad number: got %+v, want --var line 4 column 7", jd)
	}
	if !at(got, "--var", 5) {
		t.Errorf("the syntax error in the 5th --var is not on line 5: %+v", got)
	}
	if _, ok := got["env GAMEDAY_VAR_count Invalid value for variable"]; !ok {
		t.Errorf("the environment variable is not named as the location: %+v", got)
	}
}

func at(got map[string]config.JSONDiagnostic, file string, line int) bool {
	for _, jd := range got {
		if jd.File == file && jd.Line == line {
			return true
		}
	}
	return false
}
