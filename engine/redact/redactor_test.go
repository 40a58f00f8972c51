package redact_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/engine/redact"
)

func TestAnyTextLosesURLPasswordsAndSlackCredentials(t *testing.T) {
	r := redact.New()
	for in, want := range map[string]string{
		"dial https://admin:hunter2@db.internal/x failed": "dial https://admin:(sensitive)@db.internal/x failed",
		"postgres://app:p@ss:w0rd@10.0.0.5:5432/orders":   "postgres://app:(sensitive)@10.0.0.5:5432/orders",
		"https://user@host/path and https://host:8080/p":  "https://user@host/path and https://host:8080/p",
		"post https://hooks.slack.com/services/T0/B0/XyZ": "post https://hooks.slack.com/services/(sensitive)",
		"token xoxb-1234-5678-abcdEFGH rejected":          "token (sensitive) rejected",
		"already https://u:(sensitive)@h":                 "already https://u:(sensitive)@h",
	} {
		if got := r.String(in); got != want {
			t.Errorf("String(%q)\n got %q\nwant %q", in, got, want)
		}
	}
}

func TestAPasswordMatchNeverSpansTwoJSONStrings(t *testing.T) {
	in := `{"a":"https://host","b":"user:pw@elsewhere"}`
	out := redact.New().String(in)
	if out != in {
		t.Errorf("changed %s into %s", in, out)
	}
	if !json.Valid([]byte(out)) {
		t.Errorf("broke the JSON: %s", out)
	}
}

func TestSensitiveVariableValuesAreReplacedInEveryEncoding(t *testing.T) {
	token := `tok"en&ex/tra+1`
	gd := load(t, token, gameDay(""))
	r := redact.For(gd)
	jsonForm, _ := json.Marshal(token)
	for _, in := range []string{
		"plain " + token,
		"quoted " + fmt.Sprintf("%q", token),
		"json " + string(jsonForm),
		"query " + url.QueryEscape(token),
		"path " + url.PathEscape(token),
	} {
		out := r.String(in)
		if !strings.Contains(out, "(sensitive)") || strings.Contains(out, "en&ex") || strings.Contains(out, "en\\u0026ex") || strings.Contains(out, "en%26ex") {
			t.Errorf("String(%q) = %q", in, out)
		}
	}
}

func TestLongestSecretIsReplacedFirst(t *testing.T) {
	gd := load(t, "abcd1234", gameDay(`
  probe "http" "h" {
    url = "https://example.com/health"
    headers = { Authorization = "Bearer ${var.api_token}-suffix" }
  }`))
	out := redact.For(gd).String("sent Bearer abcd1234-suffix and abcd1234")
	if out != "sent (sensitive) and (sensitive)" {
		t.Errorf("got %q", out)
	}
}

func TestShortSecretsStayInFreeText(t *testing.T) {
	gd := load(t, "1s", gameDay(""))
	if out := redact.For(gd).String("interval 1s"); out != "interval 1s" {
		t.Errorf("a two-character secret mangled free text: %q", out)
	}
}

func TestQueryValuesOfASensitiveURLAreReplacedWhereverItAppears(t *testing.T) {
	// The signature is computed from the token, so the token itself does
	// not appear in the URL: only the URL being sensitive hides it.
	gd := load(t, "s3cr3t-token", gameDay(`
  probe "http" "h" {
    url = "http://127.0.0.1:8080/health?sig=${strrev(var.api_token)}&format=json"
  }`))
	sig := gd.SensitiveValues[0].AsString()
	sig = sig[strings.Index(sig, "sig=")+4 : strings.Index(sig, "&")]
	r := redact.For(gd)
	for in, want := range map[string]string{
		"GET http://127.0.0.1:8080/health?sig=" + sig + "&format=json: 503":              "GET http://127.0.0.1:8080/health?sig=(sensitive)&format=(sensitive): 503",
		`{"detail":"GET http://127.0.0.1:8080/health?format=json\u0026sig=` + sig + `"}`: `{"detail":"GET http://127.0.0.1:8080/health?format=(sensitive)\u0026sig=(sensitive)"}`,
		`Get "http://127.0.0.1:8080/other?sig=` + sig + `": EOF`:                         `Get "http://127.0.0.1:8080/other?sig=(sensitive)": EOF`,
		"http://127.0.0.1:9090/health?format=json":                                       "http://127.0.0.1:9090/health?format=json",
	} {
		if got := r.String(in); got != want {
			t.Errorf("String(%q)\n got %q\nwant %q", in, got, want)
		}
	}
}

