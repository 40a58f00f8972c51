package command

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/urfave/cli/v2"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/faults/catalog"
	"github.com/gameday-dev/gameday/sandbox"
)

// recordedSandbox is a sandbox whose every call is recorded, served as
// both backends with the short waits the sandbox allows.
type recordedSandbox struct {
	sb     *sandbox.Sandbox
	rec    *awsapi.Recorder
	opened atomic.Int32
}

func newRecordedSandbox(t *testing.T) *recordedSandbox {
	t.Helper()
	sb, err := sandbox.New(context.Background(), sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sb.Close() })
	return &recordedSandbox{sb: sb}
}

func (r *recordedSandbox) backends() *Backends {
	clients, rec := awsapi.NewRecorder(r.sb.Clients())
	r.rec = rec
	open := func(context.Context) (*Backend, error) {
		r.opened.Add(1)
		return &Backend{Clients: clients, Vars: r.sb.Vars(), Sandbox: true, Close: func() {},
			Tuning: Tuning{Baseline: 200 * time.Millisecond, SteadyWarmup: 3 * time.Second,
				RecoveryTimeout: 30 * time.Second, VerifyTimeout: 5 * time.Second}}, nil
	}
	return &Backends{Sandbox: open, AWS: func(ctx context.Context, _ awsapi.Options) (*Backend, error) { return open(ctx) }}
}

func initVerbs(f *Factory, b *Backends) []*cli.Command {
	return []*cli.Command{NewCmdInit(f, b, nil), NewCmdValidate(f, nil), NewCmdFmt(f, nil), NewCmdPlan(f, b, nil), NewCmdRun(f, b, nil)}
}

// Bad flags are refused before the account is read: exit 3, no backend.
func TestInitRefusesBadFlagsBeforeReading(t *testing.T) {
	existing := writeTemp(t, "taken.hcl", "# mine\n")
	for _, args := range [][]string{
		{"--select", "Environment"},
		{"--protect", "aws:cloudformation:stack-name=x"},
		{"--select", "Env=prod", "--protect", "Env=prod"},
		{"--out", existing},
		{"--fis-role-arn", "arn:aws:iam::123:user/me"},
		{"--region", "us-east-9"},
		{"--sandbox", "--sandbox-url", "http://127.0.0.1:1"},
		{"some-file.hcl"},
	} {
		r := &recordedSandbox{}
		b := &Backends{Sandbox: func(context.Context) (*Backend, error) { r.opened.Add(1); return nil, os.ErrInvalid }}
		tio := newTestIO()
		code := tio.run(t, initVerbs(tio.f, b), append([]string{"init", "--sandbox"}, args...)...)
		if code != engine.ExitInvalid || r.opened.Load() != 0 {
			t.Errorf("init %q: exit %d, backend opened %d times; want 3 and none\n%s", args, code, r.opened.Load(), tio.err)
		}
	}
	if b, _ := os.ReadFile(existing); string(b) != "# mine\n" {
		t.Errorf("an existing --out file was changed: %q", b)
	}
}

// init --sandbox, then validate, fmt --check, plan and run on its output,
// unchanged: every step passes, init and plan change nothing, and the run
// injects every scenario init wrote.
func TestInitSandboxEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a game day against the sandbox")
	}
	r := newRecordedSandbox(t)
	b := r.backends()
	out := filepath.Join(t.TempDir(), "first.hcl")
	tio := newTestIO()
	if code := tio.run(t, initVerbs(tio.f, b), "init", "--sandbox", "--out", out); code != engine.ExitOK {
		t.Fatalf("init exit %d\n%s", code, tio.err)
	}
	assertReadOnly(t, r.rec, "init")
	ops := map[string]bool{}
	for _, c := range r.rec.Calls() {
		ops[c.Action()] = true
	}
	for _, want := range []string{"elasticloadbalancing:DescribeLoadBalancers", "route53:ListHostedZones", "cloudwatch:DescribeAlarms",
		"autoscaling:DescribeAutoScalingGroups", "ec2:DescribeRouteTables", "rds:DescribeDBClusters"} {
		if !ops[want] {
			t.Errorf("init did not call %s", want)
		}
	}
	src, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	gd, diags := config.NewLoader(config.LoadOptions{Registry: catalog.Registry(), Sandbox: r.sb.Vars()}).LoadSource(out, src)
	if diags.HasErrors() || len(gd.Scenarios) < 4 {
		t.Fatalf("init wrote %d scenarios, diagnostics %v:\n%s", len(gd.Scenarios), diags, src)
	}
	for _, step := range [][]string{{"validate", out}, {"fmt", "--check", out}, {"plan", "--sandbox", out}} {
		r.rec.Reset()
		tio := newTestIO()
		if code := tio.run(t, initVerbs(tio.f, b), step...); code != engine.ExitOK {
			t.Fatalf("%s: exit %d\n%s%s", step[0], code, tio.out, tio.err)
		}
		if step[0] == "plan" {
			assertReadOnly(t, r.rec, step[0])
		} else if n := len(r.rec.Calls()); n > 0 {
			t.Errorf("%s made %d AWS calls", step[0], n)
		}
	}
	tio = newTestIO()
	code := tio.run(t, initVerbs(tio.f, b), "run", "--sandbox", "--plain", "--state", t.TempDir(), "--report-dir", t.TempDir(), out)
	log := tio.out.String() + tio.err.String()
	if code != engine.ExitOK {
		t.Fatalf("run exit %d\n%s", code, log)
	}
	for _, sc := range gd.Scenarios {
		if !strings.Contains(log, "["+sc.Name+"] injected") {
			t.Errorf("scenario %s was not injected:\n%s", sc.Name, log)
		}
	}
}

