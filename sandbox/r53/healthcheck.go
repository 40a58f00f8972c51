package r53

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"
)

// checkerRegions name the simulated checkers (AWS's default regions).
var checkerRegions = []types.HealthCheckRegion{
	types.HealthCheckRegionUsEast1, types.HealthCheckRegionUsWest1, types.HealthCheckRegionUsWest2,
	types.HealthCheckRegionEuWest1, types.HealthCheckRegionApSoutheast1, types.HealthCheckRegionApSoutheast2,
	types.HealthCheckRegionApNortheast1, types.HealthCheckRegionSaEast1,
}

type healthCheck struct {
	id, callerRef string
	cfg           types.HealthCheckConfig
	version       int64
	tags          map[string]string
	checkers      []*checker
	effective     bool // last status reported in events
	cancel        context.CancelFunc
}

// checker is one simulated checker region. Its status flips only after
// FailureThreshold consecutive results that disagree with it, as in AWS.
type checker struct {
	region    types.HealthCheckRegion
	ip        string // the checker's "address", shown in observations
	healthy   bool
	contrary  int
	report    string
	checkedAt time.Time
}

// HealthCheckSpec is a health check to create (Go setup; the narrow API has
// no CreateHealthCheck). ID may be fixed (e.g. "hc-sandbox-primary") so the
// game-day files can name it; empty generates one.
type HealthCheckSpec struct {
	ID              string
	CallerReference string
	Config          types.HealthCheckConfig
	Tags            map[string]string
}

