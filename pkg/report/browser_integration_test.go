//go:build integration

package report

import (
	"bytes"
	"context"
	"encoding/hex"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/icmpd/bp/pkg/internal/browsertest"
	"github.com/icmpd/bp/pkg/present"
	"github.com/icmpd/bp/pkg/workplan"
)

// runChromium runs headless Chromium with the flags that work as root in
// a container, a fresh profile, and extra args.
func runChromium(t *testing.T, bin string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir(), "--window-size=1280,2000", "--hide-scrollbars"}
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %v: %v\n%s", args, err, tail(stderr.String(), 2000))
	}
	return stdout.Bytes()
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// domText returns the text of the rendered DOM, and the classes of every
// element, counted.
func domText(doc *html.Node) (string, map[string]int) {
	var text strings.Builder
	classes := map[string]int{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			if n.Parent != nil && n.Parent.Data == "style" {
				return
			}
			text.WriteString(n.Data)
		case html.ElementNode:
			for _, a := range n.Attr {
				if a.Key == "class" {
					for _, c := range strings.Fields(a.Val) {
						classes[c]++
					}
				}
			}
			text.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return strings.Join(strings.Fields(text.String()), " "), classes
}

// stateColors are the colours of the state bars and labels: their
// tones' (present.Tone.Colour).
var stateColors = func() map[present.State]color.RGBA {
	out := map[present.State]color.RGBA{}
	for _, s := range present.States {
		var c [3]byte
		if _, err := hex.Decode(c[:], []byte(strings.TrimPrefix(s.Tone().Colour(), "#"))); err != nil {
			panic(err)
		}
		out[s] = color.RGBA{c[0], c[1], c[2], 255}
	}
	return out
}()

func near(a, b color.RGBA) bool {
	d := func(x, y uint8) int {
		if x > y {
			return int(x - y)
		}
		return int(y - x)
	}
	return d(a.R, b.R) <= 6 && d(a.G, b.G) <= 6 && d(a.B, b.B) <= 6
}

// TestHTMLInChromium renders the status pages in headless Chromium: the
// DOM must show every event and its state, and the screenshot must be a
// full page in the states' colours. Screenshots are kept as artifacts.
func TestHTMLInChromium(t *testing.T) {
	bin := browsertest.Chromium(t)
	// the 2026 plan as first published, not the live plan maintainers edit
	const published = "../../testdata/plans/2026-published.yaml"
	data, err := os.ReadFile(published)
	if err != nil {
		t.Fatal(err)
	}
	plan2026, diags := workplan.Check(published, data, workplan.DefaultLimits, workplan.Options{})
	if workplan.HasErrors(diags) {
		t.Fatalf("%s: %v", published, diags)
	}
	cases := []struct {
		name string
		plan *workplan.Plan
		asOf time.Time
	}{
		{"status-2026-as-of-2026-11-27", plan2026, d("2026-11-27")},
		{"status-fixture-as-of-2026-06-17", loadFixture(t), d("2026-06-17")},
	}
	out := browsertest.ArtifactDir(t, "status")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := Status(c.plan, c.asOf)
			var page bytes.Buffer
			if err := present.WriteHTML(&page, r.Doc()); err != nil {
				t.Fatal(err)
			}
			htmlPath := filepath.Join(out, c.name+".html")
			if err := os.WriteFile(htmlPath, page.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			url := "file://" + filepath.ToSlash(htmlPath)

			// 1. what the browser built: every event, its state label, the legend
			doc, err := html.Parse(bytes.NewReader(runChromium(t, bin, "--dump-dom", url)))
			if err != nil {
				t.Fatalf("parse the DOM chromium dumped: %v", err)
			}
			text, classes := domText(doc)
			for _, es := range r.Events {
				title := strings.Join(strings.Fields(es.Event.Title), " ")
				if n := strings.Count(text, title+" "+es.Event.DateText()); n < 1 {
					t.Errorf("the rendered page does not show %q with its date", title)
				}
			}
			if got := classes["bar"]; got != len(r.Events) {
				t.Errorf("%d timeline bars, want one per event (%d)", got, len(r.Events))
			}
			for _, s := range present.States {
				// a label per event in the timeline and in the table, plus
				// the meetings that need attention, the next ones, the
				// product rows, and the state's row in the table of states
				want := 2*r.Counts[s] + 1
				for _, a := range r.Attention() {
					if a.Meeting != nil && a.Meeting.State == s {
						want++
					}
				}
				for _, es := range r.Next {
					if es.State == s {
						want++
					}
				}
				for _, ps := range r.Products {
					for _, es := range ps.Events {
						if es.State == s {
							want++
						}
					}
				}
				pills := countPills(doc, s)
				if pills != want {
					t.Errorf("%s: %d labels in the page, want %d", s.Label(), pills, want)
				}
				if !strings.Contains(text, s.Label()) {
					t.Errorf("legend or cards do not name %s", s.Label())
				}
			}
			if !strings.Contains(text, "Status as of "+workplan.DayText(c.asOf)) {
				t.Errorf("the page does not say its date")
			}

			// 2. what a person sees
			shot := filepath.Join(out, c.name+".png")
			runChromium(t, bin, "--screenshot="+shot, url)
			f, err := os.Open(shot)
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(f)
			f.Close()
			if err != nil {
				t.Fatalf("screenshot: %v", err)
			}
			if b := img.Bounds(); b.Dx() != 1280 || b.Dy() != 2000 {
				t.Errorf("screenshot is %dx%d, want 1280x2000", b.Dx(), b.Dy())
			}
			seen, ink := colours(img)
			if ink < 0.03 {
				t.Errorf("screenshot is nearly blank: %.1f%% of pixels are not white", ink*100)
			}
			for _, s := range present.States {
				// The legend alone gives each colour about 300 pixels; an
				// event's bar and labels give thousands.
				if r.Counts[s] > 0 && seen[s] < 1000 {
					t.Errorf("%s: %d events, but only %d pixels of its colour in the screenshot", s.Label(), r.Counts[s], seen[s])
				}
			}
			t.Logf("screenshot: %s (%.0f%% ink; state pixels %v)", shot, ink*100, pixelSummary(seen))

			// 3. on paper
			pdf := filepath.Join(out, c.name+".pdf")
			runChromium(t, bin, "--no-pdf-header-footer", "--print-to-pdf="+pdf, url)
			b, err := os.ReadFile(pdf)
			if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) || len(b) < 10000 {
				t.Errorf("print to PDF: %d bytes, err %v", len(b), err)
			} else {
				t.Logf("printed: %s (%d bytes)", pdf, len(b))
			}
		})
	}
}

// countPills counts the state labels of state s in the page.
func countPills(doc *html.Node, s present.State) int {
	n := 0
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		if x.Type == html.ElementNode && x.Data == "span" {
			for _, a := range x.Attr {
				if a.Key == "class" && a.Val == "pill t-"+s.String() {
					if x.FirstChild != nil && x.FirstChild.Data == s.Label() {
						n++
					}
				}
			}
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return n
}

// colours counts the pixels of each state's colour, and the share of
// pixels that are not white.
func colours(img image.Image) (map[present.State]int, float64) {
	seen := map[present.State]int{}
	b := img.Bounds()
	ink := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			if c.R < 245 || c.G < 245 || c.B < 245 {
				ink++
			}
			for s, sc := range stateColors {
				if near(c, sc) {
					seen[s]++
				}
			}
		}
	}
	return seen, float64(ink) / float64(b.Dx()*b.Dy())
}

func pixelSummary(seen map[present.State]int) string {
	var parts []string
	for _, s := range present.States {
		if seen[s] > 0 {
			parts = append(parts, s.Short()+"="+strconv.Itoa(seen[s]))
		}
	}
	return strings.Join(parts, " ")
}
