package present

import (
	"io"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestWrap(t *testing.T) {
	for _, tc := range []struct {
		in    string
		width int
		want  []string
	}{
		{"", 5, []string{""}},
		{"   ", 5, []string{""}},
		{"a b c", 3, []string{"a b", "c"}},
		{"Reference Group Meeting", 10, []string{"Reference", "Group", "Meeting"}},
		{"abcdefgh", 3, []string{"abc", "def", "gh"}},
		{"ab abcdefgh", 3, []string{"ab", "abc", "def", "gh"}},
		{"abcdefg i", 3, []string{"abc", "def", "g i"}},
		// wide characters are kept whole: two cells each
		{"漢字漢字漢", 4, []string{"漢字", "漢字", "漢"}},
		{"漢字漢", 3, []string{"漢", "字", "漢"}},
		{"a漢字", 4, []string{"a漢", "字"}},
		// one character wider than the column gets a line of its own
		{"漢字", 1, []string{"漢", "字"}},
		// a combining mark stays with its base
		{"a\u0301b\u0301c\u0301", 2, []string{"a\u0301b\u0301", "c\u0301"}},
		{"e\u0301\u0323xyz", 1, []string{"e\u0301\u0323", "x", "y", "z"}},
	} {
		got := Wrap(tc.in, tc.width)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Wrap(%q, %d) = %q, want %q", tc.in, tc.width, got, tc.want)
		}
	}
}

// TestWrapLongWordAllocs: a 1 MB word is cut in one pass. The old wrap
// truncated the shrinking rest of the word once a line (quadratic time,
// one allocation a line); this one allocates only to grow the list of
// lines.
func TestWrapLongWordAllocs(t *testing.T) {
	word := strings.Repeat("x", 1<<20)
	var lines []string
	allocs := testing.AllocsPerRun(1, func() { lines = Wrap(word, 29) })
	if allocs > 64 {
		t.Errorf("wrapping a 1 MB word took %v allocations, want at most 64", allocs)
	}
	if want := (1<<20 + 28) / 29; len(lines) != want {
		t.Fatalf("%d lines, want %d", len(lines), want)
	}
	for i, l := range lines {
		if len(l) > 29 || (len(l) < 29 && i < len(lines)-1) {
			t.Fatalf("line %d is %d bytes", i, len(l))
		}
	}
}

// TestWrapKeepsUTF8: a cut never splits a character's bytes.
func TestWrapKeepsUTF8(t *testing.T) {
	word := strings.Repeat("ü€𝄞漢", 1000)
	for width := 1; width < 9; width++ {
		lines := Wrap(word, width)
		if got := strings.Join(lines, ""); got != word {
			t.Fatalf("width %d: the lines do not join back to the word", width)
		}
		for _, l := range lines {
			if !utf8.ValidString(l) {
				t.Fatalf("width %d: line %q is not valid UTF-8", width, l)
			}
		}
	}
}

// BenchmarkWrapLongWord wraps one word of n characters at a column's
// width, and writes it as a table cell: both are linear in n (issue 9: a
// 200 k word took 9 s in bp list, a 10 MB word never finished).
func BenchmarkWrapLongWord(b *testing.B) {
	for _, n := range []int{50_000, 1_000_000} {
		word := strings.Repeat("x", n)
		b.Run("wrap/"+strconv.Itoa(n), func(b *testing.B) {
			b.SetBytes(int64(n))
			for b.Loop() {
				Wrap(word, 29)
			}
		})
		b.Run("table/"+strconv.Itoa(n), func(b *testing.B) {
			b.SetBytes(int64(n))
			t := termTable{Header: []string{"Event"}, Rows: [][]string{{word}}, Max: []int{29}}
			for b.Loop() {
				if err := t.Write(io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestHang(t *testing.T) {
	for _, tc := range []struct {
		first, indent, text string
		width               int
		want                string
	}{
		{"~ id  ", "  ", "", 20, "~ id  \n"},
		{"~ id  ", "  ", "Short title", 20, "~ id  Short title\n"},
		{"~ id  ", "  ", "A title that runs past the column", 20,
			"~ id  A title that\n  runs past the\n  column\n"},
		{"    ", "      ", "moved from 25–26 Jun 2026 to 8–9 Jul 2026", 24,
			"    moved from 25–26 Jun\n      2026 to 8–9 Jul\n      2026\n"},
	} {
		got := Hang(tc.first, tc.indent, tc.text, tc.width)
		if got != tc.want {
			t.Errorf("Hang(%q, %q, %q, %d) = %q, want %q", tc.first, tc.indent, tc.text, tc.width, got, tc.want)
		}
		for _, l := range strings.Split(strings.TrimSuffix(got, "\n"), "\n") {
			if Width(l) > tc.width {
				t.Errorf("Hang: %q is wider than %d", l, tc.width)
			}
		}
	}
}