// CreateHealthCheck validates and registers a health check; it is checked
// from the moment the service is started. A new check counts healthy until
// its checkers have seen FailureThreshold failures, as in AWS.
func (s *Service) CreateHealthCheck(spec HealthCheckSpec) (*types.HealthCheck, error) {
	cfg, err := normalizeConfig(spec.Config)
	if err != nil {
		return nil, fmt.Errorf("not creating health check %q: %w", spec.ID, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id := spec.ID
	if id == "" {
		id = s.newUUIDLocked()
	}
	if s.checks[id] != nil {
		return nil, fmt.Errorf("not creating health check %q: the id is taken", id)
	}
	ref := spec.CallerReference
	if ref == "" {
		ref = "sandbox-" + id
	}
	hc := &healthCheck{id: id, callerRef: ref, cfg: cfg, version: 1, tags: maps.Clone(spec.Tags), effective: true}
	if hc.tags == nil {
		hc.tags = map[string]string{}
	}
	for i := range s.checkers {
		hc.checkers = append(hc.checkers, &checker{region: checkerRegions[i%len(checkerRegions)],
			ip: fmt.Sprintf("127.0.0.%d", 10+i), healthy: true})
	}
	s.checks[id] = hc
	s.order = append(s.order, id)
	s.startChecksLocked(hc)
	out := hc.describe()
	return &out, nil
}

// normalizeConfig checks a configuration and fills AWS's defaults.
func normalizeConfig(c types.HealthCheckConfig) (types.HealthCheckConfig, error) {
	c.ChildHealthChecks = slices.Clone(c.ChildHealthChecks)
	c.Regions = slices.Clone(c.Regions)
	switch c.Type {
	case types.HealthCheckTypeHttp, types.HealthCheckTypeHttpStrMatch, types.HealthCheckTypeTcp:
	default:
		return c, fmt.Errorf("type %q is not simulated by the sandbox (HTTP, HTTP_STR_MATCH, TCP)", c.Type)
	}
	if aws.ToString(c.IPAddress) == "" && aws.ToString(c.FullyQualifiedDomainName) == "" {
		return c, fmt.Errorf("IPAddress or FullyQualifiedDomainName is required")
	}
	if c.Port == nil {
		if c.Type == types.HealthCheckTypeTcp {
			return c, fmt.Errorf("port is required for TCP health checks")
		}
		c.Port = aws.Int32(80)
	}
	if c.Type == types.HealthCheckTypeHttpStrMatch && aws.ToString(c.SearchString) == "" {
		return c, fmt.Errorf("searchString is required for HTTP_STR_MATCH")
	}
	if c.Type != types.HealthCheckTypeTcp && c.ResourcePath == nil {
		c.ResourcePath = aws.String("/")
	}
	if c.FailureThreshold == nil {
		c.FailureThreshold = aws.Int32(3)
	}
	if t := *c.FailureThreshold; t < 1 || t > 10 {
		return c, fmt.Errorf("failureThreshold %d must be between 1 and 10", t)
	}
	if c.RequestInterval == nil {
		c.RequestInterval = aws.Int32(30) // what AWS reports; the sandbox checks every Options.RequestInterval
	}
	for _, b := range []**bool{&c.Inverted, &c.Disabled, &c.MeasureLatency, &c.EnableSNI} {
		if *b == nil {
			*b = aws.Bool(false)
		}
	}
	return c, nil
}

func (hc *healthCheck) describe() types.HealthCheck {
	cfg := hc.cfg
	cfg.ChildHealthChecks = slices.Clone(cfg.ChildHealthChecks)
	cfg.Regions = slices.Clone(cfg.Regions)
	return types.HealthCheck{Id: aws.String(hc.id), CallerReference: aws.String(hc.callerRef),
		HealthCheckConfig: &cfg, HealthCheckVersion: aws.Int64(hc.version)}
}

// status is what Route 53 uses for routing: Disabled counts healthy;
// otherwise healthy when more than 18% of the checkers say so (AWS's rule).
func (hc *healthCheck) status() bool {
	if aws.ToBool(hc.cfg.Disabled) {
		return true
	}
	n := 0
	for _, c := range hc.checkers {
		if c.healthy {
			n++
		}
	}
	return float64(n) > 0.18*float64(len(hc.checkers))
}

// HealthStatus reports the status Route 53 routes on, for tests and the
// assembly's ground truth. ok is false for an unknown id.
func (s *Service) HealthStatus(id string) (healthy, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	hc := s.checks[id]
	if hc == nil {
		return false, false
	}
	return hc.status(), true
}

// startChecksLocked starts the checking loop of hc if the service runs.
// The caller holds s.mu.
func (s *Service) startChecksLocked(hc *healthCheck) {
	if s.ctx == nil || hc.cancel != nil {
		return
	}
	ctx, cancel := context.WithCancel(s.ctx)
	hc.cancel = cancel
	s.wg.Add(1)
	go s.checkLoop(ctx, hc)
}

// checkLoop runs every checker of hc once per interval, concurrently, then
// folds the results in.
func (s *Service) checkLoop(ctx context.Context, hc *healthCheck) {
	defer s.wg.Done()
	t := time.NewTicker(s.interval)
	defer t.Stop()
	for {
		s.mu.Lock()
		cfg := hc.cfg
		n := len(hc.checkers)
		s.mu.Unlock()
		type result struct {
			ok     bool
			report string
			at     time.Time
		}
		results := make([]result, n)
		done := make(chan struct{}, n)
		for i := range n {
			go func() {
				ok, report := s.probe(ctx, cfg)
				results[i] = result{ok, report, time.Now()}
				done <- struct{}{}
			}()
		}
		for range n {
			<-done
		}
		if ctx.Err() != nil {
			return
		}
		s.mu.Lock()
		inverted := aws.ToBool(hc.cfg.Inverted) // the configuration now, not at probe start
		threshold := int(aws.ToInt32(hc.cfg.FailureThreshold))
		for i, r := range results {
			c := hc.checkers[i]
			c.report, c.checkedAt = r.report, r.at
			if result := r.ok != inverted; result == c.healthy {
				c.contrary = 0
				continue
			}
			c.contrary++
			if c.contrary >= threshold {
				c.healthy, c.contrary = !c.healthy, 0
			}
		}
		s.noteChangesLocked(time.Now())
		s.mu.Unlock()
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// noteChangesLocked records health transitions and DNS answer changes.
// The caller holds s.mu.
func (s *Service) noteChangesLocked(now time.Time) {
	for _, id := range s.order {
		hc := s.checks[id]
		if st := hc.status(); st != hc.effective {
			hc.effective = st
			s.events = append(s.events, Event{At: now, Kind: "health", HealthCheckID: id, Healthy: st})
		}
	}
	for _, z := range s.zones {
		for _, key := range z.groupKeys() {
			name, typ := key[0], key[1]
			rr := s.chooseLocked(z, name, typ)
			if rr == nil {
				continue
			}
			answer := answerText(rr)
			k := name + " " + typ
			if prev, seen := s.answers[k]; seen && prev == answer {
				continue
			}
			s.answers[k] = answer
			s.events = append(s.events, Event{At: now, Kind: "answer", Name: name, Type: typ,
				SetIdentifier: aws.ToString(rr.SetIdentifier), Answer: answer})
		}
	}
}

// newUUIDLocked makes a Route 53 style health check id.
func (s *Service) newUUIDLocked() string {
	b := make([]byte, 16)
	for i := range b {
		b[i] = byte(s.rng.IntN(256))
	}
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
