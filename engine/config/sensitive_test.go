package config_test

import (
	"testing"

	"github.com/gameday-dev/gameday/faults/catalog"

	"github.com/gameday-dev/gameday/engine/config"
)

type learner struct{ seen *config.GameDay }

func (l *learner) Learn(gd *config.GameDay) { l.seen = gd }

// What a game day computes from a secret is known as sensitive, and the
// Learner sees the game day even when it has errors, before any of its
// diagnostics can be printed.
func TestValuesComputedFromSecretsAreSensitive(t *testing.T) {
	var seen learner
	l := config.NewLoader(config.LoadOptions{
		Registry: catalog.Registry(),
		Environ:  []string{config.EnvVarPrefix + "api_token=s3cr3t"},
		Learner:  &seen,
	})
	gd, diags := l.LoadSource("t.hcl", []byte(`
variable "api_token" {
  sensitive = true
}
locals {
  signed = upper(var.api_token)
  plain  = "https://example.com"
}
gameday "t" {
  probe "http" "keyed" {
    url = "ftp://127.0.0.1/health?key=${local.signed}"
  }
  probe "http" "plain" {
    url = "${local.plain}/health"
  }
`+oneScenario+`
}
`))
	if !diags.HasErrors() {
		t.Fatal("the ftp URL was accepted")
	}
	if seen.seen == nil || seen.seen != gd {
		t.Fatalf("the Learner saw %p, LoadSource returned %p", seen.seen, gd)
	}
	var got []string
	for _, v := range gd.SensitiveValues {
		got = append(got, v.AsString())
	}
	want := []string{"S3CR3T", "ftp://127.0.0.1/health?key=S3CR3T"}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("sensitive values %q, want %q", got, want)
	}
}
