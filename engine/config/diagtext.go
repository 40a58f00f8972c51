package config

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	wordwrap "github.com/mitchellh/go-wordwrap"
)

// textWriter prints diagnostics in the layout of hcl's text writer, which
// scans a file from its first byte for every diagnostic: a file with
// thousands of problems took minutes. textWriter indexes each file's line
// starts once, so its cost is linear in the diagnostics printed.
type textWriter struct {
	w     *bufio.Writer
	files map[string]*hcl.File
	width uint
	// color highlights with VT100 sequences; otherwise a line of carets
	// under each source line marks the subject, which a log can show.
	color bool
	lines map[string][]int
}

// VT100 sequences of the colour mode, as hcl's writer uses them.
const (
	escRed       = "\x1b[31m"
	escYellow    = "\x1b[33m"
	escHighlight = "\x1b[1;4m"
	escReset     = "\x1b[0m"
)

func writeText(w io.Writer, files map[string]*hcl.File, diags hcl.Diagnostics, width uint, color bool) error {
	tw := &textWriter{w: bufio.NewWriter(w), files: files, width: width, color: color, lines: map[string][]int{}}
	for _, d := range diags {
		tw.diagnostic(d)
	}
	if err := tw.w.Flush(); err != nil {
		return fmt.Errorf("writing diagnostics: %w", err)
	}
	return nil
}

func (tw *textWriter) diagnostic(d *hcl.Diagnostic) {
	severity, code := "Error", escRed
	if d.Severity == hcl.DiagWarning {
		severity, code = "Warning", escYellow
	}
	if tw.color {
		fmt.Fprintf(tw.w, "%s%s%s: %s\n\n", code, severity, escReset, d.Summary)
	} else {
		fmt.Fprintf(tw.w, "%s: %s\n\n", severity, d.Summary)
	}
	if d.Subject != nil {
		tw.snippet(d)
		writeExpressionValues(tw.w, d)
	}
	if d.Detail != "" {
		detail := d.Detail
		if tw.width != 0 {
			detail = wordwrap.WrapString(detail, tw.width)
		}
		fmt.Fprintf(tw.w, "%s\n\n", detail)
	}
}

// snippet prints "on FILE line N, in CONTEXT:" and the source lines of the
// subject and its context, the subject highlighted.
func (tw *textWriter) snippet(d *hcl.Diagnostic) {
	subj := *d.Subject
	file := tw.files[subj.Filename]
	if file == nil || file.Bytes == nil {
		// A problem outside any file read (a --var option, the
		// environment) or in a file that could not be read.
		fmt.Fprintf(tw.w, "  on %s line %d:\n\n", subj.Filename, subj.Start.Line)
		return
	}
	src := file.Bytes
	in := ""
	if nav, ok := file.Nav.(interface{ ContextString(int) string }); ok {
		if c := nav.ContextString(subj.Start.Byte); c != "" {
			in = ", in " + c
		}
	}
	fmt.Fprintf(tw.w, "  on %s line %d%s:\n", subj.Filename, subj.Start.Line, in)
	snip := subj
	if d.Context != nil {
		snip = hcl.RangeOver(snip, *d.Context)
	}
	hlStart, hlEnd := subj.Start.Byte, subj.End.Byte
	if hlEnd <= hlStart {
		hlEnd = hlStart + 1 // an empty range is shown as one character
	}
	starts := tw.lineStarts(subj.Filename, src)
	first := lineIndex(starts, snip.Start.Byte)
	last := lineIndex(starts, max(snip.Start.Byte, snip.End.Byte-1))
	for i := first; i <= last; i++ {
		ls, le := lineBounds(starts, i, src)
		tw.sourceLine(i+1, src[ls:le], clamp(hlStart, ls, le)-ls, clamp(hlEnd, ls, le)-ls)
	}
	tw.w.WriteByte('\n')
}

// maxSnippetLine is the most bytes of one source line a snippet shows:
// a minified or generated file can hold a whole megabyte on one line.
const maxSnippetLine = 200

// sourceLine prints one numbered line with line[hs:he] highlighted. A long
// line is cut to a window around the highlight, and control characters
// are shown as '?' so a hostile file cannot drive the terminal.
func (tw *textWriter) sourceLine(n int, line []byte, hs, he int) {
	prefix := fmt.Sprintf("%4d: ", n)
	lead, tail := "", ""
	if len(line) > maxSnippetLine {
		from := runeStart(line, max(hs-maxSnippetLine/4, 0))
		to := runeStart(line, min(from+maxSnippetLine, len(line)))
		if from > 0 {
			lead = "…"
		}
		if to < len(line) {
			tail = "…"
		}
		line = line[from:to]
		hs, he = clamp(hs-from, 0, len(line)), clamp(he-from, 0, len(line))
	}
	text := printable(line)
	if hs >= he {
		fmt.Fprintf(tw.w, "%s%s%s%s\n", prefix, lead, text, tail)
		return
	}
	if tw.color {
		fmt.Fprintf(tw.w, "%s%s%s%s%s%s%s%s\n", prefix, lead, text[:hs], escHighlight, text[hs:he], escReset, text[he:], tail)
		return
	}
	fmt.Fprintf(tw.w, "%s%s%s%s\n", prefix, lead, text, tail)
	// Tabs stay tabs under the line so the carets line up with it.
	var carets strings.Builder
	carets.WriteString(strings.Repeat(" ", len(prefix)+utf8.RuneCountInString(lead)))
	for i, r := range text[:he] {
		switch {
		case i >= hs:
			carets.WriteByte('^')
		case r == '\t':
			carets.WriteByte('\t')
		default:
			carets.WriteByte(' ')
		}
	}
	tw.w.WriteString(carets.String())
	tw.w.WriteByte('\n')
}

// runeStart moves i back to the start of the character it falls in.
func runeStart(b []byte, i int) int {
	for i > 0 && i < len(b) && !utf8.RuneStart(b[i]) {
		i--
	}
	return i
}

// printable returns line with control characters but tabs replaced by '?',
// byte for byte, so offsets into it stay valid.
func printable(line []byte) string {
	out := []byte(nil)
	for i, c := range line {
		if c < 0x20 && c != '\t' || c == 0x7f {
			if out == nil {
				out = append([]byte(nil), line...)
			}
			out[i] = '?'
		}
	}
	if out == nil {
		return string(line)
	}
	return string(out)
}

// lineStarts returns the byte offsets at which the lines of src start,
// computed once per file.
func (tw *textWriter) lineStarts(name string, src []byte) []int {
	if s, ok := tw.lines[name]; ok {
		return s
	}
	s := []int{0}
	for i := bytes.IndexByte(src, '\n'); i >= 0; {
		s = append(s, s[len(s)-1]+i+1)
		i = bytes.IndexByte(src[s[len(s)-1]:], '\n')
	}
	tw.lines[name] = s
	return s
}

// lineIndex returns the 0-based line holding byte offset off.
func lineIndex(starts []int, off int) int {
	return max(sort.SearchInts(starts, off+1)-1, 0)
}

// lineBounds returns line i of src without its line ending.
func lineBounds(starts []int, i int, src []byte) (int, int) {
	ls := min(starts[i], len(src))
	le := len(src)
	if i+1 < len(starts) {
		le = starts[i+1] - 1
	}
	if le > ls && src[le-1] == '\r' {
		le--
	}
	return ls, le
}

func clamp(v, lo, hi int) int { return min(max(v, lo), hi) }
