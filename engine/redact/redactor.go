package redact

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/gameday-dev/gameday/engine/config"
)

// Placeholder is what a secret is replaced with.
const Placeholder = config.Redacted

// Redactor replaces secrets in text. It is safe for concurrent use: the
// streams of a run are written from several goroutines while Learn may add
// the secrets of a game day loaded later (schedule reloads).
type Redactor struct {
	mu    sync.Mutex // serialises Learn
	rules atomic.Pointer[ruleSet]
}

// New returns a Redactor that knows no secret yet: it applies the rules
// that hold for any text (URL passwords, Slack webhooks and tokens).
func New() *Redactor {
	r := &Redactor{}
	r.rules.Store(&ruleSet{})
	return r
}

// For returns a Redactor that knows the secrets of every game day given
// (nil ones are skipped).
func For(gds ...*config.GameDay) *Redactor {
	r := New()
	for _, gd := range gds {
		r.Learn(gd)
	}
	return r
}

// Learn adds the secrets of gd. Secrets are never forgotten: text written
// after a reload may still come from a run of the previous version.
func (r *Redactor) Learn(gd *config.GameDay) {
	if gd == nil {
		return
	}
	s := collect(gd)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.rules.Store(r.rules.Load().with(s))
}

// String returns s with every secret replaced.
func (r *Redactor) String(s string) string {
	if r == nil {
		return (&ruleSet{}).apply(s)
	}
	return r.rules.Load().apply(s)
}

// Bytes returns b with every secret replaced (b itself when there is
// none).
func (r *Redactor) Bytes(b []byte) []byte {
	s := string(b)
	if out := r.String(s); out != s {
		return []byte(out)
	}
	return b
}

// Logf wraps a logging function so that its lines are redacted.
func (r *Redactor) Logf(logf func(format string, args ...any)) func(format string, args ...any) {
	return func(format string, args ...any) {
		logf("%s", r.String(fmt.Sprintf(format, args...)))
	}
}

// Error returns err with a redacted message. The result unwraps to err, so
// that errors.Is and errors.As still classify it (exit codes, refusals):
// print the returned error itself, never a cause unwrapped from it.
func (r *Redactor) Error(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	if red := r.String(msg); red != msg {
		return &redactedError{msg: red, err: err}
	}
	return err
}

type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// ruleSet is an immutable set of rules; Learn replaces it whole.
type ruleSet struct {
	// literals are replaced wherever they appear, longest first, so that a
	// secret containing another is replaced whole.
	literals []string
	urls     []urlRule
	// known deduplicates literals and URL rules across Learn calls.
	known map[string]bool
}

// apply replaces literals first (a sensitive variable holding a whole URL
// hides it whole), then the query values of sensitive URLs, then the rules
// for any text.
func (rs *ruleSet) apply(s string) string {
	for _, l := range rs.literals {
		if strings.Contains(s, l) {
			s = strings.ReplaceAll(s, l, Placeholder)
		}
	}
	for _, u := range rs.urls {
		s = u.apply(s)
	}
	return general(s)
}

// with returns the rule set extended by s.
func (rs *ruleSet) with(s secrets) *ruleSet {
	out := &ruleSet{known: make(map[string]bool, len(rs.known)), literals: append([]string(nil), rs.literals...), urls: append([]urlRule(nil), rs.urls...)}
	for k := range rs.known {
		out.known[k] = true
	}
	for _, l := range s.literals {
		for _, f := range forms(l) {
			if !out.known["l:"+f] {
				out.known["l:"+f] = true
				out.literals = append(out.literals, f)
			}
		}
	}
	sort.SliceStable(out.literals, func(i, j int) bool { return len(out.literals[i]) > len(out.literals[j]) })
	for _, u := range s.urls {
		rule, ok := newURLRule(u, out.literalsOnly)
		if ok && !out.known["u:"+rule.key] {
			out.known["u:"+rule.key] = true
			out.urls = append(out.urls, rule)
		}
	}
	return out
}

// literalsOnly applies only the literal replacements (to build URL rules
// that still match once a literal inside the URL has been replaced).
func (rs *ruleSet) literalsOnly(s string) string {
	for _, l := range rs.literals {
		s = strings.ReplaceAll(s, l, Placeholder)
	}
	return s
}
