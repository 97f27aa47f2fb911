package workplan

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// hostileDir is the corpus of broken and hostile workplans, with
// expect.txt saying what each must give.
const hostileDir = "../../testdata/hostile"

// The bounds every input must stay within. Work is bounded by what can be
// counted the same on every machine: the bytes allocated while checking
// one file (a quadratic path or an expansion bomb shows there first).
// Time is not asserted (a loaded machine inflates it; speed is measured
// by the benchmarks): a check still running after hostileHang has hung,
// and the test says on which input.
const (
	hostileHang     = 60 * time.Second
	hostileMaxAlloc = 512 << 20 // bytes allocated while checking one file
)

// readExpect reads expect.txt: file name → the sorted distinct
// "rule@line:col" of its diagnostics, or nil for a valid file.
func readExpect(t *testing.T) map[string][]string {
	t.Helper()
	f, err := os.Open(filepath.Join(hostileDir, "expect.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := map[string][]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) < 2 {
			t.Fatalf("expect.txt: %q has no expectation", line)
		}
		if fields[1] == "valid" {
			want[fields[0]] = nil
			continue
		}
		exp := fields[1:]
		slices.Sort(exp)
		want[fields[0]] = exp
	}
	return want
}

// bounded runs check on data, failing the test if it panics, hangs, uses
// or allocates more than the bound.
func bounded(t *testing.T, name string, data []byte, lim Limits) (*Plan, []Diagnostic) {
	t.Helper()
	type result struct {
		plan  *Plan
		diags []Diagnostic
		alloc uint64
		took  time.Duration
		panic any
	}
	done := make(chan result, 1)
	go func() {
		var r result
		defer func() {
			r.panic = recover()
			done <- r
		}()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		r.plan, r.diags = Check(name, data, lim, Options{Today: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)})
		r.took = time.Since(start)
		runtime.ReadMemStats(&after)
		r.alloc = after.TotalAlloc - before.TotalAlloc
	}()
	select {
	case r := <-done:
		if r.panic != nil {
			t.Fatalf("%s: panic: %v", name, r.panic)
		}
		if r.alloc > hostileMaxAlloc {
			t.Errorf("%s: allocated %d MB checking %d bytes", name, r.alloc>>20, len(data))
		}
		t.Logf("%s: %d bytes, %v, %d KB allocated, %d diagnostics", name, len(data),
			r.took.Round(time.Microsecond), r.alloc>>10, len(r.diags))
		// What bp validate prints stays in proportion to the input.
		text := 0
		for _, d := range r.diags {
			text += len(d.String()) + len(d.Hint)
		}
		// A diagnostic's own words are bounded; the values it quotes
		// must not be repeated beyond the input.
		if most := 4*len(data) + ExpansionSlack + 512*len(r.diags); text > most {
			t.Errorf("%s: %d bytes of diagnostics for %d bytes of input, more than %d", name, text, len(data), most)
		}
		return r.plan, r.diags
	case <-time.After(hostileHang):
		t.Fatalf("%s: not done after %v: it hangs", name, hostileHang)
	}
	return nil, nil
}

func summary(diags []Diagnostic) []string {
	var out []string
	for _, d := range diags {
		s := d.Rule + "@" + strconv.Itoa(d.Line) + ":" + strconv.Itoa(d.Col)
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out
}

// TestHostileCorpus: every file of testdata/hostile gives exactly the
// diagnostics expect.txt lists (or none, when valid), within bounds.
func TestHostileCorpus(t *testing.T) {
	want := readExpect(t)
	files, _ := filepath.Glob(filepath.Join(hostileDir, "*.yaml"))
	if len(files) < 40 {
		t.Fatalf("only %d files in the corpus, want at least 40", len(files))
	}
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			exp, ok := want[name]
			if !ok {
				t.Fatalf("%s is not in expect.txt", name)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			plan, diags := bounded(t, name, data, DefaultLimits)
			got := summary(diags)
			if !slices.Equal(got, exp) {
				t.Errorf("diagnostics\n got: %s\nwant: %s\n%s", strings.Join(got, " "), strings.Join(exp, " "), strings.Join(diagStrings(diags), "\n"))
			}
			if exp == nil && (plan == nil || HasErrors(diags)) {
				t.Errorf("a valid file gave no plan")
			}
			if exp != nil && !HasErrors(diags) {
				t.Errorf("an invalid file gave no error")
			}
			for _, d := range diags {
				if d.Line < 1 || d.Col < 1 || d.File != name || d.Message == "" {
					t.Errorf("diagnostic without file:line:col or message: %+v", d)
				}
			}
		})
	}
	for name := range want {
		if _, err := os.Stat(filepath.Join(hostileDir, name)); err != nil {
			t.Errorf("expect.txt lists %s, which is not in the corpus", name)
		}
	}
}

