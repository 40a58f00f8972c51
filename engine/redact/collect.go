package redact

import (
	"net/url"
	"reflect"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/gameday-dev/gameday/engine/config"
)

// secrets is what one game day contributes to a Redactor.
type secrets struct {
	literals []string // replaced wherever they appear
	urls     []string // sensitive URLs (see urlRule)
}

// collect gathers the secrets of gd: the string values of sensitive
// variables, every config.Secret in its specs, the values it computed from
// sensitive variables, and the URLs in its specs that contain any of
// these.
func collect(gd *config.GameDay) secrets {
	var s secrets
	for _, v := range gd.Variables {
		if v.Sensitive {
			leaves(v.Value, true, s.secret)
		}
	}
	// A value computed from a secret is a secret, except that a URL is
	// only sensitive in its query and password: its host and path are
	// what a reader needs to know which endpoint failed.
	for _, v := range gd.SensitiveValues {
		leaves(v, false, func(str string) {
			if isURL(str) {
				s.sensitiveURL(str)
			} else {
				s.secret(str)
			}
		})
	}
	var plain []string
	for _, spec := range specsOf(gd) {
		walk(reflect.ValueOf(spec), func(str string, secret bool) {
			if secret {
				s.secret(str)
			} else {
				plain = append(plain, str)
			}
		}, 0)
	}
	for _, p := range plain {
		if isURL(p) && (hasPassword(p) || containsAny(p, s.literals)) {
			s.sensitiveURL(p)
		}
	}
	return s
}

// secret adds a value to hide wherever it appears; a URL is also a
// sensitive URL, so that it stays hidden when a client prints it
// re-encoded.
func (s *secrets) secret(v string) {
	if len(v) >= minSecretLen {
		s.literals = append(s.literals, v)
	}
	if isURL(v) {
		s.sensitiveURL(v)
	}
}

// sensitiveURL adds a URL whose query values and password are hidden; the
// password is hidden in free text too.
func (s *secrets) sensitiveURL(v string) {
	s.urls = append(s.urls, v)
	if u, err := url.Parse(v); err == nil {
		if pw, ok := u.User.Password(); ok && len(pw) >= minSecretLen {
			s.literals = append(s.literals, pw)
		}
	}
}

func hasPassword(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	_, ok := u.User.Password()
	return ok
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// specsOf lists the typed specs of gd that may hold secrets or URLs.
func specsOf(gd *config.GameDay) []any {
	specs := []any{gd.Report}
	for _, p := range gd.Probes {
		specs = append(specs, p.Spec)
	}
	for _, c := range gd.Canaries {
		specs = append(specs, c.Spec)
	}
	for _, st := range gd.StopConditions {
		specs = append(specs, st.Spec)
	}
	for _, sc := range gd.Scenarios {
		for _, f := range sc.Faults {
			specs = append(specs, f.Spec)
		}
	}
	return specs
}

// leaves calls add with every string inside v, and with numbers as text
// when numbers is true (a sensitive variable's number is a secret; a
// number computed from one, such as its length, is not worth hiding).
func leaves(v cty.Value, numbers bool, add func(string)) {
	if v == cty.NilVal {
		return
	}
	v, _ = v.UnmarkDeep()
	if v.IsNull() || !v.IsKnown() {
		return
	}
	switch {
	case v.Type() == cty.String:
		add(v.AsString())
	case v.Type() == cty.Number:
		if numbers {
			add(v.AsBigFloat().Text('f', -1))
		}
	case v.CanIterateElements():
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			leaves(e, numbers, add)
		}
	}
}
