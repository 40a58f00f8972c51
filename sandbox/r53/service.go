// Package r53 is the sandbox's Route 53: health checks evaluated
// continuously by real HTTP/TCP checks over loopback, hosted zones with
// failover records, and a real DNS server on loopback (UDP and TCP) that
// answers by failover: the primary while its health check is healthy, else
// the secondary. It implements awsapi.Route53 and records every health
// status transition and every change of a DNS answer as ground truth.
//
// Sandbox-only behaviour (documented, deliberate): health checks run every
// Options.RequestInterval (default 1 s, AWS: 10 or 30 s) from
// Options.Checkers simulated checker regions (default 3, AWS: 8 or more),
// all on this machine; they only ever connect to loopback addresses. HTTPS,
// CALCULATED, CLOUDWATCH_METRIC and RECOVERY_CONTROL checks are not
// simulated.
package r53

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/miekg/dns"

	"github.com/gameday-dev/gameday/sandbox/apisim"
)

// Options configures the service. Zero values take the defaults noted.
type Options struct {
	Gate *apisim.Gate // sandbox-wide gate; nil builds a private one
	// RequestInterval is the time between two checks of one checker
	// (default 1 s).
	RequestInterval time.Duration
	// CheckTimeout bounds one check, connection and answer (default 800 ms).
	CheckTimeout time.Duration
	// Checkers is the number of simulated checker regions (default 3).
	Checkers int
	// DefaultTTL is the TTL of records created without one (default 1 s).
	DefaultTTL time.Duration
	// DNSAddr is where the DNS server listens (default "127.0.0.1:0").
	DNSAddr string
	// Seed makes generated ids repeatable.
	Seed uint64
}

// Service implements awsapi.Route53.
type Service struct {
	gate     *apisim.Gate
	interval time.Duration
	timeout  time.Duration
	checkers int
	ttl      time.Duration
	dnsAddr  string
	client   *http.Client

	mu      sync.Mutex
	rng     *rand.Rand
	checks  map[string]*healthCheck
	order   []string // health check ids in creation order
	zones   map[string]*zone
	answers map[string]string // "name type" -> last answer, for events
	events  []Event

	runMu   sync.Mutex
	ctx     context.Context // set by Start; health checks created later start on it
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	servers []*dns.Server
	addr    string
	closed  bool
}

// New builds the service. Call Start to run health checks and the DNS
// server.
func New(o Options) *Service {
	s := &Service{
		gate: o.Gate, interval: o.RequestInterval, timeout: o.CheckTimeout, checkers: o.Checkers,
		ttl: o.DefaultTTL, dnsAddr: o.DNSAddr,
		rng:    rand.New(rand.NewPCG(o.Seed, o.Seed^0x2545f4914f6cdd1d)),
		checks: map[string]*healthCheck{}, zones: map[string]*zone{}, answers: map[string]string{},
	}
	if s.gate == nil {
		s.gate = apisim.NewGate(1)
	}
	if s.interval <= 0 {
		s.interval = time.Second
	}
	if s.timeout <= 0 {
		s.timeout = 800 * time.Millisecond
	}
	if s.checkers <= 0 {
		s.checkers = 3
	}
	if s.ttl <= 0 {
		s.ttl = time.Second
	}
	if s.dnsAddr == "" {
		s.dnsAddr = "127.0.0.1:0"
	}
	s.client = newCheckClient(s.timeout)
	return s
}

// Start opens the DNS server (UDP and TCP on the same port) and starts
// checking every health check until ctx ends or Close is called.
func (s *Service) Start(ctx context.Context) error {
	s.runMu.Lock()
	defer s.runMu.Unlock()
	if s.cancel != nil || s.closed {
		return errors.New("not starting the route 53 sandbox: it was started before (it starts once)")
	}
	pc, ln, err := listenBoth(s.dnsAddr)
	if err != nil {
		return fmt.Errorf("not starting the sandbox DNS server on %s: %w", s.dnsAddr, err)
	}
	s.addr = pc.LocalAddr().String()
	h := dns.HandlerFunc(s.serveDNS)
	s.servers = []*dns.Server{{PacketConn: pc, Handler: h}, {Listener: ln, Handler: h}}
	for _, srv := range s.servers {
		started := make(chan struct{})
		srv.NotifyStartedFunc = func() { close(started) }
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			_ = srv.ActivateAndServe() // returns when shut down
		}()
		<-started
	}
	ctx, cancel := context.WithCancel(ctx)
	s.mu.Lock()
	s.ctx, s.cancel = ctx, cancel
	for _, id := range s.order {
		s.startChecksLocked(s.checks[id])
	}
	s.mu.Unlock()
	return nil
}

// listenBoth opens UDP and TCP on the same port, retrying when the OS gave
// a UDP port whose TCP twin is taken.
func listenBoth(addr string) (net.PacketConn, net.Listener, error) {
	var lastErr error
	for range 10 {
		pc, err := net.ListenPacket("udp", addr)
		if err != nil {
			return nil, nil, err
		}
		ln, err := net.Listen("tcp", pc.LocalAddr().String())
		if err == nil {
			return pc, ln, nil
		}
		pc.Close()
		lastErr = err
		if _, port, _ := net.SplitHostPort(addr); port != "0" {
			break
		}
	}
	return nil, nil, lastErr
}

// DNSAddr is the DNS server's "127.0.0.1:port" once started.
func (s *Service) DNSAddr() string {
	s.runMu.Lock()
	defer s.runMu.Unlock()
	return s.addr
}

// Close stops the health checks and the DNS server and waits for them.
func (s *Service) Close() {
	s.runMu.Lock()
	cancel, servers := s.cancel, s.servers
	s.cancel, s.servers = nil, nil
	s.closed = s.closed || cancel != nil
	s.runMu.Unlock()
	if cancel != nil {
		cancel()
	}
	for _, srv := range servers {
		ctx, stop := context.WithTimeout(context.Background(), 2*time.Second)
		_ = srv.ShutdownContext(ctx) // best effort: the sockets close either way
		stop()
	}
	s.wg.Wait()
	s.client.CloseIdleConnections()
}

// Event is one ground-truth record: a health check's status changed, or
// the DNS answer for a name changed.
type Event struct {
	At            time.Time
	Kind          string // "health" or "answer"
	HealthCheckID string // health events
	Healthy       bool   // health events: the status Route 53 uses (Disabled counts healthy)
	Name, Type    string // answer events: "app.sandbox.gameday.test.", "A"
	SetIdentifier string // answer events: the record set answered ("" for simple records)
	Answer        string // answer events: the values answered, comma separated
}

// Events returns every recorded event, oldest first.
func (s *Service) Events() []Event {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Event(nil), s.events...)
}
