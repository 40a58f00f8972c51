package state

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// Store holds whole objects under slash-separated keys.
type Store interface {
	// Put writes data at key, replacing what was there. It returns once the
	// object is durable.
	Put(ctx context.Context, key string, data []byte) error
	// Create writes data at key only if nothing is there; ErrExists
	// otherwise. Two concurrent Creates of one key: exactly one succeeds.
	Create(ctx context.Context, key string, data []byte) error
	// Swap replaces the object at key with data only if it still holds
	// exactly old; ErrChanged otherwise (also when it is gone). It is the
	// compare-and-swap the lock's takeover and renewal rely on.
	Swap(ctx context.Context, key string, old, data []byte) error
	// Get reads the object at key; ErrNotFound when there is none.
	Get(ctx context.Context, key string) ([]byte, error)
	// List returns the keys that start with prefix, in lexical order.
	List(ctx context.Context, prefix string) ([]string, error)
	// Delete removes key; deleting a missing key is not an error.
	Delete(ctx context.Context, key string) error
	// DeleteIf removes key only if it still holds exactly old; ErrChanged
	// otherwise. A missing key is not an error.
	DeleteIf(ctx context.Context, key string, old []byte) error
	// Location names key for people: a file path or an s3:// URL.
	Location(key string) string
	// String is the store's URL, as given to Open.
	String() string
}

// Errors the stores answer with (wrapped: test with errors.Is).
var (
	ErrNotFound = errors.New("no such object")
	ErrExists   = errors.New("object already exists")
	ErrChanged  = errors.New("object changed since it was read")
)

// CheckKey refuses keys that could escape the store or collide with its
// own temporary files: empty, absolute, with empty, "." or ".."
// components, or with a component starting with a dot.
func CheckKey(key string) error {
	if key == "" {
		return fmt.Errorf("empty state key")
	}
	for _, part := range strings.Split(key, "/") {
		if part == "" || strings.HasPrefix(part, ".") {
			return fmt.Errorf("state key %q: every part must be non-empty and not start with a dot", key)
		}
		if strings.ContainsAny(part, "\\\x00") {
			return fmt.Errorf("state key %q contains a backslash or NUL", key)
		}
	}
	return nil
}
