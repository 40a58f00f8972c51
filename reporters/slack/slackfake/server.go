// Package slackfake is a local stand-in for Slack, for tests: an incoming
// webhook and the Web API methods gameday calls (chat.postMessage and the
// external file upload flow), on 127.0.0.1. It checks every message
// against the Block Kit limits (Validate), rejects what Slack would
// reject, records what it accepted, and can answer 429 or 5xx on demand.
package slackfake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Post is one request the server answered.
type Post struct {
	// Method: "webhook", "chat.postMessage", "files.getUploadURLExternal",
	// "upload", "files.completeUploadExternal".
	Method    string
	Channel   string // channel id
	ThreadTS  string
	Broadcast bool
	TS        string // the message's ts (chat.postMessage)
	Text      string
	Blocks    json.RawMessage
	// Problems are the Block Kit violations found; a post with problems
	// was answered with an error, as Slack would.
	Problems []string
	// File and Filename are the upload's content and name; Title is set
	// by files.completeUploadExternal.
	File     []byte
	Filename string
	Title    string
	Status   int // HTTP status answered
}

// Server is the fake Slack. Create it with New.
type Server struct {
	srv         *httptest.Server
	webhookPath string
	token       string

	mu       sync.Mutex
	posts    []Post
	channels map[string]string  // name or id -> id
	messages map[string]bool    // channel id + "/" + ts
	uploads  map[string]*upload // file id -> upload
	seq      int
	failNext []failure
	delay    time.Duration
	requests int
}

// upload is a file announced by files.getUploadURLExternal.
type upload struct {
	name string
	size int
	done bool // its content arrived with the announced size
}

type failure struct {
	status     int
	retryAfter string
}

// New starts a server on 127.0.0.1 (a port the OS chooses) that accepts
// the given bot token and a webhook at a random-looking secret path; it
// stops when the test ends.
func New(t testing.TB, token string) *Server {
	s := &Server{
		webhookPath: "/services/T0GAMEDAY/B0GAMEDAY/s3cretW3bh00kP4th",
		token:       token,
		channels:    map[string]string{"#gameday": "C0GAMEDAY", "C0GAMEDAY": "C0GAMEDAY"},
		messages:    map[string]bool{},
		uploads:     map[string]*upload{},
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+s.webhookPath, s.webhook)
	mux.HandleFunc("POST /api/chat.postMessage", s.postMessage)
	mux.HandleFunc("POST /api/files.getUploadURLExternal", s.uploadURL)
	mux.HandleFunc("POST /upload/{id}", s.upload)
	mux.HandleFunc("POST /api/files.completeUploadExternal", s.completeUpload)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		// Slack answers an unknown webhook with 404 no_service.
		http.Error(w, "no_service", http.StatusNotFound)
	})
	s.srv = httptest.NewServer(s.gate(mux))
	t.Cleanup(s.srv.Close)
	return s
}

// WebhookURL is the incoming webhook's URL (a secret, like Slack's).
func (s *Server) WebhookURL() string { return s.srv.URL + s.webhookPath }

// APIURL is the Web API base, for Options.APIURL.
func (s *Server) APIURL() string { return s.srv.URL + "/api/" }

// Client is an HTTP client for the server.
func (s *Server) Client() *http.Client { return s.srv.Client() }

// Close stops the server (later requests fail to connect).
func (s *Server) Close() { s.srv.Close() }

// FailNext makes the next n requests answer status, with a Retry-After
// header when retryAfter is not empty.
func (s *Server) FailNext(n, status int, retryAfter string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.failNext = append(s.failNext, failure{status, retryAfter})
	}
}

// Delay makes every answer wait d (or until the client gives up).
func (s *Server) Delay(d time.Duration) {
	s.mu.Lock()
	s.delay = d
	s.mu.Unlock()
}

// Posts returns the requests answered so far (not those failed on demand).
func (s *Server) Posts() []Post {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Post(nil), s.posts...)
}

// Requests counts every request, the failed-on-demand ones included.
func (s *Server) Requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests
}

// gate applies the delay and the failures asked for.
func (s *Server) gate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.requests++
		d := s.delay
		var f *failure
		if len(s.failNext) > 0 {
			f = &s.failNext[0]
			s.failNext = s.failNext[1:]
		}
		s.mu.Unlock()
		if d > 0 {
			// Read the body first: only then does the server notice a
			// client that gives up (and end r's context).
			body, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(body))
			select {
			case <-time.After(d):
			case <-r.Context().Done():
				return
			}
		}
		if f != nil {
			_, _ = io.Copy(io.Discard, r.Body)
			if f.retryAfter != "" {
				w.Header().Set("Retry-After", f.retryAfter)
			}
			w.WriteHeader(f.status)
			_, _ = fmt.Fprintf(w, `{"ok":false,"error":%q}`, http.StatusText(f.status))
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) record(p Post) {
	s.mu.Lock()
	s.posts = append(s.posts, p)
	s.mu.Unlock()
}

// webhook: a JSON message; 400 with Slack's error word when invalid.
func (s *Server) webhook(w http.ResponseWriter, r *http.Request) {
	var msg struct {
		Text   string          `json:"text"`
		Blocks json.RawMessage `json:"blocks"`
	}
	p := Post{Method: "webhook"}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		p.Problems = append(p.Problems, "content type "+ct)
	} else if err := json.NewDecoder(r.Body).Decode(&msg); err != nil {
		p.Problems = append(p.Problems, "body: "+err.Error())
	}
	p.Text, p.Blocks = msg.Text, msg.Blocks
	p.Problems = append(p.Problems, Validate(msg.Text, msg.Blocks)...)
	p.Status = http.StatusOK
	if len(p.Problems) > 0 {
		p.Status = http.StatusBadRequest
	}
	s.record(p)
	w.WriteHeader(p.Status)
	if p.Status != http.StatusOK {
		_, _ = io.WriteString(w, "invalid_blocks")
		return
	}
	_, _ = io.WriteString(w, "ok")
}

