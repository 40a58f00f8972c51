package runner

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/faults/catalog"
	"github.com/gameday-dev/gameday/internal/instruments"
	"github.com/gameday-dev/gameday/sandbox"
)

// A FIS experiment that could not start injected nothing: the template
// gameday created is cleaned up, nothing is "left", and the scenario is
// aborted, never met.
func TestFISStartFailureLeavesNothingAndIsNotMet(t *testing.T) {
	const src = `
gameday "fis-start-fails" {
  region = "us-east-1"
  guard {
    max_targets = 5
  }
  probe "http" "health" {
    url      = "${sandbox.url}/health"
    interval = "200ms"
  }
  scenario "blackout" {
    fault "fis_az_blackout" "b" {
      az          = "us-east-1b"
      actions     = ["disrupt-connectivity"]
      target_tags = { Environment = "staging" }
      role_arn    = "arn:aws:iam::${sandbox.account_id}:role/sandbox-fis"
      duration    = "2s"
    }
    objectives {
      rto = "30s"
    }
  }
}
`
	var sb *sandbox.Sandbox
	res, err := sandboxRun(t, src, func(s *sandbox.Sandbox) { sb = s; s.Gate().Deny("fis:StartExperiment") })
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Leftovers) != 0 {
		t.Errorf("leftovers %+v after a start that failed: nothing was left", res.Leftovers)
	}
	if res.ExitCode() != engine.ExitAborted || res.AbortCause != CauseAWSAPI {
		t.Errorf("exit %d cause %q, want %d and %q (aborted by the API failure)", res.ExitCode(), res.AbortCause, engine.ExitAborted, CauseAWSAPI)
	}
	v := res.Scenarios[0].Measure.Verdict
	if v.Outcome != measure.OutcomeAborted || v.Met || !strings.Contains(v.Reason, "StartExperiment") {
		t.Errorf("verdict %+v, want aborted naming StartExperiment", v)
	}
	for _, c := range sb.Gate().Calls() {
		if c.Action == "fis:ListExperimentTemplates" {
			t.Error("the revert searched templates by tag although the failed injection named its template")
		}
	}
}

// sandboxRun loads src against a fresh sandbox and runs it; prepare may
// change the sandbox first.
func sandboxRun(t *testing.T, src string, prepare func(*sandbox.Sandbox)) (*Result, error) {
	t.Helper()
	sb, gd := sandboxWith(t, sandbox.Options{}, "t.hcl", src)
	if prepare != nil {
		prepare(sb)
	}
	r, err := New(Options{Instruments: instruments.All(), GameDay: gd, Clients: sb.Clients(), Kinds: catalog.KindsWith(catalog.Options{FISPollInterval: 200 * time.Millisecond, EffectWait: time.Second}),
		StateDir: t.TempDir(), Sandbox: true, Baseline: 100 * time.Millisecond, SteadyWarmup: 10 * time.Second,
		RecoveryTimeout: 2 * time.Second, VerifyTimeout: 2 * time.Second, Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	return r.Run(context.Background())
}

// A blackout of a zone the region does not have would hit nothing: it is
// refused before anything runs, naming the zone.
func TestBlackoutOfAMissingAZIsRefused(t *testing.T) {
	_, err := sandboxRun(t, `
gameday "no-such-az" {
  region = "us-east-1"
  scenario "blackout" {
    fault "fis_az_blackout" "g" {
      az          = "us-east-1g"
      target_tags = { Environment = "staging" }
      role_arn    = "arn:aws:iam::${sandbox.account_id}:role/sandbox-fis"
      duration    = "2s"
    }
  }
}
`, nil)
	var re *RefusedError
	if !errors.As(err, &re) || !strings.Contains(err.Error(), "us-east-1g does not exist") {
		t.Fatalf("err = %v, want a refusal saying us-east-1g does not exist", err)
	}
}

// Flipping a health check that is already inverted changes nothing: the
// scenario is "no effect" and the run exits 1, whatever the probes say.
func TestFlipOfAnInvertedHealthCheckHasNoEffect(t *testing.T) {
	res, err := sandboxRun(t, `
gameday "no-effect" {
  region = "us-east-1"
  probe "http" "health" {
    url      = "${sandbox.url}/health"
    interval = "200ms"
  }
  scenario "flip" {
    fault "route53_health_flip" "primary" {
      health_check_id = sandbox.primary_health_check_id
      duration        = "1s"
    }
  }
}
`, func(sb *sandbox.Sandbox) {
		id := sb.Vars()["primary_health_check_id"].AsString()
		if _, err := sb.Clients().Route53.UpdateHealthCheck(context.Background(), &route53.UpdateHealthCheckInput{HealthCheckId: &id, Inverted: aws.Bool(true)}); err != nil {
			t.Fatal(err)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	v := res.Scenarios[0].Measure.Verdict
	if v.Outcome != measure.OutcomeNoEffect || !strings.Contains(v.Reason, "already inverted") {
		t.Errorf("verdict %+v, want no effect because the check was already inverted", v)
	}
	if res.ExitCode() != engine.ExitMissed {
		t.Errorf("exit %d, want %d", res.ExitCode(), engine.ExitMissed)
	}
}

// An endpoint gameday trusts with DryRun performed a DeleteRoute it was
// only asked to check: the run re-reads, puts the route back through the
// journal, verifies it, and refuses, saying so.
func TestDryRunPerformedByTheEndpointIsPutBack(t *testing.T) {
	var sb *sandbox.Sandbox
	var before map[string][]string
	_, err := sandboxRun(t, `
gameday "dry-run-performed" {
  region = "us-east-1"
  probe "http" "health" {
    url      = "${sandbox.url}/health"
    interval = "200ms"
  }
  scenario "nat" {
    fault "nat_route_removal" "a" {
      az       = "us-east-1a"
      duration = "1s"
    }
  }
}
`, func(s *sandbox.Sandbox) {
		sb = s
		before = routesOf(s.World())
		s.Gate().IgnoreDryRun("ec2:DeleteRoute")
	})
	var re *RefusedError
	if !errors.As(err, &re) || !strings.Contains(err.Error(), "performed DryRun calls (ec2:DeleteRoute)") || !strings.Contains(err.Error(), "put it back") {
		t.Fatalf("err = %v, want a refusal saying the route was put back", err)
	}
	t.Log(err)
	if after := routesOf(sb.World()); !mapsEqual(before, after) {
		t.Errorf("routes not restored:\nbefore %v\nafter  %v", before, after)
	}
	var deletes, creates int
	for _, e := range sb.World().Truth().Events {
		switch e.What {
		case "delete-route":
			deletes++
		case "create-route":
			creates++
		}
	}
	if deletes != 1 || creates != 1 {
		t.Errorf("%d route deletions and %d creations, want the one the DryRun performed and its restore", deletes, creates)
	}
}
