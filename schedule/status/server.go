package status

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/gameday-dev/gameday/schedule"
)

// DefaultAddr is loopback only: the endpoint has no authentication, and
// the schedule of a chaos tool is nobody else's business. Expose it
// deliberately (a reverse proxy, another --status-addr) when needed.
const DefaultAddr = "127.0.0.1:9467"

// DefaultNextRuns is how many next runs /status lists per game day.
const DefaultNextRuns = 5

// Source is what the endpoint reports on (a *schedule.Scheduler).
type Source interface {
	Status(n int) schedule.Status
}

// Handler serves /status (JSON; ?next=N for N next runs, at most 100),
// /metrics and / (a short index).
func Handler(src Source) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /status", func(w http.ResponseWriter, r *http.Request) {
		n := DefaultNextRuns
		if v := r.URL.Query().Get("next"); v != "" {
			if _, err := fmt.Sscanf(v, "%d", &n); err != nil || n < 0 || n > 100 {
				http.Error(w, "next must be a whole number from 0 to 100", http.StatusBadRequest)
				return
			}
		}
		w.Header().Set("Content-Type", "application/json")
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		_ = enc.Encode(src.Status(n)) // a client gone mid-answer is not our error
	})
	mux.HandleFunc("GET /metrics", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		_ = WriteMetrics(w, src.Status(1))
	})
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprint(w, "gameday schedule\n  /status   next runs and last results (JSON)\n  /metrics  Prometheus metrics\n")
	})
	return mux
}

// Server is a running status endpoint.
type Server struct {
	srv  *http.Server
	addr string
	done chan error
}

// Listen starts serving src on addr ("127.0.0.1:0" picks a free port).
func Listen(addr string, src Source) (*Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("not serving the status endpoint: %w", err)
	}
	s := &Server{
		srv:  &http.Server{Handler: Handler(src), ReadHeaderTimeout: 5 * time.Second},
		addr: ln.Addr().String(),
		done: make(chan error, 1),
	}
	go func() {
		err := s.srv.Serve(ln)
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
		s.done <- err
	}()
	return s, nil
}

// Addr is the address served, with the port the system chose.
func (s *Server) Addr() string { return s.addr }

// URL is the endpoint's base URL.
func (s *Server) URL() string { return "http://" + s.addr }

// Close stops the server, letting requests in flight finish until ctx ends.
func (s *Server) Close(ctx context.Context) error {
	if err := s.srv.Shutdown(ctx); err != nil {
		return fmt.Errorf("stopping the status endpoint: %w", err)
	}
	return <-s.done
}
