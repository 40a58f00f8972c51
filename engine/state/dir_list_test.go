package state

import (
	"context"
	"strings"
	"testing"
)

// A prefix with a directory lists only under it, and means the same as
// before: keys that start with the prefix, whatever directory they are in.
func TestDirListWalksOnlyThePrefixDirectory(t *testing.T) {
	ctx := context.Background()
	d := NewDir(t.TempDir())
	for _, k := range []string{"history/a/1.json", "history/a/2.json", "history/ab/3.json", "history/b/4.json", "runs/x/record.json", "runs/x.jsonl", "top.json"} {
		if err := d.Put(ctx, k, []byte("{}")); err != nil {
			t.Fatal(err)
		}
	}
	for prefix, want := range map[string]string{
		"history/a/":  "history/a/1.json history/a/2.json",
		"history/a":   "history/a/1.json history/a/2.json history/ab/3.json",
		"history/":    "history/a/1.json history/a/2.json history/ab/3.json history/b/4.json",
		"runs/x":      "runs/x.jsonl runs/x/record.json",
		"":            "history/a/1.json history/a/2.json history/ab/3.json history/b/4.json runs/x.jsonl runs/x/record.json top.json",
		"history/zz/": "",
		"nothing/":    "",
	} {
		got, err := d.List(ctx, prefix)
		if err != nil {
			t.Fatalf("%q: %v", prefix, err)
		}
		if strings.Join(got, " ") != want {
			t.Errorf("List(%q) = %v, want %s", prefix, got, want)
		}
	}
}
