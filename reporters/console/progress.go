package console

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"github.com/gameday-dev/gameday/engine"
	"github.com/gameday-dev/gameday/engine/config"
)

// Progress shows a running game day. On a terminal it keeps three live
// lines (phase, probes, stop conditions) and a countdown bar per held fault
// under the scrolling log; elsewhere it prints timestamped lines only, so
// CI logs stay readable.
type Progress struct {
	w     io.Writer
	tty   bool
	state *liveState

	mu     sync.Mutex
	p      *mpb.Progress
	status []*mpb.Bar
	bars   map[string]chan struct{} // held fault id -> ends its countdown bar
	closed bool
	done   chan struct{}
	wg     sync.WaitGroup
}

// defaultWidth is the live display's width when the terminal's is unknown.
const defaultWidth = 80

// barWidth is the width of a countdown bar.
const barWidth = 30

// NewProgress returns a progress display writing to w; tty selects the
// live display, width columns wide (0: 80). w is not the terminal itself
// but what the command's output passes through (its redactor), so the
// display can neither ask the terminal its size nor wait for it to say it
// is one: the width is given and the display refreshes by itself.
func NewProgress(w io.Writer, tty bool, width int) *Progress {
	pr := &Progress{w: w, tty: tty, state: newLiveState(), bars: map[string]chan struct{}{}, done: make(chan struct{})}
	if tty {
		if width <= 0 {
			width = defaultWidth
		}
		pr.p = mpb.New(mpb.WithOutput(w), mpb.WithAutoRefresh(), mpb.WithWidth(width), mpb.WithRefreshRate(200*time.Millisecond))
		for _, line := range []func(time.Time) string{
			pr.state.phaseLine,
			func(time.Time) string { return pr.state.probeLine() },
			func(time.Time) string { return pr.state.stopLine() },
		} {
			b := pr.p.New(0, mpb.NopStyle(), mpb.PrependDecorators(decor.Any(func(decor.Statistics) string { return line(time.Now()) })))
			pr.status = append(pr.status, b)
		}
	}
	return pr
}

// Attach follows the timeline of a run.
func (pr *Progress) Attach(tl *engine.Timeline, _ *config.GameDay) {
	tl.Subscribe(pr.show)
}

// show applies e and prints its lines under one lock: events arrive on the
// goroutines that add them (probes, each fault, the scenario), and a line
// printed outside the lock could overtake the one before it.
func (pr *Progress) show(e engine.Event) {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	for _, line := range pr.state.apply(e) {
		pr.logLocked(line)
	}
	if !pr.tty || pr.closed {
		return
	}
	if e.Type == engine.EvPhase && e.Value == "hold" {
		if d, err := time.ParseDuration(e.Detail); err == nil && d > 0 {
			pr.countdown(e.Source, d)
		}
	}
	// A hold ends early on a stop or at the scenario's revert: its bar
	// must not count on through the recovery.
	for id, end := range pr.bars {
		if !pr.state.held(id) {
			close(end)
			delete(pr.bars, id)
		}
	}
}

// Logf prints one line: above the live display on a terminal, with a
// timestamp otherwise.
func (pr *Progress) Logf(format string, args ...any) {
	line := fmt.Sprintf(format, args...)
	pr.mu.Lock()
	defer pr.mu.Unlock()
	pr.logLocked(line)
}

// logLocked prints line; pr.mu is held.
func (pr *Progress) logLocked(line string) {
	if pr.closed {
		return
	}
	if pr.tty {
		fmt.Fprintf(pr.p, "%s %s\n", time.Now().Format("15:04:05"), line)
		return
	}
	fmt.Fprintf(pr.w, "%s %s\n", time.Now().UTC().Format("2006-01-02T15:04:05.000Z"), line)
}

// countdown shows a bar that empties over d, until the hold of fault id
// ends; pr.mu is held.
func (pr *Progress) countdown(id string, d time.Duration) {
	if end, ok := pr.bars[id]; ok {
		close(end)
	}
	end := make(chan struct{})
	pr.bars[id] = end
	start := time.Now()
	total := d.Milliseconds()
	bar := pr.p.AddBar(total, mpb.BarWidth(barWidth),
		mpb.PrependDecorators(decor.Name("  "+id+" ", decor.WCSyncSpaceR)),
		mpb.AppendDecorators(decor.Any(func(s decor.Statistics) string {
			left := d - time.Since(start)
			if left < 0 || s.Completed {
				return "done"
			}
			return left.Truncate(time.Second).String() + " left"
		})),
		mpb.BarRemoveOnComplete(),
	)
	pr.wg.Add(1)
	go func() {
		defer pr.wg.Done()
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-pr.done:
				bar.Abort(true)
				return
			case <-end:
				bar.Abort(true)
				return
			case <-t.C:
				el := time.Since(start).Milliseconds()
				if el >= total {
					bar.SetCurrent(total)
					return
				}
				bar.SetCurrent(el)
			}
		}
	}()
}

// Close ends the live display; later Logf calls are dropped.
func (pr *Progress) Close() {
	pr.mu.Lock()
	if pr.closed {
		pr.mu.Unlock()
		return
	}
	pr.closed = true
	close(pr.done)
	pr.mu.Unlock()
	pr.wg.Wait()
	if pr.tty {
		for _, b := range pr.status {
			b.Abort(false)
		}
		pr.p.Wait()
	}
}
