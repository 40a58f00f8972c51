package journal

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/engine/redact/redacttest"
	"github.com/gameday-dev/gameday/engine/state"
)

const plantedToken = "tok-journal-5e1f09"

// redactingContext carries the redactor of a game day whose sensitive
// api_token is plantedToken.
func redactingContext(t *testing.T) context.Context { return redacttest.Context(t, plantedToken) }

func TestStoredRecordsAreRedacted(t *testing.T) {
	ctx := redactingContext(t)
	forStores(t, func(t *testing.T, st state.Store) {
		w, err := CreateIn(ctx, st, Start{RunID: "red", GameDay: "t"})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Note("probe h failed: GET http://127.0.0.1:8080/health?key=%s: status 503", plantedToken); err != nil {
			t.Fatal(err)
		}
		// What the running process keeps for itself stays whole.
		if mem := w.Records(); !strings.Contains(mem[len(mem)-1].Note, plantedToken) {
			t.Errorf("the in-memory record was redacted: %q", mem[len(mem)-1].Note)
		}
		w.Close()
		// recover appends through OpenIn: redacted as well.
		w2, _, err := OpenIn(ctx, st, "red")
		if err != nil {
			t.Fatal(err)
		}
		if err := w2.Note("retrying https://admin:hunter22@db.internal/x with %s", plantedToken); err != nil {
			t.Fatal(err)
		}
		w2.Close()
		j, err := ReadRunIn(context.Background(), st, "red")
		if err != nil {
			t.Fatal(err)
		}
		stored, _ := json.Marshal(j.Records)
		for _, leak := range []string{plantedToken, "hunter22"} {
			if strings.Contains(string(stored), leak) {
				t.Errorf("the stored journal contains %q:\n%s", leak, stored)
			}
		}
		if !strings.Contains(string(stored), "health?key=(sensitive): status 503") {
			t.Errorf("the redacted note lost its shape:\n%s", stored)
		}
	})
}
