package slack

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	slackgo "github.com/slack-go/slack"

	"github.com/gameday-dev/gameday/engine/config"
	"github.com/gameday-dev/gameday/engine/redact"
	"github.com/gameday-dev/gameday/engine/runner"
	"github.com/gameday-dev/gameday/reporters/record"
)

// Options tune how messages are sent; zero values take the defaults.
type Options struct {
	// HTTPClient sends the requests; nil: a client whose requests time out
	// with Timeout.
	HTTPClient *http.Client
	// APIURL is the Web API base ("https://slack.com/api/" when empty);
	// tests point it at a local server. It must end with a slash.
	APIURL string
	// Timeout bounds each call of the Notifier (Start, Scenario, Finish's
	// message and its upload), retries included. 0: DefaultTimeout.
	Timeout time.Duration
	// MaxAttempts per Slack call, the first one included. 0: DefaultMaxAttempts.
	MaxAttempts int
	// Backoff is the first retry delay, doubled up to MaxBackoff, unless
	// Slack says how long to wait (Retry-After). 0: the defaults.
	Backoff, MaxBackoff time.Duration
	// Logf receives a line per retry; nil: silent. Secrets are scrubbed.
	Logf func(format string, args ...any)
}

// Notifier posts one run to Slack. Webhook mode posts the summary at
// Finish only (a webhook cannot reply in a thread); bot mode posts at
// Start, replies per Scenario in the start message's thread, and posts the
// summary there too, shown in the channel, with the HTML report attached
// when the slack block says upload_html.
//
// Every method returns nil or an error to print as a warning: Slack never
// fails or holds up a run beyond Options.Timeout per call. A nil *Notifier
// (no slack block) does nothing. The methods are safe for concurrent use.
type Notifier struct {
	webhook    string
	channel    string
	uploadHTML bool
	api        *slackgo.Client // bot mode only
	http       *http.Client
	retry      *retrier

	mu       sync.Mutex
	threadTS string // the start message's ts: the thread the replies go to
	threadCh string // the channel id Slack answered with
}

// New returns the notifier for the report's slack block; nil when the
// block is absent or names no destination.
func New(cfg *config.Slack, opts Options) *Notifier {
	if cfg == nil || (cfg.WebhookURL == "" && cfg.Token == "") {
		return nil
	}
	o := withDefaults(opts)
	n := &Notifier{
		webhook:    cfg.WebhookURL.Reveal(),
		channel:    cfg.Channel,
		uploadHTML: cfg.UploadHTML,
		http:       o.HTTPClient,
		retry: &retrier{timeout: o.Timeout, maxAttempts: o.MaxAttempts, backoff: o.Backoff, maxBackoff: o.MaxBackoff,
			scrub: newScrubber(cfg.WebhookURL.Reveal(), cfg.Token.Reveal()), logf: o.Logf},
	}
	if n.webhook == "" {
		apiOpts := []slackgo.Option{slackgo.OptionHTTPClient(o.HTTPClient)}
		if o.APIURL != "" {
			apiOpts = append(apiOpts, slackgo.OptionAPIURL(o.APIURL))
		}
		n.api = slackgo.New(cfg.Token.Reveal(), apiOpts...)
	}
	return n
}

func withDefaults(o Options) Options {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = DefaultMaxAttempts
	}
	if o.Backoff <= 0 {
		o.Backoff = DefaultBackoff
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = DefaultMaxBackoff
	}
	if o.HTTPClient == nil {
		o.HTTPClient = &http.Client{Timeout: o.Timeout}
	}
	return o
}

// Webhook reports whether the notifier posts through an incoming webhook.
func (n *Notifier) Webhook() bool { return n != nil && n.webhook != "" }

// Start posts the start message (bot mode) and keeps its thread for the
// replies. Webhook mode posts nothing here.
func (n *Notifier) Start(ctx context.Context, si StartInfo) error {
	if n == nil || n.api == nil {
		return nil
	}
	ch, ts, err := n.post(ctx, "start message", StartMessage(si), n.channel, "", false)
	if err != nil {
		return err
	}
	n.mu.Lock()
	n.threadTS, n.threadCh = ts, ch
	n.mu.Unlock()
	return nil
}

// ScenarioOf converts one scenario's result, as the runner has it while the
// run goes on, to the record's form Scenario takes.
func ScenarioOf(sr runner.ScenarioResult) *record.Scenario {
	rec := record.Build(&runner.Result{Scenarios: []runner.ScenarioResult{sr}}, nil)
	return &rec.Scenarios[0]
}

