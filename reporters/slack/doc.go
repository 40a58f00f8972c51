// Package slack posts a game day's outcome to Slack, in one of two ways the
// report's slack block chooses:
//
//   - an incoming webhook (webhook_url): one Block Kit message when the run
//     ends — verdict header, the figures per scenario, the objectives
//     missed and what was left unreverted;
//   - the Web API with a bot token and a channel: a message when the run
//     starts, a reply in its thread per scenario, the summary as a final
//     thread reply also shown in the channel, and optionally the HTML
//     report uploaded into the thread.
//
// Slack is a courtesy, never part of the run: every failure comes back as
// an error the caller prints as a warning, each call is bounded in time
// (retries on 429 and 5xx included), and nothing panics. The webhook URL
// and the token are secrets: they are scrubbed from every error and log
// line, including the errors of the HTTP client, which quote the URL. Every
// message and upload also passes through the Redactor the context carries
// (redact.FromContext), which knows the game day's own secrets.
//
// Messages are kept within Slack's Block Kit limits (50 blocks, 3,000
// characters per text, 150 per header, 10 fields of 2,000 characters per
// section): long texts and lists are cut with a "… N more" note, and when
// there are more scenarios than blocks, the ones left out are counted.
package slack
