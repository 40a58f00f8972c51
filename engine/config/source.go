package config

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/hashicorp/hcl/v2"
)

// errTooLarge is returned by readRegular for a file above MaxFileSize.
var errTooLarge = fmt.Errorf("it holds more than %s, the most a game-day, var or file() file may hold", maxFileSizeText)

// notRegularError is returned by readRegular for anything but a regular
// file: reading a FIFO blocks until a writer comes, and a device such as
// /dev/zero never ends.
type notRegularError struct{ mode fs.FileMode }

func (e notRegularError) Error() string {
	switch {
	case e.mode.IsDir():
		return "it is a directory, not a file"
	case e.mode&fs.ModeNamedPipe != 0:
		return "it is a named pipe (FIFO), not a regular file"
	case e.mode&fs.ModeSocket != 0:
		return "it is a socket, not a regular file"
	case e.mode&fs.ModeDevice != 0:
		return "it is a device, not a regular file"
	}
	return "it is not a regular file"
}

// readRegular reads path, following symbolic links, when it is a regular
// file of at most MaxFileSize bytes. It never blocks on a FIFO swapped in
// after the check (the file is opened non-blocking and checked again), and
// never reads more than MaxFileSize+1 bytes.
func readRegular(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, notRegularError{st.Mode()}
	}
	f, err := openNonBlocking(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err = f.Stat(); err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, notRegularError{st.Mode()}
	}
	b, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxFileSize {
		return nil, errTooLarge
	}
	return b, nil
}

// reason is err without the path os errors repeat.
func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// ReadSource reads a file to parse (what names it in the diagnostic: "game-day
// file", "var file"): only a regular file, at most MaxFileSize bytes. A
// file that cannot be read gives one diagnostic naming the reason.
func ReadSource(path, what string) ([]byte, hcl.Diagnostics) {
	b, err := readRegular(path)
	if err == nil {
		return b, nil
	}
	summary := "Cannot read file"
	switch {
	case errors.Is(err, errTooLarge):
		summary = "File too large"
	case errors.As(err, new(notRegularError)):
		summary = "Not a regular file"
	}
	return nil, sourceDiag(path, hcl.InitialPos, summary, fmt.Sprintf("The %s %s could not be read: %s.", what, path, reason(err)))
}
