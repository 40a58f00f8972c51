package recordtest

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
)

// GoldenPath is testdata/golden/NAME at the repository root.
func GoldenPath(name string) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "testdata", "golden", name)
}

// Golden compares got with the golden file NAME; update rewrites it
// instead (go test ./reporters/... -update).
func Golden(t testing.TB, name string, got []byte, update bool) {
	t.Helper()
	path := GoldenPath(name)
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (rerun with -update if the change is intended):\n%s", path, diffLine(want, got))
	}
}

func diffLine(want, got []byte) string {
	wl, gl := bytes.Split(want, []byte("\n")), bytes.Split(got, []byte("\n"))
	for i := range min(len(wl), len(gl)) {
		if !bytes.Equal(wl[i], gl[i]) {
			return "first difference at line " + itoa(i+1) + ":\n want: " + string(wl[i]) + "\n  got: " + string(gl[i])
		}
	}
	return "lengths differ: want " + itoa(len(wl)) + " lines, got " + itoa(len(gl))
}

func itoa(n int) string { return strconv.Itoa(n) }
