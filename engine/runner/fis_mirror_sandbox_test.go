package runner

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/fis"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/faults/catalog"
	"github.com/gameday-dev/gameday/internal/instruments"
	"github.com/gameday-dev/gameday/sandbox"
)

// templateSpy keeps the stop conditions of every template the run creates.
type templateSpy struct {
	awsapi.FIS
	mu    sync.Mutex
	stops []string
}

func (s *templateSpy) CreateExperimentTemplate(ctx context.Context, in *fis.CreateExperimentTemplateInput, o ...func(*fis.Options)) (*fis.CreateExperimentTemplateOutput, error) {
	s.mu.Lock()
	for _, c := range in.StopConditions {
		s.stops = append(s.stops, aws.ToString(c.Source)+" "+aws.ToString(c.Value))
	}
	s.mu.Unlock()
	return s.FIS.CreateExperimentTemplate(ctx, in, o...)
}

// The faults are bound when the runner is built, before the stop alarms'
// ARNs are read at preflight: the FIS template the run creates still
// mirrors the game day's stop alarm by ARN.
func TestFISTemplateMirrorsTheStopAlarms(t *testing.T) {
	sb, gd := sandboxWith(t, sandbox.Options{}, "t.hcl", `
gameday "mirror" {
  region = "us-east-1"
  stop_when "cloudwatch_alarm" "errors" {
    alarms        = ["sandbox-5xx"]
    poll_interval = "500ms"
  }
  scenario "blackout" {
    fault "fis_az_blackout" "b" {
      az          = "us-east-1b"
      actions     = ["disrupt-connectivity"]
      target_tags = { Environment = "staging" }
      role_arn    = "arn:aws:iam::${sandbox.account_id}:role/sandbox-fis"
      duration    = "1m"
    }
  }
}
`)
	c := *sb.Clients()
	spy := &templateSpy{FIS: c.FIS}
	c.FIS = spy
	r, err := New(Options{Instruments: instruments.All(), GameDay: gd, Clients: &c, Kinds: catalog.KindsWith(catalog.Options{FISPollInterval: 200 * time.Millisecond, EffectWait: time.Second}),
		StateDir: t.TempDir(), Sandbox: true, Baseline: 100 * time.Millisecond, SteadyWarmup: 10 * time.Second,
		RecoveryTimeout: 2 * time.Second, VerifyTimeout: 2 * time.Second, Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel() // the blackout is cut short: only its template matters here
	if _, err := r.Run(ctx); err != nil {
		t.Fatal(err)
	}
	spy.mu.Lock()
	defer spy.mu.Unlock()
	if len(spy.stops) != 1 || !strings.HasPrefix(spy.stops[0], "aws:cloudwatch:alarm arn:") || !strings.HasSuffix(spy.stops[0], ":alarm:sandbox-5xx") {
		t.Fatalf("template stop conditions %q, want the stop alarm sandbox-5xx by ARN", spy.stops)
	}
}
