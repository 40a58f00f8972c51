package probes

import (
	"context"
	"encoding/pem"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
	"github.com/zclconf/go-cty/cty"
)

func check(t *testing.T, p engine.Probe, timeout time.Duration) engine.ProbeResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	return p.Check(ctx)
}

func mustHTTP(t *testing.T, b *Builder, s HTTPSpec) engine.Probe {
	t.Helper()
	p, err := b.New(KindHTTP, s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func wantOutcome(t *testing.T, r engine.ProbeResult, want string) {
	t.Helper()
	got := "fail"
	switch {
	case r.Inconclusive:
		got = "inconclusive"
	case r.OK:
		got = "pass"
	}
	if got != want {
		t.Fatalf("outcome %s, want %s (observed %q, detail %q)", got, want, r.Observed, r.Detail)
	}
}

// closedAddr returns a loopback address nothing listens on.
func closedAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

func TestHTTPExpectations(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/ok":
			fmt.Fprint(w, `{"data":{"items":[{"state":"ready","n":3}],"none":null},"region":"us-east-1"}`)
		case "/down":
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprint(w, "maintenance")
		case "/slow":
			time.Sleep(60 * time.Millisecond)
			fmt.Fprint(w, "late")
		case "/text":
			fmt.Fprint(w, "hello world")
		}
	}))
	defer srv.Close()
	b := NewBuilder(nil)
	defer b.CloseIdleConnections()
	cases := []struct {
		name, path string
		expect     HTTPExpect
		want       string
		observed   string
		detail     string
	}{
		{"default 2xx", "/ok", HTTPExpect{}, "pass", "200", ""},
		{"503 not 2xx", "/down", HTTPExpect{}, "fail", "503", "not one of the expected 2xx"},
		{"status set", "/down", HTTPExpect{Status: []int{200, 503}}, "pass", "503", ""},
		{"status set miss", "/ok", HTTPExpect{Status: []int{204}}, "fail", "200", "[204]"},
		{"regex", "/text", HTTPExpect{BodyRegex: regexp.MustCompile(`wor.d`)}, "pass", "200", ""},
		{"regex miss", "/text", HTTPExpect{BodyRegex: regexp.MustCompile(`^bye`)}, "fail", "200", "does not match"},
		{"json value", "/ok", HTTPExpect{JSONPath: "data.items.0.state", JSONValue: "ready", HasJSONValue: true}, "pass", `200 data.items.0.state="ready"`, ""},
		{"json number", "/ok", HTTPExpect{JSONPath: "data.items.0.n", JSONValue: 3.0, HasJSONValue: true}, "pass", `200 data.items.0.n=3`, ""},
		{"json null", "/ok", HTTPExpect{JSONPath: "data.none", JSONValue: nil, HasJSONValue: true}, "pass", `200 data.none=null`, ""},
		{"json exists", "/ok", HTTPExpect{JSONPath: "region"}, "pass", `200 region="us-east-1"`, ""},
		{"json mismatch", "/ok", HTTPExpect{JSONPath: "data.items.0.state", JSONValue: "draining", HasJSONValue: true}, "fail", `200 data.items.0.state="ready"`, `expected "draining"`},
		{"json index out", "/ok", HTTPExpect{JSONPath: "data.items.4.state"}, "fail", "200", "has 1 elements"},
		{"json missing key", "/ok", HTTPExpect{JSONPath: "data.nope"}, "fail", "200", `no key "nope"`},
		{"not json", "/text", HTTPExpect{JSONPath: "a"}, "fail", "200", "not JSON"},
		{"latency bound", "/slow", HTTPExpect{MaxLatency: 20 * time.Millisecond}, "fail", "200", "slower than the allowed 20ms"},
		{"latency ok", "/slow", HTTPExpect{MaxLatency: 2 * time.Second}, "pass", "200", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := mustHTTP(t, b, HTTPSpec{URL: srv.URL + c.path, Expect: c.expect})
			r := check(t, p, 2*time.Second)
			wantOutcome(t, r, c.want)
			if r.Observed != c.observed {
				t.Errorf("observed %q, want %q", r.Observed, c.observed)
			}
			if !strings.Contains(r.Detail, c.detail) {
				t.Errorf("detail %q does not mention %q", r.Detail, c.detail)
			}
			if r.Latency <= 0 {
				t.Errorf("latency %s not measured", r.Latency)
			}
		})
	}
}

