package state_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/gameday-dev/gameday/awsapi"
	"github.com/gameday-dev/gameday/engine/state"
	"github.com/gameday-dev/gameday/engine/state/statetest"
)

func TestDirStore(t *testing.T) {
	statetest.StoreSuite(t, func(t *testing.T) state.Store { return state.NewDir(filepath.Join(t.TempDir(), "state")) })
}

func TestS3Store(t *testing.T) {
	statetest.StoreSuite(t, func(t *testing.T) state.Store { return state.NewS3(statetest.NewS3(), "bucket", "team/gameday") })
}

func TestS3StoreWithoutPrefix(t *testing.T) {
	statetest.StoreSuite(t, func(t *testing.T) state.Store { return state.NewS3(statetest.NewS3(), "bucket", "") })
}

// The S3 store keeps its objects under the prefix, and other prefixes in
// the same bucket are not its keys.
func TestS3StorePrefix(t *testing.T) {
	ctx := context.Background()
	fake := statetest.NewS3()
	st := state.NewS3(fake, "b", "/p/q/")
	fake.SetObject("b", "p/other", []byte("not ours"))
	fake.SetObject("b", "elsewhere/x", []byte("not ours"))
	if err := st.Put(ctx, "runs/x", []byte("1")); err != nil {
		t.Fatal(err)
	}
	if _, ok := fake.Object("b", "p/q/runs/x"); !ok {
		t.Fatalf("object not under the prefix: %v", fake.Keys())
	}
	keys, err := st.List(ctx, "")
	if err != nil || len(keys) != 1 || keys[0] != "runs/x" {
		t.Fatalf("List = %v, %v", keys, err)
	}
	if got := st.Location("runs/x"); got != "s3://b/p/q/runs/x" {
		t.Errorf("Location = %s", got)
	}
	if got := st.String(); got != "s3://b/p/q" {
		t.Errorf("String = %s", got)
	}
}

func TestDirStoreModesAndTempFiles(t *testing.T) {
	ctx := context.Background()
	root := filepath.Join(t.TempDir(), "state")
	st := state.NewDir(root)
	if err := st.Put(ctx, "runs/r/record.json", []byte("{}")); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{root, filepath.Join(root, "runs"), filepath.Join(root, "runs", "r")} {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != state.DirMode {
			t.Errorf("%s: %v %v, want mode 700", p, fi.Mode(), err)
		}
	}
	if fi, err := os.Stat(filepath.Join(root, "runs", "r", "record.json")); err != nil || fi.Mode().Perm() != state.FileMode {
		t.Errorf("record mode: %v %v, want 600", fi.Mode(), err)
	}
	// Swap's guard file and nothing else is hidden; neither is listed.
	if err := st.Swap(ctx, "runs/r/record.json", []byte("{}"), []byte("[]")); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(filepath.Join(root, "runs", "r"))
	for _, e := range entries {
		if e.Name() != "record.json" && e.Name() != ".record.json.guard" {
			t.Errorf("left behind: %s", e.Name())
		}
	}
	keys, _ := st.List(ctx, "")
	if len(keys) != 1 {
		t.Errorf("List = %v, want only the record", keys)
	}
}

func TestParse(t *testing.T) {
	for raw, want := range map[string]state.Location{
		"/var/lib/gameday":               {Dir: "/var/lib/gameday"},
		"rel/dir":                        {Dir: "rel/dir"},
		"file:///tmp/x":                  {Dir: "/tmp/x"},
		"s3://bucket":                    {Bucket: "bucket"},
		"s3://bucket/team/gd/":           {Bucket: "bucket", Prefix: "team/gd"},
		"s3://bucket/p?region=eu-west-1": {Bucket: "bucket", Prefix: "p", Region: "eu-west-1"},
	} {
		got, err := state.Parse(raw)
		if err != nil || got != want {
			t.Errorf("Parse(%q) = %+v, %v; want %+v", raw, got, err, want)
		}
	}
	for _, bad := range []string{"", "s3://", "s3:///p", "gs://b/p", "file://", "s3://bkt/p?acl=x", "s3://bkt/../x"} {
		if _, err := state.Parse(bad); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
}

func TestOpen(t *testing.T) {
	ctx := context.Background()
	fake := statetest.NewS3()
	var gotBucket, gotRegion string
	st, err := state.Open(ctx, "s3://bkt/pre?region=eu-west-2", func(_ context.Context, b, r string) (awsapi.S3, error) {
		gotBucket, gotRegion = b, r
		return fake, nil
	})
	if err != nil || gotBucket != "bkt" || gotRegion != "eu-west-2" || st.String() != "s3://bkt/pre" {
		t.Fatalf("Open s3: %v %v %q %q", st, err, gotBucket, gotRegion)
	}
	dir := t.TempDir()
	st, err = state.Open(ctx, dir, nil)
	if d, ok := st.(*state.Dir); err != nil || !ok || d.Dir() != dir {
		t.Fatalf("Open dir: %v %v", st, err)
	}
	if _, err := state.Open(ctx, "s3://b/p", nil); err == nil {
		t.Error("Open of s3:// without an S3 opener succeeded")
	}
}
