package remote

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/zclconf/go-cty/cty"

	"github.com/gameday-dev/gameday/awsapi"
)

// Server serves one sandbox's clients.
type Server struct {
	services map[string]reflect.Value
	vars     map[string]string
	srv      *http.Server
	ln       net.Listener
	wg       sync.WaitGroup
}

// Serve starts serving clients and vars on addr, which must be a loopback
// address ("127.0.0.1:0" picks a port).
func Serve(addr string, clients *awsapi.Clients, vars map[string]cty.Value) (*Server, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("not serving the sandbox on %q: %w", addr, err)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return nil, fmt.Errorf("not serving the sandbox on %s: only loopback addresses are allowed (it has no authentication)", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("not serving the sandbox: %w", err)
	}
	s := &Server{services: services(clients), vars: map[string]string{}, ln: ln}
	for k, v := range vars {
		if v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
			s.vars[k] = v.AsString()
		}
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/{service}/{op}", s.call)
	mux.HandleFunc("GET /vars", s.getVars)
	s.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		_ = s.srv.Serve(ln)
	}()
	return s, nil
}

// URL is the base URL clients dial.
func (s *Server) URL() string { return "http://" + s.ln.Addr().String() }

// Close stops serving.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := s.srv.Shutdown(ctx)
	s.wg.Wait()
	return err
}

// services maps the wire's service names to the implementations.
func services(c *awsapi.Clients) map[string]reflect.Value {
	m := map[string]reflect.Value{}
	add := func(name string, impl any) {
		if impl != nil && !reflect.ValueOf(impl).IsNil() {
			m[name] = reflect.ValueOf(impl)
		}
	}
	add("EC2", c.EC2)
	add("AutoScaling", c.AutoScaling)
	add("Route53", c.Route53)
	add("CloudWatch", c.CloudWatch)
	add("FIS", c.FIS)
	add("STS", c.STS)
	add("DynamoDB", c.DynamoDB)
	add("RDS", c.RDS)
	add("ELBv2", c.ELBv2)
	add("Route53Zones", c.Route53Zones)
	return m
}

var ctxType = reflect.TypeFor[context.Context]()

func (s *Server) call(w http.ResponseWriter, r *http.Request) {
	svc, ok := s.services[r.PathValue("service")]
	op := r.PathValue("op")
	if !ok || strings.ToUpper(op[:1]) != op[:1] {
		writeErr(w, wireError{Code: "UnknownOperationException", Message: "unknown service or operation " + r.URL.Path})
		return
	}
	m := svc.MethodByName(op)
	if !m.IsValid() || m.Type().NumIn() < 2 || m.Type().In(0) != ctxType {
		writeErr(w, wireError{Code: "UnknownOperationException", Message: "unknown operation " + op})
		return
	}
	in := reflect.New(m.Type().In(1).Elem())
	if err := json.NewDecoder(r.Body).Decode(in.Interface()); err != nil {
		writeErr(w, wireError{Code: "SerializationException", Message: err.Error()})
		return
	}
	out := m.Call([]reflect.Value{reflect.ValueOf(r.Context()), in})
	if errV := out[1]; !errV.IsNil() {
		writeErr(w, toWire(errV.Interface().(error)))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(out[0].Interface()); err != nil && !errors.Is(err, context.Canceled) {
		return
	}
}

func writeErr(w http.ResponseWriter, e wireError) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusBadRequest)
	_ = json.NewEncoder(w).Encode(e)
}

func (s *Server) getVars(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(s.vars)
}
