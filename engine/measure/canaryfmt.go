package measure

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// How canary events are encoded on the timeline (the canary runner writes
// them, RPO reads them):
//
//   - EvCanaryWrite: Source = canary name, Value = seq (decimal), OK = the
//     store acknowledged it, At = when the write was issued, Detail =
//     AckDetail(latency) when acknowledged (ack time = At + latency), else
//     the error.
//   - EvCanaryVerify: Source = canary name, OK = the read-back succeeded,
//     Value = FormatSeqs(sequence numbers present), Detail = the error when
//     the read-back failed.

const ackPrefix = "ack_after="

// maxSeqRange bounds what ParseSeqs expands, so that a corrupt timeline
// cannot exhaust memory; it is far above any canary run (a write every 10 ms
// for a day is 8.6 million).
const maxSeqRange = 1 << 24

// AckDetail encodes a write's acknowledgement latency for the Detail of an
// EvCanaryWrite. Keeping a latency rather than a wall-clock ack time keeps
// the ack time on the monotonic clock of At.
func AckDetail(latency time.Duration) string { return ackPrefix + latency.String() }

// ParseAckDetail decodes AckDetail; ok is false for any other Detail.
func ParseAckDetail(detail string) (time.Duration, bool) {
	s, found := strings.CutPrefix(detail, ackPrefix)
	if !found {
		return 0, false
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, false
	}
	return d, true
}

// FormatSeqs encodes sequence numbers compactly as sorted ranges:
// "1-57,60,62-120" (empty for none). A run of a few thousand writes with a
// gap or two stays a short string.
func FormatSeqs(seqs []int64) string {
	s := slices.Clone(seqs)
	slices.Sort(s)
	s = slices.Compact(s)
	var b strings.Builder
	for i := 0; i < len(s); {
		j := i
		for j+1 < len(s) && s[j+1] == s[j]+1 {
			j++
		}
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(s[i], 10))
		if j > i {
			b.WriteByte('-')
			b.WriteString(strconv.FormatInt(s[j], 10))
		}
		i = j + 1
	}
	return b.String()
}

// ParseSeqs decodes FormatSeqs.
func ParseSeqs(v string) ([]int64, error) {
	if strings.TrimSpace(v) == "" {
		return nil, nil
	}
	var out []int64
	for _, part := range strings.Split(v, ",") {
		lo, hi, isRange := strings.Cut(strings.TrimSpace(part), "-")
		a, err := strconv.ParseInt(lo, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("sequence list %q: %q is not a number", v, lo)
		}
		b := a
		if isRange {
			if b, err = strconv.ParseInt(hi, 10, 64); err != nil || b < a {
				return nil, fmt.Errorf("sequence list %q: %q is not a range", v, part)
			}
		}
		if b-a >= maxSeqRange || len(out) >= maxSeqRange {
			return nil, fmt.Errorf("sequence list %q: more than %d numbers", v, maxSeqRange)
		}
		for x := a; x <= b; x++ {
			out = append(out, x)
		}
	}
	return out, nil
}
