//go:build conformance

package fisaz

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"sort"
	"strconv"
	"sync"
	"testing"

	fistypes "github.com/aws/aws-sdk-go-v2/service/fis/types"
)

// fisHTTP is a small REST-JSON FIS on loopback for the operations moto does
// not implement (experiments), plus templates so that one endpoint serves
// the whole FIS client. It validates requests the way FIS does where a
// mistake on the wire would show (required fields, action targets naming
// declared targets) and keeps the raw template bodies for assertions.
type fisHTTP struct {
	mu        sync.Mutex
	srv       *httptest.Server
	n         int
	templates map[string]map[string]any // id -> request body
	exps      map[string]*httpExperiment
	tokens    map[string]string
	// script is the status sequence a new experiment walks, one step per
	// GetExperiment.
	script []string
	calls  []string
}

type httpExperiment struct {
	id, template string
	tags         map[string]string
	status       string
	step         int
	stopping     bool
}

func startFISHTTP(t *testing.T, script ...string) *fisHTTP {
	f := &fisHTTP{templates: map[string]map[string]any{}, exps: map[string]*httpExperiment{}, tokens: map[string]string{}, script: script}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /experimentTemplates", f.createTemplate)
	mux.HandleFunc("GET /experimentTemplates/{id}", f.getTemplate)
	mux.HandleFunc("DELETE /experimentTemplates/{id}", f.deleteTemplate)
	mux.HandleFunc("GET /experimentTemplates", f.listTemplates)
	mux.HandleFunc("POST /experiments", f.startExperiment)
	mux.HandleFunc("GET /experiments/{id}", f.getExperiment)
	mux.HandleFunc("DELETE /experiments/{id}", f.stopExperiment)
	mux.HandleFunc("GET /experiments", f.listExperiments)
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.calls = append(f.calls, r.Method+" "+r.URL.Path)
		f.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fisHTTP) count(call string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.calls {
		if c == call {
			n++
		}
	}
	return n
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

func writeErr(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Amzn-ErrorType", code)
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"message": msg})
}

func (f *fisHTTP) createTemplate(w http.ResponseWriter, r *http.Request) {
	var body map[string]any
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		writeErr(w, 400, "ValidationException", err.Error())
		return
	}
	if msg := validateTemplate(body); msg != "" {
		writeErr(w, 400, "ValidationException", msg)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	token, _ := body["clientToken"].(string)
	id, ok := f.tokens["t"+token]
	if !ok {
		f.n++
		id = fmt.Sprintf("EXT%05d", f.n)
		f.templates[id] = body
		f.tokens["t"+token] = id
	}
	writeJSON(w, map[string]any{"experimentTemplate": templateView(id, f.templates[id])})
}

// validateTemplate checks what FIS requires of CreateExperimentTemplate.
func validateTemplate(b map[string]any) string {
	for _, k := range []string{"clientToken", "description", "roleArn", "stopConditions", "actions"} {
		if _, ok := b[k]; !ok {
			return "missing " + k
		}
	}
	targets, _ := b["targets"].(map[string]any)
	actions, _ := b["actions"].(map[string]any)
	for name, a := range actions {
		am, _ := a.(map[string]any)
		if _, ok := am["actionId"].(string); !ok {
			return "action " + name + " has no actionId"
		}
		at, _ := am["targets"].(map[string]any)
		for _, tn := range at {
			if _, ok := targets[tn.(string)]; !ok {
				return fmt.Sprintf("action %s names undeclared target %v", name, tn)
			}
		}
	}
	for name, tg := range targets {
		tm, _ := tg.(map[string]any)
		if _, ok := tm["resourceType"].(string); !ok {
			return "target " + name + " has no resourceType"
		}
		if _, ok := tm["selectionMode"].(string); !ok {
			return "target " + name + " has no selectionMode"
		}
	}
	return ""
}

func templateView(id string, body map[string]any) map[string]any {
	return map[string]any{"id": id, "description": body["description"], "roleArn": body["roleArn"], "tags": body["tags"]}
}

