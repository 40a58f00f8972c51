package probes

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sort"
	"strings"
	"time"

	"github.com/gameday-dev/gameday/engine"
	"github.com/miekg/dns"
)

// ResolverPolicy says what a dns check counts as when the resolver itself
// does not answer (unreachable, refused connection, timeout).
type ResolverPolicy string

const (
	// ResolverFails (the default) counts a silent resolver as a failed
	// check. A dns probe exists to watch the name service users depend on
	// (Route 53, or the resolver in front of it): when it does not answer,
	// users cannot resolve the name either, so the system is down.
	ResolverFails ResolverPolicy = "fail"
	// ResolverInconclusive counts a silent resolver as inconclusive, for
	// when the resolver is only the probe's instrument (a local stub on the
	// machine running gameday) and not part of the system under test.
	ResolverInconclusive ResolverPolicy = "inconclusive"
)

// DNSSpec configures a dns probe.
type DNSSpec struct {
	Name string
	// Type is the query type: A (default), AAAA, CNAME, TXT, or any other
	// type name miekg/dns knows.
	Type string
	// Resolver is the host:port to ask; empty means the first nameserver
	// of /etc/resolv.conf, read when the probe is built.
	Resolver string
	// ExpectAnswers, when non-empty, must equal the set of answers (order
	// and duplicates ignored; IPs compared in canonical form, names without
	// case or trailing dot). When empty, any non-empty answer passes.
	ExpectAnswers []string
	// OnResolverError applies when the resolver does not answer; empty is
	// ResolverFails.
	OnResolverError ResolverPolicy
}

// dnsEDNSBuffer is the EDNS0 UDP size advertised: 1232 bytes avoids IP
// fragmentation (the DNS flag day 2020 figure); larger answers come
// truncated and are asked again over TCP.
const dnsEDNSBuffer = 1232

type dnsProbe struct {
	fqdn     string
	qtype    uint16
	resolver string
	expect   []string // normalized, sorted, unique
	policy   ResolverPolicy
	udp, tcp *dns.Client
}

func newDNSProbe(s DNSSpec) (*dnsProbe, error) {
	if s.Name == "" {
		return nil, errors.New("not creating dns probe: no name to resolve")
	}
	if _, ok := dns.IsDomainName(s.Name); !ok {
		return nil, fmt.Errorf("not creating dns probe: %q is not a domain name", s.Name)
	}
	typ := strings.ToUpper(s.Type)
	if typ == "" {
		typ = "A"
	}
	qtype, ok := dns.StringToType[typ]
	if !ok {
		return nil, fmt.Errorf("not creating dns probe for %s: %q is not a DNS record type", s.Name, s.Type)
	}
	policy := s.OnResolverError
	switch policy {
	case "":
		policy = ResolverFails
	case ResolverFails, ResolverInconclusive:
	default:
		return nil, fmt.Errorf("not creating dns probe for %s: resolver error policy %q is not %q or %q", s.Name, policy, ResolverFails, ResolverInconclusive)
	}
	resolver := s.Resolver
	if resolver == "" {
		cc, err := dns.ClientConfigFromFile("/etc/resolv.conf")
		if err != nil || len(cc.Servers) == 0 {
			return nil, fmt.Errorf("not creating dns probe for %s: no resolver given and none found in /etc/resolv.conf: %v", s.Name, err)
		}
		resolver = net.JoinHostPort(cc.Servers[0], cc.Port)
	}
	if _, _, err := net.SplitHostPort(resolver); err != nil {
		return nil, fmt.Errorf("not creating dns probe for %s: resolver %q is not host:port: %w", s.Name, resolver, err)
	}
	return &dnsProbe{
		fqdn: dns.Fqdn(s.Name), qtype: qtype, resolver: resolver,
		expect: normalizeAnswers(qtype, s.ExpectAnswers),
		policy: policy,
		udp:    &dns.Client{Net: "udp", UDPSize: dnsEDNSBuffer},
		tcp:    &dns.Client{Net: "tcp"},
	}, nil
}

