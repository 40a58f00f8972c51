package config

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
)

// Limits on input, so that no file, however hostile, crashes, hangs or
// floods a command: each is far above what a hand-written game day needs.
const (
	// MaxFileSize is the most bytes a game-day file, a var file or a
	// file() argument may hold: 1 MiB, two hundred times the largest
	// example (experiments/sandbox-demo.hcl, under 5 KB). hcl's lexer and
	// parser cost about a hundred bytes of memory per token, so the worst
	// file of this size still loads in about a second and a few hundred
	// MB; a 50 MB file would take minutes and gigabytes.
	MaxFileSize = 1 << 20
	// MaxNesting is how deep source may nest (blocks, brackets, operators,
	// templates: see nestingCheck). A game day nests about eight levels
	// (gameday > scenario > fault > select > tags, plus an expression);
	// 64 leaves room for any real expression, and keeps hcl's recursive
	// parser and evaluator thousands of times below the depth at which the
	// goroutine stack overflows (about 100,000 levels), a crash Go cannot
	// recover from.
	MaxNesting = 64
	// MaxDiagnosticsPerFile is how many diagnostics of one file are
	// shown; the rest are counted in one closing diagnostic. Past fifty,
	// the file is usually not a game day at all (a binary, the wrong
	// file), and more lines would only bury the first, useful ones.
	MaxDiagnosticsPerFile = 50
)

// maxFileSizeText states MaxFileSize in diagnostics.
const maxFileSizeText = "1 MiB"

// CheckSource checks src, read from or named filename, against the limits
// before any parser sees it: its size, that it is UTF-8 text, and how deep
// it nests (for JSON when json is true). It returns one diagnostic at the
// first problem, or nil.
func CheckSource(filename string, src []byte, json bool) hcl.Diagnostics {
	if len(src) > MaxFileSize {
		return sourceDiag(filename, hcl.InitialPos, "File too large",
			fmt.Sprintf("%s holds more than %s, the most a game-day, var or file() file may hold; a game day this large is not one (check the file name), or should be split.", filename, maxFileSizeText))
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		return sourceDiag(filename, posAt(src, i), "Not a text file",
			fmt.Sprintf("%s holds a NUL byte, so it is a binary file, not HCL text; check the file name.", filename))
	}
	if !utf8.Valid(src) {
		// hcl's lexer can read a quote after a broken sequence as part of
		// a name, so no scan could tell strings from code the way it does.
		return sourceDiag(filename, posAt(src, invalidUTF8(src)), "Invalid UTF-8",
			fmt.Sprintf("%s is not UTF-8 text (a byte here starts no valid character); save it as UTF-8.", filename))
	}
	if json {
		if i, deep := jsonNesting(src, MaxNesting); deep {
			return sourceDiag(filename, posAt(src, i), "Nesting too deep", nestingDetail)
		}
		return nil
	}
	if rng, deep := hclNesting(src, filename, MaxNesting); deep {
		return hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Nesting too deep", Detail: nestingDetail, Subject: &rng}}
	}
	return nil
}

var nestingDetail = fmt.Sprintf("Blocks, brackets, operators and templates nest more than %d levels deep here; no game day needs so many, and the parser refuses deeper input rather than exhaust its stack. Simplify the expression or split it into locals.", MaxNesting)

// invalidUTF8 returns the offset of the first byte of src that starts no
// valid UTF-8 character.
func invalidUTF8(src []byte) int {
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(src)
}

// sourceDiag is an error about a whole source, pointing at pos.
func sourceDiag(filename string, pos hcl.Pos, summary, detail string) hcl.Diagnostics {
	end := pos
	return hcl.Diagnostics{{Severity: hcl.DiagError, Summary: summary, Detail: detail,
		Subject: &hcl.Range{Filename: filename, Start: pos, End: end}}}
}

// posAt returns the position of byte offset off in src (columns count
// characters, as hcl's do).
func posAt(src []byte, off int) hcl.Pos {
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	line := bytes.Count(src[:start], []byte("\n")) + 1
	return hcl.Pos{Line: line, Column: utf8.RuneCount(src[start:off]) + 1, Byte: off}
}

// sortDiagnostics orders diags by where they point, so that output (and
// the part capDiagnostics keeps) does not depend on map order inside hcl.
// Diagnostics of each file stay together, files in the order they first
// appear; those without a subject come first.
func sortDiagnostics(diags hcl.Diagnostics) {
	rank := map[string]int{}
	for _, d := range diags {
		if d.Subject != nil {
			if _, ok := rank[d.Subject.Filename]; !ok {
				rank[d.Subject.Filename] = len(rank)
			}
		}
	}
	key := func(d *hcl.Diagnostic) (int, int) {
		if d.Subject == nil {
			return -1, 0
		}
		return rank[d.Subject.Filename], d.Subject.Start.Byte
	}
	slices.SortStableFunc(diags, func(a, b *hcl.Diagnostic) int {
		fa, oa := key(a)
		fb, ob := key(b)
		return cmp.Or(cmp.Compare(fa, fb), cmp.Compare(oa, ob))
	})
}

// omitted is the Extra of the diagnostic that closes a capped list: how
// many errors and warnings it stands for, so that counts stay true.
type omitted struct{ errors, warnings int }

// capDiagnostics keeps the first MaxDiagnosticsPerFile diagnostics and
// replaces the rest with one that counts them, pointing at the first
// diagnostic left out.
func capDiagnostics(diags hcl.Diagnostics) hcl.Diagnostics {
	if len(diags) <= MaxDiagnosticsPerFile {
		return diags
	}
	rest := diags[MaxDiagnosticsPerFile:]
	var om omitted
	for _, d := range rest {
		if d.Severity == hcl.DiagError {
			om.errors++
		} else {
			om.warnings++
		}
	}
	sev := hcl.DiagWarning
	if om.errors > 0 {
		sev = hcl.DiagError
	}
	out := append(hcl.Diagnostics(nil), diags[:MaxDiagnosticsPerFile]...)
	return append(out, &hcl.Diagnostic{
		Severity: sev,
		Summary:  "Too many problems",
		Detail:   fmt.Sprintf("Only the first %d problems of this file are shown; left out: %s. Fix these first, or check that this is a game-day file at all.", MaxDiagnosticsPerFile, countText(om)),
		Subject:  rest[0].Subject,
		Extra:    om,
	})
}

func countText(om omitted) string {
	switch {
	case om.warnings == 0:
		return plural(om.errors, "error")
	case om.errors == 0:
		return plural(om.warnings, "warning")
	}
	return plural(om.errors, "error") + ", " + plural(om.warnings, "warning")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
