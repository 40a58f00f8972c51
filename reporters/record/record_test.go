package record_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine/state"
	"github.com/gameday-dev/gameday/reporters/record"
	"github.com/gameday-dev/gameday/reporters/record/recordtest"
)

func fixture(t *testing.T) *record.Record { return recordtest.MustRecord(t) }

func encode(t *testing.T, rec *record.Record) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := record.Encode(&b, rec); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestRoundTripIsLossless(t *testing.T) {
	first := encode(t, fixture(t))
	rec, err := record.Decode(bytes.NewReader(first))
	if err != nil {
		t.Fatal(err)
	}
	if second := encode(t, rec); !bytes.Equal(first, second) {
		t.Fatalf("decode+encode changed the record:\n%s", firstDiff(first, second))
	}
}

func firstDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return "line " + al[i] + "\n  vs " + bl[i]
		}
	}
	return "lengths differ"
}

func TestSecretsNeverAppear(t *testing.T) {
	out := string(encode(t, fixture(t)))
	for _, s := range recordtest.PlantedSecrets() {
		if strings.Contains(out, s) {
			t.Errorf("the record contains the planted secret %q", s)
		}
	}
	// The masked places are still there, so the scrub did not just drop data.
	if !strings.Contains(out, `"value": "(sensitive)"`) || !strings.Contains(out, "health?key=(sensitive)") {
		t.Errorf("sensitive values are not shown as masked")
	}
	if !strings.Contains(out, `"slack": true`) {
		t.Errorf("the record does not say Slack is configured")
	}
}

func TestTimesAreUTCWithMilliseconds(t *testing.T) {
	out := encode(t, fixture(t))
	var anyTime = regexp.MustCompile(`"(\d{4}-\d\d-\d\dT[^"]*)"`)
	ms := regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`)
	n := 0
	for _, m := range anyTime.FindAllSubmatch(out, -1) {
		n++
		if !ms.Match(m[1]) {
			t.Errorf("time %s is not UTC RFC 3339 with milliseconds", m[1])
		}
	}
	if n < 50 {
		t.Errorf("only %d times in the record", n)
	}
	// A local time with a sub-millisecond part is written in UTC, truncated.
	loc := time.FixedZone("X", 3600)
	tm := record.At(time.Date(2026, 1, 2, 3, 4, 5, 678912345, loc))
	if got := tm.String(); got != "2026-01-02T02:04:05.678Z" {
		t.Errorf("At = %s", got)
	}
}

func TestDurationsCarryNanosecondsAndText(t *testing.T) {
	rec := fixture(t)
	m := rec.Scenarios[1].Measure
	if m.Recovery.RTO.ValueNS != int64(19*time.Second) || m.Recovery.RTO.Value != "19s" || m.Recovery.RTO.ResolutionNS != int64(time.Second) || m.Recovery.RTO.Text != "19s (±1s)" {
		t.Errorf("RTO figure = %+v", m.Recovery.RTO)
	}
	if rec.Run.Duration.NS != int64(45*time.Second) || rec.Run.Duration.Text != "45s" {
		t.Errorf("run duration = %+v", rec.Run.Duration)
	}
}

func TestDecodeRefusesOtherDocumentsAndVersions(t *testing.T) {
	if _, err := record.Decode(strings.NewReader(`{"schema":"something-else","schema_version":1}`)); err == nil {
		t.Error("another schema was accepted")
	}
	if _, err := record.Decode(strings.NewReader(`{"schema":"gameday-run-record","schema_version":99}`)); err == nil || !strings.Contains(err.Error(), "99") {
		t.Errorf("a future version was not refused clearly: %v", err)
	}
}

func TestPutAndGetInADirectoryStore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := state.NewDir(dir)
	rec := fixture(t)
	loc, err := record.Put(ctx, st, rec)
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(dir, "runs", rec.Run.ID, "record.json")
	if loc != want {
		t.Errorf("stored at %s, want %s", loc, want)
	}
	fi, err := os.Stat(want)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("record mode %v, want 0600", fi.Mode().Perm())
	}
	older := *rec
	older.Run.ID = "20260101T000000Z-000000"
	if _, err := record.Put(ctx, st, &older); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{rec.Run.ID, "20260314", record.Latest, want} {
		got, _, err := record.Get(ctx, st, name)
		if err != nil {
			t.Errorf("Get(%q): %v", name, err)
			continue
		}
		if got.Run.ID != rec.Run.ID {
			t.Errorf("Get(%q) = run %s, want %s", name, got.Run.ID, rec.Run.ID)
		}
	}
	if _, _, err := record.Get(ctx, st, "2026"); err == nil || !strings.Contains(err.Error(), "ambiguous") {
		t.Errorf("an ambiguous prefix was not refused: %v", err)
	}
	if _, _, err := record.Get(ctx, st, "19990101"); !errors.Is(err, record.ErrNotFound) {
		t.Errorf("a missing run: %v", err)
	}
	if _, _, err := record.Get(ctx, st, "../etc"); err == nil {
		t.Error("a run id with a path was accepted")
	}
}

func TestBuildWithoutGameDayKeepsTheResult(t *testing.T) {
	rec := record.Build(recordtest.Result(), nil)
	b, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	if rec.GameDay.Name != "checkout-resilience" || len(rec.Scenarios) != 3 || len(rec.Leftovers) != 1 || len(rec.Timeline) == 0 {
		t.Errorf("record without game day lost data: %s", b[:200])
	}
}
