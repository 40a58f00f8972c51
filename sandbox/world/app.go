package world

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Headers of the sandbox's HTTP traffic.
const (
	// InstanceHeader addresses a request on the shared instance listener to
	// one instance, and names the serving instance in every app response.
	InstanceHeader = "X-Sandbox-Instance"
	// AZHeader names the serving instance's AZ in every app response.
	AZHeader = "X-Sandbox-AZ"
)

// CanaryWrite is the body of a /canary/write acknowledgement.
type CanaryWrite struct {
	Run     string    `json:"run,omitempty"`
	Seq     int64     `json:"seq"`
	AckedAt time.Time `json:"acked_at"`
	Node    string    `json:"node"`
}

// CanaryRead is the body of /canary/read?run=<run>: the sequence numbers of
// that run (of writes naming no run, without the parameter) the current
// primary holds, ascending.
type CanaryRead struct {
	Run  string  `json:"run,omitempty"`
	Node string  `json:"node"`
	Seqs []int64 `json:"seqs"`
}

// appHandler serves every instance on one listener. A request names its
// instance by a path prefix /i/<id>/... or by InstanceHeader. An instance
// that does not serve (not running, rebooting, or its subnet disrupted)
// drops the connection, as an unreachable host would look to a proxy.
func (w *World) appHandler() http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		id, path := instanceOf(r)
		w.mu.Lock()
		i := w.instBy[id]
		ok := i != nil && w.serves(i, w.now())
		var az, subnet string
		if i != nil {
			az, subnet = i.az, i.subnetID
		}
		w.mu.Unlock()
		if !ok {
			drop(rw)
			return
		}
		rw.Header().Set(InstanceHeader, id)
		rw.Header().Set(AZHeader, az)
		switch path {
		case "/health":
			io.WriteString(rw, "ok\n")
		case "/egress":
			w.serveEgress(rw, r, subnet)
		case "/canary/write":
			w.serveWrite(rw, r)
		case "/canary/read":
			run := r.URL.Query().Get("run")
			seqs, node := w.db.read(run)
			writeJSON(rw, http.StatusOK, CanaryRead{Run: run, Node: node, Seqs: seqs})
		case "/", "":
			io.WriteString(rw, "hello from "+id+" in "+az+"\n")
		default:
			http.NotFound(rw, r)
		}
	})
}

func instanceOf(r *http.Request) (id, path string) {
	if rest, ok := strings.CutPrefix(r.URL.Path, "/i/"); ok {
		id, path, _ = strings.Cut(rest, "/")
		return id, "/" + path
	}
	return r.Header.Get(InstanceHeader), r.URL.Path
}

// drop closes the connection without an answer.
func drop(rw http.ResponseWriter) {
	conn, _, err := http.NewResponseController(rw).Hijack()
	if err != nil {
		http.Error(rw, "instance unreachable", http.StatusBadGateway)
		return
	}
	conn.Close()
}

// serveEgress answers 200 when the instance's subnet reaches the internet
// through a working route, else 504 after EgressTimeout, as a connection
// attempt through a missing NAT would time out.
func (w *World) serveEgress(rw http.ResponseWriter, r *http.Request, subnet string) {
	w.mu.Lock()
	via, ok, reason := w.egress(subnet)
	w.mu.Unlock()
	if ok {
		io.WriteString(rw, "egress ok via "+via+"\n")
		return
	}
	t := time.NewTimer(w.opts.EgressTimeout)
	defer t.Stop()
	select {
	case <-r.Context().Done():
		return
	case <-t.C:
	}
	http.Error(rw, "egress timed out: "+reason, http.StatusGatewayTimeout)
}

// serveWrite takes run and seq from the query (?run=R&seq=N), a JSON body
// {"run":"R","seq":N}, a form body seq=N or a plain-number body. The query
// wins when both are given.
func (w *World) serveWrite(rw http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost && r.Method != http.MethodPut {
		rw.Header().Set("Allow", "POST, PUT")
		http.Error(rw, "use POST", http.StatusMethodNotAllowed)
		return
	}
	run, seq, err := recordOf(r)
	if err != nil {
		http.Error(rw, err.Error(), http.StatusBadRequest)
		return
	}
	at, node := w.db.write(run, seq)
	writeJSON(rw, http.StatusOK, CanaryWrite{Run: run, Seq: seq, AckedAt: at, Node: node})
}

type badSeq string

func (e badSeq) Error() string { return string(e) }

func recordOf(r *http.Request) (run string, seq int64, err error) {
	q := r.URL.Query()
	if s := q.Get("seq"); s != "" {
		seq, err = parseSeq(s)
		return q.Get("run"), seq, err
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<16))
	if err != nil {
		return "", 0, badSeq("reading body: " + err.Error())
	}
	b := strings.TrimSpace(string(body))
	switch {
	case strings.HasPrefix(b, "{"):
		var v struct {
			Run string `json:"run"`
			Seq *int64 `json:"seq"`
		}
		if err := json.Unmarshal([]byte(b), &v); err != nil || v.Seq == nil {
			return "", 0, badSeq("body is not {\"run\": <string>, \"seq\": <integer>}")
		}
		return v.Run, *v.Seq, nil
	case strings.HasPrefix(b, "seq="):
		seq, err = parseSeq(strings.TrimPrefix(b, "seq="))
		return q.Get("run"), seq, err
	case b != "":
		seq, err = parseSeq(b)
		return q.Get("run"), seq, err
	}
	return "", 0, badSeq("no seq: pass ?seq=N, a JSON body {\"seq\":N} or a number")
}

func parseSeq(s string) (int64, error) {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		return 0, badSeq("seq " + strconv.Quote(s) + " is not an integer")
	}
	return n, nil
}

func writeJSON(rw http.ResponseWriter, code int, v any) {
	rw.Header().Set("Content-Type", "application/json")
	rw.WriteHeader(code)
	json.NewEncoder(rw).Encode(v)
}
