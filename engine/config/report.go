package config

import (
	"net/url"
	"slices"

	"github.com/hashicorp/hcl/v2"
)

// Report says where results go. Formats other than console are written as
// files into Dir.
type Report struct {
	Formats []string
	Dir     string
	// Slack is nil when the block is absent or names no destination (see
	// Slack).
	Slack *Slack
	// Metrics is nil unless the block is present: publishing figures to
	// CloudWatch costs money and needs cloudwatch:PutMetricData, so it is
	// never on by default.
	Metrics    *Metrics
	DeclRange  hcl.Range
	AttrRanges map[string]hcl.Range
}

// Slack posts a summary either through an incoming webhook, or through the
// Web API with a bot token and a channel. An empty webhook_url and token
// (for example env("SLACK_WEBHOOK_URL", "") outside CI) disables Slack, so
// one file works on a laptop and in CI; a block that writes neither is an
// error, as is a token without a channel.
type Slack struct {
	WebhookURL Secret
	Token      Secret
	Channel    string
	// UploadHTML attaches the HTML report (Web API only).
	UploadHTML bool
	DeclRange  hcl.Range
	AttrRanges map[string]hcl.Range
}

// Report defaults.
const DefaultReportDir = "gameday-reports"

// ReportFormats returns every supported report format.
func ReportFormats() []string { return []string{"console", "json", "junit", "markdown", "html"} }

// defaultReport is used when the file has no report block.
func defaultReport() *Report {
	return &Report{Formats: []string{"console"}, Dir: DefaultReportDir}
}

func decodeReport(d *Decoder, blk *hcl.Block) *Report {
	a := d.Content(blk.Body, Schema([]string{"formats", "dir"}, "slack", "metrics"))
	r := &Report{Formats: []string{"console"}, Dir: DefaultReportDir, DeclRange: blk.DefRange, AttrRanges: a.Ranges()}
	if a.Has("formats") {
		r.Formats = a.Strings("formats")
		seen := map[string]bool{}
		for _, f := range r.Formats {
			if !slices.Contains(ReportFormats(), f) {
				a.Errorf("formats", "Unsupported value", "%q is not a report format; use some of %s.%s", f, QuoteList(ReportFormats()), DidYouMean(f, ReportFormats()))
				break
			}
			if seen[f] {
				a.Errorf("formats", "Duplicate format", "The format %q is listed twice.", f)
				break
			}
			seen[f] = true
		}
	}
	if a.Has("dir") {
		r.Dir = a.String("dir")
	}
	if sb := a.Block("slack"); sb != nil {
		r.Slack = decodeSlack(d, sb)
	}
	if mb := a.Block("metrics"); mb != nil {
		r.Metrics = decodeMetrics(d, mb)
	}
	return r
}

func decodeSlack(d *Decoder, blk *hcl.Block) *Slack {
	a := d.Content(blk.Body, Schema([]string{"webhook_url", "token", "channel", "upload_html"}))
	s := &Slack{
		WebhookURL: Secret(a.String("webhook_url")),
		Token:      Secret(a.String("token")),
		Channel:    a.String("channel"),
		UploadHTML: a.Bool("upload_html", false),
		DeclRange:  blk.DefRange,
		AttrRanges: a.Ranges(),
	}
	if s.WebhookURL != "" && s.Token != "" {
		a.Errorf("token", "Conflicting arguments", "Use either webhook_url or token with channel, not both: they are two different ways of posting.")
	}
	if s.WebhookURL != "" {
		// The URL is a secret: the message must not repeat it.
		if u, err := url.Parse(s.WebhookURL.Reveal()); err != nil || u.Scheme != "https" || u.Host == "" {
			a.Errorf("webhook_url", "Invalid URL", "The Slack webhook URL must be an absolute https:// URL (its value is not shown because it is a secret).")
		}
		if s.UploadHTML {
			a.Errorf("upload_html", "Not supported with a webhook", "Incoming webhooks cannot upload files; use token and channel to upload the HTML report.")
		}
	}
	// Completeness is judged on what is written, not on the values: a
	// token whose environment variable is unset on a laptop still needs
	// its channel in the file, or the run in CI would fail to post.
	if !a.Present("webhook_url") && !a.Present("token") {
		d.Errorf(blk.DefRange, "Missing Slack destination", "A slack block needs webhook_url, or token with channel. To post only where the secret is set, write an empty default, such as webhook_url = env(\"SLACK_WEBHOOK_URL\", \"\").")
	}
	if a.Present("token") && !a.Present("channel") || s.Token != "" && s.Channel == "" {
		d.Errorf(blk.DefRange, "Missing Slack channel", "Posting with a bot token needs a channel, such as channel = \"#gameday\".")
	}
	if s.WebhookURL == "" && s.Token == "" {
		// Nothing to post to: disabled, as documented on Slack.
		return nil
	}
	return s
}
