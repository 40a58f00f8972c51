//go:build !unix

package config

import "os"

// openNonBlocking opens path for reading; systems without FIFOs in the file
// system need no flag.
func openNonBlocking(path string) (*os.File, error) { return os.Open(path) }
