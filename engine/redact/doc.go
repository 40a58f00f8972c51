// Package redact keeps secrets out of everything gameday writes: the
// console, plan output, journals, run records, reports and Slack.
//
// A Redactor is built from the loaded game day (For) and learns the game
// days loaded after it (Learn). It replaces with config.Redacted:
//
//   - every string value of a sensitive variable, and every config.Secret
//     in the game day's specs (webhook URLs, tokens, DSNs), in the forms
//     output encodes them in (JSON, Go quoting, URL and HTML escaping);
//   - in a sensitive URL — one computed from a sensitive variable, one that
//     contains a secret, or a secret that is itself a URL — the password
//     of its userinfo and every query value, wherever that URL appears;
//   - in any text, whatever the game day: URL userinfo passwords
//     (https://user:(sensitive)@host), Slack webhook URLs and Slack tokens.
//
// The commands wrap their output streams once with Writer, and carry the
// Redactor in their context (NewContext) to the journal and Slack, so that
// nothing a command prints or stores has to remember to redact itself.
package redact
