// Package redacttest gives tests a context carrying the redactor of a game
// day with a planted secret, so that every output path can be checked for
// it the same way.
package redacttest

import (
	"context"
	"testing"

	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/engine/redact"
)

// Context carries the redactor of a game day whose sensitive variable
// api_token is token, used in a probe URL's query (with another query
// value beside it, which must survive).
func Context(t testing.TB, token string) context.Context {
	t.Helper()
	l := config.NewLoader(config.LoadOptions{Registry: registry(), Environ: []string{config.EnvVarPrefix + "api_token=" + token}})
	gd, diags := l.LoadSource("t.hcl", []byte(`
variable "api_token" {
  sensitive = true
}
gameday "t" {
  probe "http" "h" {
    url = "http://127.0.0.1:8080/health?key=${var.api_token}&format=json"
  }
  scenario "one" {
    fault "stand_in" "web" {}
  }
}
`))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return redact.NewContext(context.Background(), redact.For(gd))
}

// registry is the language's without the fault catalog (which sits above
// the engine): a stand-in fault kind is enough for a game day whose faults
// play no part in redaction.
func registry() *config.Registry {
	r := config.DefaultRegistry()
	r.MustRegister(config.ClassFault, config.Kind{Name: "stand_in", Schema: config.Schema(nil), Decode: func(config.KindBody) any { return &struct{}{} }})
	return r
}
