package r53

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"
	"github.com/miekg/dns"

	"github.com/gameday-dev/gameday/awsapi"
)

var _ awsapi.Route53 = (*Service)(nil)

const interval = 100 * time.Millisecond

// backend is the load balancer's /health stand-in.
type backend struct {
	srv    *httptest.Server
	status atomic.Int32
}

func newBackend(t *testing.T) *backend {
	t.Helper()
	b := &backend{}
	b.status.Store(http.StatusOK)
	b.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/health" {
			http.NotFound(w, r)
			return
		}
		w.WriteHeader(int(b.status.Load()))
	}))
	t.Cleanup(b.srv.Close)
	return b
}

func newSandbox(t *testing.T) (*Service, *backend) {
	t.Helper()
	b := newBackend(t)
	s := New(Options{RequestInterval: interval, CheckTimeout: 200 * time.Millisecond})
	if err := s.SetupSandbox(strings.TrimPrefix(b.srv.URL, "http://")); err != nil {
		t.Fatal(err)
	}
	if err := s.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s, b
}

func ask(t *testing.T, s *Service, network, name string, qtype uint16) *dns.Msg {
	t.Helper()
	c := &dns.Client{Net: network, Timeout: time.Second}
	m := new(dns.Msg)
	m.SetQuestion(name, qtype)
	r, _, err := c.Exchange(m, s.DNSAddr())
	if err != nil {
		t.Fatalf("DNS %s %s over %s: %v", name, dns.TypeToString[qtype], network, err)
	}
	return r
}

func answerA(t *testing.T, s *Service) string {
	t.Helper()
	r := ask(t, s, "udp", SandboxRecordName, dns.TypeA)
	if r.Rcode != dns.RcodeSuccess || len(r.Answer) != 1 {
		t.Fatalf("answer %v", r)
	}
	return r.Answer[0].(*dns.A).A.String()
}

