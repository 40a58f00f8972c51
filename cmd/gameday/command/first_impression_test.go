package command

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/engine"
	"github.com/urfave/cli/v2"
)

// everyVerb builds every verb as main does (the backends are never used:
// only help and usage errors are exercised).
func everyVerb(f *Factory) []*cli.Command {
	b := &Backends{}
	return []*cli.Command{
		NewCmdRun(f, b, nil), NewCmdPlan(f, b, nil), NewCmdRecover(f, b, nil), NewCmdSchedule(f, b, nil),
		NewCmdDemo(f, b, nil), NewCmdReport(f, nil), NewCmdHistory(f, nil), NewCmdSandbox(f, nil), NewCmdValidate(f, nil),
		NewCmdIAMPolicy(f, nil), NewCmdFmt(f, nil), NewCmdVersion(f, nil),
	}
}

func TestHelpCommand(t *testing.T) {
	tio := newTestIO()
	if code := tio.run(t, everyVerb(tio.f), "help"); code != engine.ExitOK {
		t.Fatalf("gameday help exited %d; stderr:\n%s", code, tio.err.String())
	}
	mustContain(t, "gameday help", tio.out.String(), "validate", "recover", "Exit codes")
	tio = newTestIO()
	if code := tio.run(t, everyVerb(tio.f), "help", "validate"); code != engine.ExitOK {
		t.Fatalf("gameday help validate exited %d", code)
	}
	mustContain(t, "gameday help validate", tio.out.String(), "gameday validate", "--format")
	tio = newTestIO()
	if code := tio.run(t, everyVerb(tio.f), "help", "nope"); code != engine.ExitInvalid {
		t.Errorf("gameday help nope exited %d, want %d", code, engine.ExitInvalid)
	}
}

// TestFlagHelpRendersCleanly reads every flag line of every verb's help:
// urfave/cli takes the first `quoted` word of a usage as the placeholder
// and appends the default, so a stray quote or an unset DefaultText shows
// as "--sandbox-url gameday sandbox" or "(default: [])".
func TestFlagHelpRendersCleanly(t *testing.T) {
	placeholder := regexp.MustCompile(`^[A-Z][A-Z0-9_=|.:/-]*$`)
	for _, cmd := range everyVerb(newTestIO().f) {
		tio := newTestIO()
		if code := tio.run(t, everyVerb(tio.f), cmd.Name, "--help"); code != engine.ExitOK {
			t.Fatalf("%s --help exited %d", cmd.Name, code)
		}
		_, opts, _ := strings.Cut(tio.out.String(), "OPTIONS:\n")
		for _, line := range strings.Split(strings.TrimRight(opts, "\n"), "\n") {
			line = strings.TrimSpace(line)
			if !strings.HasPrefix(line, "--") {
				continue
			}
			if strings.Contains(line, "`") || strings.Contains(line, "(default: [])") || strings.Count(line, "(default") > 1 {
				t.Errorf("%s: %q", cmd.Name, line)
			}
			// "--name PLACEHOLDER, --alias PLACEHOLDER   usage": every word
			// after a flag name, before the usage, must be a placeholder.
			names, _, _ := strings.Cut(line, "  ")
			for _, part := range strings.Split(names, ", ") {
				fields := strings.Fields(part)
				for _, w := range fields[1:] {
					if w != "[" && w != "]" && !strings.HasPrefix(w, "--") && !placeholder.MatchString(w) {
						t.Errorf("%s: placeholder %q in %q", cmd.Name, w, line)
					}
				}
			}
		}
	}
}