func TestSecretFieldsAndURLsContainingSecretsAreSensitive(t *testing.T) {
	gd := load(t, "unused-token", gameDay(`
  probe "http" "h" {
    url = "https://api.example.com/health?key=literal-key-123&v=2"
  }
  report {
    slack {
      webhook_url = "https://chat.example.com/hook/abcdef123456"
    }
  }`))
	r := redact.For(gd)
	if out := r.String("posting to https://chat.example.com/hook/abcdef123456"); strings.Contains(out, "abcdef123456") {
		t.Errorf("a config.Secret appears: %q", out)
	}
	// This URL holds no declared secret: it is left alone.
	if out := r.String("https://api.example.com/health?key=literal-key-123&v=2"); out != "https://api.example.com/health?key=literal-key-123&v=2" {
		t.Errorf("a URL without secret was changed: %q", out)
	}
}

func TestLearnAddsTheSecretsOfAnotherGameDay(t *testing.T) {
	r := redact.New()
	if out := r.String("first-token"); out != "first-token" {
		t.Fatalf("a fresh Redactor hides %q", out)
	}
	r.Learn(load(t, "first-token", gameDay("")))
	r.Learn(load(t, "second-token", gameDay("")))
	if out := r.String("first-token second-token"); out != "(sensitive) (sensitive)" {
		t.Errorf("got %q", out)
	}
}

type codeError struct{ code int }

func (e *codeError) Error() string { return fmt.Sprintf("exit %d", e.code) }

func TestErrorsAreRedactedAndStillClassified(t *testing.T) {
	r := redact.For(load(t, "s3cr3t-token", gameDay("")))
	err := r.Error(fmt.Errorf("probe failed with s3cr3t-token: %w", &codeError{3}))
	if strings.Contains(err.Error(), "s3cr3t-token") {
		t.Errorf("error text %q", err)
	}
	var ce *codeError
	if !errors.As(err, &ce) || ce.code != 3 {
		t.Errorf("the redacted error lost its cause: %v", err)
	}
	if r.Error(nil) != nil {
		t.Error("Error(nil) is not nil")
	}
}

func TestLogfRedacts(t *testing.T) {
	r := redact.For(load(t, "s3cr3t-token", gameDay("")))
	var got string
	logf := r.Logf(func(format string, args ...any) { got = fmt.Sprintf(format, args...) })
	logf("probe %s: %s", "h", "s3cr3t-token")
	if got != "probe h: (sensitive)" {
		t.Errorf("got %q", got)
	}
}

func TestQueryRedactionKeepsSurroundingPunctuation(t *testing.T) {
	gd := load(t, "s3cr3t-token", gameDay(`
  probe "http" "h" {
    url = "http://127.0.0.1:8080/health?key=${var.api_token}"
  }`))
	r := redact.For(gd)
	for in, want := range map[string]string{
		"(see http://127.0.0.1:8080/health?key=abc)":              "(see http://127.0.0.1:8080/health?key=(sensitive))",
		"http://127.0.0.1:8080/health?key=(sensitive): 503":       "http://127.0.0.1:8080/health?key=(sensitive): 503",
		"http://127.0.0.1:8080/health?key=s3cr3t-token, retrying": "http://127.0.0.1:8080/health?key=(sensitive), retrying",
	} {
		if got := r.String(in); got != want {
			t.Errorf("String(%q)\n got %q\nwant %q", in, got, want)
		}
	}
}
