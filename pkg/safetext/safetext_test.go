package safetext

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestUnsafe(t *testing.T) {
	unsafe := []rune{0x00, 0x07, 0x09, 0x0a, 0x0d, 0x1b, 0x1f, 0x7f, 0x80, 0x85, 0x9b, 0x9f,
		0x061c, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e,
		0x2060, 0x2066, 0x2067, 0x2068, 0x2069, 0xfeff}
	for _, r := range unsafe {
		if !Unsafe(r) {
			t.Errorf("Unsafe(%U) = false, want true", r)
		}
	}
	safe := []rune{' ', 'a', '~', 0xa0, 0xe9, 0x061b, 0x061d, 0x200a, 0x2010, 0x2029, 0x202f,
		0x2065, 0x206a, 0x3000, 0x6f22, 0xfefe, 0xfffd, 0x1f600}
	for _, r := range safe {
		if Unsafe(r) {
			t.Errorf("Unsafe(%U) = true, want false", r)
		}
	}
}

func TestTerminal(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"Antalya, Türkiye 漢字", "Antalya, Türkiye 漢字"},
		{"\x1b[31mred\x1b[0m", "[31mred[0m"},
		{"\x1b]8;;http://x\x07link\x1b]8;;\x07", "]8;;http://xlink]8;;"},
		{"a\nb\rc\td\u0085e", "a b c d e"},
		{"\u009b31mx\u007f", "31mx"},
		{"abc\u202edcba", "abcdcba"},
		{"\u2066i\u2069 \u200bz\u200c\u200d\u2060w\ufeff \u200el\u200fr\u061c", "i zw lr"},
		{"bad \xff\xfe utf-8", "bad \ufffd\ufffd utf-8"},
	} {
		got := Terminal(tc.in)
		if got != tc.want {
			t.Errorf("Terminal(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if !Safe(got) {
			t.Errorf("Terminal(%q) = %q is not Safe", tc.in, got)
		}
		if Safe(tc.in) != (tc.in == tc.want) {
			t.Errorf("Safe(%q) = %v, want %v", tc.in, Safe(tc.in), tc.in == tc.want)
		}
	}
}

// A safe string, the common case, costs no allocation.
func TestTerminalSafeNoAlloc(t *testing.T) {
	s := "Thematic Working Group Meeting on Law Enforcement Cooperation · Antalya, Türkiye"
	if n := testing.AllocsPerRun(100, func() { _ = Terminal(s) }); n != 0 {
		t.Errorf("Terminal of a safe string allocates %v times", n)
	}
}

func FuzzTerminal(f *testing.F) {
	f.Add("\x1b[31m\u202e\u200b\xff")
	f.Fuzz(func(t *testing.T, s string) {
		got := Terminal(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Terminal(%q) = %q is not valid UTF-8", s, got)
		}
		for _, r := range got {
			if Unsafe(r) {
				t.Fatalf("Terminal(%q) = %q keeps %U", s, got, r)
			}
		}
		if Terminal(got) != got {
			t.Fatalf("Terminal is not idempotent on %q", s)
		}
	})
}

func TestName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"workplans/2026.yaml", "workplans/2026.yaml"},
		{"Türkiye 漢字 \"q\".yaml", "Türkiye 漢字 \"q\".yaml"},
		{"y\n::error title=forged::x.yaml", `"y\n::error title=forged::x.yaml"`},
		{"\x1b[31m\a.yaml", `"\x1b[31m\a.yaml"`},
		{"a\u202eb\u200b\u0085\u009b.yaml", `"a\u202eb\u200b\u0085\u009b.yaml"`},
		{"bad \xff.yaml", `"bad \xff.yaml"`},
		{"::error file=x::y.yaml", `"::error file=x::y.yaml"`},
		{"a::b.yaml", "a::b.yaml"},
	} {
		got := Name(tc.in)
		if got != tc.want {
			t.Errorf("Name(%q) = %s, want %s", tc.in, got, tc.want)
		}
		if Name(got) != got {
			t.Errorf("Name is not idempotent on %q: %q", got, Name(got))
		}
	}
}

// Every unsafe character comes out of Name escaped: none is left in its
// output, whatever surrounds it.
func TestNameEscapesEveryUnsafeRune(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if !Unsafe(r) {
			continue
		}
		if got := Name("a" + string(r) + "b"); !Safe(got) {
			t.Errorf("Name keeps %U: %q", r, got)
		}
	}
}

func FuzzName(f *testing.F) {
	f.Add("y\n::error title=forged::x.yaml")
	f.Add("\x1b]8;;http://evil\x07x\x1b]8;;\x07\u202e\xff")
	f.Fuzz(func(t *testing.T, s string) {
		got := Name(s)
		if !Safe(got) || strings.HasPrefix(got, "::") {
			t.Fatalf("Name(%q) = %q is not safe", s, got)
		}
		if got != s {
			back, err := strconv.Unquote(got)
			if err != nil || back != s {
				t.Fatalf("Name(%q) = %q does not unquote to the name", s, got)
			}
		}
	})
}