func TestHTTPSendsMethodHeadersBody(t *testing.T) {
	var got struct{ method, host, hdr, ua, body string }
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got.method, got.host, got.hdr, got.ua, got.body = r.Method, r.Host, r.Header.Get("X-Probe"), r.UserAgent(), string(b)
		w.WriteHeader(http.StatusCreated)
	}))
	defer srv.Close()
	p := mustHTTP(t, NewBuilder(nil), HTTPSpec{
		URL: srv.URL + "/orders", Method: "post", Body: `{"a":1}`,
		Headers: map[string]string{"X-Probe": "yes", "Host": "shop.test"},
		Expect:  HTTPExpect{Status: []int{201}},
	})
	wantOutcome(t, check(t, p, 2*time.Second), "pass")
	if got.method != "POST" || got.host != "shop.test" || got.hdr != "yes" || got.body != `{"a":1}` || got.ua != userAgent {
		t.Fatalf("server saw %+v", got)
	}
}

func TestHTTPUnreachableAndTimeouts(t *testing.T) {
	b := NewBuilder(nil)
	refused := mustHTTP(t, b, HTTPSpec{URL: "http://" + closedAddr(t) + "/"})
	r := check(t, refused, 2*time.Second)
	wantOutcome(t, r, "fail")
	if r.Observed != "connection refused" {
		t.Errorf("observed %q, want connection refused", r.Observed)
	}

	release := make(chan struct{})
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer hang.Close()
	defer close(release)
	slow := mustHTTP(t, b, HTTPSpec{URL: hang.URL})
	start := time.Now()
	r = check(t, slow, 50*time.Millisecond)
	wantOutcome(t, r, "fail")
	if r.Observed != "timeout" || time.Since(start) > time.Second {
		t.Errorf("observed %q after %s, want a timeout after about 50ms", r.Observed, time.Since(start))
	}

	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(20 * time.Millisecond); cancel() }()
	wantOutcome(t, slow.Check(ctx), "inconclusive")
}

func TestHTTPTLS(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "secure") }))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // refused handshakes are expected here
	srv.StartTLS()
	defer srv.Close()
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	pemBytes := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	if err := os.WriteFile(caFile, pemBytes, 0o600); err != nil {
		t.Fatal(err)
	}
	b := NewBuilder(nil)
	cases := []struct {
		name     string
		tls      *TLSOptions
		want     string
		observed string
	}{
		{"system roots refuse self-signed", nil, "fail", "tls error"},
		{"insecure", &TLSOptions{InsecureSkipVerify: true}, "pass", "200"},
		{"ca file", &TLSOptions{CAFile: caFile}, "pass", "200"},
		{"ca file, certificate's name", &TLSOptions{CAFile: caFile, ServerName: "example.com"}, "pass", "200"},
		{"ca file, wrong name", &TLSOptions{CAFile: caFile, ServerName: "wrong.test"}, "fail", "tls error"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := check(t, mustHTTP(t, b, HTTPSpec{URL: srv.URL, TLS: c.tls}), 2*time.Second)
			wantOutcome(t, r, c.want)
			if r.Observed != c.observed {
				t.Errorf("observed %q, want %q (%s)", r.Observed, c.observed, r.Detail)
			}
		})
	}
	if _, err := b.New(KindHTTP, HTTPSpec{URL: srv.URL, TLS: &TLSOptions{CAFile: filepath.Join(t.TempDir(), "missing.pem")}}); err == nil {
		t.Error("a missing CA file was accepted")
	}
}

