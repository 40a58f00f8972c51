package history

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gameday-dev/gameday/engine/measure"
	"github.com/gameday-dev/gameday/engine/state"
)

// thousandRuns is a state directory holding 1,000 runs of "weekly" as
// runs leave them: a journal, a record (with a timeline of some size,
// which history never reads) and a history entry each.
func thousandRuns(b *testing.B) (state.Store, string) {
	b.Helper()
	st := state.NewDir(b.TempDir())
	gd := gameDay(b, `rto = "2m"
      baseline { margin = "50%" }`)
	hash := gd.Scenarios[0].Hash()
	timeline := []byte(`{"schema":"gameday-run-record","timeline":[` + strings.Repeat(`{"type":"check","ok":true},`, 400) + `{}]}`)
	// Written directly, without the store's fsyncs: the files are what
	// matters here, not how durably the set-up wrote them.
	write := func(key string, data []byte) {
		path := st.Location(key)
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o600); err != nil {
			b.Fatal(err)
		}
	}
	for i := range 1000 {
		e := entry(i, hash, time.Duration(10+i%7)*time.Second)
		data, err := e.Encode()
		if err != nil {
			b.Fatal(err)
		}
		write(Key(e.GameDay, e.Run), data)
		write("runs/"+e.Run+"/record.json", timeline)
		write("runs/"+e.Run+".jsonl", []byte(`{"seq":1,"type":"run_start"}`+"\n"))
	}
	return st, hash
}

// `gameday history weekly --last 0`: every one of 1,000 runs read and
// their trends computed.
func BenchmarkHistoryOf1000Runs(b *testing.B) {
	st, _ := thousandRuns(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		v, err := Load(ctx, st, "weekly", Query{})
		if err != nil || len(v.Runs) != 1000 {
			b.Fatalf("%v %d", err, len(v.Runs))
		}
		if trs := Trends(v.Runs); len(trs) == 0 || len(trs[0].Points) != 1000 {
			b.Fatal("no trend")
		}
	}
}

// Judging a run against a history of 1,000 runs reads only the newest
// comparable ones.
func BenchmarkJudgeAgainst1000Runs(b *testing.B) {
	st, _ := thousandRuns(b)
	gd := gameDay(b, `rto = "2m"
      baseline { margin = "50%" }`)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		res := result(40*time.Second, measure.OutcomeMet)
		if err := Judge(ctx, st, gd, res); err != nil {
			b.Fatal(err)
		}
		if res.Scenarios[0].Measure.Verdict.Outcome != measure.OutcomeRegressed {
			b.Fatal(res.Scenarios[0].Measure.Verdict)
		}
	}
}