// Check asks the resolver once. Observed is the sorted answer set, which
// is how a failover (and a failback) shows on the timeline.
func (p *dnsProbe) Check(ctx context.Context) engine.ProbeResult {
	start := time.Now()
	m := new(dns.Msg)
	m.SetQuestion(p.fqdn, p.qtype)
	m.RecursionDesired = true
	m.SetEdns0(dnsEDNSBuffer, false)
	resp, _, err := p.udp.ExchangeContext(ctx, m, p.resolver)
	if err == nil && resp.Truncated {
		resp, _, err = p.tcp.ExchangeContext(ctx, m, p.resolver)
	}
	if err != nil {
		return p.resolverError(ctx, start, err)
	}
	typ := dns.TypeToString[p.qtype]
	switch resp.Rcode {
	case dns.RcodeSuccess:
	case dns.RcodeRefused:
		// A resolver refusing the question is set up not to serve it (no
		// recursion for us, not authoritative): the probe asks the wrong
		// server.
		return inconclusive(start, "REFUSED", fmt.Sprintf("%s refused the %s query for %s: it does not serve this name to this client", p.resolver, typ, p.fqdn))
	default:
		rc := dns.RcodeToString[resp.Rcode]
		return fail(start, rc, fmt.Sprintf("%s answered %s for %s %s", p.resolver, rc, typ, p.fqdn))
	}
	var got []string
	for _, rr := range resp.Answer {
		if rr.Header().Rrtype == p.qtype {
			got = append(got, answerText(rr))
		}
	}
	got = normalizeAnswers(p.qtype, got)
	observed := strings.Join(got, ",")
	if len(got) == 0 {
		return fail(start, "no answer", fmt.Sprintf("%s has no %s record at %s", p.fqdn, typ, p.resolver))
	}
	if len(p.expect) > 0 && !equalStrings(got, p.expect) {
		return fail(start, observed, fmt.Sprintf("%s %s is %s, expected %s", p.fqdn, typ, observed, strings.Join(p.expect, ",")))
	}
	return pass(start, observed)
}

func (p *dnsProbe) resolverError(ctx context.Context, start time.Time, err error) engine.ProbeResult {
	if ctx.Err() == context.Canceled {
		return inconclusive(start, "", "check cancelled before the resolver answered")
	}
	class := errClass(err)
	if ctx.Err() == context.DeadlineExceeded {
		class = "timeout"
	}
	detail := fmt.Sprintf("resolver %s did not answer for %s: %v", p.resolver, p.fqdn, err)
	if p.policy == ResolverInconclusive {
		return inconclusive(start, class, detail)
	}
	return fail(start, class, detail)
}

// answerText is the comparable text of one record.
func answerText(rr dns.RR) string {
	switch r := rr.(type) {
	case *dns.A:
		return r.A.String()
	case *dns.AAAA:
		return r.AAAA.String()
	case *dns.CNAME:
		return r.Target
	case *dns.TXT:
		return strings.Join(r.Txt, "")
	}
	return strings.TrimSpace(strings.TrimPrefix(rr.String(), rr.Header().String()))
}

// normalizeAnswers makes answers comparable: IPs in canonical form, names
// in lower case without the trailing dot; sorted and without duplicates.
func normalizeAnswers(qtype uint16, in []string) []string {
	out := make([]string, 0, len(in))
	for _, a := range in {
		a = strings.TrimSpace(a)
		switch qtype {
		case dns.TypeA, dns.TypeAAAA:
			if ip := net.ParseIP(a); ip != nil {
				a = ip.String()
			}
		case dns.TypeCNAME, dns.TypeNS, dns.TypePTR:
			a = strings.TrimSuffix(strings.ToLower(a), ".")
		}
		out = append(out, a)
	}
	sort.Strings(out)
	uniq := out[:0]
	for i, a := range out {
		if i == 0 || a != out[i-1] {
			uniq = append(uniq, a)
		}
	}
	return uniq
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
