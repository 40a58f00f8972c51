package command

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/gameday-dev/gameday/engine"
	"github.com/urfave/cli/v2"
)

func TestIAMPolicyFlags(t *testing.T) {
	tio := newTestIO()
	var got *IAMPolicyOptions
	cmd := NewCmdIAMPolicy(tio.f, func(o *IAMPolicyOptions) error { got = o; return nil })
	code := tio.run(t, []*cli.Command{cmd}, "iam-policy", "--format", "text", "--state", "s3://b/p",
		"--account", "111122223333", "--region", "eu-west-1", "-var", "az=eu-west-1a", "g.hcl")
	if code != engine.ExitOK || got == nil {
		t.Fatalf("exit %d, options %v; stderr %s", code, got, tio.err.String())
	}
	want := IAMPolicyOptions{File: "g.hcl", Format: "text", State: "s3://b/p", Account: "111122223333", Region: "eu-west-1"}
	want.Load = got.Load
	if !reflect.DeepEqual(*got, want) || !reflect.DeepEqual(got.Load.Vars, []string{"az=eu-west-1a"}) {
		t.Errorf("options = %+v", got)
	}
	for _, args := range [][]string{{"iam-policy"}, {"iam-policy", "--format", "yaml", "g.hcl"}, {"iam-policy", "a.hcl", "b.hcl"}} {
		tio := newTestIO()
		if code := tio.run(t, []*cli.Command{NewCmdIAMPolicy(tio.f, func(*IAMPolicyOptions) error { return nil })}, args...); code != engine.ExitInvalid {
			t.Errorf("%v: exit %d, want %d", args, code, engine.ExitInvalid)
		}
	}
}

func TestIAMPolicyRun(t *testing.T) {
	path := writeTemp(t, "g.hcl", `
gameday "g" {
  region = "us-east-1"
  guard { accounts = ["111122223333"] }
  scenario "s" {
    fault "route53_health_flip" "p" {
      health_check_id = "hc-1"
      duration        = "1m"
    }
  }
}`)
	tio := newTestIO()
	if code := tio.run(t, []*cli.Command{NewCmdIAMPolicy(tio.f, nil)}, "iam-policy", "--state", "s3://bkt", path); code != engine.ExitOK {
		t.Fatalf("exit %d; stderr %s", code, tio.err.String())
	}
	var out struct {
		Account      string `json:"account"`
		CallerPolicy struct {
			Statement []struct {
				Action   []string
				Resource []string
			}
		} `json:"caller_policy"`
	}
	if err := json.Unmarshal(tio.out.Bytes(), &out); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, tio.out.String())
	}
	found := map[string]bool{}
	for _, s := range out.CallerPolicy.Statement {
		for _, a := range s.Action {
			found[a] = true
		}
	}
	for _, a := range []string{"route53:UpdateHealthCheck", "s3:PutObject", "sts:GetCallerIdentity"} {
		if !found[a] {
			t.Errorf("%s missing from %s", a, tio.out.String())
		}
	}
	if out.Account != "111122223333" {
		t.Errorf("account = %q", out.Account)
	}

	bad := writeTemp(t, "bad.hcl", `gameday "g" { nope = 1 }`)
	tio = newTestIO()
	if code := tio.run(t, []*cli.Command{NewCmdIAMPolicy(tio.f, nil)}, "iam-policy", bad); code != engine.ExitInvalid || tio.out.Len() != 0 {
		t.Errorf("invalid file: exit %d, output %q", code, tio.out.String())
	}
}