func TestHTTPConnectionReuse(t *testing.T) {
	var conns atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	b := NewBuilder(nil)
	kept := mustHTTP(t, b, HTTPSpec{URL: srv.URL})
	for range 5 {
		wantOutcome(t, check(t, kept, 2*time.Second), "pass")
	}
	if conns.Load() != 1 {
		t.Errorf("5 kept-alive checks opened %d connections, want 1", conns.Load())
	}
	fresh := mustHTTP(t, b, HTTPSpec{URL: srv.URL, FreshConnection: true})
	for range 3 {
		wantOutcome(t, check(t, fresh, 2*time.Second), "pass")
	}
	if conns.Load() != 4 {
		t.Errorf("3 fresh-connection checks brought the count to %d, want 4", conns.Load())
	}
	mustHTTP(t, b, HTTPSpec{URL: srv.URL + "/other"})
	if len(b.pool.transports) != 2 {
		t.Errorf("builder holds %d transports, want 2 (kept-alive and fresh)", len(b.pool.transports))
	}
}

func TestHTTPRejectsBadSpecs(t *testing.T) {
	for _, s := range []HTTPSpec{
		{URL: "ftp://x/"},
		{URL: "/relative"},
		{URL: "http://x/", Method: "GE T"},
		{URL: "http://x/", Headers: map[string]string{"X": "a\nb"}},
		{URL: "http://x/", Expect: HTTPExpect{Status: []int{42}}},
		{URL: "http://x/", Expect: HTTPExpect{HasJSONValue: true}},
		{URL: "http://x/", Expect: HTTPExpect{JSONPath: "a..b"}},
	} {
		if _, err := New(KindHTTP, s, nil); err == nil {
			t.Errorf("%+v accepted", s)
		}
	}
	if _, err := New(KindTCP, HTTPSpec{URL: "http://x/"}, nil); err == nil {
		t.Error("an http spec was accepted for a tcp probe")
	}
}

func TestHTTPFromLoaderSpec(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"replicas":3.0,"tags":["a","b"]}`)
	}))
	defer srv.Close()
	kinds := Kinds()
	for _, c := range []struct {
		path string
		v    cty.Value
		want string
	}{
		{"replicas", cty.NumberIntVal(3), "pass"},
		{"replicas", cty.NumberIntVal(4), "fail"},
		{"replicas", cty.StringVal("3"), "fail"},
		{"tags", cty.TupleVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")}), "pass"},
	} {
		p, err := kinds[KindHTTP].New(&config.HTTPProbe{URL: srv.URL, Method: "GET", Expect: config.HTTPExpect{JSONPath: c.path, JSONValue: c.v}}, engine.ProbeEnv{})
		if err != nil {
			t.Fatal(err)
		}
		wantOutcome(t, check(t, p, 2*time.Second), c.want)
	}
}

func TestHTTPConnectionClosedMidAnswer(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		conn.Close() // the instance died while answering
	}))
	defer srv.Close()
	r := check(t, mustHTTP(t, NewBuilder(nil), HTTPSpec{URL: srv.URL}), 2*time.Second)
	wantOutcome(t, r, "fail")
	if r.Observed != "connection closed" {
		t.Errorf("observed %q (%s)", r.Observed, r.Detail)
	}
}

// The probes of one registry share their transports, as a run's probes
// must; another registry (another run) has its own.
func TestKindsShareTransportsPerRegistry(t *testing.T) {
	kinds := Kinds()
	a, err := kinds[KindHTTP].New(HTTPSpec{URL: "http://127.0.0.1:1/a"}, engine.ProbeEnv{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := kinds[KindHTTP].New(HTTPSpec{URL: "http://127.0.0.1:1/b"}, engine.ProbeEnv{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := Kinds()[KindHTTP].New(HTTPSpec{URL: "http://127.0.0.1:1/c"}, engine.ProbeEnv{})
	if err != nil {
		t.Fatal(err)
	}
	if a.(*httpProbe).transport != b.(*httpProbe).transport {
		t.Error("two probes of one registry have their own transports")
	}
	if a.(*httpProbe).transport == c.(*httpProbe).transport {
		t.Error("probes of two registries share a transport")
	}
}
