package config

// Secret is a string that must not appear in output: it prints and
// marshals as "(sensitive)". Call Reveal where the value is really needed.
type Secret string

// Redacted is what a Secret prints as.
const Redacted = "(sensitive)"

// String implements fmt.Stringer without revealing the value.
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return Redacted
}

// GoString keeps %#v from revealing the value.
func (s Secret) GoString() string { return s.String() }

// MarshalText keeps encoders (JSON, YAML) from revealing the value.
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Reveal returns the value itself.
func (s Secret) Reveal() string { return string(s) }
