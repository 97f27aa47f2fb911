package present

import (
	"bytes"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/icmpd/bp/pkg/safetext"
)

// TestMarkdownCellStrikethrough: GitHub renders ~~text~~ as struck out,
// so a title must not be able to do it.
func TestMarkdownCellStrikethrough(t *testing.T) {
	if got := MarkdownCell("~~cancelled~~"); got != `\~\~cancelled\~\~` {
		t.Errorf("MarkdownCell(~~cancelled~~) = %q", got)
	}
}

// tableText returns the runes of s a table must show, in order: all but
// white space (where lines may break) and the unsafe characters Clean
// drops; a byte of invalid UTF-8 shows as U+FFFD.
func tableText(s string) []rune {
	var out []rune
	for _, r := range s {
		if !unicode.IsSpace(r) && !safetext.Unsafe(r) {
			out = append(out, r)
		}
	}
	return out
}

// displayWidth measures a line as the table pads it.
func displayWidth(s string) int {
	c, n := newCells(), 0
	for _, r := range s {
		n += c.rune(r)
	}
	return n
}

func FuzzTable(f *testing.F) {
	f.Add("Thematic Working Group Meeting on Law Enforcement Cooperation", "Antalya, Türkiye", uint8(27), uint8(15))
	f.Add(strings.Repeat("Wörterbuch", 90), "x", uint8(0), uint8(3))
	f.Add("漢字の表 テーブル 全角ＡＢＣ 한국어", "e\u0301\u0323 a\u0300\u0301\u0302b n\u0303", uint8(1), uint8(0))
	f.Add("\x1b[31mred\x1b]8;;http://x\x07link\x1b]8;;\x07\u009b31m", "\u202eevil\u2066 \u200bz\ufeff\r\n\tx\u0085y", uint8(5), uint8(7))
	f.Add("a\xffb\xc3", "│─┼ | ─", uint8(2), uint8(2))
	f.Fuzz(func(t *testing.T, a, b string, wa, wb uint8) {
		// tablewriter spends ~10 µs a line (more when instrumented), and
		// the fuzzer minimizes an interesting input with thousands of
		// runs: 1 KiB, cut into up to 512 lines, keeps a run short. Long
		// words are BenchmarkWrapLongWord's and TestWrapLongWordAllocs'.
		if len(a) > 1<<10 || len(b) > 1<<10 {
			t.Skip("input over 1 KiB")
		}
		ma, mb := 2+int(wa%40), 2+int(wb%40)

		// Two columns: nothing unsafe, every line within the widths.
		var buf bytes.Buffer
		tbl := termTable{Header: []string{"A", "B"}, Max: []int{ma, mb}, Rows: [][]string{{a, b}, {b, a}}}
		if err := tbl.Write(&buf); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if !utf8.ValidString(out) {
			t.Fatalf("the table is not valid UTF-8: %q", out)
		}
		for _, r := range out {
			if r != '\n' && safetext.Unsafe(r) {
				t.Fatalf("%U reaches the table:\n%q", r, out)
			}
		}
		limit := 1 + ma + 3 + mb + 1 // " a │ b "
		for _, l := range strings.Split(out, "\n") {
			if w := displayWidth(l); w > limit {
				t.Fatalf("line %q is %d cells wide, more than the table's %d:\n%s", l, w, limit, out)
			}
		}

		// One column: the cell shows every character, in order.
		for _, tc := range []struct {
			s string
			w int
		}{{a, ma}, {b, mb}} {
			buf.Reset()
			tbl := termTable{Header: []string{"H"}, Max: []int{tc.w}, Rows: [][]string{{tc.s}}}
			if err := tbl.Write(&buf); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
			if len(lines) < 3 {
				t.Fatalf("%d lines, want a header, a rule and the cell:\n%q", len(lines), buf.String())
			}
			got := tableText(strings.Join(lines[2:], "\n"))
			if want := tableText(tc.s); string(got) != string(want) {
				t.Fatalf("the cell shows %q, want %q (input %q)", string(got), string(want), tc.s)
			}
		}
	})
}