// Scenario replies in the start message's thread with one scenario's
// figures (bot mode). Without a start message (Start not called, or it
// failed and already said so) there is no thread and nothing is posted:
// the summary carries every scenario anyway.
func (n *Notifier) Scenario(ctx context.Context, sr *record.Scenario) error {
	if n == nil || n.api == nil {
		return nil
	}
	ts, ch := n.thread()
	if ts == "" {
		return nil
	}
	_, _, err := n.post(ctx, fmt.Sprintf("reply for scenario %q", sr.Name), ScenarioMessage(sr), ch, ts, false)
	return err
}

// Finish posts the summary: through the webhook, or in bot mode as the
// last reply of the thread, also shown in the channel (a top-level message
// when there is no thread, as when a stored run is sent again). html is
// the HTML report, uploaded into the thread when the slack block says
// upload_html.
func (n *Notifier) Finish(ctx context.Context, res *record.Record, html []byte) error {
	if n == nil {
		return nil
	}
	msg := SummaryMessage(res)
	if n.webhook != "" {
		msg = redactMessage(ctx, msg)
		return n.retry.do(ctx, "summary", func(ctx context.Context) error {
			return slackgo.PostWebhookCustomHTTPContext(ctx, n.webhook, n.http, &slackgo.WebhookMessage{
				Text: msg.Text, Blocks: &slackgo.Blocks{BlockSet: msg.Blocks},
			})
		})
	}
	ts, ch := n.thread()
	postCh, postTS, err := n.post(ctx, "summary", msg, ch, ts, ts != "")
	if ts == "" {
		ts, ch = postTS, postCh
	}
	if !n.uploadHTML {
		return err
	}
	var upErr error
	switch {
	case len(html) == 0:
		upErr = errors.New("HTML report not uploaded to Slack: no HTML report was written (add \"html\" to the report formats)")
	case ts == "":
		upErr = errors.New("HTML report not uploaded to Slack: the summary was not posted, so there is no thread to attach it to")
	default:
		upErr = n.upload(ctx, res, html, ch, ts)
	}
	return errors.Join(err, upErr)
}

func (n *Notifier) thread() (ts, channel string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.threadTS, n.threadCh
}

// post sends msg with chat.postMessage to channel (the configured one when
// empty; Slack's channel id once known), in thread ts when not empty.
func (n *Notifier) post(ctx context.Context, what string, msg Message, channel, ts string, broadcast bool) (postedCh, timestamp string, err error) {
	if channel == "" {
		channel = n.channel
	}
	msg = redactMessage(ctx, msg)
	opts := []slackgo.MsgOption{slackgo.MsgOptionText(msg.Text, false), slackgo.MsgOptionBlocks(msg.Blocks...), slackgo.MsgOptionDisableLinkUnfurl()}
	if ts != "" {
		opts = append(opts, slackgo.MsgOptionTS(ts))
		if broadcast {
			opts = append(opts, slackgo.MsgOptionBroadcast())
		}
	}
	err = n.retry.do(ctx, what, func(ctx context.Context) error {
		var err error
		postedCh, timestamp, err = n.api.PostMessageContext(ctx, channel, opts...)
		return err
	})
	return postedCh, timestamp, err
}

// redactMessage scrubs a message with the Redactor ctx carries, on top of
// the scrubbing of the webhook URL and token: a scenario's reply is built
// from the runner's result as the run goes on, and its errors may quote a
// sensitive probe URL.
func redactMessage(ctx context.Context, msg Message) Message {
	redact.FromContext(ctx).Scrub(&msg)
	return msg
}

// upload attaches the HTML report to the thread with Slack's external
// upload flow (files.getUploadURLExternal, the upload itself,
// files.completeUploadExternal), which slack-go runs as UploadFileContext.
func (n *Notifier) upload(ctx context.Context, res *record.Record, html []byte, channel, ts string) error {
	if channel == "" {
		channel = n.channel
	}
	name := fmt.Sprintf("gameday-%s.html", res.Run.ID)
	red := redact.FromContext(ctx)
	html = red.Bytes(html)
	title := red.String(fmt.Sprintf("Game day %s, run %s", res.GameDay.Name, res.Run.ID))
	return n.retry.do(ctx, "HTML report upload", func(ctx context.Context) error {
		_, err := n.api.UploadFileContext(ctx, slackgo.UploadFileParameters{
			Filename: name, Title: title,
			Reader: bytes.NewReader(html), FileSize: len(html), Channel: channel, ThreadTimestamp: ts,
		})
		return err
	})
}
