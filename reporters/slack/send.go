package slack

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"sort"
	"strings"
	"time"

	slackgo "github.com/slack-go/slack"

	"github.com/gameday-dev/gameday/engine/config"
)

// Retry defaults: Slack's rate limits are per minute, and a game day's
// messages are few, so a handful of attempts within half a minute is
// plenty; beyond that the run's report on disk is what counts.
const (
	DefaultTimeout     = 30 * time.Second
	DefaultMaxAttempts = 4
	DefaultBackoff     = 500 * time.Millisecond
	DefaultMaxBackoff  = 8 * time.Second
)

// retrier runs one Slack call with bounded retries and turns its failure
// into an error that never contains a secret.
type retrier struct {
	timeout     time.Duration
	maxAttempts int
	backoff     time.Duration
	maxBackoff  time.Duration
	scrub       scrubber
	logf        func(format string, args ...any)
}

// do calls op until it succeeds, fails for good, or the time bound
// passes. Retried: 429 (after Retry-After), 5xx, Slack's own transient
// errors and transport errors; the wait doubles from backoff up to
// maxBackoff, with jitter so that parallel runs do not retry in step.
func (r *retrier) do(ctx context.Context, what string, op func(ctx context.Context) error) error {
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	delay := r.backoff
	for attempt := 1; ; attempt++ {
		err := op(ctx)
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return r.fail(what, attempt, fmt.Sprintf("no answer within the %s bound (%s)", r.timeout, r.scrub.text(err.Error())))
		}
		wait, retry := retryAfter(err)
		if !retry {
			return r.fail(what, attempt, r.scrub.text(err.Error()))
		}
		if attempt >= r.maxAttempts {
			return r.fail(what, attempt, r.scrub.text(err.Error()))
		}
		if wait <= 0 {
			wait = delay + rand.N(delay/4+1)
			delay = min(2*delay, r.maxBackoff)
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
			return r.fail(what, attempt, fmt.Sprintf("%s; a retry in %s would pass the %s bound", r.scrub.text(err.Error()), wait.Round(time.Millisecond), r.timeout))
		}
		if r.logf != nil {
			r.logf("Slack %s: attempt %d failed (%s); retrying in %s", what, attempt, r.scrub.text(err.Error()), wait.Round(time.Millisecond))
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return r.fail(what, attempt, fmt.Sprintf("no answer within the %s bound (%s)", r.timeout, r.scrub.text(err.Error())))
		case <-t.C:
		}
	}
}

func (r *retrier) fail(what string, attempts int, why string) error {
	// A new error, not a wrapped one: the cause's text may quote the
	// webhook URL, and a wrapped cause could be printed by someone else.
	return errors.New(r.scrub.text(fmt.Sprintf("Slack %s not posted (%d attempt(s)): %s", what, attempts, why)))
}

// retryAfter says whether err is worth another attempt, and how long
// Slack asked to wait (0: use the backoff).
func retryAfter(err error) (time.Duration, bool) {
	var rl *slackgo.RateLimitedError
	if errors.As(err, &rl) {
		return rl.RetryAfter, true
	}
	var sc slackgo.StatusCodeError
	if errors.As(err, &sc) {
		return 0, sc.Code == 429 || sc.Code >= 500
	}
	var se slackgo.SlackErrorResponse
	if errors.As(err, &se) {
		switch se.Err {
		case "ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout":
			return 0, true
		}
		return 0, false
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return 0, false
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return 0, true // connection refused or reset, TLS handshake: transient
	}
	return 0, false
}

// scrubber replaces secrets, in every form an error may quote them, with
// config.Redacted.
type scrubber []string

// minSecret: shorter forms (a path "/") would garble messages and are not
// secrets anyway.
const minSecret = 8

func newScrubber(secrets ...string) scrubber {
	seen := map[string]bool{}
	var out scrubber
	add := func(s string) {
		if len(s) >= minSecret && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, s := range secrets {
		if s == "" {
			continue
		}
		add(s)
		add(url.QueryEscape(s))
		add(url.PathEscape(s))
		if u, err := url.Parse(s); err == nil && u.Host != "" {
			add(u.String())
			add(u.Redacted())
			// The path of a webhook URL is its secret part: errors that
			// print only the path must not show it either.
			add(u.Path)
			add(u.EscapedPath())
			add(strings.TrimPrefix(u.Path, "/"))
		}
	}
	// Longest first: replacing the full URL before its path leaves no
	// fragment behind.
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

func (sc scrubber) text(s string) string {
	for _, secret := range sc {
		s = strings.ReplaceAll(s, secret, config.Redacted)
	}
	return s
}
