package canaries

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// maxReadBack bounds the read-back body: a day of writes every 10 ms as
// JSON numbers is under 100 MiB; anything larger is not a canary answer.
const maxReadBack = 128 << 20

// HTTP is the http canary: it writes through an application's endpoint and
// reads back through another, so that the loss it sees is the loss the
// application's users would see.
//
// Write POSTs to WriteURL with the record as a JSON body
// {"run": "...", "seq": 17} and, for simple endpoints, the same values as
// query parameters (?run=...&seq=17); any 2xx answer acknowledges the write.
//
// ReadBack GETs ReadURL with ?run=... and accepts either a JSON array of
// sequence numbers ([1, 2, 3]) or an object with a "seqs" field
// ({"seqs": [1, 2, 3]}); other fields are ignored.
type HTTP struct {
	WriteURL string
	ReadURL  string
	// Client sends the requests; nil means http.DefaultClient. Timeouts come
	// from the context of each call.
	Client *http.Client
}

// Prepare checks that the URLs are absolute http(s) URLs; it sends nothing.
func (h *HTTP) Prepare(ctx context.Context) error {
	for _, u := range []struct{ name, v string }{{"write_url", h.WriteURL}, {"read_url", h.ReadURL}} {
		p, err := url.Parse(u.v)
		if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			return fmt.Errorf("http canary not ready: %s %q is not an absolute http(s) URL", u.name, u.v)
		}
	}
	return nil
}

// Write posts record seq of run; nil means a 2xx answer.
func (h *HTTP) Write(ctx context.Context, run string, seq int64) error {
	u, err := withQuery(h.WriteURL, map[string]string{"run": run, "seq": strconv.FormatInt(seq, 10)})
	if err != nil {
		return err
	}
	body, _ := json.Marshal(struct {
		Run string `json:"run"`
		Seq int64  `json:"seq"`
	}{run, seq})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("canary write %d not sent: %w", seq, err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := h.client().Do(req)
	if err != nil {
		return fmt.Errorf("canary write %d not acknowledged: %w", seq, err)
	}
	defer resp.Body.Close()
	// Drain a little so the connection can be reused.
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("canary write %d not acknowledged: %s answered %s", seq, h.WriteURL, resp.Status)
	}
	return nil
}

// ReadBack returns the sequence numbers of run that ReadURL reports.
func (h *HTTP) ReadBack(ctx context.Context, run string) ([]int64, error) {
	u, err := withQuery(h.ReadURL, map[string]string{"run": run})
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, fmt.Errorf("canary read-back not sent: %w", err)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := h.client().Do(req)
	if err != nil {
		return nil, fmt.Errorf("canary read-back failed: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, fmt.Errorf("canary read-back failed: %s answered %s", h.ReadURL, resp.Status)
	}
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxReadBack+1))
	if err != nil {
		return nil, fmt.Errorf("canary read-back failed while reading the answer: %w", err)
	}
	if len(raw) > maxReadBack {
		return nil, fmt.Errorf("canary read-back refused: %s answered more than %d bytes", h.ReadURL, maxReadBack)
	}
	return parseSeqList(raw)
}

func (h *HTTP) client() *http.Client {
	if h.Client != nil {
		return h.Client
	}
	return http.DefaultClient
}

// parseSeqList accepts [1,2,3] or {"seqs":[1,2,3]}.
func parseSeqList(raw []byte) ([]int64, error) {
	trimmed := bytes.TrimSpace(raw)
	var seqs []int64
	if bytes.HasPrefix(trimmed, []byte("[")) {
		if err := json.Unmarshal(trimmed, &seqs); err != nil {
			return nil, fmt.Errorf("canary read-back is not a JSON array of sequence numbers: %w", err)
		}
		return seqs, nil
	}
	var obj struct {
		Seqs *[]int64 `json:"seqs"`
	}
	if err := json.Unmarshal(trimmed, &obj); err != nil || obj.Seqs == nil {
		return nil, fmt.Errorf("canary read-back is neither a JSON array of sequence numbers nor an object with \"seqs\": %q", snippet(trimmed))
	}
	return *obj.Seqs, nil
}

func snippet(b []byte) string {
	s := string(b)
	if len(s) > 80 {
		s = s[:80] + "..."
	}
	return strings.ToValidUTF8(s, "?")
}

// withQuery adds params to rawURL's query, keeping what it already has.
func withQuery(rawURL string, params map[string]string) (string, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", fmt.Errorf("canary URL %q is invalid: %w", rawURL, err)
	}
	q := u.Query()
	for k, v := range params {
		q.Set(k, v)
	}
	u.RawQuery = q.Encode()
	return u.String(), nil
}
