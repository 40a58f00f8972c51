package engine

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Seqs is a set of canary sequence numbers kept as sorted, disjoint,
// non-adjacent ranges: the read-back of a day of writes with a gap or two
// is a few ranges, not millions of numbers. Its text form ("1-57,60,62-120",
// empty for none) is how run records write it.
type Seqs []SeqRange

// SeqRange is the sequence numbers First to Last, both included.
type SeqRange struct{ First, Last int64 }

// maxParsedSeqs bounds the numbers a parsed set may hold, so that a corrupt
// record cannot pass for data; it is far above any canary run (a write every
// 10 ms for a day is 8.6 million).
const maxParsedSeqs = 1 << 24

// SeqsOf returns the set of seqs, given in any order, duplicates allowed.
func SeqsOf(seqs []int64) Seqs {
	s := slices.Clone(seqs)
	slices.Sort(s)
	s = slices.Compact(s)
	var out Seqs
	for _, v := range s {
		if n := len(out); n > 0 && out[n-1].Last+1 == v {
			out[n-1].Last = v
			continue
		}
		out = append(out, SeqRange{First: v, Last: v})
	}
	return out
}

// Contains reports whether seq is in the set.
func (s Seqs) Contains(seq int64) bool {
	i := sort.Search(len(s), func(i int) bool { return s[i].Last >= seq })
	return i < len(s) && s[i].First <= seq
}

// Len is how many sequence numbers the set holds.
func (s Seqs) Len() int {
	n := 0
	for _, r := range s {
		n += int(r.Last - r.First + 1)
	}
	return n
}

// String is the text form: ranges joined by commas, a single number for a
// range of one.
func (s Seqs) String() string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(r.First, 10))
		if r.Last > r.First {
			b.WriteByte('-')
			b.WriteString(strconv.FormatInt(r.Last, 10))
		}
	}
	return b.String()
}

// ParseSeqs reads the text form back. Ranges may come in any order and
// overlap; the result is normalised.
func ParseSeqs(text string) (Seqs, error) {
	if strings.TrimSpace(text) == "" {
		return nil, nil
	}
	var ranges []SeqRange
	total := int64(0)
	for _, part := range strings.Split(text, ",") {
		lo, hi, isRange := strings.Cut(strings.TrimSpace(part), "-")
		a, err := strconv.ParseInt(lo, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("sequence list %q: %q is not a number", text, lo)
		}
		b := a
		if isRange {
			if b, err = strconv.ParseInt(hi, 10, 64); err != nil || b < a {
				return nil, fmt.Errorf("sequence list %q: %q is not a range", text, part)
			}
		}
		if total += b - a + 1; b-a >= maxParsedSeqs || total > maxParsedSeqs {
			return nil, fmt.Errorf("sequence list %q: more than %d numbers", text, maxParsedSeqs)
		}
		ranges = append(ranges, SeqRange{First: a, Last: b})
	}
	return normalise(ranges), nil
}

// normalise sorts ranges and merges those that overlap or touch.
func normalise(ranges []SeqRange) Seqs {
	slices.SortFunc(ranges, func(x, y SeqRange) int { return cmp.Compare(x.First, y.First) })
	var out Seqs
	for _, r := range ranges {
		if n := len(out); n > 0 && r.First <= out[n-1].Last+1 {
			out[n-1].Last = max(out[n-1].Last, r.Last)
			continue
		}
		out = append(out, r)
	}
	return out
}

// MarshalText writes the text form, so that a set is a string in JSON.
func (s Seqs) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads the text form.
func (s *Seqs) UnmarshalText(b []byte) error {
	v, err := ParseSeqs(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}