// authorized checks the bot token, sent as a form value or a bearer.
func (s *Server) authorized(r *http.Request) bool {
	tok := r.PostFormValue("token")
	if tok == "" {
		tok = strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	}
	return tok == s.token
}

func answer(w http.ResponseWriter, v map[string]any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

func slackError(w http.ResponseWriter, code string, extra ...string) {
	answer(w, map[string]any{"ok": false, "error": code, "errors": extra})
}

// postMessage: chat.postMessage as a form (what slack-go sends).
func (s *Server) postMessage(w http.ResponseWriter, r *http.Request) {
	if !s.authorized(r) {
		slackError(w, "invalid_auth")
		return
	}
	p := Post{Method: "chat.postMessage", Status: http.StatusOK, Text: r.PostFormValue("text"),
		ThreadTS: r.PostFormValue("thread_ts"), Broadcast: r.PostFormValue("reply_broadcast") == "true"}
	if b := r.PostFormValue("blocks"); b != "" {
		p.Blocks = json.RawMessage(b)
	}
	s.mu.Lock()
	ch, ok := s.channels[r.PostFormValue("channel")]
	s.mu.Unlock()
	if !ok {
		slackError(w, "channel_not_found")
		return
	}
	p.Channel = ch
	if p.ThreadTS != "" {
		s.mu.Lock()
		known := s.messages[ch+"/"+p.ThreadTS]
		s.mu.Unlock()
		if !known {
			slackError(w, "thread_not_found")
			return
		}
	}
	p.Problems = Validate(p.Text, p.Blocks)
	if len(p.Problems) > 0 {
		s.record(p)
		slackError(w, "invalid_blocks", p.Problems...)
		return
	}
	s.mu.Lock()
	s.seq++
	p.TS = fmt.Sprintf("1700000000.%06d", s.seq)
	s.messages[ch+"/"+p.TS] = true
	s.mu.Unlock()
	s.record(p)
	answer(w, map[string]any{"ok": true, "channel": ch, "ts": p.TS})
}

func (s *Server) uploadURL(w http.ResponseWriter, r *http.Request) {
	if !s.authorized(r) {
		slackError(w, "invalid_auth")
		return
	}
	size, err := strconv.Atoi(r.PostFormValue("length"))
	name := r.PostFormValue("filename")
	if err != nil || size <= 0 || name == "" {
		slackError(w, "invalid_arguments")
		return
	}
	s.mu.Lock()
	s.seq++
	id := fmt.Sprintf("F%06d", s.seq)
	s.uploads[id] = &upload{name: name, size: size}
	s.mu.Unlock()
	s.record(Post{Method: "files.getUploadURLExternal", Filename: name, Status: http.StatusOK})
	answer(w, map[string]any{"ok": true, "upload_url": s.srv.URL + "/upload/" + id, "file_id": id})
}

func (s *Server) upload(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.mu.Lock()
	up := s.uploads[id]
	s.mu.Unlock()
	if up == nil || !s.authorized(r) {
		http.Error(w, "unknown upload", http.StatusNotFound)
		return
	}
	f, _, err := r.FormFile("file")
	if err != nil {
		http.Error(w, "no file part: "+err.Error(), http.StatusBadRequest)
		return
	}
	data, err := io.ReadAll(f)
	if err != nil || len(data) != up.size {
		http.Error(w, fmt.Sprintf("got %d bytes, announced %d", len(data), up.size), http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	up.done = true
	s.mu.Unlock()
	s.record(Post{Method: "upload", Filename: up.name, File: data, Status: http.StatusOK})
	_, _ = fmt.Fprintf(w, "OK - %d", len(data))
}

func (s *Server) completeUpload(w http.ResponseWriter, r *http.Request) {
	if !s.authorized(r) {
		slackError(w, "invalid_auth")
		return
	}
	var files []struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	}
	if err := json.Unmarshal([]byte(r.PostFormValue("files")), &files); err != nil || len(files) == 0 {
		slackError(w, "invalid_arguments")
		return
	}
	s.mu.Lock()
	ch, chOK := s.channels[r.PostFormValue("channel_id")]
	ts := r.PostFormValue("thread_ts")
	threadOK := ts == "" || s.messages[ch+"/"+ts]
	var out []map[string]any
	var missing string
	for _, f := range files {
		up := s.uploads[f.ID]
		if up == nil || !up.done {
			missing = f.ID
			break
		}
		out = append(out, map[string]any{"id": f.ID, "title": f.Title})
	}
	s.mu.Unlock()
	switch {
	case !chOK:
		slackError(w, "channel_not_found")
	case !threadOK:
		slackError(w, "thread_not_found")
	case missing != "":
		slackError(w, "file_not_found", missing)
	default:
		s.record(Post{Method: "files.completeUploadExternal", Channel: ch, ThreadTS: ts, Title: files[0].Title, Filename: files[0].ID, Status: http.StatusOK})
		answer(w, map[string]any{"ok": true, "files": out})
	}
}
