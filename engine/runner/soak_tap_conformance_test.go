//go:build conformance

package runner

import (
	"bytes"
	"io"
	"log"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/gameday-dev/gameday/awsapi"
)

// motoTap stands between the flaky proxy and moto and writes down every
// mutating call moto carried out (answered 2xx). The flaky proxy throws
// some of those answers away (effect-then-fail) and the SDK and gameday
// see only the error, so the tap is the one witness of what really
// changed: on moto it plays the part the world's Truth plays in the
// sandbox soak. A recorder around the clients could not: it sits above
// the proxy and sees what the client saw, not what moto did.
type motoTap struct {
	URL string

	srv   *httptest.Server
	proxy *httputil.ReverseProxy
	mu    sync.Mutex
	calls []tapCall
}

// tapCall is one mutating call moto carried out.
type tapCall struct {
	Service string // "ec2", "route53"
	Action  string // "StopInstances", "DeleteRoute", "UpdateHealthCheck"
	// Resources are what the call names: instance ids, "rtb-x|dest" for a
	// route, route table ids (tags), health check ids.
	Resources []string
	DryRun    bool // a DryRun call that moto executed all the same
	Inverted  bool // UpdateHealthCheck set Inverted=true
}

func (c tapCall) String() string {
	s := c.Service + ":" + c.Action + " " + strings.Join(c.Resources, ",")
	if c.DryRun {
		s += " (DryRun)"
	}
	if c.Inverted {
		s += " Inverted=true"
	}
	return s
}

// startMotoTap serves a tap in front of moto until the test ends.
func startMotoTap(t *testing.T, motoURL string) *motoTap {
	t.Helper()
	u, err := url.Parse(motoURL)
	if err != nil {
		t.Fatal(err)
	}
	tp := &motoTap{proxy: &httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) {
			r.SetURL(u)
			r.Out.Host = r.In.Host
		},
		// A client that gives up on a request (a watcher stopped at the
		// end of a run) is routine here, not worth a log line.
		ErrorLog: log.New(io.Discard, "", 0),
	}}
	tp.srv = httptest.NewServer(tp)
	tp.URL = tp.srv.URL
	t.Cleanup(tp.srv.Close)
	return tp
}

// ServeHTTP forwards the request and, when moto carried out a mutating
// call, records it.
func (tp *motoTap) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	r.Body.Close()
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	sw := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	tp.proxy.ServeHTTP(sw, r)
	if sw.status/100 != 2 {
		return
	}
	if c, ok := tapParse(r, body); ok {
		tp.mu.Lock()
		tp.calls = append(tp.calls, c)
		tp.mu.Unlock()
	}
}

// take returns the calls recorded since the last take and forgets them.
func (tp *motoTap) take() []tapCall {
	tp.mu.Lock()
	defer tp.mu.Unlock()
	out := tp.calls
	tp.calls = nil
	return out
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

var (
	tapHealthCheck = regexp.MustCompile(`^/2013-04-01/healthcheck/([^/]+)$`)
	tapR53Tags     = regexp.MustCompile(`^/2013-04-01/tags/healthcheck/([^/]+)$`)
)

// tapParse names a mutating call of the services the soak's faults act
// on: EC2's query protocol and Route 53's REST; other calls are reads or
// not the faults' business.
func tapParse(r *http.Request, body []byte) (tapCall, bool) {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "application/x-www-form-urlencoded" {
		form, err := url.ParseQuery(string(body))
		if err != nil || !strings.Contains(r.Header.Get("Authorization"), "/ec2/") {
			return tapCall{}, false
		}
		c := tapCall{Service: "ec2", Action: form.Get("Action"), DryRun: form.Get("DryRun") == "true"}
		if !awsapi.Mutating("ec2", c.Action) {
			return tapCall{}, false
		}
		for k, vs := range form {
			if strings.HasPrefix(k, "InstanceId.") || strings.HasPrefix(k, "ResourceId.") {
				c.Resources = append(c.Resources, vs...)
			}
		}
		if rtb := form.Get("RouteTableId"); rtb != "" {
			c.Resources = append(c.Resources, rtb+"|"+form.Get("DestinationCidrBlock"))
		}
		sort.Strings(c.Resources)
		return c, true
	}
	if r.Method != http.MethodPost {
		return tapCall{}, false
	}
	if m := tapHealthCheck.FindStringSubmatch(r.URL.Path); m != nil {
		return tapCall{Service: "route53", Action: "UpdateHealthCheck", Resources: []string{m[1]},
			Inverted: bytes.Contains(body, []byte("<Inverted>true</Inverted>"))}, true
	}
	if m := tapR53Tags.FindStringSubmatch(r.URL.Path); m != nil {
		return tapCall{Service: "route53", Action: "ChangeTagsForResource", Resources: []string{m[1]}}, true
	}
	return tapCall{}, false
}
