package probes

import (
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/miekg/dns"
)

// dnsServer answers on 127.0.0.1 over UDP and TCP (same port) from a zone
// that tests change while it runs.
type dnsServer struct {
	addr    string
	answers atomic.Value // map[string][]string: "name/TYPE" -> RR texts
	rcode   atomic.Int32
	// truncateUDP makes UDP answers come back truncated and empty.
	truncateUDP atomic.Bool
	tcpQueries  atomic.Int32
}

func startDNS(t *testing.T) *dnsServer {
	t.Helper()
	s := &dnsServer{}
	s.answers.Store(map[string][]string{})
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", pc.LocalAddr().String())
	if err != nil {
		pc.Close()
		t.Skipf("TCP port of the UDP listener is taken: %v", err)
	}
	s.addr = pc.LocalAddr().String()
	h := dns.HandlerFunc(func(w dns.ResponseWriter, q *dns.Msg) {
		m := new(dns.Msg)
		m.SetReply(q)
		m.Rcode = int(s.rcode.Load())
		_, isTCP := w.RemoteAddr().(*net.TCPAddr)
		if isTCP {
			s.tcpQueries.Add(1)
		}
		if !isTCP && s.truncateUDP.Load() {
			m.Truncated = true
			w.WriteMsg(m)
			return
		}
		key := strings.ToLower(q.Question[0].Name) + "/" + dns.TypeToString[q.Question[0].Qtype]
		for _, txt := range s.answers.Load().(map[string][]string)[key] {
			rr, err := dns.NewRR(txt)
			if err != nil {
				panic(err)
			}
			m.Answer = append(m.Answer, rr)
		}
		w.WriteMsg(m)
	})
	udp := &dns.Server{PacketConn: pc, Handler: h}
	tcp := &dns.Server{Listener: l, Handler: h}
	go udp.ActivateAndServe()
	go tcp.ActivateAndServe()
	t.Cleanup(func() { udp.Shutdown(); tcp.Shutdown() })
	return s
}

func (s *dnsServer) set(key string, rrs ...string) {
	m := map[string][]string{key: rrs}
	s.answers.Store(m)
}

func TestDNSFailoverIsObserved(t *testing.T) {
	srv := startDNS(t)
	srv.set("app.test./A", "app.test. 60 IN A 10.0.0.2", "app.test. 60 IN A 10.0.0.1")
	p, err := New(KindDNS, DNSSpec{Name: "app.test", Resolver: srv.addr, ExpectAnswers: []string{"10.0.0.1", "10.0.0.2", "10.0.0.1"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := check(t, p, time.Second)
	wantOutcome(t, r, "pass")
	if r.Observed != "10.0.0.1,10.0.0.2" {
		t.Errorf("observed %q, want the sorted set", r.Observed)
	}
	// Failover: the secondary's address is served.
	srv.set("app.test./A", "app.test. 60 IN A 10.9.0.1")
	r = check(t, p, time.Second)
	wantOutcome(t, r, "fail")
	if r.Observed != "10.9.0.1" || !strings.Contains(r.Detail, "expected 10.0.0.1,10.0.0.2") {
		t.Errorf("observed %q detail %q", r.Observed, r.Detail)
	}
	// Without expectations any answer passes; none fails.
	anyAnswer, _ := New(KindDNS, DNSSpec{Name: "app.test.", Resolver: srv.addr}, nil)
	wantOutcome(t, check(t, anyAnswer, time.Second), "pass")
	srv.set("other./A")
	r = check(t, anyAnswer, time.Second)
	wantOutcome(t, r, "fail")
	if r.Observed != "no answer" {
		t.Errorf("observed %q", r.Observed)
	}
}

func TestDNSTypesAndNormalization(t *testing.T) {
	srv := startDNS(t)
	srv.answers.Store(map[string][]string{
		"www.test./CNAME": {"www.test. 60 IN CNAME LB.Example.COM."},
		"txt.test./TXT":   {`txt.test. 60 IN TXT "v=1" " ok"`},
		"v6.test./AAAA":   {"v6.test. 60 IN AAAA 2001:db8:0:0::1"},
		// An A query answered with a CNAME chain keeps only the A records.
		"alias.test./A": {"alias.test. 60 IN CNAME real.test.", "real.test. 60 IN A 10.0.0.7"},
	})
	for _, c := range []struct {
		spec     DNSSpec
		observed string
	}{
		{DNSSpec{Name: "www.test", Type: "CNAME", ExpectAnswers: []string{"lb.example.com"}}, "lb.example.com"},
		{DNSSpec{Name: "txt.test", Type: "txt", ExpectAnswers: []string{"v=1 ok"}}, "v=1 ok"},
		{DNSSpec{Name: "v6.test", Type: "AAAA", ExpectAnswers: []string{"2001:DB8::1"}}, "2001:db8::1"},
		{DNSSpec{Name: "alias.test", ExpectAnswers: []string{"10.0.0.7"}}, "10.0.0.7"},
	} {
		c.spec.Resolver = srv.addr
		p, err := New(KindDNS, c.spec, nil)
		if err != nil {
			t.Fatal(err)
		}
		r := check(t, p, time.Second)
		wantOutcome(t, r, "pass")
		if r.Observed != c.observed {
			t.Errorf("%s: observed %q, want %q", c.spec.Name, r.Observed, c.observed)
		}
	}
}

func TestDNSRcodesAndResolverPolicy(t *testing.T) {
	srv := startDNS(t)
	p, _ := New(KindDNS, DNSSpec{Name: "gone.test", Resolver: srv.addr}, nil)
	srv.rcode.Store(dns.RcodeNameError)
	r := check(t, p, time.Second)
	wantOutcome(t, r, "fail")
	if r.Observed != "NXDOMAIN" {
		t.Errorf("observed %q", r.Observed)
	}
	srv.rcode.Store(dns.RcodeServerFailure)
	wantOutcome(t, check(t, p, time.Second), "fail")
	srv.rcode.Store(dns.RcodeRefused)
	wantOutcome(t, check(t, p, time.Second), "inconclusive")

	// Nothing listens on this UDP port: loopback answers port-unreachable
	// at once, and the probe's policy decides what that counts as.
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	silent := pc.LocalAddr().String()
	pc.Close()
	def, _ := New(KindDNS, DNSSpec{Name: "a.test", Resolver: silent}, nil)
	wantOutcome(t, check(t, def, 200*time.Millisecond), "fail")
	instrument, _ := New(KindDNS, DNSSpec{Name: "a.test", Resolver: silent, OnResolverError: ResolverInconclusive}, nil)
	wantOutcome(t, check(t, instrument, 200*time.Millisecond), "inconclusive")

	for _, bad := range []DNSSpec{{}, {Name: "a.test", Type: "NOPE", Resolver: srv.addr}, {Name: "a.test", Resolver: "nohostport"}, {Name: "a.test", Resolver: srv.addr, OnResolverError: "ignore"}} {
		if _, err := New(KindDNS, bad, nil); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}

func TestDNSTruncatedRetriesOverTCP(t *testing.T) {
	srv := startDNS(t)
	srv.set("big.test./A", "big.test. 60 IN A 10.0.0.1")
	srv.truncateUDP.Store(true)
	p, _ := New(KindDNS, DNSSpec{Name: "big.test", Resolver: srv.addr, ExpectAnswers: []string{"10.0.0.1"}}, nil)
	wantOutcome(t, check(t, p, time.Second), "pass")
	if srv.tcpQueries.Load() != 1 {
		t.Errorf("%d TCP queries, want 1", srv.tcpQueries.Load())
	}
}
