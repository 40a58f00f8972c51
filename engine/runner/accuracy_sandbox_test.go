package runner

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/faults/catalog"
	"github.com/gameday-dev/gameday/internal/instruments"
	"github.com/gameday-dev/gameday/sandbox"
	"github.com/gameday-dev/gameday/sandbox/world"
)

// accuracyGameDay stops every instance (a whole-service outage that ends
// when the Auto Scaling group's replacements boot) in one scenario, and
// fails the database over in another, with a probe and a canary watching.
const accuracyGameDay = `
gameday "accuracy" {
  region = sandbox.region
  probe "http" "health" {
    url      = "${sandbox.url}/health"
    interval = "%[1]s"
    timeout  = "%[1]s"
  }
  canary "http" "orders" {
    write_url = sandbox.canary_write_url
    read_url  = sandbox.canary_read_url
    interval  = "%[2]s"
  }
  scenario "outage" {
    fault "ec2_kill" "all" {
      action = "stop"
      select {
        asg = sandbox.asg_name
        all = true
      }
      duration = "1s"
    }
    objectives {
      rto            = "1m"
      recovery_probe = probe.http.health
    }
  }
  scenario "failover" {
    fault "fis_az_blackout" "db" {
      az          = "us-east-1a"
      actions     = ["rds-failover"]
      role_arn    = "arn:aws:iam::123456789012:role/sandbox-fis"
      target_tags = { Environment = "staging" }
      duration    = "1s"
    }
    objectives {
      rpo = "1m"
    }
  }
}
`

// TestFiguresAgreeWithSandboxTruth runs a real game day against sandboxes
// with seeded random boot delays (outage windows) and replication lags, and
// checks the measured figures against the sandbox's ground truth: RTO
// within one probe interval, RPO within one canary interval, lost writes
// exact.
func TestFiguresAgreeWithSandboxTruth(t *testing.T) {
	if testing.Short() {
		t.Skip("runs several game days against the sandbox")
	}
	rng := rand.New(rand.NewPCG(7, 11))
	const probeEvery, canaryEvery = 100 * time.Millisecond, 50 * time.Millisecond
	for i := range 3 {
		boot := time.Duration(800+rng.IntN(1500)) * time.Millisecond
		lag := time.Duration(200+rng.IntN(800)) * time.Millisecond
		t.Run(fmt.Sprintf("boot=%s,lag=%s", boot, lag), func(t *testing.T) {
			sb, err := sandbox.New(context.Background(), sandbox.Options{
				World: world.Options{Seed: uint64(i + 1), BootDelay: boot, ReplicationLag: lag, HealthInterval: 100 * time.Millisecond},
			})
			if err != nil {
				t.Fatal(err)
			}
			defer sb.Close()
			src := fmt.Sprintf(accuracyGameDay, probeEvery, canaryEvery)
			gd, diags := config.NewLoader(config.LoadOptions{Registry: catalog.Registry(), Sandbox: sb.Vars()}).LoadSource("accuracy.hcl", []byte(src))
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			r, err := New(Options{Instruments: instruments.All(), GameDay: gd, Clients: sb.Clients(), Kinds: catalog.KindsWith(catalog.Options{FISPollInterval: 100 * time.Millisecond}),
				StateDir: t.TempDir(), Sandbox: true, Baseline: time.Second, SteadyWarmup: 20 * time.Second,
				RecoveryTimeout: 30 * time.Second, VerifyTimeout: 5 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			res, err := r.Run(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			truth := sb.Truth()
			checkRTO(t, res.Scenarios[0].Measure, truth, probeEvery)
			checkRPO(t, res.Scenarios[1].Measure, truth, r.RunID()+"/failover", canaryEvery)
		})
	}
}

func checkRTO(t *testing.T, m *measure.Result, truth sandbox.Truth, interval time.Duration) {
	t.Helper()
	if m == nil || m.Recovery.InjectedAt == nil || m.Recovery.RTO.Status != measure.Measured {
		t.Fatalf("outage scenario: RTO not measured: %+v", m)
	}
	inj := *m.Recovery.InjectedAt
	var outage *world.Interval
	for i, iv := range truth.Unavailable {
		if !iv.End.IsZero() && iv.End.After(inj) && iv.Start.Before(inj.Add(time.Second)) {
			outage = &truth.Unavailable[i]
			break
		}
	}
	if outage == nil {
		t.Fatalf("the sandbox recorded no outage after the injection at %s: %+v", inj, truth.Unavailable)
	}
	trueRTO := outage.End.Sub(inj)
	got := m.Recovery.RTO.Value
	// A check is stamped when it starts; the one that first passes may have
	// started a moment before the load balancer's round that ended the
	// outage and been served after it. checkSlack bounds that loopback
	// request time on top of the probe interval.
	const checkSlack = 25 * time.Millisecond
	if d := (got - trueRTO).Abs(); d > interval+checkSlack {
		t.Errorf("observed RTO %s, true %s (outage %s..%s): off by %s, more than one probe interval %s",
			got, trueRTO, outage.Start.Format("15:04:05.000"), outage.End.Format("15:04:05.000"), d, interval)
	}
	t.Logf("RTO observed %s, truth %s", got.Round(time.Millisecond), trueRTO.Round(time.Millisecond))
}

func checkRPO(t *testing.T, m *measure.Result, truth sandbox.Truth, run string, interval time.Duration) {
	t.Helper()
	var lost []world.LostWrite
	for _, w := range truth.LostWrites {
		if w.Run == run {
			lost = append(lost, w)
		}
	}
	if m == nil || len(m.Data.Canaries) != 1 {
		t.Fatalf("failover scenario: no canary figures: %+v", m)
	}
	c := m.Data.Canaries[0]
	if c.Lost != len(lost) {
		t.Errorf("canary lost %d writes (%s), the database really lost %d", c.Lost, c.LostSeqs, len(lost))
	}
	if len(lost) == 0 {
		if m.Data.RPO.Value != 0 {
			t.Errorf("RPO %s with no write lost", m.Data.RPO)
		}
		return
	}
	var seqs []string
	first, last := lost[0].AckedAt, lost[0].AckedAt
	for _, w := range lost {
		seqs = append(seqs, fmt.Sprint(w.Seq))
		if w.AckedAt.Before(first) {
			first = w.AckedAt
		}
		if w.AckedAt.After(last) {
			last = w.AckedAt
		}
	}
	// The true loss window runs from the recovery point — the write before
	// the first lost one, written one canary interval before it (the
	// database does not report that write's own ack time) — to the newest
	// lost write.
	trueWindow := last.Sub(first) + interval
	if d := (m.Data.RPO.Value - trueWindow).Abs(); d > interval {
		t.Errorf("observed RPO %s, true loss window %s (lost %s): off by %s, more than one canary interval %s",
			m.Data.RPO, trueWindow, strings.Join(seqs, ","), d, interval)
	}
	t.Logf("RPO observed %s, true loss window %s, %d writes lost", m.Data.RPO.Value.Round(time.Millisecond), trueWindow.Round(time.Millisecond), len(lost))
}
