package state

import (
	"fmt"
	"net/netip"
	"strings"
)

// CheckBucket refuses a name S3 would never accept for a general purpose
// bucket, so that a typo in --state fails before the run instead of at its
// first journal write: 3 to 63 characters, lowercase letters, digits, dots
// and hyphens, starting and ending with a letter or digit, no two dots in a
// row, not shaped like an IP address, not one of S3's reserved prefixes.
// Buckets named under the pre-2018 us-east-1 rules (capitals, underscores)
// are refused too: the SDK cannot address them in virtual-hosted style.
func CheckBucket(name string) error {
	if n := len(name); n < 3 || n > 63 {
		return fmt.Errorf("bucket name %q has %d characters; S3 bucket names have 3 to 63", name, n)
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-') {
			return fmt.Errorf("bucket name %q contains %q; S3 bucket names use only lowercase letters, digits, dots and hyphens", name, r)
		}
	}
	if !alnum(name[0]) || !alnum(name[len(name)-1]) {
		return fmt.Errorf("bucket name %q must start and end with a lowercase letter or a digit", name)
	}
	if strings.Contains(name, "..") {
		return fmt.Errorf("bucket name %q has two dots in a row", name)
	}
	if _, err := netip.ParseAddr(name); err == nil {
		return fmt.Errorf("bucket name %q is shaped like an IP address, which S3 does not allow", name)
	}
	for _, p := range []string{"xn--", "sthree-"} {
		if strings.HasPrefix(name, p) {
			return fmt.Errorf("bucket name %q starts with %q, a prefix S3 reserves", name, p)
		}
	}
	return nil
}

func alnum(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }
