package redact

import (
	"net/url"
	"regexp"
	"strings"
)

// urlRule hides the query values of a sensitive URL wherever it appears:
// any path on its scheme and host, with or without userinfo, raw or inside
// a JSON or HTML string. Matching the host rather than the whole URL
// survives the re-encoding of paths by HTTP clients, and hiding a value of
// another URL on the same host costs nothing. (Userinfo passwords are
// hidden in every URL by the general rules.)
type urlRule struct {
	key string // scheme://host, lower case: one rule per host
	re  *regexp.Regexp
}

// newURLRule returns the rule for raw, which must be an absolute URL with
// a host. lit applies the literal replacements, so that the rule still
// matches once a secret inside the host has been replaced.
func newURLRule(raw string, lit func(string) string) (urlRule, bool) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return urlRule{}, false
	}
	hosts := []string{regexp.QuoteMeta(u.Host)}
	if h := lit(u.Host); h != u.Host {
		hosts = append(hosts, regexp.QuoteMeta(h))
	}
	// Group 1 is the query: it ends at a fragment, a quote, whitespace or
	// a backslash, but not at the \u0026 JSON writes for "&".
	expr := `(?i:` + regexp.QuoteMeta(u.Scheme) + `)://(?:[^/?#\s"'<>\\@]*@)?(?i:` + strings.Join(hosts, "|") +
		`)[^?#\s"'<>\\]*\?((?:\\u0026|[^#\s"'<>\\])*)`
	re, err := regexp.Compile(expr)
	if err != nil {
		return urlRule{}, false
	}
	return urlRule{key: strings.ToLower(u.Scheme + "://" + u.Host), re: re}, true
}

func (u urlRule) apply(s string) string {
	if !strings.Contains(s, "?") {
		return s
	}
	idx := u.re.FindAllStringSubmatchIndex(s, -1)
	if idx == nil {
		return s
	}
	var b strings.Builder
	last := 0
	for _, m := range idx {
		q := trimPunctuation(s[m[2]:m[3]])
		b.WriteString(s[last:m[2]])
		b.WriteString(redactQuery(q))
		last = m[2] + len(q)
	}
	b.WriteString(s[last:])
	return b.String()
}

// trimPunctuation drops what ends the sentence rather than the query:
// "?key=v: 503" keeps its colon, "(see ?key=v)" its parenthesis, while
// "?key=(sensitive)" stays whole.
func trimPunctuation(q string) string {
	for q != "" {
		switch c := q[len(q)-1]; {
		case strings.IndexByte(":,.;]", c) >= 0:
		case c == ')' && strings.Count(q, ")") > strings.Count(q, "("):
		default:
			return q
		}
		q = q[:len(q)-1]
	}
	return q
}

// querySep separates query parameters as written raw, HTML escaped or
// JSON escaped.
var querySep = regexp.MustCompile(`&amp;|&|\\u0026`)

// redactQuery replaces the value of every parameter of a query, keeping
// the names: "a=1&key=s3cr3t" becomes "a=(sensitive)&key=(sensitive)".
func redactQuery(q string) string {
	var b strings.Builder
	last := 0
	for _, m := range querySep.FindAllStringIndex(q, -1) {
		b.WriteString(redactParam(q[last:m[0]]))
		b.WriteString(q[m[0]:m[1]])
		last = m[1]
	}
	b.WriteString(redactParam(q[last:]))
	return b.String()
}

// redactParam: "name=value" keeps its name; a bare value is replaced
// whole, since it may be the secret itself ("?s3cr3t").
func redactParam(p string) string {
	name, value, ok := strings.Cut(p, "=")
	switch {
	case p == "":
		return p
	case !ok:
		return Placeholder
	case value == "":
		return p
	}
	return name + "=" + Placeholder
}

// isURL reports whether s is an absolute URL with a host, the only kind
// whose parts can be told apart in text.
func isURL(s string) bool {
	if !strings.Contains(s, "://") {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && u.Scheme != "" && u.Host != ""
}
