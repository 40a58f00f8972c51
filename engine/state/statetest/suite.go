package statetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"

	"github.com/gameday-dev/gameday/engine/state"
)

// StoreSuite checks the behaviour every state.Store promises; newStore
// returns an empty store. The unit tests run it over the directory store
// and the S3 store on the in-memory S3; the conformance tests over S3 on an
// emulator.
func StoreSuite(t *testing.T, newStore func(t *testing.T) state.Store) {
	ctx := context.Background()
	t.Run("PutGetReplace", func(t *testing.T) {
		st := newStore(t)
		if _, err := st.Get(ctx, "a/b.json"); !errors.Is(err, state.ErrNotFound) {
			t.Fatalf("Get of a missing key: %v, want ErrNotFound", err)
		}
		for _, v := range []string{"one", "two"} {
			if err := st.Put(ctx, "a/b.json", []byte(v)); err != nil {
				t.Fatal(err)
			}
			got, err := st.Get(ctx, "a/b.json")
			if err != nil || string(got) != v {
				t.Fatalf("Get after Put(%q) = %q, %v", v, got, err)
			}
		}
	})
	t.Run("CreateOnlyOnce", func(t *testing.T) {
		st := newStore(t)
		if err := st.Create(ctx, "locks/x.json", []byte("first")); err != nil {
			t.Fatal(err)
		}
		if err := st.Create(ctx, "locks/x.json", []byte("second")); !errors.Is(err, state.ErrExists) {
			t.Fatalf("second Create: %v, want ErrExists", err)
		}
		if got, _ := st.Get(ctx, "locks/x.json"); string(got) != "first" {
			t.Fatalf("the second Create overwrote the first: %q", got)
		}
	})
	t.Run("ConcurrentCreateHasOneWinner", func(t *testing.T) {
		st := newStore(t)
		const n = 8
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = st.Create(ctx, "k/one", []byte(fmt.Sprint(i)))
			}()
		}
		wg.Wait()
		won := 0
		for _, err := range errs {
			switch {
			case err == nil:
				won++
			case !errors.Is(err, state.ErrExists):
				t.Errorf("Create: %v", err)
			}
		}
		if won != 1 {
			t.Fatalf("%d concurrent Creates succeeded, want exactly 1", won)
		}
	})
	t.Run("SwapComparesContent", func(t *testing.T) {
		st := newStore(t)
		if err := st.Swap(ctx, "s", []byte("x"), []byte("y")); !errors.Is(err, state.ErrChanged) {
			t.Fatalf("Swap of a missing key: %v, want ErrChanged", err)
		}
		if err := st.Put(ctx, "s", []byte("v1")); err != nil {
			t.Fatal(err)
		}
		if err := st.Swap(ctx, "s", []byte("stale"), []byte("v2")); !errors.Is(err, state.ErrChanged) {
			t.Fatalf("Swap with stale content: %v, want ErrChanged", err)
		}
		if err := st.Swap(ctx, "s", []byte("v1"), []byte("v2")); err != nil {
			t.Fatal(err)
		}
		if got, _ := st.Get(ctx, "s"); string(got) != "v2" {
			t.Fatalf("after Swap: %q, want v2", got)
		}
	})
	t.Run("ConcurrentSwapHasOneWinner", func(t *testing.T) {
		st := newStore(t)
		if err := st.Put(ctx, "lease", []byte("expired")); err != nil {
			t.Fatal(err)
		}
		const n = 6
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = st.Swap(ctx, "lease", []byte("expired"), []byte(fmt.Sprint("taker-", i)))
			}()
		}
		wg.Wait()
		won := 0
		for _, err := range errs {
			if err == nil {
				won++
			} else if !errors.Is(err, state.ErrChanged) {
				t.Errorf("Swap: %v", err)
			}
		}
		if won != 1 {
			t.Fatalf("%d concurrent Swaps of the same old content succeeded, want exactly 1", won)
		}
	})
	t.Run("DeleteIf", func(t *testing.T) {
		st := newStore(t)
		if err := st.DeleteIf(ctx, "d", []byte("x")); err != nil {
			t.Fatalf("DeleteIf of a missing key: %v", err)
		}
		if err := st.Put(ctx, "d", []byte("mine")); err != nil {
			t.Fatal(err)
		}
		if err := st.DeleteIf(ctx, "d", []byte("theirs")); !errors.Is(err, state.ErrChanged) {
			t.Fatalf("DeleteIf of changed content: %v, want ErrChanged", err)
		}
		if err := st.DeleteIf(ctx, "d", []byte("mine")); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Get(ctx, "d"); !errors.Is(err, state.ErrNotFound) {
			t.Fatalf("after DeleteIf: %v, want ErrNotFound", err)
		}
		if err := st.Delete(ctx, "d"); err != nil {
			t.Fatalf("Delete of a missing key: %v", err)
		}
	})
	t.Run("ListByPrefixInOrder", func(t *testing.T) {
		st := newStore(t)
		if keys, err := st.List(ctx, ""); err != nil || len(keys) != 0 {
			t.Fatalf("List of an empty store: %v %v", keys, err)
		}
		want := []string{"runs/r1/journal/0000000001.json", "runs/r1/journal/0000000002.json",
			"runs/r1/journal/0000000010.json", "runs/r1/record.json", "runs/r2/journal/0000000001.json"}
		for _, k := range append([]string{"locks/gd.json"}, want...) {
			if err := st.Put(ctx, k, []byte("{}")); err != nil {
				t.Fatal(err)
			}
		}
		got, err := st.List(ctx, "runs/")
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("List(runs/) = %v, %v\nwant %v", got, err, want)
		}
		got, _ = st.List(ctx, "runs/r1/journal/")
		if !reflect.DeepEqual(got, want[:3]) {
			t.Fatalf("List(runs/r1/journal/) = %v", got)
		}
	})
	t.Run("RejectsBadKeys", func(t *testing.T) {
		st := newStore(t)
		for _, k := range []string{"", "/abs", "a//b", "../x", "a/../b", ".hidden", "a/.b"} {
			if err := st.Put(ctx, k, []byte("x")); err == nil {
				t.Errorf("Put accepted key %q", k)
			}
		}
	})
	t.Run("BinaryContentIsKept", func(t *testing.T) {
		st := newStore(t)
		data := []byte{0, 1, 2, '\n', 0xff}
		if err := st.Put(ctx, "bin", data); err != nil {
			t.Fatal(err)
		}
		if got, _ := st.Get(ctx, "bin"); !bytes.Equal(got, data) {
			t.Fatalf("got %v, want %v", got, data)
		}
	})
}
