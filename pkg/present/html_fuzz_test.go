package present

import (
	"bytes"
	"strings"
	"testing"
)

// docGen makes a document from fuzz bytes: each byte read picks a shape
// (how many blocks, which kind, which fields are set) or a text from
// texts.
type docGen struct {
	data  []byte
	texts []string
}

// htmlTexts are the values a generated document is made of, beside the
// fuzzer's own: markup, quotes, scripts, every kind of address and
// escape, and the characters clean drops.
var htmlTexts = []string{
	"", "x", "Reference Group Meeting", `<script>alert(1)</script>`, `"><img src=x onerror=alert(1)>`,
	"a'b\"c&d<e>f+g", "\x00nul", "é 漢字 \u202eevil\u2066", "line\nbreak\ttab\r", "--", "-->", "</script>", "</SCRİPT>",
	"javascript:alert(1)", " JavaScript:x", "vbscript:x", "data:text/html,<b>", "mailto:a@b.example", "MAILTO:a@b",
	"https://example.org/a b?q=1&r=2+3#f", "http://x.example/%41%zz%4", "//evil.example/", "/a:b", "a/b:c", "#frag",
	"webcal://example.org/plans/calendars/all.ics", "webcal://a b", "webcal://x\"y", "?q=%", "%", "100%",
	"{\"@context\":\"https://schema.org\",\"name\":\"\\u003cb\\u003e\"}", "a -- b", "no <> here",
}

func (g *docGen) byte() byte {
	if len(g.data) == 0 {
		return 0
	}
	b := g.data[0]
	g.data = g.data[1:]
	return b
}

func (g *docGen) n(max int) int { return int(g.byte()) % (max + 1) }
func (g *docGen) yes() bool     { return g.byte()&1 == 1 }
func (g *docGen) text() string  { return g.texts[int(g.byte())%len(g.texts)] }

func (g *docGen) textList(max int) []string {
	var out []string
	for range g.n(max) {
		out = append(out, g.text())
	}
	return out
}

func (g *docGen) tone() Tone {
	ts := append(Tones(), NoTone, NoTone, NoTone, "a<b", `q"t`)
	return ts[int(g.byte())%len(ts)]
}

func (g *docGen) link() Link { return Link{Href: g.text(), Text: g.text(), Current: g.yes()} }

func (g *docGen) doc() *Doc {
	d := &Doc{Title: g.text(), Subtitle: g.text(), Meta: g.textList(2), Summary: g.text()}
	p := &d.Page
	p.HeadTitle, p.Stylesheet, p.Canonical, p.Footer, p.Data, p.DataNote = g.text(), g.text(), g.text(), g.text(), g.text(), g.text()
	for range g.n(3) {
		p.Nav = append(p.Nav, g.link())
	}
	for range g.n(2) {
		p.Feeds = append(p.Feeds, g.link())
	}
	if g.yes() {
		k := g.link()
		p.Kicker = &k
	}
	d.Blocks = g.blocks(3)
	return d
}

func (g *docGen) blocks(depth int) []Block {
	var out []Block
	for range g.n(4) {
		switch g.n(6) {
		case 0:
			if depth > 0 {
				id := ""
				if g.yes() {
					id = g.text()
				}
				out = append(out, &Section{Title: g.text(), ID: id, Blocks: g.blocks(depth - 1)})
			}
		case 1:
			out = append(out, &Para{Lead: g.text(), Text: g.text(), Link: g.text(), Quiet: g.yes(), Mark: g.mark()})
		case 2:
			out = append(out, &Facts{Items: g.facts()})
		case 3:
			out = append(out, g.table())
		case 4:
			out = append(out, g.list())
		case 5:
			out = append(out, g.timeline())
		}
	}
	return out
}

func (g *docGen) mark() Mark {
	return Mark{Tone: g.tone(), Label: g.text(), Flags: g.textList(2), Detail: g.text()}
}

func (g *docGen) facts() []Fact {
	var out []Fact
	for range g.n(3) {
		out = append(out, Fact{Label: g.text(), Value: g.text(), Items: g.textList(3), Link: g.text(), Tone: g.tone()})
	}
	return out
}

