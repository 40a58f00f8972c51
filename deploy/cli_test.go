package deploy

import (
	"bytes"
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/cmd/gameday/command"
)

// parsed records what the real verbs made of an argument vector.
type parsed struct {
	verb  string
	state string
}

// parseArgs runs args through the real CLI with the verbs' run functions
// replaced, so that a flag the deployment files use and gameday does not
// know fails here instead of at 10:00 on a Tuesday.
func parseArgs(t *testing.T, where string, args []string) parsed {
	t.Helper()
	var out, errOut bytes.Buffer
	f := &command.Factory{IO: &command.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut},
		Environ: func() []string { return nil }}
	b := &command.Backends{}
	var p parsed
	app := command.NewApp(f,
		command.NewCmdRun(f, b, func(_ context.Context, o *command.RunOptions) error {
			p = parsed{verb: "run", state: o.StateDir}
			return nil
		}),
		command.NewCmdRecover(f, b, func(_ context.Context, o *command.RecoverOptions) error {
			p = parsed{verb: "recover", state: o.StateDir}
			return nil
		}),
		command.NewCmdValidate(f, func(*command.ValidateOptions) error { p = parsed{verb: "validate"}; return nil }),
		command.NewCmdIAMPolicy(f, func(o *command.IAMPolicyOptions) error {
			p = parsed{verb: "iam-policy", state: o.State}
			return nil
		}),
	)
	if code := command.Run(context.Background(), f, app, append([]string{"gameday"}, args...)); code != 0 || p.verb == "" {
		t.Errorf("%s: `gameday %s` does not parse (exit %d): %s", where, strings.Join(args, " "), code, errOut.String())
	}
	return p
}

func TestDeploymentCommandLinesParse(t *testing.T) {
	var td struct {
		ContainerDefinitions []struct{ Command []string }
	}
	if err := json.Unmarshal(read(t, "ecs/task-definition.json"), &td); err != nil {
		t.Fatal(err)
	}
	if p := parseArgs(t, "ECS task", td.ContainerDefinitions[0].Command); p.verb != "run" || !strings.HasPrefix(p.state, "s3://") {
		t.Errorf("ECS task: %+v, want run with an s3:// state", p)
	}

	for _, d := range yamlDocs(t, "kubernetes/cronjob.yaml") {
		if d["kind"] != "CronJob" {
			continue
		}
		pod := mapAt(t, mapAt(t, mapAt(t, mapAt(t, mapAt(t, d, "spec"), "jobTemplate"), "spec"), "template"), "spec")
		var verbs []string
		for _, list := range []string{"initContainers", "containers"} {
			cs, _ := pod[list].([]any)
			for _, c := range cs {
				p := parseArgs(t, "CronJob "+list, strs(c.(map[string]any)["args"]))
				if !strings.HasPrefix(p.state, "s3://") {
					t.Errorf("CronJob %s: state %q, want s3://", list, p.state)
				}
				verbs = append(verbs, p.verb)
			}
		}
		if strings.Join(verbs, ",") != "recover,run" {
			t.Errorf("CronJob runs %v, want recover (init) then run", verbs)
		}
	}

	// The workflow's shell lines, with its variables filled in.
	wf := string(read(t, "github-actions/gameday.yml"))
	wf = strings.ReplaceAll(wf, "\\\n", " ")
	vars := strings.NewReplacer(`"$GAMEDAY_STATE"`, "s3://bucket/prefix", `"$REPORT_DIR"`, "reports",
		`"$GAMEDAY_FILE"`, "staging.hcl", `"${args[@]}"`, "")
	lines := regexp.MustCompile(`(?m)^\s*(?:run: )?gameday (\S.*)$`).FindAllStringSubmatch(wf, -1)
	seen := map[string]bool{}
	for _, m := range lines {
		args := strings.Fields(vars.Replace(m[1]))
		p := parseArgs(t, "workflow", args)
		seen[p.verb] = true
	}
	for _, v := range []string{"validate", "run", "recover"} {
		if !seen[v] {
			t.Errorf("the workflow never runs `gameday %s` (found %d gameday lines)", v, len(lines))
		}
	}
}
