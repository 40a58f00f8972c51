package recordtest

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/gameday-dev/gameday/reporters/record"
)

// MustRecord is the fixture record; it fails the test when it cannot be
// built.
func MustRecord(t testing.TB) *record.Record {
	t.Helper()
	rec, err := Record()
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// Render renders the fixture record with a reporter's Render function.
func Render(t testing.TB, render func(io.Writer, *record.Record) error) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := render(&b, MustRecord(t)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// NoSecret fails the test when out contains any planted secret.
func NoSecret(t testing.TB, out []byte) {
	t.Helper()
	for _, s := range PlantedSecrets() {
		if strings.Contains(string(out), s) {
			t.Errorf("the report contains the planted secret %q", s)
		}
	}
}
