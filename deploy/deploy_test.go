package deploy

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestEveryFileParses parses every YAML (all documents) and JSON file
// under deploy/.
func TestEveryFileParses(t *testing.T) {
	n := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch filepath.Ext(path) {
		case ".yml", ".yaml":
			n++
			if docs := yamlDocs(t, path); len(docs) == 0 {
				t.Errorf("%s: no YAML document", path)
			}
		case ".json":
			n++
			var v any
			if err := json.Unmarshal(read(t, path), &v); err != nil {
				t.Errorf("%s: %v", path, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 5 {
		t.Errorf("found %d YAML/JSON files, expected the workflow, the CronJob and the ECS files", n)
	}
}

func TestGitHubWorkflow(t *testing.T) {
	wf := yamlDocs(t, "github-actions/gameday.yml")[0]
	// YAML 1.1 would read the key "on" as true; yaml.v3 keeps it a string.
	on := mapAt(t, wf, "on")
	sched, _ := on["schedule"].([]any)
	if len(sched) == 0 || len(strings.Fields(str(sched[0].(map[string]any)["cron"]))) != 5 {
		t.Errorf("on.schedule needs a five-field cron: %v", on["schedule"])
	}
	if _, ok := on["workflow_dispatch"]; !ok {
		t.Error("no workflow_dispatch trigger")
	}
	if p := mapAt(t, wf, "permissions"); p["id-token"] != "write" {
		t.Errorf("OIDC needs permissions.id-token: write, got %v", p)
	}
	job := mapAt(t, mapAt(t, wf, "jobs"), "gameday")
	var uses, runs []string
	slack := false
	for _, s := range job["steps"].([]any) {
		step := s.(map[string]any)
		uses = append(uses, str(step["uses"]))
		runs = append(runs, str(step["run"]))
		if env, ok := step["env"].(map[string]any); ok && strings.Contains(str(env["SLACK_WEBHOOK_URL"]), "secrets.") {
			slack = true
		}
	}
	all := strings.Join(runs, "\n")
	for _, want := range []string{"gameday validate", "gameday run", "--report junit", "--state"} {
		if !strings.Contains(all, want) {
			t.Errorf("no step runs %q", want)
		}
	}
	for _, want := range []string{"aws-actions/configure-aws-credentials@", "mikepenz/action-junit-report@", "actions/upload-artifact@"} {
		if !containsPrefix(uses, want) {
			t.Errorf("no step uses %s (steps use %v)", want, uses)
		}
	}
	if !slack {
		t.Error("the run step does not get SLACK_WEBHOOK_URL from a secret")
	}
	if env := mapAt(t, wf, "env"); !strings.HasPrefix(str(env["GAMEDAY_STATE"]), "s3://") {
		t.Errorf("GAMEDAY_STATE = %v, want an s3:// state", env["GAMEDAY_STATE"])
	}
}

func TestKubernetesCronJob(t *testing.T) {
	byKind := map[string]map[string]any{}
	for _, d := range yamlDocs(t, "kubernetes/cronjob.yaml") {
		byKind[str(d["kind"])] = d
	}
	sa, cj := byKind["ServiceAccount"], byKind["CronJob"]
	if sa == nil || cj == nil {
		t.Fatalf("want a ServiceAccount and a CronJob, got kinds %v", keys(byKind))
	}
	saMeta := mapAt(t, sa, "metadata")
	if role := str(mapAt(t, saMeta, "annotations")["eks.amazonaws.com/role-arn"]); !strings.HasPrefix(role, "arn:aws:iam::") {
		t.Errorf("the service account has no IRSA role annotation: %q", role)
	}
	if ns := str(mapAt(t, cj, "metadata")["namespace"]); ns != str(saMeta["namespace"]) {
		t.Errorf("CronJob in namespace %q, service account in %q", ns, saMeta["namespace"])
	}
	spec := mapAt(t, cj, "spec")
	if len(strings.Fields(str(spec["schedule"]))) != 5 || spec["concurrencyPolicy"] != "Forbid" {
		t.Errorf("schedule %v, concurrencyPolicy %v: want a cron and Forbid", spec["schedule"], spec["concurrencyPolicy"])
	}
	job := mapAt(t, mapAt(t, spec, "jobTemplate"), "spec")
	if job["backoffLimit"] != 0 {
		t.Errorf("backoffLimit = %v: a retried game day injects its faults again", job["backoffLimit"])
	}
	pod := mapAt(t, mapAt(t, job, "template"), "spec")
	if pod["serviceAccountName"] != saMeta["name"] {
		t.Errorf("pod runs as %v, not the IRSA service account %v", pod["serviceAccountName"], saMeta["name"])
	}
	if g, _ := pod["terminationGracePeriodSeconds"].(int); g < 60 {
		t.Errorf("terminationGracePeriodSeconds = %v: SIGTERM reverts need time", pod["terminationGracePeriodSeconds"])
	}
	c := pod["containers"].([]any)[0].(map[string]any)
	if s := flagValue(strs(c["args"]), "--state"); !strings.HasPrefix(s, "s3://") {
		t.Errorf("container --state = %q, want the S3 state backend", s)
	}
	if args := strs(c["args"]); len(args) == 0 || args[0] != "run" {
		t.Errorf("container args = %v, want gameday run", args)
	}
}

func TestECS(t *testing.T) {
	var td struct {
		Family               string
		TaskRoleArn          string
		ContainerDefinitions []struct {
			Command     []string
			StopTimeout int
		}
	}
	decodeStrict(t, "ecs/task-definition.json", &td)
	if len(td.ContainerDefinitions) != 1 || td.TaskRoleArn == "" {
		t.Fatalf("task definition: %+v", td)
	}
	c := td.ContainerDefinitions[0]
	if s := flagValue(c.Command, "--state"); !strings.HasPrefix(s, "s3://") {
		t.Errorf("task --state = %q, want the S3 state backend", s)
	}
	// Fargate caps stopTimeout at 120 s; SIGTERM reverts need most of it.
	if c.StopTimeout < 60 || c.StopTimeout > 120 {
		t.Errorf("stopTimeout = %d, want 60..120", c.StopTimeout)
	}
	var sched struct {
		ScheduleExpression string
		Target             struct {
			RoleArn       string
			RetryPolicy   struct{ MaximumRetryAttempts *int }
			EcsParameters struct{ TaskDefinitionArn string }
		}
	}
	decodeStrict(t, "ecs/schedule.json", &sched)
	if !strings.HasPrefix(sched.ScheduleExpression, "cron(") {
		t.Errorf("schedule expression %q", sched.ScheduleExpression)
	}
	if !strings.HasSuffix(sched.Target.EcsParameters.TaskDefinitionArn, "task-definition/"+td.Family) {
		t.Errorf("the schedule starts %q, not the task definition family %q", sched.Target.EcsParameters.TaskDefinitionArn, td.Family)
	}
	if r := sched.Target.RetryPolicy.MaximumRetryAttempts; r == nil || *r != 0 {
		t.Error("the schedule must not retry a game day (it would inject the faults again)")
	}
	var pol struct {
		Statement []struct {
			Action   []string
			Resource []string
		}
	}
	decodeStrict(t, "ecs/scheduler-role-policy.json", &pol)
	for _, s := range pol.Statement {
		for _, a := range s.Action {
			if strings.Contains(a, "*") {
				t.Errorf("scheduler policy has a wildcard action %q", a)
			}
		}
	}
}

func yamlDocs(t *testing.T, path string) []map[string]any {
	t.Helper()
	dec := yaml.NewDecoder(bytes.NewReader(read(t, path)))
	var docs []map[string]any
	for {
		var d map[string]any
		err := dec.Decode(&d)
		if errors.Is(err, io.EOF) {
			return docs
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if d != nil {
			docs = append(docs, d)
		}
	}
}

func decodeStrict(t *testing.T, path string, v any) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(read(t, path)))
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func read(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mapAt(t *testing.T, m map[string]any, key string) map[string]any {
	t.Helper()
	v, ok := m[key].(map[string]any)
	if !ok {
		t.Fatalf("%q is not a mapping: %#v", key, m[key])
	}
	return v
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func strs(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		out = append(out, str(x))
	}
	return out
}

// flagValue returns the value after flag in args ("" when absent).
func flagValue(args []string, flag string) string {
	for i, a := range args {
		if a == flag && i+1 < len(args) {
			return args[i+1]
		}
		if v, ok := strings.CutPrefix(a, flag+"="); ok {
			return v
		}
	}
	return ""
}

func containsPrefix(list []string, prefix string) bool {
	for _, s := range list {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}

func keys(m map[string]map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
