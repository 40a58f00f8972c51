package probes

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/gameday-dev/gameday/engine"
)

// HTTPSpec configures an http probe. Redirects are followed (at most 10,
// as net/http does) and the final answer is judged; the latency covers the
// whole exchange up to the end of the body.
type HTTPSpec struct {
	URL     string
	Method  string            // GET when empty
	Headers map[string]string // a "Host" entry sets the request's Host
	Body    string
	Expect  HTTPExpect
	// TLS is nil for the system roots and no overrides.
	TLS *TLSOptions
	// FreshConnection opens a new connection for every check instead of
	// reusing a kept-alive one. Kept-alive connections stay pinned to the
	// address they were opened to, so a probe that must see a DNS failover
	// (or a new instance behind the same name) needs this.
	FreshConnection bool
}

// HTTPExpect is what a passing HTTP check looks like.
type HTTPExpect struct {
	// Status lists acceptable codes; empty means any 2xx.
	Status []int
	// BodyRegex must match the body (the first maxHTTPBody bytes).
	BodyRegex *regexp.Regexp
	// JSONPath is a dotted path into a JSON body ("data.items.0.state").
	JSONPath string
	// JSONValue is the value expected at JSONPath, as encoding/json would
	// decode it (string, float64 or json.Number, bool, nil, []any,
	// map[string]any); it is only compared when HasJSONValue is true, so
	// that null can be expected. Without it the path only has to exist.
	JSONValue    any
	HasJSONValue bool
	// MaxLatency fails a slower check; zero means no bound beyond the
	// check's timeout.
	MaxLatency time.Duration
}

// maxHTTPBody bounds how much of a body is read: health endpoints answer
// small documents, and a probe that runs every second must not download a
// large page each time. Expectations see only this prefix.
const maxHTTPBody = 1 << 20

// userAgent lets the people running the system tell probe traffic apart.
const userAgent = "gameday-probe/1"

type httpProbe struct {
	spec      HTTPSpec
	method    string
	client    *http.Client
	transport *http.Transport
}

func newHTTPProbe(spec HTTPSpec, b *Builder) (*httpProbe, error) {
	u, err := url.Parse(spec.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("not creating http probe: %q is not an absolute http:// or https:// URL", spec.URL)
	}
	method := strings.ToUpper(spec.Method)
	if method == "" {
		method = http.MethodGet
	}
	if !validToken(method) {
		return nil, fmt.Errorf("not creating http probe for %s: %q is not a valid HTTP method", spec.URL, spec.Method)
	}
	for k, v := range spec.Headers {
		if !validToken(k) || strings.ContainsAny(v, "\r\n\x00") {
			return nil, fmt.Errorf("not creating http probe for %s: header %q is not a valid HTTP header", spec.URL, k)
		}
	}
	for _, s := range spec.Expect.Status {
		if s < 100 || s > 599 {
			return nil, fmt.Errorf("not creating http probe for %s: expected status %d is not an HTTP status", spec.URL, s)
		}
	}
	if spec.Expect.JSONPath == "" && spec.Expect.HasJSONValue {
		return nil, fmt.Errorf("not creating http probe for %s: a JSON value is expected but no JSON path says where", spec.URL)
	}
	if _, err := splitJSONPath(spec.Expect.JSONPath); err != nil {
		return nil, fmt.Errorf("not creating http probe for %s: %w", spec.URL, err)
	}
	tr, err := b.pool.transport(spec.TLS, !spec.FreshConnection)
	if err != nil {
		return nil, fmt.Errorf("not creating http probe for %s: %w", spec.URL, err)
	}
	return &httpProbe{spec: spec, method: method, client: &http.Client{Transport: tr}, transport: tr}, nil
}

// CloseIdleConnections closes the probe's kept-alive connections (those of
// its shared transport); the runner calls it when the run ends.
func (p *httpProbe) CloseIdleConnections() { p.transport.CloseIdleConnections() }

// validToken reports whether s is an RFC 7230 token (methods, header names).
func validToken(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		if c <= ' ' || c >= 0x7f || strings.IndexByte("\"(),/:;<=>?@[\\]{}", c) >= 0 {
			return false
		}
	}
	return true
}

// Check makes one request and compares the answer with the expectations.
func (p *httpProbe) Check(ctx context.Context) engine.ProbeResult {
	start := time.Now()
	var body io.Reader
	if p.spec.Body != "" {
		body = strings.NewReader(p.spec.Body)
	}
	req, err := http.NewRequestWithContext(ctx, p.method, p.spec.URL, body)
	if err != nil {
		return inconclusive(start, "", fmt.Sprintf("request not sent: %v", err))
	}
	req.Header.Set("User-Agent", userAgent)
	for k, v := range p.spec.Headers {
		if strings.EqualFold(k, "Host") {
			req.Host = v
			continue
		}
		req.Header.Set(k, v)
	}
	resp, err := p.client.Do(req)
	if err != nil {
		return p.requestError(ctx, start, err)
	}
	data, readErr := io.ReadAll(io.LimitReader(resp.Body, maxHTTPBody))
	resp.Body.Close()
	if readErr != nil {
		// The status line arrived but the body broke off: the answer is
		// unusable, which users would see as a failure too.
		if ctx.Err() == context.Canceled {
			return inconclusive(start, "", "check cancelled before the body was read")
		}
		return fail(start, strconv.Itoa(resp.StatusCode), fmt.Sprintf("body of %s %s not read: %v", p.method, p.spec.URL, readErr))
	}
	latency := time.Since(start)
	r := evaluateHTTP(p.spec.Expect, resp.StatusCode, data, latency)
	r.Latency = latency
	return r
}

// requestError classifies a request that got no answer. Only what is
// certainly the probe's own doing is inconclusive; anything else counts as
// the system being unreachable, because hiding an outage is worse than
// reporting a doubtful one.
func (p *httpProbe) requestError(ctx context.Context, start time.Time, err error) engine.ProbeResult {
	if ctx.Err() == context.Canceled {
		return inconclusive(start, "", "check cancelled before an answer arrived")
	}
	if ctx.Err() == context.DeadlineExceeded || errors.Is(err, context.DeadlineExceeded) {
		return fail(start, "timeout", fmt.Sprintf("no answer from %s %s within the probe's timeout", p.method, p.spec.URL))
	}
	msg := err.Error()
	var ue *url.Error
	if errors.As(err, &ue) {
		msg = ue.Err.Error()
	}
	for _, s := range []string{"unsupported protocol scheme", "invalid header field", "invalid method", "invalid proxy address", "proxy: unknown scheme"} {
		if strings.Contains(msg, s) {
			return inconclusive(start, "", fmt.Sprintf("request not sent (probe misconfigured): %s", msg))
		}
	}
	return fail(start, errClass(err), fmt.Sprintf("%s %s failed: %s", p.method, p.spec.URL, msg))
}
