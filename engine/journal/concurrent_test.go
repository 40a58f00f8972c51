package journal

import (
	"sync"
	"testing"
)

func TestConcurrentAppends(t *testing.T) {
	dir := t.TempDir()
	w := newJournal(t, dir, "conc")
	const workers, each = 8, 40
	var wg sync.WaitGroup
	for g := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				if _, err := w.Append(Record{Type: TypeIntent, Fault: "s/k.f", Kind: "k", Batch: g*each + i + 1}); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	j, err := ReadRun(dir, "conc")
	if err != nil {
		t.Fatal(err)
	}
	if j.Torn || len(j.Records) != workers*each+1 {
		t.Fatalf("torn=%v records=%d, want %d", j.Torn, len(j.Records), workers*each+1)
	}
	batches := map[int]bool{}
	for i, r := range j.Records {
		if r.Seq != int64(i+1) {
			t.Fatalf("record %d has seq %d: sequence not contiguous in file order", i, r.Seq)
		}
		if r.Type == TypeIntent {
			batches[r.Batch] = true
		}
	}
	if len(batches) != workers*each {
		t.Errorf("%d distinct batches, want %d", len(batches), workers*each)
	}
}
