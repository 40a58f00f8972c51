// Package cw is the sandbox's CloudWatch: a metric store fed by the load
// balancer (world.MetricSink) and by PutMetricData, GetMetricData over it,
// metric and composite alarms evaluated continuously on real time, alarm
// history, and SetAlarmState. It implements awsapi.CloudWatch and the
// fisim.Alarms contract, and records every alarm transition as ground truth.
//
// Sandbox-only behaviour (documented, deliberate): alarm and query periods
// may be any whole number of seconds from Options.MinPeriod (default 1 s)
// instead of AWS's 10/20/30 s or multiples of 60 s, and alarms are evaluated
// every Options.EvaluationTick (default 500 ms) instead of every 10 s/1 min,
// so a demo game day fits in about a minute.
package cw

import (
	"context"
	"sync"
	"time"

	"github.com/gameday-dev/gameday/sandbox/apisim"
)

// Sandbox identities used when Options leaves them empty.
const (
	DefaultRegion  = "us-east-1"
	DefaultAccount = "123456789012"
)

// Options configures the service. Zero values take the documented defaults.
type Options struct {
	// Gate is the sandbox-wide API gate; nil builds a private one.
	Gate    *apisim.Gate
	Region  string // default DefaultRegion
	Account string // default DefaultAccount
	// EvaluationTick is how often alarms are evaluated (default 500 ms).
	EvaluationTick time.Duration
	// MinPeriod is the shortest alarm/query period accepted (default 1 s;
	// AWS accepts 10 s at least for alarms, 1 s for high-resolution queries).
	MinPeriod time.Duration
	// Retention is how long datapoints are kept (default 1 h).
	Retention time.Duration
}

// Service implements awsapi.CloudWatch, world.MetricSink and fisim.Alarms.
type Service struct {
	gate      *apisim.Gate
	region    string
	account   string
	tick      time.Duration
	minPeriod time.Duration
	retention time.Duration

	mu          sync.Mutex
	series      map[string]*series
	alarms      map[string]*alarm // by name
	history     []historyItem     // append-only, oldest first
	transitions []Transition      // append-only, oldest first

	runMu  sync.Mutex
	cancel context.CancelFunc
	done   chan struct{}
}

// New builds the service. Call Start to begin evaluating alarms.
func New(o Options) *Service {
	s := &Service{
		gate:      o.Gate,
		region:    o.Region,
		account:   o.Account,
		tick:      o.EvaluationTick,
		minPeriod: o.MinPeriod,
		retention: o.Retention,
		series:    map[string]*series{},
		alarms:    map[string]*alarm{},
	}
	if s.gate == nil {
		s.gate = apisim.NewGate(1)
	}
	if s.region == "" {
		s.region = DefaultRegion
	}
	if s.account == "" {
		s.account = DefaultAccount
	}
	if s.tick <= 0 {
		s.tick = 500 * time.Millisecond
	}
	if s.minPeriod <= 0 {
		s.minPeriod = time.Second
	}
	if s.retention <= 0 {
		s.retention = time.Hour
	}
	return s
}

// Start runs the alarm evaluator until ctx ends or Close is called. Calling
// Start twice without Close is a no-op.
func (s *Service) Start(ctx context.Context) {
	s.runMu.Lock()
	defer s.runMu.Unlock()
	if s.cancel != nil {
		return
	}
	ctx, cancel := context.WithCancel(ctx)
	s.cancel = cancel
	s.done = make(chan struct{})
	go s.run(ctx, s.done)
}

// Close stops the evaluator and waits for it to return.
func (s *Service) Close() {
	s.runMu.Lock()
	cancel, done := s.cancel, s.done
	s.cancel, s.done = nil, nil
	s.runMu.Unlock()
	if cancel != nil {
		cancel()
		<-done
	}
}

func (s *Service) run(ctx context.Context, done chan struct{}) {
	defer close(done)
	t := time.NewTicker(s.tick)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			s.evaluate(now)
		}
	}
}

// alarmARN is AWS's alarm ARN format.
func (s *Service) alarmARN(name string) string {
	return "arn:aws:cloudwatch:" + s.region + ":" + s.account + ":alarm:" + name
}
