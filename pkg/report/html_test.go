package report

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/icmpd/bp/pkg/present"
)

// classesOf returns the class lists of the elements of doc that have
// class want, each without want itself, sorted.
func classesOf(doc *html.Node, want string) [][]string {
	var out [][]string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				if a.Key != "class" {
					continue
				}
				cs := strings.Fields(a.Val)
				if i := slices.Index(cs, want); i >= 0 {
					cs = slices.Delete(cs, i, i+1)
					slices.Sort(cs)
					out = append(out, cs)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// TestLegendMatchesBars: every look a timeline bar has (its state's colour,
// hatched when only the month is known, outlined when its day or place is
// TBC) has a legend swatch with exactly the same classes, so the two are
// drawn by the same CSS rules; and the legend shows no mark that no bar
// carries.
func TestLegendMatchesBars(t *testing.T) {
	for _, c := range []struct {
		name string
		r    *Report
	}{
		{"2026", Status(loadPublished(t), d("2026-11-27"))},
		{"fixture", Status(loadFixture(t), d("2026-06-17"))},
	} {
		t.Run(c.name, func(t *testing.T) {
			var page bytes.Buffer
			if err := present.WriteHTML(&page, c.r.Doc()); err != nil {
				t.Fatal(err)
			}
			doc, err := html.Parse(&page)
			if err != nil {
				t.Fatal(err)
			}
			swatches := classesOf(doc, "sw")
			has := func(cs []string) bool {
				return slices.ContainsFunc(swatches, func(s []string) bool { return slices.Equal(s, cs) })
			}
			marks := 0
			for _, bar := range classesOf(doc, "bar") {
				if !has(bar) {
					t.Errorf("a bar with classes %v has no legend swatch drawn alike (swatches: %v)", bar, swatches)
				}
				if slices.Contains(bar, "month-only") && slices.Contains(bar, "tbc") {
					t.Errorf("a bar is both hatched and outlined (%v): one mark per fact", bar)
				}
				if len(bar) > 1 {
					marks++
				}
			}
			for _, sw := range swatches {
				if len(sw) > 1 && !slices.ContainsFunc(classesOf(doc, "bar"), func(b []string) bool { return slices.Equal(b, sw) }) {
					t.Errorf("the legend shows %v, which no bar carries", sw)
				}
			}
			if marks == 0 {
				t.Errorf("no bar is hatched or outlined: the test proves nothing on this plan")
			}
		})
	}
}
