package state

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// File and directory modes: run state holds resource ids and snapshots of a
// live account, so only its owner reads it.
const (
	DirMode  = 0o700
	FileMode = 0o600
)

// Dir is a Store in a local directory; key "a/b" is the file DIR/a/b.
type Dir struct {
	dir string
}

// NewDir returns the store rooted at dir (created on the first write).
func NewDir(dir string) *Dir { return &Dir{dir: dir} }

// Dir is the store's root directory.
func (d *Dir) Dir() string { return d.dir }

// String implements Store.
func (d *Dir) String() string { return d.dir }

// Location implements Store.
func (d *Dir) Location(key string) string { return filepath.Join(d.dir, filepath.FromSlash(key)) }

func (d *Dir) path(key string) (string, error) {
	if err := CheckKey(key); err != nil {
		return "", err
	}
	return d.Location(key), nil
}

// MkdirAll creates the directories of path below the root (and the root)
// owner-only, syncing each parent so that the new entries survive a crash.
func (d *Dir) MkdirAll(path string) error {
	if err := os.MkdirAll(path, DirMode); err != nil {
		return err
	}
	// MkdirAll leaves existing directories' modes alone; state must not be
	// readable by others whatever created the directory.
	for p := path; ; p = filepath.Dir(p) {
		if err := os.Chmod(p, DirMode); err != nil {
			return err
		}
		if err := SyncDir(filepath.Dir(p)); err != nil {
			return err
		}
		if rel, err := filepath.Rel(d.dir, p); err != nil || rel == "." || strings.HasPrefix(rel, "..") {
			return nil
		}
	}
}

// Put implements Store: a temporary file, fsynced, renamed over key.
func (d *Dir) Put(_ context.Context, key string, data []byte) error {
	path, err := d.path(key)
	if err != nil {
		return fmt.Errorf("not writing state: %w", err)
	}
	if err := d.MkdirAll(filepath.Dir(path)); err != nil {
		return fmt.Errorf("not writing %s: %w", path, err)
	}
	if err := d.replace(path, data); err != nil {
		return fmt.Errorf("not writing %s: %w", path, err)
	}
	return nil
}

// replace writes data to a temporary file next to path, syncs it and
// renames it over path: readers see the old or the new object, whole.
func (d *Dir) replace(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after the rename, a no-op
	if err := errors.Join(tmp.Chmod(FileMode), write(tmp, data)); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	return SyncDir(filepath.Dir(path))
}

// Create implements Store with O_EXCL.
func (d *Dir) Create(_ context.Context, key string, data []byte) error {
	path, err := d.path(key)
	if err != nil {
		return fmt.Errorf("not creating state: %w", err)
	}
	if err := d.MkdirAll(filepath.Dir(path)); err != nil {
		return fmt.Errorf("not creating %s: %w", path, err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, FileMode)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("not creating %s: %w", path, ErrExists)
	}
	if err != nil {
		return fmt.Errorf("not creating %s: %w", path, err)
	}
	// A crash between the create and the write leaves an empty or short
	// file: readers of Create'd objects (the lock) treat unparsable content
	// as stale.
	if err := write(f, data); err != nil {
		f.Close()
		return fmt.Errorf("creating %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("creating %s: %w", path, err)
	}
	if err := SyncDir(filepath.Dir(path)); err != nil {
		return fmt.Errorf("created %s but its directory could not be synced: %w", path, err)
	}
	return nil
}

// Swap implements Store under an exclusive flock of a guard file next to
// key, so that concurrent swaps of one key (two processes taking over the
// same expired lock) are serialised.
func (d *Dir) Swap(_ context.Context, key string, old, data []byte) error {
	path, err := d.path(key)
	if err != nil {
		return fmt.Errorf("not replacing state: %w", err)
	}
	if err := d.MkdirAll(filepath.Dir(path)); err != nil {
		return fmt.Errorf("not replacing %s: %w", path, err)
	}
	return withGuard(path, func() error {
		cur, err := os.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) || (err == nil && !bytes.Equal(cur, old)) {
			return fmt.Errorf("not replacing %s: %w", path, ErrChanged)
		}
		if err != nil {
			return fmt.Errorf("not replacing %s: %w", path, err)
		}
		if err := d.replace(path, data); err != nil {
			return fmt.Errorf("not replacing %s: %w", path, err)
		}
		return nil
	})
}

// DeleteIf implements Store under the same guard as Swap.
func (d *Dir) DeleteIf(_ context.Context, key string, old []byte) error {
	path, err := d.path(key)
	if err != nil {
		return fmt.Errorf("not deleting state: %w", err)
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil // nothing to delete, and no directory to put a guard in
	}
	return withGuard(path, func() error {
		cur, err := os.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("not deleting %s: %w", path, err)
		}
		if !bytes.Equal(cur, old) {
			return fmt.Errorf("not deleting %s: %w", path, ErrChanged)
		}
		return d.remove(path)
	})
}

// Get implements Store.
func (d *Dir) Get(_ context.Context, key string) ([]byte, error) {
	path, err := d.path(key)
	if err != nil {
		return nil, fmt.Errorf("not reading state: %w", err)
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("reading %s: %w", path, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	return b, nil
}

// Delete implements Store.
func (d *Dir) Delete(_ context.Context, key string) error {
	path, err := d.path(key)
	if err != nil {
		return fmt.Errorf("not deleting state: %w", err)
	}
	return d.remove(path)
}

func (d *Dir) remove(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("deleting %s: %w", path, err)
	}
	return SyncDir(filepath.Dir(path))
}

// List implements Store. Hidden files (temporary files, guards) are not
// keys and are skipped; a missing root is an empty store. Only the
// directory the prefix names is walked ("runs/ID/" walks DIR/runs/ID), so
// that listing one run or one game day's history does not read the whole
// store.
func (d *Dir) List(_ context.Context, prefix string) ([]string, error) {
	var keys []string
	root := d.dir
	if i := strings.LastIndex(prefix, "/"); i > 0 && CheckKey(prefix[:i]) == nil {
		root = filepath.Join(d.dir, filepath.FromSlash(prefix[:i]))
	}
	err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if p == root && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return err
		}
		if strings.HasPrefix(e.Name(), ".") && p != root {
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if e.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(d.dir, p)
		if err != nil {
			return err
		}
		if key := filepath.ToSlash(rel); strings.HasPrefix(key, prefix) {
			keys = append(keys, key)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("listing %s: %w", d.dir, err)
	}
	sort.Strings(keys)
	return keys, nil
}

func write(f *os.File, data []byte) error {
	if _, err := f.Write(data); err != nil {
		return err
	}
	return f.Sync()
}

// SyncDir makes a directory's new or removed entries durable.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
