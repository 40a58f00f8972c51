// Package flakyproxy is an HTTP proxy on 127.0.0.1 that stands in front of
// an AWS emulator (moto) and misbehaves as AWS does: it answers some
// requests with the service's throttling error or a 500/503 without
// passing them on, and passes some mutating requests on, lets them take
// effect, then throws the answer away and answers a 500. The real SDK
// clients behind it see what they would see from AWS on a bad day, so the
// conformance tier can soak gameday in it. The faults are drawn as
// awsapi.Flaky draws them (awsapi.Injector), from a seed.
package flakyproxy

import (
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"

	"github.com/gameday-dev/gameday/awsapi"
)

// Proxy is a running fault-injecting proxy.
type Proxy struct {
	URL string // where to point the SDK: "http://127.0.0.1:PORT"

	injector *awsapi.Injector
	target   *httputil.ReverseProxy
	srv      *http.Server
}

// Start serves a proxy in front of target on a port of 127.0.0.1 the OS
// chooses. Only a loopback target is accepted: this is a test tool, and it
// must never stand between gameday and a real account.
func Start(target string, f awsapi.FlakyOptions) (*Proxy, error) {
	u, err := url.Parse(target)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("flaky proxy target %q is not a URL", target)
	}
	if !loopback(u.Hostname()) {
		return nil, fmt.Errorf("flaky proxy target %q is not on this machine's loopback", target)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &Proxy{
		URL:      "http://" + ln.Addr().String(),
		injector: awsapi.NewInjector(f),
		target: &httputil.ReverseProxy{
			Rewrite: func(r *httputil.ProxyRequest) {
				r.SetURL(u)
				r.Out.Host = r.In.Host // the request was signed for the proxy's host
			},
			// A target that cannot be reached is answered 502, which the
			// client sees; the log line would only add noise to tests.
			ErrorLog: log.New(io.Discard, "", 0),
		},
	}
	p.srv = &http.Server{Handler: p, ErrorLog: log.New(io.Discard, "", 0)}
	go func() { _ = p.srv.Serve(ln) }()
	return p, nil
}

// Injector counts what the proxy injected, per action.
func (p *Proxy) Injector() *awsapi.Injector { return p.injector }

// Close stops the proxy and the requests it is serving.
func (p *Proxy) Close() error {
	if err := p.srv.Close(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// ServeHTTP draws what to inject into the request and does it. A request
// the proxy cannot name (unsigned, such as moto's own /moto-api, or in a
// protocol it cannot answer in) passes untouched and uncounted.
func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	req, ok := identify(r)
	if !ok {
		p.target.ServeHTTP(w, r)
		return
	}
	in := p.injector.Draw(req.service+":"+req.op, req.mutating)
	a, inject := awsapi.InjectedAnswer(req.service, in)
	switch {
	case !inject:
		p.target.ServeHTTP(w, r)
		return
	case in == awsapi.InjectEffectThenFail:
		// The request is made and takes effect; its answer is lost.
		p.target.ServeHTTP(discard{http.Header{}}, r)
	}
	writeError(w, req, a)
}

// discard is a ResponseWriter that throws the answer away.
type discard struct{ h http.Header }

func (d discard) Header() http.Header       { return d.h }
func (discard) Write(b []byte) (int, error) { return len(b), nil }
func (discard) WriteHeader(int)             {}

// loopback reports whether host names this machine's loopback.
func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
