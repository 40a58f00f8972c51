package redact

import (
	"bytes"
	"encoding/json"
	"html"
	"net/url"
	"strconv"
	"strings"
)

// minSecretLen is the shortest value replaced wherever it appears. A
// secret of one to three characters would match inside unrelated words
// and figures ("1s") and mangle the output without protecting anything;
// the fields that hold secrets themselves are masked whatever their
// length, and so are the query values of a sensitive URL.
const minSecretLen = 4

// forms returns s as output may encode it: itself, URL query and path
// escaped, inside a JSON string (with and without HTML escaping), inside a
// Go quoted string (%q) and HTML escaped. A secret with a quote, a slash
// or an ampersand is found in a JSON plan or an error message as well as
// in plain text.
func forms(s string) []string {
	if len(s) < minSecretLen {
		return nil
	}
	out := []string{s, url.QueryEscape(s), url.PathEscape(s), jsonString(s, true), jsonString(s, false),
		unquote(strconv.Quote(s)), unquote(strconv.QuoteToASCII(s)), html.EscapeString(s)}
	seen := map[string]bool{}
	uniq := out[:0]
	for _, f := range out {
		if f != "" && !seen[f] {
			seen[f] = true
			uniq = append(uniq, f)
		}
	}
	return uniq
}

// jsonString is s as encoding/json writes it inside quotes.
func jsonString(s string, escapeHTML bool) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(escapeHTML)
	if err := enc.Encode(s); err != nil {
		return ""
	}
	return unquote(strings.TrimSuffix(b.String(), "\n"))
}

func unquote(q string) string {
	if len(q) >= 2 {
		return q[1 : len(q)-1]
	}
	return q
}
