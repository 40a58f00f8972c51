package sandbox

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/zclconf/go-cty/cty"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/sandbox/apisim"
	"github.com/gameday-dev/gameday/sandbox/cw"
	"github.com/gameday-dev/gameday/sandbox/fisim"
	"github.com/gameday-dev/gameday/sandbox/r53"
	"github.com/gameday-dev/gameday/sandbox/stsim"
	"github.com/gameday-dev/gameday/sandbox/world"
)

// The contracts between the halves of the sandbox, checked at compile time.
var (
	_ fisim.World         = (*world.World)(nil)
	_ fisim.Alarms        = (*cw.Service)(nil)
	_ world.MetricSink    = (*cw.Service)(nil)
	_ awsapi.Route53      = (*r53.Service)(nil)
	_ awsapi.Route53Zones = (*r53.Service)(nil)
	_ awsapi.CloudWatch   = (*cw.Service)(nil)
	_ awsapi.FIS          = (*fisim.Service)(nil)
)

// FISRoleARN is the role FIS experiment templates in the sandbox use.
const FISRoleARN = "arn:aws:iam::" + world.AccountID + ":role/sandbox-fis"

// Options are the sandbox's knobs. Zero values take the defaults noted; the
// defaults make a demo game day fit in about a minute.
type Options struct {
	// World are the world's knobs (instances, boot delay, health interval,
	// replication lag, seed, ...). World.Metrics is set to the sandbox's
	// CloudWatch when nil.
	World world.Options
	// HealthCheckInterval is the Route 53 checkers' request interval
	// (default 1 s; the failover threshold is 3 checks).
	HealthCheckInterval time.Duration
	// AlarmTick is how often CloudWatch evaluates alarms (default 500 ms).
	AlarmTick time.Duration
	// MinHealthyHosts is sandbox-healthy-hosts' threshold: ALARM when fewer
	// healthy hosts (default: desired capacity minus a third, 4 of 6, so
	// losing one AZ of three does not alarm and losing more does).
	MinHealthyHosts int
	// P99Threshold is sandbox-p99's threshold (default 500 ms).
	P99Threshold time.Duration
	// FISDelay is how long experiments stay pending and initiating (default 200 ms each).
	FISDelay time.Duration
	// Account is the account STS answers (default 123456789012); another
	// value exercises the account guard.
	Account string
	// Gate is the shared API gate; nil builds one from the world's seed.
	Gate *apisim.Gate
}

// Sandbox is the running assembly. Close stops everything.
type Sandbox struct {
	world   *world.World
	gate    *apisim.Gate
	cw      *cw.Service
	r53     *r53.Service
	fis     *fisim.Service
	clients *awsapi.Clients
	standby *http.Server
	stbyURL string
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	once    sync.Once
}

// New builds and starts the sandbox: the world on loopback, CloudWatch
// with the sandbox alarms fed by the load balancer, Route 53 with the
// failover zone, its health check and a DNS server, FIS acting on the
// world, STS, and the static standby on 127.0.0.2. It runs until Close
// (ctx only bounds nothing beyond setup: its values are kept, its
// cancellation is not).
func New(ctx context.Context, o Options) (*Sandbox, error) {
	wo := o.World
	gate := o.Gate
	if gate == nil {
		gate = apisim.NewGate(wo.Seed)
	}
	runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	s := &Sandbox{gate: gate, cancel: cancel}
	fail := func(err error) (*Sandbox, error) {
		s.Close()
		return nil, err
	}

	s.cw = cw.New(cw.Options{Gate: gate, Region: world.Region, Account: world.AccountID, EvaluationTick: o.AlarmTick})
	if wo.Metrics == nil {
		wo.Metrics = s.cw
	}
	lbLn, stbyLn, err := listenPair()
	if err != nil {
		return fail(err)
	}
	if s.world, err = world.New(runCtx, wo, world.ListenOptions{LB: lbLn}); err != nil {
		lbLn.Close()
		stbyLn.Close()
		return fail(fmt.Errorf("not starting the sandbox: %w", err))
	}
	s.serveStandby(stbyLn)

	desired := s.world.Options().Instances
	minHealthy := o.MinHealthyHosts
	if minHealthy <= 0 {
		minHealthy = max(1, desired-desired/3)
	}
	p99 := o.P99Threshold
	if p99 <= 0 {
		p99 = 500 * time.Millisecond
	}
	metric, composite := cw.SandboxAlarms(world.LoadBalancerID, minHealthy, p99)
	for _, m := range metric {
		if _, err := s.cw.PutMetricAlarm(m); err != nil {
			return fail(fmt.Errorf("not starting the sandbox: alarm %s: %w", m.Name, err))
		}
	}
	if _, err := s.cw.PutCompositeAlarm(composite); err != nil {
		return fail(fmt.Errorf("not starting the sandbox: alarm %s: %w", composite.Name, err))
	}
	s.cw.Start(runCtx)

	s.r53 = r53.New(r53.Options{Gate: gate, RequestInterval: o.HealthCheckInterval, Seed: wo.Seed})
	if err := s.r53.SetupSandbox(s.world.LBAddr().String()); err != nil {
		return fail(fmt.Errorf("not starting the sandbox: %w", err))
	}
	if err := s.r53.Start(runCtx); err != nil {
		return fail(err)
	}
	s.fis = fisim.New(fisim.Options{Gate: gate, World: s.world, Alarms: s.cw, Region: world.Region, Account: world.AccountID,
		PendingDelay: o.FISDelay, InitiatingDelay: o.FISDelay, Seed: wo.Seed})
	s.clients = &awsapi.Clients{
		Region: world.Region,
		// gameday's own code answers DryRun faithfully: it is trusted.
		Sandbox:      true,
		EndpointNote: "gameday sandbox (in process)",
		EC2:          NewEC2(s.world, gate),
		AutoScaling:  NewAutoScaling(s.world, gate),
		Route53:      s.r53,
		CloudWatch:   s.cw,
		FIS:          s.fis,
		STS:          stsim.New(stsim.Options{Gate: gate, Account: o.Account}),
		RDS:          NewRDS(s.world, gate),
		ELBv2:        NewELBv2(s.world, gate),
		Route53Zones: s.r53,
	}
	return s, nil
}

