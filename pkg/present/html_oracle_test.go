package present

// The oracle: bp's HTML writer as it was, one html/template
// (testdata/present/page.html.tmpl) executed over the document. The
// writer now escapes each value itself; FuzzHTMLWriter checks that it
// writes what html/template writes, byte for byte, so that html/template's
// escaping by context still holds for every value.

import (
	"html/template"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
)

var oracleTemplate = sync.OnceValues(func() (*template.Template, error) {
	src, err := os.ReadFile("../../testdata/present/page.html.tmpl")
	if err != nil {
		return nil, err
	}
	return template.New("page").Funcs(template.FuncMap{"href": oracleHref}).Parse(string(src))
})

func oracle(t testing.TB) *template.Template {
	t.Helper()
	tmpl, err := oracleTemplate()
	if err != nil {
		t.Fatal(err)
	}
	return tmpl
}

// oracleWriteHTML is WriteHTML as html/template wrote it.
func oracleWriteHTML(t testing.TB, w io.Writer, d *Doc) error {
	d = cleanPage(d)
	v := oPage{Doc: d, HeadTitle: clean(d.Page.HeadTitle), Title: clean(d.Title), Subtitle: clean(d.Subtitle), Summary: clean(d.Summary)}
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
	hw := &oWriter{ids: map[string]bool{}, tones: map[Tone]bool{}}
	v.Blocks = hw.blocks(d.Blocks, 2)
	for _, t := range Tones() {
		if hw.tones[t] {
			v.Legend = append(v.Legend, t)
		}
	}
	if len(v.Legend) < 2 {
		v.Legend = nil
	}
	return oracle(t).Execute(w, v)
}

// oracleWriteHTMLFragment is WriteHTMLFragment as html/template wrote it.
func oracleWriteHTMLFragment(t testing.TB, w io.Writer, bs ...Block) error {
	hw := &oWriter{ids: map[string]bool{}, tones: map[Tone]bool{}}
	return oracle(t).ExecuteTemplate(w, "blocks", hw.blocks(bs, 2))
}

type oPage struct {
	Doc                                 *Doc
	HeadTitle, Title, Subtitle, Summary string
	Meta                                []string
	CSS                                 template.CSS
	Data                                template.JS
	DataNote                            template.HTML
	Blocks                              []oBlock
	Legend                              []Tone
}

type oBlock struct {
	Kind     string
	Level    int
	ID       string
	Title    string
	Blocks   []oBlock
	Para     *Para
	Facts    []Fact
	Table    *oTable
	List     *List
	Timeline *oTimeline
}

type oWriter struct {
	ids   map[string]bool
	tones map[Tone]bool
}

func (h *oWriter) blocks(bs []Block, level int) []oBlock {
	var out []oBlock
	for _, b := range bs {
		out = append(out, h.block(b, level))
	}
	return out
}

func (h *oWriter) block(b Block, level int) oBlock {
	switch b := b.(type) {
	case *Section:
		return oBlock{Kind: "section", Level: min(level, 6), ID: h.id(b), Title: clean(b.Title), Blocks: h.blocks(b.Blocks, level+1)}
	case *Para:
		return oBlock{Kind: "para", Para: h.para(b)}
	case *Facts:
		return oBlock{Kind: "facts", Facts: h.facts(b.Items)}
	case *Table:
		return oBlock{Kind: "table", Table: h.table(b)}
	case *List:
		return oBlock{Kind: "list", List: h.list(b)}
	case *Timeline:
		return oBlock{Kind: "timeline", Timeline: h.timeline(b)}
	}
	return oBlock{}
}

func (h *oWriter) id(s *Section) string { return sectionID(h.ids, s) }

func (h *oWriter) use(t Tone) {
	if t != NoTone {
		h.tones[t] = true
	}
}

func (h *oWriter) facts(fs []Fact) []Fact {
	out := make([]Fact, len(fs))
	for i, f := range fs {
		h.use(f.Tone)
		f.Label, f.Value, f.Link = clean(f.Label), clean(f.Value), clean(f.Link)
		f.Items = cleanAll(f.Items)
		out[i] = f
	}
	return out
}

// oTable and oCell are a table as the template takes it: a cell's
// stacked bar with its label and segments.
type oTable struct {
	Label   string
	Columns []Column
	Rows    [][]oCell
}

type oCell struct {
	Cell
	BarLabel string
	Segments []oSegment
}

type oSegment struct {
	Tone  Tone
	Count int
	Width template.CSS
}