// waitAnswer queries the DNS server until it answers want and returns how
// long that took.
func waitAnswer(t *testing.T, s *Service, want string, within time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	for time.Since(start) < within {
		if answerA(t, s) == want {
			return time.Since(start)
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("DNS still does not answer %s after %s", want, within)
	return 0
}

func flip(t *testing.T, s *Service, inverted bool) {
	t.Helper()
	ctx := context.Background()
	hc, err := s.GetHealthCheck(ctx, &route53.GetHealthCheckInput{HealthCheckId: aws.String(SandboxPrimaryCheckID)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateHealthCheck(ctx, &route53.UpdateHealthCheckInput{HealthCheckId: aws.String(SandboxPrimaryCheckID),
		HealthCheckVersion: hc.HealthCheck.HealthCheckVersion, Inverted: aws.Bool(inverted)}); err != nil {
		t.Fatal(err)
	}
}

func TestInvertedPrimaryFailsOverWithinThresholdAndBack(t *testing.T) {
	s, _ := newSandbox(t)
	waitAnswer(t, s, SandboxPrimaryAddress, time.Second)
	// Let a few healthy checks land so the counters start from steady state.
	time.Sleep(3 * interval)

	flip(t, s, true)
	took := waitAnswer(t, s, SandboxSecondaryAddress, 2*time.Second)
	// FailureThreshold (3) consecutive inverted results are needed: at least
	// two more intervals after the first, at most three plus one check.
	if took < 2*interval-20*time.Millisecond || took > 3*interval+interval+250*time.Millisecond {
		t.Fatalf("failover took %s; threshold 3 x interval %s", took, interval)
	}
	if healthy, _ := s.HealthStatus(SandboxPrimaryCheckID); healthy {
		t.Fatal("primary health check still healthy after failover")
	}

	flip(t, s, false)
	back := waitAnswer(t, s, SandboxPrimaryAddress, 2*time.Second)
	if back > 3*interval+interval+250*time.Millisecond {
		t.Fatalf("failback took %s", back)
	}
	var kinds []string
	for _, e := range s.Events() {
		switch e.Kind {
		case "health":
			kinds = append(kinds, map[bool]string{true: "healthy", false: "unhealthy"}[e.Healthy])
		case "answer":
			kinds = append(kinds, e.SetIdentifier+"="+e.Answer)
		}
	}
	want := "primary=127.0.0.1 unhealthy secondary=127.0.0.2 healthy primary=127.0.0.1"
	if got := strings.Join(kinds, " "); got != want {
		t.Fatalf("events %q, want %q", got, want)
	}
}

func TestRealOutageAndObservations(t *testing.T) {
	s, b := newSandbox(t)
	waitAnswer(t, s, SandboxPrimaryAddress, time.Second)
	b.status.Store(http.StatusServiceUnavailable)
	waitAnswer(t, s, SandboxSecondaryAddress, 2*time.Second)
	out, err := s.GetHealthCheckStatus(context.Background(), &route53.GetHealthCheckStatusInput{HealthCheckId: aws.String(SandboxPrimaryCheckID)})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.HealthCheckObservations) != 3 {
		t.Fatalf("%d observations, want one per checker (3)", len(out.HealthCheckObservations))
	}
	for _, o := range out.HealthCheckObservations {
		if *o.StatusReport.Status != "Failure: HTTP Status Code 503, Service Unavailable" || time.Since(*o.StatusReport.CheckedTime) > time.Second {
			t.Fatalf("observation %s %v", *o.StatusReport.Status, o.StatusReport.CheckedTime)
		}
	}

	// Disabled counts healthy at once, whatever the endpoint says.
	ctx := context.Background()
	if _, err := s.UpdateHealthCheck(ctx, &route53.UpdateHealthCheckInput{HealthCheckId: aws.String(SandboxPrimaryCheckID), Disabled: aws.Bool(true)}); err != nil {
		t.Fatal(err)
	}
	if got := answerA(t, s); got != SandboxPrimaryAddress {
		t.Fatalf("disabled check: answer %s, want the primary at once", got)
	}

	b.srv.Close()
	time.Sleep(2 * interval)
	out, _ = s.GetHealthCheckStatus(ctx, &route53.GetHealthCheckStatusInput{HealthCheckId: aws.String(SandboxPrimaryCheckID)})
	if !strings.HasPrefix(*out.HealthCheckObservations[0].StatusReport.Status, "Failure: Connection refused") {
		t.Fatalf("closed endpoint: %s", *out.HealthCheckObservations[0].StatusReport.Status)
	}
}

func TestVersionMismatchAndUnknownIDs(t *testing.T) {
	s := New(Options{})
	ctx := context.Background()
	if _, err := s.CreateHealthCheck(HealthCheckSpec{ID: "hc-1", Config: types.HealthCheckConfig{Type: types.HealthCheckTypeTcp,
		IPAddress: aws.String("127.0.0.1"), Port: aws.Int32(1)}}); err != nil {
		t.Fatal(err)
	}
	up, err := s.UpdateHealthCheck(ctx, &route53.UpdateHealthCheckInput{HealthCheckId: aws.String("hc-1"), HealthCheckVersion: aws.Int64(1), Inverted: aws.Bool(true)})
	if err != nil || *up.HealthCheck.HealthCheckVersion != 2 || !*up.HealthCheck.HealthCheckConfig.Inverted {
		t.Fatalf("update: %v %+v", err, up)
	}
	if _, err := s.UpdateHealthCheck(ctx, &route53.UpdateHealthCheckInput{HealthCheckId: aws.String("hc-1"), HealthCheckVersion: aws.Int64(1),
		Inverted: aws.Bool(false)}); !awsapi.IsCode(err, "HealthCheckVersionMismatch") {
		t.Fatalf("stale version: %v", err)
	}
	got, _ := s.GetHealthCheck(ctx, &route53.GetHealthCheckInput{HealthCheckId: aws.String("hc-1")})
	if *got.HealthCheck.HealthCheckVersion != 2 || !*got.HealthCheck.HealthCheckConfig.Inverted {
		t.Fatalf("the refused update changed the check: %+v", got.HealthCheck)
	}
	if _, err := s.GetHealthCheck(ctx, &route53.GetHealthCheckInput{HealthCheckId: aws.String("nope")}); !awsapi.IsCode(err, "NoSuchHealthCheck") {
		t.Fatalf("unknown id: %v", err)
	}
	if _, err := s.CreateHealthCheck(HealthCheckSpec{Config: types.HealthCheckConfig{Type: types.HealthCheckTypeHttps,
		IPAddress: aws.String("127.0.0.1")}}); err == nil {
		t.Fatal("HTTPS check accepted; the sandbox does not simulate it")
	}
}

func TestTCPCheckAndLoopbackOnly(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	s := New(Options{})
	port := int32(ln.Addr().(*net.TCPAddr).Port)
	ok, report := s.probe(context.Background(), types.HealthCheckConfig{Type: types.HealthCheckTypeTcp, IPAddress: aws.String("127.0.0.1"), Port: aws.Int32(port)})
	if !ok || report != "Success: TCP connection established" {
		t.Fatalf("tcp: %v %s", ok, report)
	}
	ok, report = s.probe(context.Background(), types.HealthCheckConfig{Type: types.HealthCheckTypeTcp, IPAddress: aws.String("192.0.2.1"), Port: aws.Int32(80)})
	if ok || !strings.Contains(report, "only loopback") {
		t.Fatalf("non-loopback address: %v %s", ok, report)
	}
	ok, report = s.probe(context.Background(), types.HealthCheckConfig{Type: types.HealthCheckTypeHttp,
		FullyQualifiedDomainName: aws.String("example.com"), Port: aws.Int32(80), ResourcePath: aws.String("/")})
	if ok || !strings.Contains(report, "only loopback names") {
		t.Fatalf("outside name: %v %s", ok, report)
	}
}

func TestDNSAnswers(t *testing.T) {
	s, _ := newSandbox(t)
	r := ask(t, s, "tcp", SandboxRecordName, dns.TypeA)
	if r.Rcode != dns.RcodeSuccess || !r.Authoritative || len(r.Answer) != 1 || r.Answer[0].Header().Ttl != 1 {
		t.Fatalf("A over TCP: %v", r)
	}
	if r := ask(t, s, "udp", "nope.sandbox.gameday.test.", dns.TypeA); r.Rcode != dns.RcodeNameError || len(r.Ns) != 1 {
		t.Fatalf("unknown name: %v", r)
	}
	if r := ask(t, s, "udp", SandboxRecordName, dns.TypeAAAA); r.Rcode != dns.RcodeSuccess || len(r.Answer) != 0 || len(r.Ns) != 1 {
		t.Fatalf("no AAAA: %v", r)
	}
	if r := ask(t, s, "udp", "example.com.", dns.TypeA); r.Rcode != dns.RcodeRefused {
		t.Fatalf("outside the zone: %v", r)
	}
	for _, rr := range []types.ResourceRecordSet{
		{Name: aws.String("www.sandbox.gameday.test"), Type: types.RRTypeCname, ResourceRecords: []types.ResourceRecord{{Value: aws.String(SandboxRecordName)}}},
		{Name: aws.String("txt.sandbox.gameday.test."), Type: types.RRTypeTxt, TTL: aws.Int64(30), ResourceRecords: []types.ResourceRecord{{Value: aws.String(`"hello world"`)}}},
	} {
		if err := s.AddRecord(SandboxZoneID, rr); err != nil {
			t.Fatal(err)
		}
	}
	r = ask(t, s, "udp", "www.sandbox.gameday.test.", dns.TypeA)
	if len(r.Answer) != 2 || r.Answer[0].(*dns.CNAME).Target != SandboxRecordName || r.Answer[1].(*dns.A).A.String() != SandboxPrimaryAddress {
		t.Fatalf("CNAME chase: %v", r)
	}
	r = ask(t, s, "udp", "txt.sandbox.gameday.test.", dns.TypeTXT)
	if len(r.Answer) != 1 || r.Answer[0].(*dns.TXT).Txt[0] != "hello world" || r.Answer[0].Header().Ttl != 30 {
		t.Fatalf("TXT: %v", r)
	}
	if err := s.AddRecord(SandboxZoneID, types.ResourceRecordSet{Name: aws.String("x.example.com."), Type: types.RRTypeA,
		ResourceRecords: []types.ResourceRecord{{Value: aws.String("127.0.0.1")}}}); err == nil {
		t.Fatal("record outside the zone accepted")
	}
	if err := s.AddRecord(SandboxZoneID, types.ResourceRecordSet{Name: aws.String("bad.sandbox.gameday.test."), Type: types.RRTypeA,
		ResourceRecords: []types.ResourceRecord{{Value: aws.String("not-an-ip")}}}); err == nil {
		t.Fatal("bad A value accepted")
	}
}

func TestListingsAndTags(t *testing.T) {
	s := New(Options{})
	ctx := context.Background()
	if err := s.SetupSandbox("127.0.0.1:1"); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"hc-b", "hc-c"} {
		if _, err := s.CreateHealthCheck(HealthCheckSpec{ID: id, Config: types.HealthCheckConfig{Type: types.HealthCheckTypeHttp,
			IPAddress: aws.String("127.0.0.1")}}); err != nil {
			t.Fatal(err)
		}
	}
	var ids []string
	var marker *string
	for {
		out, err := s.ListHealthChecks(ctx, &route53.ListHealthChecksInput{MaxItems: aws.Int32(2), Marker: marker})
		if err != nil {
			t.Fatal(err)
		}
		for _, hc := range out.HealthChecks {
			ids = append(ids, *hc.Id)
		}
		if !out.IsTruncated {
			break
		}
		marker = out.NextMarker
	}
	if strings.Join(ids, ",") != SandboxPrimaryCheckID+",hc-b,hc-c" {
		t.Fatalf("listed %v", ids)
	}

	rr, err := s.ListResourceRecordSets(ctx, &route53.ListResourceRecordSetsInput{HostedZoneId: aws.String("/hostedzone/" + SandboxZoneID)})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rr.ResourceRecordSets {
		got = append(got, *r.Name+" "+string(r.Type)+" "+aws.ToString(r.SetIdentifier))
	}
	want := "sandbox.gameday.test. NS ,sandbox.gameday.test. SOA ,app.sandbox.gameday.test. A primary,app.sandbox.gameday.test. A secondary"
	if strings.Join(got, ",") != want {
		t.Fatalf("records %q", strings.Join(got, ","))
	}
	page, err := s.ListResourceRecordSets(ctx, &route53.ListResourceRecordSetsInput{HostedZoneId: aws.String(SandboxZoneID),
		StartRecordName: aws.String(SandboxRecordName), StartRecordType: types.RRTypeA, StartRecordIdentifier: aws.String("secondary"), MaxItems: aws.Int32(1)})
	if err != nil || len(page.ResourceRecordSets) != 1 || *page.ResourceRecordSets[0].SetIdentifier != "secondary" || page.IsTruncated {
		t.Fatalf("start at the secondary: %v %+v", err, page)
	}
	if _, err := s.ListResourceRecordSets(ctx, &route53.ListResourceRecordSetsInput{HostedZoneId: aws.String("Znope")}); !awsapi.IsCode(err, "NoSuchHostedZone") {
		t.Fatalf("unknown zone: %v", err)
	}

	if _, err := s.ChangeTagsForResource(ctx, &route53.ChangeTagsForResourceInput{ResourceType: types.TagResourceTypeHealthcheck,
		ResourceId: aws.String("hc-b"), AddTags: []types.Tag{{Key: aws.String("gameday"), Value: aws.String("flip")}, {Key: aws.String("x"), Value: aws.String("1")}},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ChangeTagsForResource(ctx, &route53.ChangeTagsForResourceInput{ResourceType: types.TagResourceTypeHealthcheck,
		ResourceId: aws.String("hc-b"), RemoveTagKeys: []string{"x"}}); err != nil {
		t.Fatal(err)
	}
	tags, err := s.ListTagsForResource(ctx, &route53.ListTagsForResourceInput{ResourceType: types.TagResourceTypeHealthcheck, ResourceId: aws.String("hc-b")})
	if err != nil || len(tags.ResourceTagSet.Tags) != 1 || *tags.ResourceTagSet.Tags[0].Key != "gameday" {
		t.Fatalf("tags: %v %+v", err, tags)
	}
	if _, err := s.ListTagsForResource(ctx, &route53.ListTagsForResourceInput{ResourceType: types.TagResourceTypeHealthcheck, ResourceId: aws.String("nope")}); !awsapi.IsCode(err, "NoSuchHealthCheck") {
		t.Fatalf("unknown check: %v", err)
	}
}

func TestStartsOnce(t *testing.T) {
	s := New(Options{})
	if err := s.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := s.Start(context.Background()); err == nil {
		t.Fatal("second Start accepted")
	}
	s.Close()
	if err := s.Start(context.Background()); err == nil {
		t.Fatal("Start after Close accepted")
	}
	s.Close() // a second Close is harmless
}
