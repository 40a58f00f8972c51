package apisim

import (
	"strconv"
)

// Page cuts a result list the way AWS does: token is the opaque NextToken the
// caller sent (empty for the first page), max the page size the caller asked
// for (0: def). It returns the [lo,hi) bounds and the next token ("" on the
// last page). A token the sandbox did not issue is an error, as in AWS.
func Page(total int, token string, max, def int) (lo, hi int, next string, err error) {
	if max <= 0 {
		max = def
	}
	if token != "" {
		n, perr := strconv.Atoi(token)
		if perr != nil || n < 0 || n > total {
			return 0, 0, "", Error("InvalidParameterValue", "The pagination token %q is invalid", token)
		}
		lo = n
	}
	hi = lo + max
	if hi >= total {
		return lo, total, "", nil
	}
	return lo, hi, strconv.Itoa(hi), nil
}