func (g *docGen) table() *Table {
	t := &Table{Label: g.text()}
	for range 1 + g.n(2) {
		t.Columns = append(t.Columns, Column{Title: g.text(), Num: g.yes()})
	}
	for range g.n(3) {
		var row []Cell
		cells := g.n(len(t.Columns))
		if g.n(15) == 0 {
			cells = len(t.Columns) + 1 // an error, for both writers
		}
		for range cells {
			c := Cell{Text: g.text(), Sub: g.textList(2), Link: g.text(), Tone: g.tone(), Strong: g.yes()}
			for range g.n(3) {
				c.Bar = append(c.Bar, Segment{Tone: g.tone(), Count: g.n(4) - 1})
			}
			row = append(row, c)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func (g *docGen) list() *List {
	l := &List{Label: g.text(), Cards: g.yes(), Inline: g.yes()}
	for range g.n(3) {
		l.Items = append(l.Items, Item{Head: g.text(), Text: g.text(), Link: g.text(), Sub: g.textList(2), Mark: g.mark(), Facts: g.facts()})
	}
	return l
}

func (g *docGen) timeline() *Timeline {
	t := &Timeline{Year: 2026, Label: g.text(), Right: g.text(), AsOf: float64(g.n(12))/10 - 0.1, AsOfText: g.text()}
	for range g.n(3) {
		t.Months = append(t.Months, TimelineMonth{Name: g.text(), Initial: g.text(), Width: float64(g.n(10)) / 10, Current: g.yes()})
	}
	for range g.n(3) {
		t.Rows = append(t.Rows, TimelineRow{Text: g.text(), Sub: g.text(), Tone: g.tone(), Label: g.text(),
			Start: float64(g.n(10)) / 10, Width: float64(g.n(10)) / 10, MonthOnly: g.yes(), TBC: g.yes()})
	}
	return t
}

// FuzzHTMLWriter: the HTML writer writes what html/template wrote from
// the template it replaced (html_oracle_test.go), byte for byte, for
// any document: every value escaped for its context as html/template
// escapes it (element text, attribute, link address), a link with a
// scheme other than http(s) and mailto (and bp's webcal://) refused,
// JSON-LD and the comment that stands for it left out when they could
// end their element.
func FuzzHTMLWriter(f *testing.F) {
	for _, seed := range [][]byte{
		nil, []byte("abcdefghijklmnopqrstuvwxyz"), bytes.Repeat([]byte{1, 2, 3, 4, 5, 6, 7}, 40),
		bytes.Repeat([]byte{0xff, 0x10, 0x21, 0x32, 0x43, 0x54, 0x65, 0x76, 0x87}, 60),
		[]byte("\x03\x00\x05\x05\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16"),
	} {
		f.Add(seed, "Antalya, Türkiye", `<a href="javascript:x">'&+</a>`)
	}
	f.Fuzz(func(t *testing.T, data []byte, a, b string) {
		g := &docGen{data: data, texts: append([]string{a, b}, htmlTexts...)}
		d := g.doc()
		for _, standalone := range []bool{false, true} {
			if standalone {
				d.Page.Stylesheet = ""
			}
			var got, want bytes.Buffer
			errGot, errWant := WriteHTML(&got, d), oracleWriteHTML(t, &want, d)
			if (errGot != nil) != (errWant != nil) {
				t.Fatalf("WriteHTML: error %v; html/template: error %v", errGot, errWant)
			}
			if errGot == nil {
				sameBytes(t, "WriteHTML", got.String(), want.String())
			}
		}
		var got, want bytes.Buffer
		errGot, errWant := WriteHTMLFragment(&got, d.Blocks...), oracleWriteHTMLFragment(t, &want, d.Blocks...)
		if (errGot != nil) != (errWant != nil) {
			t.Fatalf("WriteHTMLFragment: error %v; html/template: error %v", errGot, errWant)
		}
		if errGot == nil {
			sameBytes(t, "WriteHTMLFragment", got.String(), want.String())
		}
	})
}

func sameBytes(t *testing.T, what, got, want string) {
	t.Helper()
	if got == want {
		return
	}
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(i-80, 0)
	t.Fatalf("%s differs from html/template at byte %d:\n got …%q\nwant …%q", what, i,
		got[from:min(i+80, len(got))], want[from:min(i+80, len(want))])
}

// TestHTMLWriterEscapes: the cases the fuzz target covers at random,
// named: what each context does with a hostile value.
func TestHTMLWriterEscapes(t *testing.T) {
	d := &Doc{Title: `<script>alert("x")</script> & 'y' + z`, Page: Page{Stylesheet: "style.css"}, Blocks: []Block{
		&Para{Text: "a", Link: "javascript:alert(1)"},
		&Para{Text: "b", Link: "webcal://example.org/all.ics"},
		&Para{Text: "c", Link: `https://example.org/a b?x="1"&y=2+3`},
		&List{Label: `"><b>`, Items: []Item{{Text: "d", Link: "JaVaScRiPt:x", Mark: Mark{Tone: `x" onmouseover="y`, Label: "l"}}}},
	}}
	var b bytes.Buffer
	if err := WriteHTML(&b, d); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{
		`<h1>&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;y&#39; &#43; z</h1>`,
		`<a href="#ZgotmplZ">a</a>`,
		`<a href="webcal://example.org/all.ics">b</a>`,
		`<a href="https://example.org/a%20b?x=%221%22&amp;y=2&#43;3">c</a>`,
		`aria-label="&#34;&gt;&lt;b&gt;"`,
		`<a href="#ZgotmplZ">d</a>`,
		`<span class="pill t-x&#34; onmouseover=&#34;y">l</span>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s:\n%s", want, page)
		}
	}
	var o bytes.Buffer
	if err := oracleWriteHTML(t, &o, d); err != nil {
		t.Fatal(err)
	}
	sameBytes(t, "WriteHTML", page, o.String())
}