// listenPair binds the load balancer on 127.0.0.1 and the standby on
// 127.0.0.2 with the same port, so "http://app.sandbox.gameday.test:PORT"
// works whichever address the failover record answers.
func listenPair() (lb, standby net.Listener, err error) {
	for attempt := 0; attempt < 20; attempt++ {
		lb, err = net.Listen("tcp", r53.SandboxPrimaryAddress+":0")
		if err != nil {
			return nil, nil, fmt.Errorf("not starting the load balancer: %w", err)
		}
		port := lb.Addr().(*net.TCPAddr).Port
		standby, err = net.Listen("tcp", net.JoinHostPort(r53.SandboxSecondaryAddress, strconv.Itoa(port)))
		if err == nil {
			return lb, standby, nil
		}
		lb.Close()
	}
	return nil, nil, fmt.Errorf("not starting the standby endpoint on %s: %w", r53.SandboxSecondaryAddress, err)
}

// StandbyHeader marks answers of the static standby endpoint.
const StandbyHeader = "X-Sandbox-Standby"

// serveStandby answers every request with 200 "standby": the static
// endpoint the SECONDARY record points to.
func (s *Sandbox) serveStandby(ln net.Listener) {
	s.stbyURL = "http://" + ln.Addr().String()
	s.standby = &http.Server{ReadHeaderTimeout: 5 * time.Second, Handler: http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set(StandbyHeader, "1")
		io.WriteString(rw, "standby\n")
	})}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		// Serve returns ErrServerClosed at Close; any other failure shows
		// as the standby not answering, which is what probes measure.
		s.standby.Serve(ln)
	}()
}

// Close stops FIS (running experiments restore what they changed), Route
// 53, the world, CloudWatch and the standby, and waits for them.
func (s *Sandbox) Close() error {
	s.once.Do(func() {
		if s.fis != nil {
			s.fis.Close()
		}
		if s.r53 != nil {
			s.r53.Close()
		}
		if s.world != nil {
			s.world.Close()
		}
		if s.cw != nil {
			s.cw.Close()
		}
		if s.standby != nil {
			s.standby.Close()
		}
		s.cancel()
		s.wg.Wait()
	})
	return nil
}

// Clients is the AWS client set over the sandbox.
func (s *Sandbox) Clients() *awsapi.Clients { return s.clients }

// Gate is the shared API gate (permissions, DryRun, misbehaviour knobs,
// recorded calls).
func (s *Sandbox) Gate() *apisim.Gate { return s.gate }

// World is the simulated world (faults as Go methods, ground truth).
func (s *Sandbox) World() *world.World { return s.world }

// CloudWatch, Route53 and FIS expose the services for tests and setup.
func (s *Sandbox) CloudWatch() *cw.Service { return s.cw }

// Route53 is the sandbox's Route 53 service.
func (s *Sandbox) Route53() *r53.Service { return s.r53 }

// FIS is the sandbox's FIS service.
func (s *Sandbox) FIS() *fisim.Service { return s.fis }

// StandbyURL is the static standby endpoint's base URL.
func (s *Sandbox) StandbyURL() string { return s.stbyURL }

// Vars are the values game days refer to as sandbox.<key>.
func (s *Sandbox) Vars() map[string]cty.Value {
	url := s.world.URL()
	return map[string]cty.Value{
		"url":                     cty.StringVal(url),
		"egress_url":              cty.StringVal(url + "/egress"),
		"canary_write_url":        cty.StringVal(url + "/canary/write"),
		"canary_read_url":         cty.StringVal(url + "/canary/read"),
		"dns_server":              cty.StringVal(s.r53.DNSAddr()),
		"dns_name":                cty.StringVal(strings.TrimSuffix(r53.SandboxRecordName, ".")),
		"region":                  cty.StringVal(world.Region),
		"account_id":              cty.StringVal(world.AccountID),
		"asg_name":                cty.StringVal(world.ASGName),
		"primary_health_check_id": cty.StringVal(r53.SandboxPrimaryCheckID),
		"fis_role_arn":            cty.StringVal(FISRoleARN),
		"db_cluster_id":           cty.StringVal(world.DBClusterID),
		"standby_url":             cty.StringVal(s.stbyURL),
	}
}

// Truth is the sandbox's ground truth: the world's (outages, lost writes,
// fault events, request counts) plus what Route 53, CloudWatch and FIS
// recorded (health and DNS answer changes, alarm transitions, experiment
// and action events).
type Truth struct {
	world.Truth
	DNS    []r53.Event
	Alarms []cw.Transition
	FIS    []fisim.Event
}

// Truth returns a snapshot of the ground truth.
func (s *Sandbox) Truth() Truth {
	return Truth{Truth: s.world.Truth(), DNS: s.r53.Events(), Alarms: s.cw.Transitions(), FIS: s.fis.Events()}
}
