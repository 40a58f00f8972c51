package redact

import (
	"regexp"
	"strings"
)

// The rules for any text, whatever the game day: they catch secrets that
// reach the output without having been declared, such as a password in a
// URL that an HTTP or SDK error quotes, or a Slack webhook typed into a
// file instead of passed through env().
//
// Quotes, angle brackets, backslashes and whitespace end every match, so
// that a match never spans two strings of a JSON document or an HTML
// attribute.
var (
	// userinfoPassword: scheme://user:PASSWORD@host. The password runs to
	// the last "@" of the authority, as URL parsers read it.
	userinfoPassword = regexp.MustCompile(`([A-Za-z][A-Za-z0-9+.-]*://[^/?#\s"'<>\\@:]*:)[^/?#\s"'<>\\]+@`)
	// slackWebhook: the path of an incoming webhook or workflow URL is
	// its secret.
	slackWebhook = regexp.MustCompile(`(hooks\.slack\.com/(?:services|workflows|triggers)/)[A-Za-z0-9_/-]+`)
	// slackToken: bot, user, app-level, refresh and legacy tokens.
	slackToken = regexp.MustCompile(`xox[baprs]-[A-Za-z0-9-]+`)
)

// general applies the rules for any text. The substring tests skip the
// regular expressions for the many lines that cannot match.
func general(s string) string {
	if strings.Contains(s, "://") && strings.Contains(s, "@") {
		s = userinfoPassword.ReplaceAllString(s, "${1}"+Placeholder+"@")
	}
	if strings.Contains(s, "hooks.slack.com/") {
		s = slackWebhook.ReplaceAllString(s, "${1}"+Placeholder)
	}
	if strings.Contains(s, "xox") {
		s = slackToken.ReplaceAllString(s, Placeholder)
	}
	return s
}
