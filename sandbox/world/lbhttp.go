package world

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"sync"
	"time"
)

// lbStats accumulates what the balancer answered during one metrics
// interval.
type lbStats struct {
	mu        sync.Mutex
	requests  int64
	elb5xx    int64
	target5xx int64
	responses int64
	respTime  time.Duration
}

type reqInfoKey struct{}

// reqInfo follows one request through the proxy.
type reqInfo struct {
	target  string
	start   time.Time
	fromLB  bool // the balancer answered itself
	latency time.Duration
	replied bool // a target answered
}

// lbHandler is the load balancer: it picks a healthy target round robin
// (only in one AZ when the query has az=<az>), forwards over loopback to the
// shared instance listener, and answers 503 itself when no target is
// healthy, 502 when the target drops the connection, 504 when it times out.
func (w *World) lbHandler() http.Handler {
	proxy := &httputil.ReverseProxy{
		Transport: w.transport,
		Rewrite: func(pr *httputil.ProxyRequest) {
			info := pr.In.Context().Value(reqInfoKey{}).(*reqInfo)
			pr.SetURL(w.appBase)
			pr.SetXForwarded()
			pr.Out.Header.Set(InstanceHeader, info.target)
		},
		ModifyResponse: func(resp *http.Response) error {
			info := resp.Request.Context().Value(reqInfoKey{}).(*reqInfo)
			info.latency, info.replied = time.Since(info.start), true
			return nil
		},
		ErrorHandler: func(rw http.ResponseWriter, r *http.Request, err error) {
			info := r.Context().Value(reqInfoKey{}).(*reqInfo)
			info.fromLB = true
			code := http.StatusBadGateway
			var ne net.Error
			if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
				code = http.StatusGatewayTimeout
			}
			rw.WriteHeader(code)
			io.WriteString(rw, http.StatusText(code)+"\n")
		},
	}
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		info := &reqInfo{start: time.Now()}
		rec := &statusWriter{ResponseWriter: rw, status: http.StatusOK}
		az := r.URL.Query().Get("az")
		w.mu.Lock()
		t, ok := w.pick(az)
		if ok {
			info.target = t.id
		}
		w.mu.Unlock()
		if !ok {
			info.fromLB = true
			rec.WriteHeader(http.StatusServiceUnavailable)
			io.WriteString(rec, "503 Service Temporarily Unavailable: no healthy target\n")
		} else {
			proxy.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), reqInfoKey{}, info)))
		}
		w.count(info, rec.status)
	})
}

func (w *World) count(info *reqInfo, status int) {
	elb := info.fromLB && status >= 500
	target := !info.fromLB && status >= 500
	w.truth.count(elb, target)
	s := &w.stats
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests++
	if elb {
		s.elb5xx++
	}
	if target {
		s.target5xx++
	}
	if info.replied {
		s.responses++
		s.respTime += info.latency
	}
}

type statusWriter struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (s *statusWriter) WriteHeader(code int) {
	if !s.wrote {
		s.status, s.wrote = code, true
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Write(b []byte) (int, error) {
	s.wrote = true
	return s.ResponseWriter.Write(b)
}

func (s *statusWriter) Flush() {
	if f, ok := s.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// publish sends one interval's metrics to the sink, with the contract's
// names, namespace and dimension.
func (w *World) publish(now time.Time) {
	s := &w.stats
	s.mu.Lock()
	req, elb, tgt, n, rt := s.requests, s.elb5xx, s.target5xx, s.responses, s.respTime
	s.requests, s.elb5xx, s.target5xx, s.responses, s.respTime = 0, 0, 0, 0, 0
	s.mu.Unlock()
	w.mu.Lock()
	healthy, unhealthy := w.hostCounts()
	w.mu.Unlock()
	sink := w.opts.Metrics
	if sink == nil {
		return
	}
	const ns = "AWS/ApplicationELB"
	dims := func() map[string]string { return map[string]string{"LoadBalancer": LoadBalancerID} }
	sink.PutMetric(ns, "RequestCount", dims(), now, float64(req))
	sink.PutMetric(ns, "HTTPCode_ELB_5XX_Count", dims(), now, float64(elb))
	sink.PutMetric(ns, "HTTPCode_Target_5XX_Count", dims(), now, float64(tgt))
	if n > 0 {
		sink.PutMetric(ns, "TargetResponseTime", dims(), now, rt.Seconds()/float64(n))
	}
	sink.PutMetric(ns, "HealthyHostCount", dims(), now, float64(healthy))
	sink.PutMetric(ns, "UnHealthyHostCount", dims(), now, float64(unhealthy))
}