// assertReadOnly fails on any recorded call that may have changed
// something.
func assertReadOnly(t *testing.T, rec *awsapi.Recorder, verb string) {
	t.Helper()
	if len(rec.Calls()) == 0 {
		t.Errorf("%s: no call recorded; the recorder is not in the path", verb)
	}
	for _, m := range rec.Mutations() {
		t.Errorf("%s made a mutating call: %s", verb, m)
	}
}

// A resource carrying a --protect tag never appears in the file, nor does
// a route table serving one; the file still plans.
func TestInitNeverNamesAProtectedResource(t *testing.T) {
	r := newRecordedSandbox(t)
	ctx := context.Background()
	ec2c := r.sb.Clients().EC2
	tables, err := ec2c.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{})
	if err != nil {
		t.Fatal(err)
	}
	subnets, err := ec2c.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{})
	if err != nil {
		t.Fatal(err)
	}
	var protected []string
	for _, tb := range tables.RouteTables {
		if tb.Tags != nil && strings.HasSuffix(tagValue(tb.Tags, "Name"), "-us-east-1a") {
			protected = append(protected, aws.ToString(tb.RouteTableId))
		}
	}
	for _, s := range subnets.Subnets {
		if aws.ToString(s.AvailabilityZone) == "us-east-1b" {
			protected = append(protected, aws.ToString(s.SubnetId))
		}
	}
	if len(protected) != 3 {
		t.Fatalf("protected %v, want the route table of us-east-1a and the two subnets of us-east-1b", protected)
	}
	if _, err := ec2c.CreateTags(ctx, &ec2.CreateTagsInput{Resources: protected, Tags: []ec2types.Tag{{Key: aws.String("Hands"), Value: aws.String("off")}}}); err != nil {
		t.Fatal(err)
	}
	b := r.backends()
	tio := newTestIO()
	if code := tio.run(t, initVerbs(tio.f, b), "init", "--sandbox", "--protect", "Hands=off"); code != engine.ExitOK {
		t.Fatalf("init exit %d\n%s", code, tio.err)
	}
	src := tio.out.String()
	for _, id := range protected {
		if strings.Contains(src, id) {
			t.Errorf("protected %s appears in the game day:\n%s", id, src)
		}
	}
	// us-east-1a's table is protected and us-east-1b's serves protected
	// subnets: the NAT loss goes to us-east-1c.
	for _, want := range []string{`scenario "nat-loss-us-east-1c"`, `Hands = "off"`, "3 resources carrying a protected tag were left out"} {
		if !strings.Contains(flatComments(src), want) {
			t.Errorf("the game day lacks %q:\n%s", want, src)
		}
	}
	out := writeTemp(t, "protected.hcl", src)
	tio = newTestIO()
	if code := tio.run(t, initVerbs(tio.f, b), "plan", "--sandbox", "--no-probes", out); code != engine.ExitOK {
		t.Fatalf("plan exit %d\n%s%s", code, tio.out, tio.err)
	}
}

func tagValue(tags []ec2types.Tag, key string) string {
	for _, t := range tags {
		if aws.ToString(t.Key) == key {
			return aws.ToString(t.Value)
		}
	}
	return ""
}

// flatComments joins wrapped comment lines into one line of prose.
func flatComments(s string) string {
	lines := strings.Split(s, "\n")
	var b strings.Builder
	for _, l := range lines {
		if t := strings.TrimSpace(l); strings.HasPrefix(t, "# ") {
			b.WriteString(" " + strings.TrimPrefix(t, "# "))
			continue
		}
		b.WriteString("\n" + l)
	}
	return b.String()
}

// --out refuses to replace a file unless --force, and writes a whole file.
func TestInitOutAndForce(t *testing.T) {
	r := newRecordedSandbox(t)
	b := r.backends()
	out := writeTemp(t, "gd.hcl", "# mine\n")
	tio := newTestIO()
	if code := tio.run(t, initVerbs(tio.f, b), "init", "--sandbox", "--out", out, "--force"); code != engine.ExitOK {
		t.Fatalf("init --force exit %d\n%s", code, tio.err)
	}
	got, _ := os.ReadFile(out)
	if !strings.Contains(string(got), `gameday "first-game-day"`) {
		t.Errorf("--force did not replace the file:\n%s", got)
	}
	mustContain(t, "init's summary", tio.err.String(), "wrote "+out, "none mutating")
	if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".gd.hcl.init-*")); len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestReachURL(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/health" {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	ctx := context.Background()
	if err := reachURL(ctx, srv.URL+"/health"); err != nil {
		t.Errorf("a 200 endpoint is unreachable: %v", err)
	}
	if err := reachURL(ctx, srv.URL+"/down"); err == nil || !strings.Contains(err.Error(), "503") {
		t.Errorf("a 503 endpoint: %v, want an error naming 503", err)
	}
	srv.Close()
	if err := reachURL(ctx, srv.URL+"/health"); err == nil || !strings.Contains(err.Error(), "no answer") {
		t.Errorf("a closed endpoint: %v, want no answer", err)
	}
}
