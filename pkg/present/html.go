package present

// The HTML writer: one template and one style sheet for every page bp
// writes: the status report, the brief, and the site's pages.

import (
	_ "embed"
	"html/template"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/icmpd/bp/pkg/safetext"
)

//go:embed page.html.tmpl
var pageSource string

//go:embed style.css
var styleSource string

// StyleSheet is the one style sheet of bp's pages: the site publishes it
// as style.css, and a page that stands alone (bp status -o html, bp
// brief -o html) carries it inline. The tones' colours come first.
func StyleSheet() string { return toneCSS() + styleSource }

// pageTemplate escapes every value by context (text, attribute, URL):
// nothing from a plan can add markup or script to a page. It is parsed
// on first use, not at start-up, which every bp command would pay for.
var pageTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("page").Funcs(template.FuncMap{
		"href": href,
	}).Parse(pageSource))
})

// WriteHTML writes the document as an HTML page that needs nothing but
// itself (and the site's style sheet, when Page.Stylesheet names one):
// no script, nothing loaded from elsewhere; it works offline, can be
// mailed, and prints well. It passes the W3C Nu checker and axe-core's
// WCAG 2.2 AA rules at 375 and 1280 pixels (the integration tests check
// both). The page names the tones it uses in a legend.
func WriteHTML(w io.Writer, d *Doc) error {
	d = cleanPage(d)
	v := htmlPage{Doc: d, HeadTitle: clean(d.Page.HeadTitle), Title: clean(d.Title), Subtitle: clean(d.Subtitle), Summary: clean(d.Summary)}
	if v.HeadTitle == "" {
		v.HeadTitle = v.Title
	}
	for _, m := range d.Meta {
		v.Meta = append(v.Meta, clean(m))
	}
	if d.Page.Stylesheet == "" {
		v.CSS = template.CSS(StyleSheet())
	}
	if d.Page.Data != "" && !strings.Contains(strings.ToLower(d.Page.Data), "</script") {
		v.Data = template.JS(d.Page.Data)
	}
	if n := d.Page.DataNote; n != "" && !strings.Contains(n, "--") && !strings.ContainsAny(n, "<>") {
		v.DataNote = template.HTML("<!-- " + n + " -->")
	}
	hw := &htmlWriter{ids: map[string]bool{}, tones: map[Tone]bool{}}
	v.Blocks = hw.blocks(d.Blocks, 2)
	for _, t := range Tones() {
		if hw.tones[t] {
			v.Legend = append(v.Legend, t)
		}
	}
	if len(v.Legend) < 2 {
		v.Legend = nil // one colour is named where it is used
	}
	return pageTemplate().Execute(w, v)
}

// WriteHTMLFragment writes blocks as a page holds them, without the page
// around them: the content of an entry of an Atom feed.
func WriteHTMLFragment(w io.Writer, bs ...Block) error {
	hw := &htmlWriter{ids: map[string]bool{}, tones: map[Tone]bool{}}
	return pageTemplate().ExecuteTemplate(w, "blocks", hw.blocks(bs, 2))
}

// htmlPage is what the template renders.
type htmlPage struct {
	Doc                                 *Doc
	HeadTitle, Title, Subtitle, Summary string
	Meta                                []string
	CSS                                 template.CSS  // "" when the page links the site's style sheet
	Data                                template.JS   // the page's JSON-LD
	DataNote                            template.HTML // why it has none, as a comment
	Blocks                              []hblock
	Legend                              []Tone
}

// hblock is a block as the template takes it: its kind, the level of
// a section's heading, and the block.
type hblock struct {
	Kind     string
	Level    int
	ID       string
	Title    string // a section's, cleaned
	Blocks   []hblock
	Para     *Para
	Facts    []Fact
	Table    *Table
	List     *List
	Timeline *htimeline
}

// htmlWriter turns blocks into hblocks, giving each section an id of
// its own and noting the tones used, for the legend.
type htmlWriter struct {
	ids   map[string]bool
	tones map[Tone]bool
}

func (h *htmlWriter) blocks(bs []Block, level int) []hblock {
	var out []hblock
	for _, b := range bs {
		out = append(out, h.block(b, level))
	}
	return out
}

func (h *htmlWriter) block(b Block, level int) hblock {
	switch b := b.(type) {
	case *Section:
		return hblock{Kind: "section", Level: min(level, 6), ID: h.id(b), Title: clean(b.Title), Blocks: h.blocks(b.Blocks, level+1)}
	case *Para:
		return hblock{Kind: "para", Para: h.para(b)}
	case *Facts:
		return hblock{Kind: "facts", Facts: h.facts(b.Items)}
	case *Table:
		return hblock{Kind: "table", Table: h.table(b)}
	case *List:
		return hblock{Kind: "list", List: h.list(b)}
	case *Timeline:
		return hblock{Kind: "timeline", Timeline: h.timeline(b)}
	}
	return hblock{}
}