func (f *fisHTTP) getTemplate(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	body, ok := f.templates[r.PathValue("id")]
	if !ok {
		writeErr(w, 404, "ResourceNotFoundException", "experiment template not found")
		return
	}
	writeJSON(w, map[string]any{"experimentTemplate": templateView(r.PathValue("id"), body)})
}

func (f *fisHTTP) deleteTemplate(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	id := r.PathValue("id")
	body, ok := f.templates[id]
	if !ok {
		writeErr(w, 404, "ResourceNotFoundException", "experiment template not found")
		return
	}
	delete(f.templates, id)
	writeJSON(w, map[string]any{"experimentTemplate": templateView(id, body)})
}

// page cuts ids in pages of one so that nextToken is always followed.
func page(ids []string, token string) ([]string, string) {
	lo, _ := strconv.Atoi(token)
	if lo >= len(ids) {
		return nil, ""
	}
	next := ""
	if lo+1 < len(ids) {
		next = strconv.Itoa(lo + 1)
	}
	return ids[lo : lo+1], next
}

func (f *fisHTTP) listTemplates(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	ids, next := page(slices.Sorted(maps.Keys(f.templates)), r.URL.Query().Get("nextToken"))
	out := map[string]any{"experimentTemplates": []any{}}
	var list []any
	for _, id := range ids {
		list = append(list, templateView(id, f.templates[id]))
	}
	if list != nil {
		out["experimentTemplates"] = list
	}
	if next != "" {
		out["nextToken"] = next
	}
	writeJSON(w, out)
}

func (f *fisHTTP) startExperiment(w http.ResponseWriter, r *http.Request) {
	var body struct {
		ClientToken          string            `json:"clientToken"`
		ExperimentTemplateID string            `json:"experimentTemplateId"`
		Tags                 map[string]string `json:"tags"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.ClientToken == "" || body.ExperimentTemplateID == "" {
		writeErr(w, 400, "ValidationException", "clientToken and experimentTemplateId are required")
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.templates[body.ExperimentTemplateID]; !ok {
		writeErr(w, 404, "ResourceNotFoundException", "experiment template not found")
		return
	}
	id, ok := f.tokens["e"+body.ClientToken]
	if !ok {
		f.n++
		id = fmt.Sprintf("EXP%05d", f.n)
		f.exps[id] = &httpExperiment{id: id, template: body.ExperimentTemplateID, tags: body.Tags, status: "initiating"}
		f.tokens["e"+body.ClientToken] = id
	}
	writeJSON(w, map[string]any{"experiment": f.exps[id].view()})
}

func (e *httpExperiment) view() map[string]any {
	return map[string]any{"id": e.id, "experimentTemplateId": e.template, "tags": e.tags,
		"state": map[string]any{"status": e.status, "reason": "fake FIS"}}
}

func (f *fisHTTP) getExperiment(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	e, ok := f.exps[r.PathValue("id")]
	if !ok {
		writeErr(w, 404, "ResourceNotFoundException", "experiment not found")
		return
	}
	writeJSON(w, map[string]any{"experiment": e.view()})
	switch {
	case e.stopping:
		e.status = "stopped"
	case e.step < len(f.script):
		e.status = f.script[e.step]
		e.step++
	}
}

func (f *fisHTTP) stopExperiment(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	e, ok := f.exps[r.PathValue("id")]
	if !ok {
		writeErr(w, 404, "ResourceNotFoundException", "experiment not found")
		return
	}
	if fisTerminal(fistypesStatus(e.status)) {
		writeErr(w, 400, "ValidationException", "experiment has already ended")
		return
	}
	e.stopping, e.status = true, "stopping"
	writeJSON(w, map[string]any{"experiment": e.view()})
}

func (f *fisHTTP) listExperiments(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	ids := make([]string, 0, len(f.exps))
	for id := range f.exps {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	ids, next := page(ids, r.URL.Query().Get("nextToken"))
	var list []any
	for _, id := range ids {
		list = append(list, f.exps[id].view())
	}
	out := map[string]any{"experiments": list}
	if next != "" {
		out["nextToken"] = next
	}
	writeJSON(w, out)
}

func fistypesStatus(s string) fistypes.ExperimentStatus { return fistypes.ExperimentStatus(s) }
