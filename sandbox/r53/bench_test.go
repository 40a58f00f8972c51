package r53

import (
	"context"
	"testing"
	"time"

	"github.com/miekg/dns"
)

// BenchmarkDNSQueryUDP measures one failover-resolved A query over UDP on
// loopback, client included.
func BenchmarkDNSQueryUDP(b *testing.B) {
	s := New(Options{RequestInterval: time.Hour})
	if err := s.SetupSandbox("127.0.0.1:1"); err != nil {
		b.Fatal(err)
	}
	if err := s.Start(context.Background()); err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	c := &dns.Client{Timeout: time.Second}
	m := new(dns.Msg)
	m.SetQuestion(SandboxRecordName, dns.TypeA)
	b.ResetTimer()
	for b.Loop() {
		r, _, err := c.Exchange(m, s.DNSAddr())
		if err != nil || len(r.Answer) != 1 {
			b.Fatalf("%v %v", err, r)
		}
	}
}
