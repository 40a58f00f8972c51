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

// Kinds lists the probe kinds this package builds, in a fixed order.
func Kinds() []string {
	return []string{KindHTTP, KindTCP, KindDNS, KindCloudWatchAlarm, KindCloudWatchMetric, KindExec}
}

// Builder turns probe specs into probes. One Builder serves a whole run:
// its http probes share connection pools (one per distinct TLS setting),
// and AWS probes use the run's clients.
type Builder struct {
	clients *awsapi.Clients

	mu         sync.Mutex
	transports map[transportKey]*http.Transport
}

// NewBuilder returns a Builder using clients for the AWS kinds; clients
// may be nil when no AWS probe is built.
func NewBuilder(clients *awsapi.Clients) *Builder {
	return &Builder{clients: clients, transports: map[transportKey]*http.Transport{}}
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
		return nil, fmt.Errorf("not creating %s probe: unknown kind or spec type %T (known kinds: %v)", kind, spec, Kinds())
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
func (b *Builder) transport(o *TLSOptions, keepAlive bool) (*http.Transport, error) {
	key := transportKey{keepAlive: keepAlive}
	if o != nil {
		key.tls = *o
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if t, ok := b.transports[key]; ok {
		return t, nil
	}
	c, err := tlsConfig(o)
	if err != nil {
		return nil, err
	}
	t := newTransport(c, keepAlive)
	b.transports[key] = t
	return t, nil
}

// CloseIdleConnections closes the kept-alive connections of every http
// probe built so far; call it when the run ends.
func (b *Builder) CloseIdleConnections() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, t := range b.transports {
		t.CloseIdleConnections()
	}
}
