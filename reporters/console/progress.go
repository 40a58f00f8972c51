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
	pr := &Progress{w: w, tty: tty, state: newLiveState(), done: make(chan struct{})}
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
	tl.Subscribe(func(e engine.Event) {
		if line := pr.state.apply(e); line != "" {
			pr.Logf("%s", line)
		}
		if pr.tty && e.Type == engine.EvPhase && e.Value == "hold" {
			if d, err := time.ParseDuration(e.Detail); err == nil && d > 0 {
				pr.countdown(e.Source, d)
			}
		}
	})
}

// Logf prints one line: above the live display on a terminal, with a
// timestamp otherwise.
func (pr *Progress) Logf(format string, args ...any) {
	line := fmt.Sprintf(format, args...)
	pr.mu.Lock()
	defer pr.mu.Unlock()
	if pr.closed {
		return
	}
	if pr.tty {
		fmt.Fprintf(pr.p, "%s %s\n", time.Now().Format("15:04:05"), line)
		return
	}
	fmt.Fprintf(pr.w, "%s %s\n", time.Now().UTC().Format("2006-01-02T15:04:05.000Z"), line)
}

// countdown shows a bar that empties over d.
func (pr *Progress) countdown(name string, d time.Duration) {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	if pr.closed {
		return
	}
	start := time.Now()
	total := d.Milliseconds()
	bar := pr.p.AddBar(total, mpb.BarWidth(barWidth),
		mpb.PrependDecorators(decor.Name("  "+name+" ", decor.WCSyncSpaceR)),
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
