package runner

import (
	"errors"
	"fmt"
)

// RefusedError means the run refused to start: bad input, a guard, a
// preflight check. Nothing was mutated.
type RefusedError struct {
	Reason string
	Err    error
}

func (e *RefusedError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("not starting the game day: %s: %v", e.Reason, e.Err)
	}
	return "not starting the game day: " + e.Reason
}

func (e *RefusedError) Unwrap() error { return e.Err }

func refuse(err error, format string, args ...any) error {
	return &RefusedError{Reason: fmt.Sprintf(format, args...), Err: err}
}

// IsRefused reports whether err is a refusal to start.
func IsRefused(err error) bool {
	var r *RefusedError
	return errors.As(err, &r)
}