// id returns the section's anchor: its own, or one made from its title,
// unique on the page.
func (h *htmlWriter) id(s *Section) string {
	id := s.ID
	if id == "" {
		id = slug(s.Title)
	}
	base := id
	for n := 2; h.ids[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	h.ids[id] = true
	return id
}

// slug makes an anchor of a title: "Needs attention" → "needs-attention".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
	}
	if b.Len() == 0 {
		return "s"
	}
	return b.String()
}

func (h *htmlWriter) use(t Tone) {
	if t != NoTone {
		h.tones[t] = true
	}
}

func (h *htmlWriter) facts(fs []Fact) []Fact {
	out := make([]Fact, len(fs))
	for i, f := range fs {
		h.use(f.Tone)
		f.Label, f.Value, f.Link = clean(f.Label), clean(f.Value), clean(f.Link)
		f.Items = cleanAll(f.Items)
		out[i] = f
	}
	return out
}

func (h *htmlWriter) table(t *Table) *Table {
	c := &Table{Label: clean(t.Label), Columns: make([]Column, len(t.Columns))}
	for i, col := range t.Columns {
		col.Title = clean(col.Title)
		c.Columns[i] = col
	}
	for _, r := range t.Rows {
		row := make([]Cell, len(r))
		for i, cell := range r {
			h.use(cell.Tone)
			for _, s := range cell.Bar {
				h.use(s.Tone)
			}
			cell.Text, cell.Link, cell.Sub = clean(cell.Text), clean(cell.Link), cleanAll(cell.Sub)
			row[i] = cell
		}
		c.Rows = append(c.Rows, row)
	}
	return c
}

func (h *htmlWriter) list(l *List) *List {
	c := &List{Label: clean(l.Label), Cards: l.Cards, Inline: l.Inline}
	for _, it := range l.Items {
		h.use(it.Mark.Tone)
		it.Head, it.Text, it.Link, it.Sub = clean(it.Head), clean(it.Text), clean(it.Link), cleanAll(it.Sub)
		it.Mark.Label, it.Mark.Detail, it.Mark.Flags = clean(it.Mark.Label), clean(it.Mark.Detail), cleanAll(it.Mark.Flags)
		it.Facts = h.facts(it.Facts)
		c.Items = append(c.Items, it)
	}
	return c
}

func (h *htmlWriter) para(p *Para) *Para {
	c := *p
	c.Lead, c.Text, c.Link = clean(p.Lead), clean(p.Text), clean(p.Link)
	c.Mark.Label, c.Mark.Detail, c.Mark.Flags = clean(p.Mark.Label), clean(p.Mark.Detail), cleanAll(p.Mark.Flags)
	h.use(p.Mark.Tone)
	return &c
}

// href is a link's address for the template: a plain string, which
// html/template checks (it refuses any scheme but http(s) and mailto),
// except a webcal:// address, which it would refuse and bp makes only
// from the https address a site is published at (no plan's text becomes
// a link other than its outcome's report, which the plan's reader
// checks is http or https).
func href(s string) any {
	if strings.HasPrefix(s, "webcal://") && !strings.ContainsAny(s, "\"<>'` ") {
		return template.URL(s)
	}
	return s
}

// cleanPage returns d with its page's texts cleaned.
func cleanPage(d *Doc) *Doc {
	c := *d
	p := &c.Page
	p.Footer, p.Canonical, p.Stylesheet = clean(p.Footer), clean(p.Canonical), clean(p.Stylesheet)
	p.Feeds = nil
	for _, l := range d.Page.Feeds {
		p.Feeds = append(p.Feeds, Link{Href: clean(l.Href), Text: clean(l.Text)})
	}
	if p.Kicker != nil {
		k := Link{Href: clean(p.Kicker.Href), Text: clean(p.Kicker.Text)}
		p.Kicker = &k
	}
	p.Nav = nil
	for _, l := range d.Page.Nav {
		p.Nav = append(p.Nav, Link{Href: clean(l.Href), Text: clean(l.Text), Current: l.Current})
	}
	return &c
}

// clean drops what html/template's escaping leaves: control, bidi and
// zero-width characters; and puts the text on one line.
func clean(s string) string { return safetext.Terminal(s) }

func cleanAll(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s = clean(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Segments returns the stacked bar's parts with their widths.
func (c Cell) Segments() []hsegment {
	total := 0
	for _, s := range c.Bar {
		total += s.Count
	}
	var out []hsegment
	for _, s := range c.Bar {
		if s.Count > 0 {
			out = append(out, hsegment{Tone: s.Tone, Count: s.Count, Width: template.CSS("width:" + pct(float64(s.Count)/float64(total)))})
		}
	}
	return out
}

type hsegment struct {
	Tone  Tone
	Count int
	Width template.CSS
}

// BarLabel says a stacked bar's counts: "2 Held, 1 Upcoming".
func (c Cell) BarLabel() string {
	var parts []string
	for _, s := range c.Bar {
		if s.Count > 0 {
			parts = append(parts, strconv.Itoa(s.Count)+" "+s.Tone.Label())
		}
	}
	return strings.Join(parts, ", ")
}

// pct writes a share (0–1) as a CSS percentage, kept within 0–100%.
func pct(f float64) string {
	f = min(max(f*100, 0), 100)
	return strconv.FormatFloat(f, 'f', 2, 64) + "%"
}
