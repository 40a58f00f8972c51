package redact_test

import (
	"testing"

	"github.com/gameday-dev/gameday/faults/catalog"

	"github.com/gameday-dev/gameday/engine/config"
)

// load decodes a game day whose variable api_token is sensitive and set
// from the environment, so that its value is nowhere in the source.
func load(t *testing.T, token, src string) *config.GameDay {
	t.Helper()
	l := config.NewLoader(config.LoadOptions{Registry: catalog.Registry(), Environ: []string{config.EnvVarPrefix + "api_token=" + token}})
	gd, diags := l.LoadSource("t.hcl", []byte(src))
	if diags.HasErrors() || gd == nil {
		t.Fatalf("load: %v", diags)
	}
	return gd
}

// gameDay wraps probe blocks and a report block in a valid game day with
// a sensitive api_token variable.
func gameDay(body string) string {
	return `
variable "api_token" {
  sensitive = true
}
gameday "t" {
` + body + `
  scenario "one" {
    fault "ec2_kill" "web" {
      action = "reboot"
      select {
        ids = ["i-0123456789abcdef0"]
      }
    }
  }
}
`
}