func diagStrings(diags []Diagnostic) []string {
	out := make([]string, 0, min(len(diags), 20))
	for _, d := range diags[:min(len(diags), 20)] {
		out = append(out, "  "+d.String())
	}
	return out
}

// event writes one event of a generated plan.
func event(b *strings.Builder, i int, extra string) {
	fmt.Fprintf(b, "  - id: e%d\n    title: Event %d\n    type: webinar\n    start: 2026-%02d-%02d\n    status: planned\n%s",
		i, i, 1+i%12, 1+i%28, extra)
}

// bigLen is the size of the scalar the alias-bytes bomb repeats.
const bigLen = 1 << 20

const genHead = "formatVersion: 1\nplan: {id: p, title: P, year: 2026, revision: 1, revised: 2026-01-01}\n"

// TestHostileGenerated covers the inputs too big to commit: each is
// built here, then must give its diagnostic within the same bounds.
func TestHostileGenerated(t *testing.T) {
	var b strings.Builder
	gen := func(f func(b *strings.Builder)) []byte {
		b.Reset()
		f(&b)
		return []byte(b.String())
	}
	cases := []struct {
		name  string
		data  []byte
		lim   Limits
		valid bool
		want  string // a rule@line:col that must be among the diagnostics
	}{
		{name: "huge-file", lim: DefaultLimits, want: "limit@1:1",
			data: gen(func(b *strings.Builder) {
				b.WriteString(genHead + "events: []\n")
				for b.Len() <= DefaultLimits.MaxBytes {
					b.WriteString("# padding padding padding padding padding padding padding padding\n")
				}
			})},
		{name: "10k-events", lim: DefaultLimits, valid: true,
			data: gen(func(b *strings.Builder) {
				b.WriteString(genHead + "events:\n")
				for i := range 10_000 {
					event(b, i, "")
				}
			})},
		{name: "long-line", lim: DefaultLimits, valid: true,
			data: gen(func(b *strings.Builder) {
				b.WriteString(genHead + "events:\n  - id: a\n    title: " + strings.Repeat("Long title ", 200_000) + "\n")
				b.WriteString("    type: webinar\n    start: 2026-06-25\n    status: planned\n")
			})},
		{name: "long-line-broken", lim: DefaultLimits, want: "yaml-syntax@5:12",
			data: gen(func(b *strings.Builder) {
				b.WriteString(genHead + "events:\n  - id: a\n    title: \"" + strings.Repeat("unclosed ", 200_000) + "\n")
			})},
		{name: "deep-flow-nesting", lim: DefaultLimits, want: "limit@3:1",
			data: gen(func(b *strings.Builder) {
				b.WriteString(genHead + "events: " + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000) + "\n")
			})},
		{name: "deep-mapping-nesting", lim: DefaultLimits, want: "limit@3:1",
			data: gen(func(b *strings.Builder) {
				b.WriteString(genHead + "events: " + strings.Repeat("{a: ", 50_000) + "x" + strings.Repeat("}", 50_000) + "\n")
			})},
		{name: "deep-block-nesting", lim: DefaultLimits, want: "type@5:5",
			data: gen(func(b *strings.Builder) {
				b.WriteString(genHead + "events:\n")
				for i := range 2000 { // within yaml.v3's depth limit: must still be quick
					b.WriteString(strings.Repeat("  ", i+1) + "-\n")
				}
			})},
		{name: "many-unknown-keys", lim: DefaultLimits, want: "limit@1:1",
			data: gen(func(b *strings.Builder) {
				b.WriteString(genHead + "events: []\n")
				for i := range 50_000 {
					fmt.Fprintf(b, "key%d: x\n", i)
				}
			})},
		{name: "many-bad-references", lim: DefaultLimits, want: "limit@1:1",
			data: gen(func(b *strings.Builder) {
				b.WriteString(genHead + "events:\n")
				for i := range 20_000 {
					event(b, i, fmt.Sprintf("    backToBack: nowhere-%d\n    groups: [g%d]\n", i, i))
				}
			})},
		{name: "same-day-two-cities", lim: DefaultLimits, want: "overlap@7:13",
			data: gen(func(b *strings.Builder) {
				b.WriteString(genHead + "events:\n")
				for i := range 20_000 {
					fmt.Fprintf(b, "  - {id: e%d, title: E, type: webinar, status: planned, format: in-person,\n", i)
					fmt.Fprintf(b, "     start: 2026-06-25, location: {city: C%d, country: X}}\n", i%2)
				}
			})},
		// Issue 9: a 1 MB partner aliased 100 times made bp list -o json
		// print 100 MB. The text bound (4 × the file + 64 KiB) stops it
		// at the fourth alias: the anchor and three uses are 4 MB.
		{name: "alias-bytes-bomb", lim: DefaultLimits, want: "limit@5:" + strconv.Itoa(bigLen+34),
			data: gen(func(b *strings.Builder) {
				b.WriteString(genHead + "events:\n  - {id: a, title: A, type: webinar, start: 2026-06-25, status: planned,\n")
				b.WriteString("     partners: [&b " + strings.Repeat("x", bigLen) + strings.Repeat(", *b", 99) + "]}\n")
			})},
		// Every event repeats the plan's title in the calendar: a 200 KB
		// title and 2,000 short events would make 400 MB of it.
		{name: "title-repeated-by-events", lim: DefaultLimits, want: "limit@34:5",
			data: gen(func(b *strings.Builder) {
				b.WriteString("formatVersion: 1\nplan: {id: p, title: " + strings.Repeat("Title ", 200_000/6) + ", year: 2026, revision: 1, revised: 2026-01-01}\nevents:\n")
				for i := range 2000 {
					event(b, i, "")
				}
			})},
		// An event repeats the names of its groups: one group named in
		// 100 KB, referred to 20,000 times.
		{name: "group-name-repeated", lim: DefaultLimits, want: "limit@5:5",
			data: gen(func(b *strings.Builder) {
				b.WriteString(genHead + "groups: [{id: g, kind: reference-group, name: " + strings.Repeat("Name ", 20_000) + "}]\nevents:\n")
				b.WriteString("  - {id: a, title: A, type: webinar, start: 2026-06-25, status: planned,\n")
				b.WriteString("     groups: [g" + strings.Repeat(", g", 20_000) + "]}\n")
			})},
		// Each overlap warning names the other event's city: a 1 MB city
		// overlapped by a thousand events made a gigabyte of warnings.
		{name: "overlap-long-city", lim: DefaultLimits, want: "overlap@6:82",
			data: gen(func(b *strings.Builder) {
				b.WriteString(genHead + "events:\n  - {id: big, title: B, type: webinar, status: planned, format: in-person, start: 2026-06-25,\n")
				b.WriteString("     end: 2026-06-30, location: {city: " + strings.Repeat("C", bigLen) + ", country: X}}\n")
				for i := range 1500 {
					fmt.Fprintf(b, "  - {id: e%d, title: E, type: webinar, status: planned, format: in-person, start: 2026-06-25, location: {city: D, country: X}}\n", i)
				}
			})},
		{name: "alias-fan-out", lim: Limits{MaxBytes: 1 << 20, MaxNodes: 1_000_000}, want: "limit@1:1",
			data: gen(func(b *strings.Builder) {
				b.WriteString(genHead + "x: &l [" + strings.Repeat("p,", 10_000) + "p]\nevents:\n")
				b.WriteString("  - &e {id: a, title: A, type: webinar, start: 2026-06-25, status: planned, partners: *l}\n")
				for range 10_000 {
					b.WriteString("  - *e\n")
				}
			})},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			plan, diags := bounded(t, c.name, c.data, c.lim)
			if c.valid {
				if plan == nil || HasErrors(diags) {
					t.Errorf("want valid, got %v", diagStrings(diags))
				}
				return
			}
			if HasErrors(diags) == strings.HasPrefix(c.want, "overlap") {
				t.Errorf("errors: %v; want errors for every case but the overlap warnings", HasErrors(diags))
			}
			if got := summary(diags); !slices.Contains(got, c.want) {
				t.Errorf("want %s among %v\n%s", c.want, got[:min(len(got), 10)], strings.Join(diagStrings(diags), "\n"))
			}
			if len(diags) > MaxDiagnostics+2 {
				t.Errorf("%d diagnostics, more than the cap of %d", len(diags), MaxDiagnostics)
			}
		})
	}
}
