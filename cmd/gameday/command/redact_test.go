package command

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine"
	"github.com/urfave/cli/v2"
)

// apiToken is the value of the sensitive variable api_token in these
// tests. It comes from the environment, so it is in no source file.
const apiToken = "tok-3f9c1a77e2b4"

// failingEndpoint drops every connection without an answer: the probe's
// error then quotes the URL it asked, as a refused or reset connection
// does.
func failingEndpoint(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
			conn.Close()
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// keyedGameDay writes a game day whose probe "keyed" carries the sensitive
// api_token in its URL's query, with mode as given, next to a passing
// probe of the sandbox's load balancer when healthy is true.
func keyedGameDay(t *testing.T, endpoint, mode string, healthy bool) string {
	t.Helper()
	health := ""
	if healthy {
		health = `
  probe "http" "health" {
    url      = "${sandbox.url}/health"
    interval = "200ms"
  }`
	}
	return writeTemp(t, "keyed.hcl", `
variable "api_token" {
  sensitive = true
}

gameday "keyed" {
  region = sandbox.region
`+health+`
  probe "http" "keyed" {
    url      = "`+endpoint+`/health?key=${var.api_token}"
    interval = "200ms"
    timeout  = "200ms"
    mode     = "`+mode+`"
  }
  scenario "flip" {
    fault "route53_health_flip" "primary" {
      health_check_id = sandbox.primary_health_check_id
      duration        = "1s"
    }
  }
}
`)
}

// quickSandbox is the sandbox with a short steady-state warm-up: the
// failing probe makes every steady-state check wait for all of it.
func quickSandbox() *Backends {
	return &Backends{Sandbox: func(ctx context.Context) (*Backend, error) {
		be, err := SandboxBackend(ctx)
		if err == nil {
			be.Tuning.SteadyWarmup = 1500 * time.Millisecond
		}
		return be, err
	}}
}

// noToken fails when the token is in what.
func noToken(t *testing.T, what, got string) {
	t.Helper()
	if strings.Contains(got, apiToken) {
		t.Errorf("%s shows the sensitive token:\n%s", what, got)
	}
}

func TestPlanDoesNotShowASensitiveProbeURL(t *testing.T) {
	if testing.Short() {
		t.Skip("plans against the sandbox")
	}
	p := keyedGameDay(t, failingEndpoint(t), "continuous", false)
	for _, format := range []string{"text", "json"} {
		t.Run(format, func(t *testing.T) {
			tio := newTestIO("GAMEDAY_VAR_api_token=" + apiToken)
			code := tio.run(t, []*cli.Command{NewCmdPlan(tio.f, quickSandbox(), nil)}, "plan", "--sandbox", "--format", format, p)
			if code != engine.ExitInvalid {
				t.Fatalf("exit %d, want %d (the probe is not steady)\n%s\n%s", code, engine.ExitInvalid, tio.out, tio.err)
			}
			noToken(t, "stdout", tio.out.String())
			noToken(t, "stderr", tio.err.String())
			// The steady-state line is still there, with the key masked.
			mustContain(t, "stdout", tio.out.String(), "/health?key=(sensitive)")
		})
	}
}

func TestRunRefusedByASensitiveProbeDoesNotShowIt(t *testing.T) {
	if testing.Short() {
		t.Skip("runs against the sandbox")
	}
	p := keyedGameDay(t, failingEndpoint(t), "continuous", false)
	tio := newTestIO("GAMEDAY_VAR_api_token=" + apiToken)
	code := tio.run(t, []*cli.Command{NewCmdRun(tio.f, quickSandbox(), nil)}, "run", "--sandbox", "--plain", "--state", t.TempDir(), p)
	if code != engine.ExitInvalid {
		t.Fatalf("exit %d, want %d (steady state does not hold)\n%s\n%s", code, engine.ExitInvalid, tio.out, tio.err)
	}
	noToken(t, "stdout", tio.out.String())
	noToken(t, "stderr", tio.err.String())
	mustContain(t, "stderr", tio.err.String(), "steady state does not hold", "/health?key=(sensitive)")
}

// A run whose probe with the token fails while the fault holds: the token
// is in none of the run's outputs — the terminal, the journal, the stored
// record, any report format.
func TestRunKeepsASensitiveProbeURLOutOfEveryOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a game day against the sandbox")
	}
	p := keyedGameDay(t, failingEndpoint(t), "during_faults", true)
	tio := newTestIO("GAMEDAY_VAR_api_token=" + apiToken)
	stateDir, reportDir := t.TempDir(), t.TempDir()
	code := tio.run(t, []*cli.Command{NewCmdRun(tio.f, &Backends{Sandbox: SandboxBackend}, nil)}, "run", "--sandbox", "--plain",
		"--state", stateDir, "--report", "json,junit,markdown,html", "--report-dir", reportDir, p)
	if code == engine.ExitInvalid {
		t.Fatalf("the run did not start (exit %d)\n%s\n%s", code, tio.out, tio.err)
	}
	noToken(t, "stdout", tio.out.String())
	noToken(t, "stderr", tio.err.String())
	// The failures were seen and reported, masked.
	mustContain(t, "stderr", tio.err.String(), "/health?key=(sensitive)")
	files := 0
	for _, dir := range []string{stateDir, reportDir} {
		err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			files++
			noToken(t, path, string(b))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// journal, record, and the four report formats at least
	if files < 6 {
		t.Errorf("only %d files written under %s and %s", files, stateDir, reportDir)
	}
}

func TestValidateDoesNotEchoASensitiveURL(t *testing.T) {
	p := writeTemp(t, "bad-scheme.hcl", `
variable "api_token" {
  sensitive = true
}

gameday "bad-scheme" {
  probe "http" "keyed" {
    url = "ftp://127.0.0.1/health?key=${var.api_token}"
  }
  scenario "one" {
    fault "ec2_kill" "web" {
      action = "reboot"
      select {
        ids = ["i-0123456789abcdef0"]
      }
    }
  }
}
`)
	for _, format := range []string{"text", "json"} {
		t.Run(format, func(t *testing.T) {
			tio := newTestIO("GAMEDAY_VAR_api_token=" + apiToken)
			code := tio.run(t, tio.allVerbs(), "validate", "--format", format, p)
			if code != engine.ExitInvalid {
				t.Fatalf("exit %d, want %d\n%s\n%s", code, engine.ExitInvalid, tio.out, tio.err)
			}
			out := tio.out.String() + tio.err.String()
			noToken(t, "the output", out)
			mustContain(t, "the output", out, "Invalid URL", "ftp://127.0.0.1/health?key=(sensitive)")
		})
	}
}
