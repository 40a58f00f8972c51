//go:build browser

package html_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// chromiumPath is where Debian's chromium package installs the browser
// (apt-get install -y chromium).
const chromiumPath = "/usr/bin/chromium"

// TestScreenshotShowsTheTimeline opens the report in headless Chromium, with
// the network features that would reach out switched off, and checks that
// the screenshot shows the timeline's bands in their colours.
func TestScreenshotShowsTheTimeline(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("%s is missing (apt-get install -y chromium): %v", chromiumPath, err)
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	if err := os.WriteFile(page, render(t), 0o644); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(dir, "shot.png")
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromiumPath, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--screenshot="+shot, "--window-size=1400,1000", "file://"+page)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, out)
	}
	b, err := os.ReadFile(shot)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the screenshot is not a PNG: %v", err)
	}
	if img.Bounds().Dx() != 1400 || img.Bounds().Dy() != 1000 {
		t.Errorf("screenshot is %v, want 1400x1000", img.Bounds())
	}
	// The overview timeline sits in the lower part of the first screen, to
	// the right of the lane labels; the header and tables above it have no
	// such colours.
	region := image.Rect(270, 680, 1400, 1000)
	want := map[string]color.RGBA{
		"probe passed":       {0x2e, 0x9e, 0x4f, 0xff},
		"probe failed":       {0xd9, 0x30, 0x25, 0xff},
		"fault in effect":    {0x7b, 0x61, 0xff, 0xff},
		"fault NOT reverted": {0x8b, 0x00, 0x00, 0xff},
		"alarm ALARM":        {0xf2, 0x99, 0x00, 0xff},
		"inconclusive":       {0x9a, 0xa0, 0xa6, 0xff},
		"canary write LOST":  {0xe5, 0x25, 0x92, 0xff},
	}
	for name, c := range want {
		n := count(img, region, c)
		t.Logf("%s: %d pixels", name, n)
		if n < 200 {
			t.Errorf("%s (#%02x%02x%02x): %d pixels in the timeline region, want a band", name, c.R, c.G, c.B, n)
		}
	}
	// Above the timeline (header, scenario table), none of the band colours.
	if n := count(img, image.Rect(0, 0, 1400, 250), want["probe passed"]); n > 0 {
		t.Errorf("%d probe-pass pixels in the page header: the region check above proves nothing", n)
	}
}

// count returns how many pixels of r have colour c (within a small
// tolerance for anti-aliasing).
func count(img image.Image, r image.Rectangle, c color.RGBA) int {
	n := 0
	r = r.Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			pr, pg, pb, _ := img.At(x, y).RGBA()
			if near(pr>>8, c.R) && near(pg>>8, c.G) && near(pb>>8, c.B) {
				n++
			}
		}
	}
	return n
}

func near(v uint32, c uint8) bool {
	d := int(v) - int(c)
	return d >= -3 && d <= 3
}