// TestDocsUseOneFlagForm: help prints --var; the README and the examples in
// the help say the same (the single-dash form works too).
func TestDocsUseOneFlagForm(t *testing.T) {
	readme, err := os.ReadFile("../../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	singleDash := regexp.MustCompile("(^|[\\s`(\\[])-(var|var-file|check|diff|allow-file-outside)\\b")
	for i, line := range strings.Split(string(readme), "\n") {
		if singleDash.MatchString(line) {
			t.Errorf("README.md:%d uses the single-dash form: %s", i+1, line)
		}
	}
	for _, cmd := range everyVerb(newTestIO().f) {
		if singleDash.MatchString(cmd.Description) {
			t.Errorf("%s help uses the single-dash form:\n%s", cmd.Name, cmd.Description)
		}
	}
	// Both forms are accepted.
	tio := newTestIO()
	var got *ValidateOptions
	cmd := NewCmdValidate(tio.f, func(o *ValidateOptions) error { got = o; return nil })
	if code := tio.run(t, []*cli.Command{cmd}, "validate", "-var", "a=1", "--var", "b=2", "x.hcl"); code != engine.ExitOK || len(got.Load.Vars) != 2 {
		t.Fatalf("exit %d, options %+v", code, got)
	}
}

func TestFlagsAfterTheFileAreExplained(t *testing.T) {
	for _, args := range [][]string{
		{"run", "x.hcl", "--sandbox"},
		{"plan", "x.hcl", "--format", "json"},
		{"iam-policy", "x.hcl", "--format", "text"},
		{"validate", "x.hcl", "--format", "json"},
		{"fmt", "x.hcl", "--check"},
		{"schedule", "dir", "--dry"},
		{"recover", "20260101T000000Z-abcdef", "--force"},
		{"report", "latest", "--format", "json"},
	} {
		tio := newTestIO()
		if code := tio.run(t, everyVerb(tio.f), args...); code != engine.ExitInvalid {
			t.Errorf("%v: exit %d, want %d", args, code, engine.ExitInvalid)
		}
		mustContain(t, strings.Join(args, " "), tio.err.String(), "flags go before", "gameday "+args[0]+" [flags]")
	}
}

func TestUnreadableFileSaysWhy(t *testing.T) {
	tio := newTestIO()
	nope := filepath.Join(t.TempDir(), "nope.hcl")
	err := runRun(context.Background(), tio.f, &Backends{}, &RunOptions{File: nope, StateDir: t.TempDir()})
	if ExitCode(err) != engine.ExitInvalid {
		t.Fatalf("exit %d, want %d", ExitCode(err), engine.ExitInvalid)
	}
	mustContain(t, "stderr", tio.err.String(), "could not be read: no such file or directory", "nothing was touched")
}

func TestRecoverAllWithNothingToDoSaysSo(t *testing.T) {
	tio := newTestIO()
	state := t.TempDir()
	err := runRecover(context.Background(), tio.f, &Backends{}, &RecoverOptions{All: true, StateDir: state})
	if err != nil {
		t.Fatalf("recover --all: %v", err)
	}
	mustContain(t, "stdout", tio.out.String(), "nothing to recover: no run under "+state+" has pending reverts")
}

// TestNoCredentialsIsOneClearRefusal runs a game day on a machine without
// AWS credentials: one line saying so and how to give some, no SDK text,
// and no run id, since nothing was stored.
func TestNoCredentialsIsOneClearRefusal(t *testing.T) {
	dir := t.TempDir()
	for k, v := range map[string]string{
		"AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_SESSION_TOKEN": "", "AWS_PROFILE": "",
		"AWS_DEFAULT_PROFILE": "", "AWS_WEB_IDENTITY_TOKEN_FILE": "", "AWS_ROLE_ARN": "",
		"AWS_CONTAINER_CREDENTIALS_FULL_URI": "", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "",
		"AWS_CONFIG_FILE": filepath.Join(dir, "config"), "AWS_SHARED_CREDENTIALS_FILE": filepath.Join(dir, "credentials"),
		"AWS_EC2_METADATA_DISABLED": "true", "AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": "http://127.0.0.1:1",
	} {
		t.Setenv(k, v)
	}
	tio := newTestIO()
	opts := &RunOptions{File: "../../../testdata/valid/minimal.hcl", StateDir: filepath.Join(dir, "state")}
	err := runRun(context.Background(), tio.f, &Backends{AWS: RealAWS}, opts)
	if ExitCode(err) != engine.ExitInvalid {
		t.Fatalf("exit %d (%v), want %d", ExitCode(err), err, engine.ExitInvalid)
	}
	msg := err.Error() + tio.err.String() + tio.out.String()
	mustContain(t, "refusal", msg, "no AWS credentials", "--profile", "--sandbox")
	for _, bad := range []string{"operation error", "SDK", "IMDS", "run 20"} {
		if strings.Contains(msg, bad) {
			t.Errorf("the refusal shows %q:\n%s", bad, msg)
		}
	}
	if entries, _ := os.ReadDir(opts.StateDir); len(entries) > 0 {
		t.Errorf("a refused run stored %d entries", len(entries))
	}
}