func (h *oWriter) table(t *Table) *oTable {
	c := &oTable{Label: clean(t.Label), Columns: make([]Column, len(t.Columns))}
	for i, col := range t.Columns {
		col.Title = clean(col.Title)
		c.Columns[i] = col
	}
	for _, r := range t.Rows {
		row := make([]oCell, len(r))
		for i, cell := range r {
			h.use(cell.Tone)
			for _, s := range cell.Bar {
				h.use(s.Tone)
			}
			cell.Text, cell.Link, cell.Sub = clean(cell.Text), clean(cell.Link), cleanAll(cell.Sub)
			row[i] = oCell{Cell: cell, BarLabel: oBarLabel(cell)}
			total := 0
			for _, s := range cell.Bar {
				total += s.Count
			}
			for _, s := range cell.Bar {
				if s.Count > 0 {
					row[i].Segments = append(row[i].Segments, oSegment{Tone: s.Tone, Count: s.Count,
						Width: template.CSS("width:" + pct(float64(s.Count)/float64(total)))})
				}
			}
		}
		c.Rows = append(c.Rows, row)
	}
	return c
}

func oBarLabel(c Cell) string {
	var parts []string
	for _, s := range c.Bar {
		if s.Count > 0 {
			parts = append(parts, strconv.Itoa(s.Count)+" "+s.Tone.Label())
		}
	}
	return strings.Join(parts, ", ")
}

func (h *oWriter) list(l *List) *List {
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

func (h *oWriter) para(p *Para) *Para {
	c := *p
	c.Lead, c.Text, c.Link = clean(p.Lead), clean(p.Text), clean(p.Link)
	c.Mark.Label, c.Mark.Detail, c.Mark.Flags = clean(p.Mark.Label), clean(p.Mark.Detail), cleanAll(p.Mark.Flags)
	h.use(p.Mark.Tone)
	return &c
}

func oracleHref(s string) any {
	if strings.HasPrefix(s, "webcal://") && !strings.ContainsAny(s, "\"<>'` ") {
		return template.URL(s)
	}
	return s
}

type oTimeline struct {
	Label, Right string
	Months       []oMonth
	Rows         []oRow
	Style        template.CSS
	AsOf         bool
	AsOfText     string
	MonthOnly    []Tone
	TBC          []Tone
}

type oMonth struct {
	Name, Initial string
	Width         template.CSS
	Current       bool
}

type oRow struct {
	Text, Sub, Label string
	Tone             Tone
	Bar              template.CSS
	MonthOnly, TBC   bool
}

func (h *oWriter) timeline(t *Timeline) *oTimeline {
	v := &oTimeline{Label: clean(t.Label), Right: clean(t.Right), AsOf: t.AsOf >= 0 && t.AsOf <= 1, AsOfText: clean(t.AsOfText)}
	var stops []string
	at := 0.0
	for i, m := range t.Months {
		v.Months = append(v.Months, oMonth{Name: m.Name, Initial: m.Initial, Width: template.CSS("width:" + pct(m.Width)), Current: m.Current})
		if i > 0 {
			p := pct(at)
			stops = append(stops, "transparent "+p, "#d5d9e0 "+p, "#d5d9e0 calc("+p+" + 1px)", "transparent calc("+p+" + 1px)")
		}
		at += m.Width
	}
	style := "--grid:linear-gradient(90deg," + strings.Join(stops, ",") + ");"
	if v.AsOf {
		style += "--asof:calc(" + pct(t.AsOf) + " - 1px);"
	}
	v.Style = template.CSS(style)
	monthOnly, tbc := map[Tone]bool{}, map[Tone]bool{}
	for _, r := range t.Rows {
		h.use(r.Tone)
		v.Rows = append(v.Rows, oRow{
			Text: clean(r.Text), Sub: clean(r.Sub), Label: clean(r.Label), Tone: r.Tone,
			Bar:       template.CSS("left:min(" + pct(r.Start) + ",calc(100% - .6rem));width:" + pct(r.Width)),
			MonthOnly: r.MonthOnly, TBC: r.TBC && !r.MonthOnly,
		})
		if r.MonthOnly {
			monthOnly[r.Tone] = true
		} else if r.TBC {
			tbc[r.Tone] = true
		}
	}
	for _, tone := range Tones() {
		if monthOnly[tone] {
			v.MonthOnly = append(v.MonthOnly, tone)
		}
		if tbc[tone] {
			v.TBC = append(v.TBC, tone)
		}
	}
	return v
}

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
