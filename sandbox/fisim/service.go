package fisim

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/gameday-dev/gameday/sandbox/apisim"
)

// Sandbox identities used when Options leaves them empty.
const (
	DefaultRegion  = "us-east-1"
	DefaultAccount = "123456789012"
)

// Options configures the service. Zero durations take the defaults noted.
type Options struct {
	Gate    *apisim.Gate // sandbox-wide gate; nil builds a private one
	World   World        // required to run experiments
	Alarms  Alarms       // stop conditions; nil: any alarm stop condition is refused
	Region  string       // default DefaultRegion
	Account string       // default DefaultAccount
	// PendingDelay and InitiatingDelay are how long an experiment stays in
	// pending and initiating (defaults 200 ms each; FIS takes seconds).
	PendingDelay    time.Duration
	InitiatingDelay time.Duration
	// StopConditionTick is how often stop-condition alarms are read
	// (default 100 ms).
	StopConditionTick time.Duration
	// MaxActiveExperiments is FIS's quota of experiments not yet ended
	// (default 5).
	MaxActiveExperiments int
	// Seed makes ids and COUNT/PERCENT selections repeatable.
	Seed uint64
}

// Service implements awsapi.FIS.
type Service struct {
	gate      *apisim.Gate
	world     World
	alarms    Alarms
	region    string
	account   string
	pending   time.Duration
	initDelay time.Duration
	tick      time.Duration
	maxActive int
	catalogue map[string]actionSpec

	mu          sync.Mutex
	rng         *rand.Rand
	templates   map[string]*template
	tplOrder    []string          // creation order
	tplTokens   map[string]string // ClientToken -> template id
	experiments map[string]*experiment
	expOrder    []string
	expTokens   map[string]string // ClientToken -> experiment id
	events      []Event
	wg          sync.WaitGroup
	closed      bool
}

// New builds the service.
func New(o Options) *Service {
	s := &Service{
		gate: o.Gate, world: o.World, alarms: o.Alarms, region: o.Region, account: o.Account,
		pending: o.PendingDelay, initDelay: o.InitiatingDelay, tick: o.StopConditionTick,
		maxActive: o.MaxActiveExperiments, catalogue: actions(),
		rng:       rand.New(rand.NewPCG(o.Seed, o.Seed^0x5851f42d4c957f2d)),
		templates: map[string]*template{}, tplTokens: map[string]string{},
		experiments: map[string]*experiment{}, expTokens: map[string]string{},
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
	if s.pending <= 0 {
		s.pending = 200 * time.Millisecond
	}
	if s.initDelay <= 0 {
		s.initDelay = 200 * time.Millisecond
	}
	if s.tick <= 0 {
		s.tick = 100 * time.Millisecond
	}
	if s.maxActive <= 0 {
		s.maxActive = 5
	}
	return s
}

// Close stops every experiment still running (their actions restore what
// they changed) and waits for them to end.
func (s *Service) Close() {
	s.mu.Lock()
	s.closed = true
	for _, e := range s.experiments {
		e.requestStop("Experiment stopped: the sandbox is shutting down")
	}
	s.mu.Unlock()
	s.wg.Wait()
}

// Wait blocks until every started experiment has ended (for tests and
// orderly shutdown after StopExperiment).
func (s *Service) Wait() { s.wg.Wait() }

// newID makes FIS-style ids: a prefix and 14 base-62 characters. The caller
// holds s.mu.
func (s *Service) newID(prefix string) string {
	const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	b := make([]byte, 14)
	for i := range b {
		b[i] = alphabet[s.rng.IntN(len(alphabet))]
	}
	return prefix + string(b)
}

func (s *Service) arn(kind, id string) string {
	return fmt.Sprintf("arn:aws:fis:%s:%s:%s/%s", s.region, s.account, kind, id)
}

// Event is one ground-truth record of what FIS did and when.
type Event struct {
	At         time.Time
	Experiment string
	Action     string // "" for experiment-level events
	// Kind: "state" (experiment status, Detail = status: reason),
	// "action-state" (Detail = action status), "world" (a call on the
	// world), "restored", "restore-failed", "stop-condition".
	Kind   string
	Detail string
}

// Events returns every recorded event, oldest first.
func (s *Service) Events() []Event {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Event(nil), s.events...)
}

func (s *Service) record(exp, action, kind, detail string) {
	s.mu.Lock()
	s.recordLocked(exp, action, kind, detail)
	s.mu.Unlock()
}

// recordLocked is record for callers holding s.mu.
func (s *Service) recordLocked(exp, action, kind, detail string) {
	s.events = append(s.events, Event{At: time.Now(), Experiment: exp, Action: action, Kind: kind, Detail: detail})
}
