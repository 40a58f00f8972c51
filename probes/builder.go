package probes

import (
	"fmt"
	"net/http"
	"sync"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine"
)

// Kind names.
const (
	KindHTTP             = "http"
	KindTCP              = "tcp"
	KindDNS              = "dns"
	KindCloudWatchAlarm  = "cloudwatch_alarm"
	KindCloudWatchMetric = "cloudwatch_metric"
	KindExec             = "exec"
)

// KindNames lists the probe kinds this package builds, in a fixed order.
func KindNames() []string {
	return []string{KindHTTP, KindTCP, KindDNS, KindCloudWatchAlarm, KindCloudWatchMetric, KindExec}
}

// Kinds returns the probe kinds as the engine's registry. The probes built
// from one registry share connection pools (one per distinct TLS setting):
// take one registry per run. Each probe's env gives the run's clients to
// the AWS kinds.
func Kinds() engine.ProbeKinds {
	p := newPool()
	out := engine.ProbeKinds{}
	for _, name := range KindNames() {
		out[name] = engine.ProbeKind{Name: name, New: func(spec any, env engine.ProbeEnv) (engine.Probe, error) {
			return (&Builder{clients: env.Clients, pool: p}).New(name, spec)
		}}
	}
	return out
}

// Builder turns probe specs into probes. One Builder serves a whole run:
// its http probes share connection pools (one per distinct TLS setting),
// and AWS probes use the run's clients.
type Builder struct {
	clients *awsapi.Clients
	pool    *pool
}

// pool holds the http transports probes share.
type pool struct {
	mu         sync.Mutex
	transports map[transportKey]*http.Transport
}

func newPool() *pool { return &pool{transports: map[transportKey]*http.Transport{}} }

// NewBuilder returns a Builder using clients for the AWS kinds; clients
// may be nil when no AWS probe is built.
func NewBuilder(clients *awsapi.Clients) *Builder {
	return &Builder{clients: clients, pool: newPool()}
}

// New builds a probe of kind from spec. A probe built this way has its own
// connection pool: to build many probes, use one Builder.
func New(kind string, spec any, clients *awsapi.Clients) (engine.Probe, error) {
	return NewBuilder(clients).New(kind, spec)
}

// New builds a probe of kind from spec: the kind's spec type from this
// package (HTTPSpec, TCPSpec, DNSSpec, CloudWatchAlarmSpec,
// CloudWatchMetricSpec, ExecSpec; value or pointer), or the typed spec
// the HCL loader decodes for that kind.
func (b *Builder) New(kind string, spec any) (engine.Probe, error) {
	spec, err := normalizeSpec(kind, spec)
	if err != nil {
		return nil, err
	}
	switch s := spec.(type) {
	case HTTPSpec:
		return newHTTPProbe(s, b)
	case TCPSpec:
		return newTCPProbe(s)
	case DNSSpec:
		return newDNSProbe(s)
	case CloudWatchAlarmSpec:
		return newCloudWatchAlarmProbe(s, b.clients)
	case CloudWatchMetricSpec:
		return newCloudWatchMetricProbe(s, b.clients)
	case ExecSpec:
		return newExecProbe(s)
	}
	return nil, fmt.Errorf("not creating %s probe: spec type %T is not handled", kind, spec)
}

// normalizeSpec dereferences pointers, converts loader specs and checks
// that the spec matches the kind.
func normalizeSpec(kind string, spec any) (any, error) {
	if s, ok, err := fromConfigSpec(spec); ok || err != nil {
		spec = s
		if err != nil {
			return nil, fmt.Errorf("not creating %s probe: %w", kind, err)
		}
	}
	var want string
	switch s := spec.(type) {
	case *HTTPSpec:
		return normalizeSpec(kind, deref(s))
	case *TCPSpec:
		return normalizeSpec(kind, deref(s))
	case *DNSSpec:
		return normalizeSpec(kind, deref(s))
	case *CloudWatchAlarmSpec:
		return normalizeSpec(kind, deref(s))
	case *CloudWatchMetricSpec:
		return normalizeSpec(kind, deref(s))
	case *ExecSpec:
		return normalizeSpec(kind, deref(s))
	case HTTPSpec:
		want = KindHTTP
	case TCPSpec:
		want = KindTCP
	case DNSSpec:
		want = KindDNS
	case CloudWatchAlarmSpec:
		want = KindCloudWatchAlarm
	case CloudWatchMetricSpec:
		want = KindCloudWatchMetric
	case ExecSpec:
		want = KindExec
	default:
		return nil, fmt.Errorf("not creating %s probe: unknown kind or spec type %T (known kinds: %v)", kind, spec, KindNames())
	}
	if kind != want {
		return nil, fmt.Errorf("not creating %s probe: the spec is for a %s probe", kind, want)
	}
	return spec, nil
}

// deref returns *p, or the zero value for a nil pointer (which the kind's
// constructor then rejects with a precise error).
func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

// transport returns the shared transport for these TLS options.
func (p *pool) transport(o *TLSOptions, keepAlive bool) (*http.Transport, error) {
	key := transportKey{keepAlive: keepAlive}
	if o != nil {
		key.tls = *o
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if t, ok := p.transports[key]; ok {
		return t, nil
	}
	c, err := tlsConfig(o)
	if err != nil {
		return nil, err
	}
	t := newTransport(c, keepAlive)
	p.transports[key] = t
	return t, nil
}

// CloseIdleConnections closes the kept-alive connections of every http
// probe built so far; call it when the run ends.
func (b *Builder) CloseIdleConnections() {
	b.pool.mu.Lock()
	defer b.pool.mu.Unlock()
	for _, t := range b.pool.transports {
		t.CloseIdleConnections()
	}
}
