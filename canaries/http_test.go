package canaries

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// lossyApp is an application whose writes the test controls: it
// acknowledges and keeps most writes, acknowledges but drops some (the
// loss the canary must find) and refuses others.
type lossyApp struct {
	mu      sync.Mutex
	kept    map[string][]int64
	dropped map[int64]bool // acknowledged, not kept
	refused map[int64]bool // answered 503
	drop    func(seq int64) bool
	refuse  func(seq int64) bool
	asObj   bool // answer {"seqs": [...]} instead of [...]
	bodies  []string
	queries []string
}

func newLossyApp() *lossyApp {
	return &lossyApp{kept: map[string][]int64{}, dropped: map[int64]bool{}, refused: map[int64]bool{},
		drop: func(int64) bool { return false }, refuse: func(int64) bool { return false }}
}

func (a *lossyApp) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a.mu.Lock()
	defer a.mu.Unlock()
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/write":
		var rec struct {
			Run string `json:"run"`
			Seq int64  `json:"seq"`
		}
		raw := new(strings.Builder)
		if err := json.NewDecoder(readerTee(r, raw)).Decode(&rec); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		a.bodies = append(a.bodies, raw.String())
		a.queries = append(a.queries, r.URL.RawQuery)
		if a.refuse(rec.Seq) {
			a.refused[rec.Seq] = true
			http.Error(w, "primary unavailable", http.StatusServiceUnavailable)
			return
		}
		if a.drop(rec.Seq) {
			a.dropped[rec.Seq] = true
		} else {
			a.kept[rec.Run] = append(a.kept[rec.Run], rec.Seq)
		}
		w.WriteHeader(http.StatusCreated)
	case r.Method == http.MethodGet && r.URL.Path == "/read":
		seqs := a.kept[r.URL.Query().Get("run")]
		if seqs == nil {
			seqs = []int64{}
		}
		if a.asObj {
			_ = json.NewEncoder(w).Encode(map[string]any{"seqs": seqs, "count": len(seqs)})
		} else {
			_ = json.NewEncoder(w).Encode(seqs)
		}
	default:
		http.NotFound(w, r)
	}
}

func readerTee(r *http.Request, sb *strings.Builder) *teeReader { return &teeReader{r: r, sb: sb} }

type teeReader struct {
	r  *http.Request
	sb *strings.Builder
}

func (t *teeReader) Read(p []byte) (int, error) {
	n, err := t.r.Body.Read(p)
	t.sb.Write(p[:n])
	return n, err
}

func TestHTTPWriteSendsRecordAsBodyAndQuery(t *testing.T) {
	app := newLossyApp()
	srv := httptest.NewServer(app)
	defer srv.Close()
	h := &HTTP{WriteURL: srv.URL + "/write?tenant=t1", ReadURL: srv.URL + "/read", Client: srv.Client()}
	if err := h.Prepare(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := h.Write(context.Background(), "run-1", 42); err != nil {
		t.Fatal(err)
	}
	if app.bodies[0] != `{"run":"run-1","seq":42}` {
		t.Fatalf("body = %s", app.bodies[0])
	}
	if q := app.queries[0]; q != "run=run-1&seq=42&tenant=t1" {
		t.Fatalf("query = %s", q)
	}
}

func TestHTTPNon2xxIsNotAcknowledged(t *testing.T) {
	app := newLossyApp()
	app.refuse = func(int64) bool { return true }
	srv := httptest.NewServer(app)
	defer srv.Close()
	h := &HTTP{WriteURL: srv.URL + "/write", ReadURL: srv.URL + "/read"}
	err := h.Write(context.Background(), "r", 1)
	if err == nil || !strings.Contains(err.Error(), "503") || !strings.Contains(err.Error(), "not acknowledged") {
		t.Fatalf("err = %v", err)
	}
}

func TestHTTPReadBackFormats(t *testing.T) {
	tests := []struct {
		name   string
		status int
		body   string
		want   string
		err    string
	}{
		{"array", 200, "[3, 1, 2]", "[3 1 2]", ""},
		{"object with seqs", 200, `{"seqs": [5], "other": true}`, "[5]", ""},
		{"empty array", 200, "[]", "[]", ""},
		{"object without seqs", 200, `{"items": [5]}`, "", `nor an object with "seqs"`},
		{"not JSON", 200, "<html>", "", "neither a JSON array"},
		{"array of strings", 200, `["a"]`, "", "not a JSON array of sequence numbers"},
		{"server error", 500, "boom", "", "500"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Query().Get("run") != "run-9" {
					t.Errorf("read-back without run: %s", r.URL)
				}
				w.WriteHeader(tt.status)
				fmt.Fprint(w, tt.body)
			}))
			defer srv.Close()
			h := &HTTP{WriteURL: srv.URL, ReadURL: srv.URL + "/read"}
			got, err := h.ReadBack(context.Background(), "run-9")
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || fmt.Sprint(got) != tt.want {
				t.Fatalf("got %v, %v; want %s", got, err, tt.want)
			}
		})
	}
}

func TestHTTPPrepareRefusesBadURLs(t *testing.T) {
	for _, h := range []*HTTP{{WriteURL: "ftp://x/", ReadURL: "http://x/"}, {WriteURL: "http://x/", ReadURL: "/relative"}} {
		if err := h.Prepare(context.Background()); err == nil {
			t.Errorf("Prepare(%+v) accepted it", h)
		}
	}
}

func seqsOf(m map[int64]bool) string {
	var out []string
	for s := range m {
		out = append(out, strconv.FormatInt(s, 10))
	}
	return strings.Join(out, ",")
}
