package present

// The HTML writer: one writer and one style sheet for every page bp
// writes: the status report, the brief, and the site's pages.
//
// It writes the markup itself and escapes every value for the place it
// goes, as html/template escapes it (html/template, reflecting over a
// template, took a third of the time of a site of 10,000 events): text
// and attribute values with escHTML, link addresses with escURL, which
// also refuses every scheme but http(s) and mailto. FuzzHTMLWriter
// checks that the bytes are those html/template writes from the
// template the writer was (testdata/present/page.html.tmpl).

import (
	_ "embed"
	"errors"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/icmpd/bp/pkg/safetext"
)

//go:embed style.css
var styleSource string

// StyleSheet is the one style sheet of bp's pages: the site publishes it
// as style.css, and a page that stands alone (bp status -o html, bp
// brief -o html) carries it inline. The tones' colours come first.
func StyleSheet() string { return toneCSS() + styleSource }

// WriteHTML writes the document as an HTML page that needs nothing but
// itself (and the site's style sheet, when Page.Stylesheet names one):
// no script, nothing loaded from elsewhere; it works offline, can be
// mailed, and prints well. It passes the W3C Nu checker and axe-core's
// WCAG 2.2 AA rules at 375 and 1280 pixels (the integration tests check
// both). The page names the tones it uses in a legend.
func WriteHTML(w io.Writer, d *Doc) error {
	h := newHTMLWriter()
	defer h.free()
	if err := h.blocks(d.Blocks, 2); err != nil {
		return err
	}
	p := h.page(d)
	_, err := w.Write(p)
	return err
}

// WriteHTMLFragment writes blocks as a page holds them, without the page
// around them: the content of an entry of an Atom feed.
func WriteHTMLFragment(w io.Writer, bs ...Block) error {
	h := newHTMLWriter()
	defer h.free()
	if err := h.blocks(bs, 2); err != nil {
		return err
	}
	_, err := w.Write(h.b)
	return err
}

// htmlWriter writes blocks into b, giving each section an id of its own
// and noting the tones used, for the legend.
type htmlWriter struct {
	b       []byte
	pageBuf []byte // the page around b
	ids     map[string]bool
	tones   []Tone // the tones used, each once
}

var htmlWriters = sync.Pool{New: func() any { return &htmlWriter{ids: map[string]bool{}} }}

func newHTMLWriter() *htmlWriter { return htmlWriters.Get().(*htmlWriter) }

// free gives h back for another page; what it wrote is gone.
func (h *htmlWriter) free() {
	if cap(h.b) > 1<<20 || cap(h.pageBuf) > 1<<20 {
		return // a rare large page: let it go
	}
	h.b, h.pageBuf = h.b[:0], h.pageBuf[:0]
	clear(h.ids)
	h.tones = h.tones[:0]
	htmlWriters.Put(h)
}

// page writes the page around the blocks written and returns it.
func (h *htmlWriter) page(d *Doc) []byte {
	p := h.head(h.pageBuf, d)
	p = append(p, "\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to the content</a>"...)
	if len(d.Page.Nav) > 0 {
		p = append(p, "\n<header class=\"top\">\n<nav aria-label=\"Site\">\n<ul>"...)
		for _, l := range d.Page.Nav {
			p = append(p, "\n<li><a href=\""...)
			p = escURL(p, clean(l.Href), false)
			p = append(p, '"')
			if l.Current {
				p = append(p, " aria-current=\"page\""...)
			}
			p = append(p, '>')
			p = escHTML(p, clean(l.Text))
			p = append(p, "</a></li>"...)
		}
		p = append(p, "\n</ul>\n</nav>\n</header>"...)
	}
	p = append(p, "\n<main id=\"main\">"...)
	p = h.header(p, d)
	p = append(p, h.b...)
	p = append(p, "\n</main>"...)
	if f := clean(d.Page.Footer); f != "" {
		p = elem(p, "\n<footer>\n<p>", f, "</p>\n</footer>")
	}
	p = append(p, "\n</body>\n</html>\n\n"...)
	h.pageBuf = p
	return p
}

// head appends the page's head, without its end tag.
func (h *htmlWriter) head(p []byte, d *Doc) []byte {
	pg := &d.Page
	head := clean(pg.HeadTitle)
	if head == "" {
		head = clean(d.Title)
	}
	stylesheet := clean(pg.Stylesheet)
	p = append(p, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"+
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"...)
	p = escHTML(p, head)
	p = append(p, "</title>"...)
	for _, l := range []struct{ rel, href string }{{"stylesheet", stylesheet}, {"canonical", clean(pg.Canonical)}} {
		if l.href != "" {
			p = append(p, "\n<link rel=\""...)
			p = append(p, l.rel...)
			p = append(p, "\" href=\""...)
			p = escURL(p, l.href, false)
			p = append(p, "\">"...)
		}
	}
	for _, l := range pg.Feeds {
		p = elem(p, "\n<link rel=\"alternate\" type=\"application/atom+xml\" title=\"", clean(l.Text), "\" href=\"")
		p = escURL(p, clean(l.Href), false)
		p = append(p, "\">"...)
	}
	// The JSON-LD goes in as it is (encoding/json escapes <, > and &),
	// unless it could end its script element.
	if pg.Data != "" && !endsScript(pg.Data) {
		p = append(p, "\n<script type=\"application/ld+json\">"...)
		p = append(p, pg.Data...)
		p = append(p, "</script>"...)
	}
	if n := pg.DataNote; n != "" && !strings.Contains(n, "--") && !strings.ContainsAny(n, "<>") {
		p = append(p, "\n<!-- "...)
		p = append(p, n...)
		p = append(p, " -->"...)
	}
	if stylesheet == "" {
		p = append(p, "\n<style>\n"...)
		p = append(p, StyleSheet()...)
		p = append(p, "</style>"...)
	}
	return p
}

// header appends the page's header: the kicker, the title, the lines
// under it, the summary and the legend of the tones the blocks use.
func (h *htmlWriter) header(p []byte, d *Doc) []byte {
	p = append(p, "\n<header class=\"head\">"...)
	if k := d.Page.Kicker; k != nil {
		p = append(p, "\n<p class=\"kicker\"><a href=\""...)
		p = escURL(p, clean(k.Href), false)
		p = elem(p, "\">", clean(k.Text), "</a></p>")
	}
	p = elem(p, "\n<h1>", clean(d.Title), "</h1>")
	line := func(class, text string) {
		p = append(p, "\n<p class=\""...)
		p = append(p, class...)
		p = elem(p, "\">", text, "</p>")
	}
	if s := clean(d.Subtitle); s != "" {
		line("sub", s)
	}
	for _, m := range d.Meta {
		line("meta", clean(m))
	}
	if s := clean(d.Summary); s != "" {
		line("summary", s)
	}
	var legend []Tone
	for _, t := range Tones() {
		if h.used(t) {
			legend = append(legend, t)
		}
	}
	if len(legend) >= 2 { // one colour is named where it is used
		p = append(p, "\n<ul class=\"legend\" aria-label=\"Colours\">"...)
		for _, t := range legend {
			p = elem(p, "\n<li><span class=\"sw t-", string(t), "\"></span>")
			p = escHTML(p, t.Label())
			p = append(p, "</li>"...)
		}
		p = append(p, "\n</ul>"...)
	}
	return append(p, "\n</header>"...)
}

func (h *htmlWriter) blocks(bs []Block, level int) error {
	for _, b := range bs {
		if err := h.block(b, level); err != nil {
			return err
		}
	}
	return nil
}

func (h *htmlWriter) block(b Block, level int) error {
	switch b := b.(type) {
	case *Section:
		return h.section(b, level)
	case *Para:
		h.para(b)
	case *Facts:
		h.facts(b.Items)
	case *Table:
		return h.table(b)
	case *List:
		h.list(b)
	case *Timeline:
		h.timeline(b)
	}
	return nil
}

func (h *htmlWriter) section(s *Section, level int) error {
	id := h.id(s)
	h.b = append(h.b, "\n<section aria-labelledby=\""...)
	h.b = escHTML(h.b, id)
	tag := "h4"
	switch min(level, 6) {
	case 2:
		tag = "h2"
	case 3:
		tag = "h3"
	}
	h.b = append(h.b, "\">\n<"...)
	h.b = append(h.b, tag...)
	h.b = elem(h.b, " id=\"", id, "\">")
	h.b = escHTML(h.b, clean(s.Title))
	h.b = append(h.b, "</"...)
	h.b = append(h.b, tag...)
	h.b = append(h.b, '>')
	if err := h.blocks(s.Blocks, level+1); err != nil {
		return err
	}
	h.b = append(h.b, "\n</section>"...)
	return nil
}

func (h *htmlWriter) id(s *Section) string { return sectionID(h.ids, s) }

// sectionID returns the section's anchor: its own, or one made from its
// title, not one of ids, which it joins.
func sectionID(ids map[string]bool, s *Section) string {
	id := s.ID
	if id == "" {
		id = slug(s.Title)
	}
	base := id
	for n := 2; ids[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	ids[id] = true
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

// use notes that the page shows tone t, for the legend.
func (h *htmlWriter) use(t Tone) {
	if t != NoTone && !h.used(t) {
		h.tones = append(h.tones, t)
	}
}

func (h *htmlWriter) used(t Tone) bool {
	for _, u := range h.tones {
		if u == t {
			return true
		}
	}
	return false
}

func (h *htmlWriter) para(p *Para) {
	h.use(p.Mark.Tone)
	m := cleanMark(p.Mark)
	h.b = append(h.b, "\n<p"...)
	switch {
	case p.Quiet:
		h.b = append(h.b, " class=\"none\""...)
	case m.Label != "" || len(m.Flags) > 0:
		h.b = append(h.b, " class=\"state\""...)
	}
	h.b = append(h.b, '>')
	if m.any() {
		h.mark(m)
		h.b = append(h.b, ' ')
	}
	if lead := clean(p.Lead); lead != "" {
		h.b = elem(h.b, "<strong>", lead, "</strong> ")
	}
	h.link(clean(p.Link), clean(p.Text))
	h.b = append(h.b, "</p>"...)
}

// link writes text, as a link to href when there is one.
func (h *htmlWriter) link(href, text string) {
	if href == "" {
		h.b = escHTML(h.b, text)
		return
	}
	h.b = append(h.b, "<a href=\""...)
	h.b = escLink(h.b, href)
	h.b = elem(h.b, "\">", text, "</a>")
}

func (h *htmlWriter) facts(fs []Fact) {
	h.b = append(h.b, "\n<dl class=\"facts\">"...)
	for _, f := range fs {
		h.use(f.Tone)
		h.b = elem(h.b, "\n<div><dt>", clean(f.Label), "</dt><dd>")
		if f.Tone != NoTone {
			h.b = elem(h.b, "<span class=\"sw t-", string(f.Tone), "\"></span>")
		}
		if v := clean(f.Value); v != "" {
			h.link(clean(f.Link), v)
		}
		first := true
		for _, it := range f.Items {
			if it = clean(it); it == "" {
				continue
			}
			if first {
				h.b = append(h.b, "<ul>"...)
				first = false
			}
			h.b = elem(h.b, "<li>", it, "</li>")
		}
		if !first {
			h.b = append(h.b, "</ul>"...)
		}
		h.b = append(h.b, "</dd></div>"...)
	}
	h.b = append(h.b, "\n</dl>"...)
}

// itemFact writes a fact of a list's item: "Outcome: held".
func (h *htmlWriter) itemFact(f Fact) {
	h.b = elem(h.b, "<span class=\"k\">", clean(f.Label), ":</span> ")
	h.link(clean(f.Link), clean(f.Value))
	i := 0
	for _, it := range f.Items {
		if it = clean(it); it == "" {
			continue
		}
		if i > 0 {
			h.b = append(h.b, "; "...)
		}
		h.b = escHTML(h.b, it)
		i++
	}
}

func (h *htmlWriter) table(t *Table) error {
	h.b = append(h.b, "\n<table>\n<thead><tr>"...)
	for _, col := range t.Columns {
		h.b = append(h.b, "<th scope=\"col\""...)
		if col.Num {
			h.b = append(h.b, " class=\"num\""...)
		}
		h.b = append(h.b, '>')
		h.b = escHTML(h.b, clean(col.Title))
		h.b = append(h.b, "</th>"...)
	}
	h.b = append(h.b, "</tr></thead>\n<tbody>"...)
	for _, r := range t.Rows {
		for _, c := range r {
			h.use(c.Tone)
			for _, s := range c.Bar {
				h.use(s.Tone)
			}
		}
	}
	for _, r := range t.Rows {
		if len(r) > len(t.Columns) {
			return errors.New("present: a table row has more cells than the table has columns")
		}
		h.b = append(h.b, "\n<tr>"...)
		for i, c := range r {
			switch {
			case c.Strong:
				h.b = append(h.b, "<th scope=\"row\">"...)
			case t.Columns[i].Num:
				h.b = append(h.b, "<td class=\"num\">"...)
			default:
				h.b = append(h.b, "<td>"...)
			}
			h.cell(c)
			if c.Strong {
				h.b = append(h.b, "</th>"...)
			} else {
				h.b = append(h.b, "</td>"...)
			}
		}
		h.b = append(h.b, "</tr>"...)
	}
	h.b = append(h.b, "\n</tbody>\n</table>"...)
	return nil
}

func (h *htmlWriter) cell(c Cell) {
	text := clean(c.Text)
	if c.Tone != NoTone {
		h.b = elem(h.b, "<span class=\"pill t-", string(c.Tone), "\">")
		h.b = escHTML(h.b, text)
		h.b = append(h.b, "</span>"...)
	} else {
		h.link(clean(c.Link), text)
	}
	if len(c.Bar) > 0 {
		total := 0
		for _, s := range c.Bar {
			total += s.Count
		}
		h.b = append(h.b, "<div class=\"stack\" role=\"img\" aria-label=\""...)
		i := 0
		for _, s := range c.Bar {
			if s.Count > 0 {
				if i > 0 {
					h.b = append(h.b, ", "...)
				}
				h.b = escHTML(h.b, strconv.Itoa(s.Count)+" "+s.Tone.Label())
				i++
			}
		}
		h.b = append(h.b, "\">"...)
		for _, s := range c.Bar {
			if s.Count <= 0 {
				continue
			}
			h.b = elem(h.b, "<div class=\"seg t-", string(s.Tone), "\" style=\"width:")
			h.b = escHTML(h.b, pct(float64(s.Count)/float64(total)))
			h.b = elem(h.b, "\" title=\"", s.Tone.Label(), ": ")
			h.b = strconv.AppendInt(h.b, int64(s.Count), 10)
			h.b = append(h.b, "\"></div>"...)
		}
		h.b = append(h.b, "</div>"...)
	}
	for _, s := range c.Sub {
		if s = clean(s); s != "" {
			h.b = elem(h.b, "<small>", s, "</small>")
		}
	}
}

func (h *htmlWriter) list(l *List) {
	for _, it := range l.Items {
		h.use(it.Mark.Tone)
		for _, f := range it.Facts {
			h.use(f.Tone)
		}
	}
	label := clean(l.Label)
	switch {
	case l.Cards:
		h.b = append(h.b, "\n<ul class=\"cards\""...)
	case l.Inline:
		h.b = append(h.b, "\n<ul class=\"inline\""...)
	default:
		h.b = append(h.b, "\n<ul class=\"items\""...)
	}
	if label != "" {
		h.b = append(h.b, " aria-label=\""...)
		h.b = escHTML(h.b, label)
		h.b = append(h.b, '"')
	}
	h.b = append(h.b, '>')
	for i := range l.Items {
		if l.Cards {
			h.card(&l.Items[i])
		} else {
			h.item(&l.Items[i])
		}
	}
	h.b = append(h.b, "\n</ul>"...)
}

func (h *htmlWriter) card(it *Item) {
	h.b = append(h.b, "\n<li class=\"card"...)
	if it.Mark.Tone != NoTone {
		h.b = append(h.b, " t-"...)
		h.b = escHTML(h.b, string(it.Mark.Tone))
	}
	h.b = append(h.b, "\">"...)
	if head := clean(it.Head); head != "" {
		h.b = elem(h.b, "<p class=\"when\">", head, "</p>")
	}
	h.b = append(h.b, "\n<p class=\"what\">"...)
	h.link(clean(it.Link), clean(it.Text))
	h.b = append(h.b, "</p>"...)
	for _, s := range it.Sub {
		if s = clean(s); s != "" {
			h.b = elem(h.b, "<p class=\"meta\">", s, "</p>")
		}
	}
	if m := cleanMark(it.Mark); m.any() {
		h.b = append(h.b, "<p class=\"state\">"...)
		h.mark(m)
		h.b = append(h.b, "</p>"...)
	}
	for _, f := range it.Facts {
		h.b = append(h.b, "<p class=\"fact\">"...)
		h.itemFact(f)
		h.b = append(h.b, "</p>"...)
	}
	h.b = append(h.b, "\n</li>"...)
}

func (h *htmlWriter) item(it *Item) {
	h.b = append(h.b, "\n<li>"...)
	if head := clean(it.Head); head != "" {
		h.b = elem(h.b, "<span class=\"when\">", head, "</span> ")
	}
	h.link(clean(it.Link), clean(it.Text))
	if m := cleanMark(it.Mark); m.any() {
		h.b = append(h.b, ' ')
		h.mark(m)
	}
	for _, s := range it.Sub {
		if s = clean(s); s != "" {
			h.b = elem(h.b, "<span class=\"note\">", s, "</span>")
		}
	}
	for _, f := range it.Facts {
		h.b = append(h.b, "<span class=\"note\">"...)
		h.itemFact(f)
		h.b = append(h.b, "</span>"...)
	}
	h.b = append(h.b, "</li>"...)
}

// cleanMark returns m with its texts cleaned.
func cleanMark(m Mark) Mark {
	m.Label, m.Detail = clean(m.Label), clean(m.Detail)
	if len(m.Flags) > 0 {
		m.Flags = cleanAll(m.Flags)
	}
	return m
}

func (m Mark) any() bool { return m.Label != "" || len(m.Flags) > 0 || m.Detail != "" }

// mark writes a state: its label in its tone's colour, its flags, its
// detail; m is cleaned.
func (h *htmlWriter) mark(m Mark) {
	if m.Label != "" {
		h.b = elem(h.b, "<span class=\"pill t-", string(m.Tone), "\">")
		h.b = escHTML(h.b, m.Label)
		h.b = append(h.b, "</span>"...)
	}
	for _, f := range m.Flags {
		h.b = elem(h.b, " <span class=\"flag\">", f, "</span>")
	}
	if m.Detail != "" {
		h.b = elem(h.b, " <span class=\"detail\">", m.Detail, "</span>")
	}
}

// clean drops what escaping leaves: control, bidi and zero-width
// characters; and puts the text on one line.
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

// pct writes a share (0–1) as a CSS percentage, kept within 0–100%.
func pct(f float64) string {
	f = min(max(f*100, 0), 100)
	return strconv.FormatFloat(f, 'f', 2, 64) + "%"
}

// escHTML appends s escaped for the text of an element or the value of
// a quoted attribute, as html/template escapes a string there: &, <, >,
// both quotes and + as character references, NUL as U+FFFD.
func escHTML(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		var r string
		switch s[i] {
		case 0:
			r = "\uFFFD"
		case '"':
			r = "&#34;"
		case '&':
			r = "&amp;"
		case '\'':
			r = "&#39;"
		case '+':
			r = "&#43;"
		case '<':
			r = "&lt;"
		case '>':
			r = "&gt;"
		default:
			continue
		}
		b = append(b, s[last:i]...)
		b = append(b, r...)
		last = i + 1
	}
	return append(b, s[last:]...)
}

// escLink appends the address of a link of the document (a Para's, a
// Fact's, an Item's or a Cell's): as escURL, where a webcal:// address
// is allowed too, which bp makes only from the https address a site is
// published at (no plan's text becomes a link other than its outcome's
// report, which the plan's reader checks is http or https).
func escLink(b []byte, s string) []byte {
	return escURL(b, s, strings.HasPrefix(s, "webcal://") && !strings.ContainsAny(s, "\"<>'` "))
}

// escURL appends s as the quoted value of an attribute that holds an
// address (href), as html/template writes a string there: an address
// with a scheme other than http, https and mailto becomes "#ZgotmplZ"
// (unless trusted), which goes nowhere; then every byte that may not
// appear in a URL is percent-encoded (an existing %XX escape is kept),
// and & and + are written as character references.
func escURL(b []byte, s string, trusted bool) []byte {
	if !trusted && !safeURL(s) {
		s = "#ZgotmplZ"
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '&':
			b = append(b, "&amp;"...)
		case c == '+':
			b = append(b, "&#43;"...)
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			b = append(b, c)
		case strings.IndexByte("!#$*,/:;=?@[]-._~", c) >= 0:
			b = append(b, c)
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b = append(b, c)
		default:
			const hex = "0123456789abcdef"
			b = append(b, '%', hex[c>>4], hex[c&15])
		}
	}
	return b
}

// safeURL reports whether s is an address html/template lets through: a
// relative one, or one with the scheme http, https or mailto.
func safeURL(s string) bool {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") {
		return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
	}
	return true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// endsScript reports whether s holds "</script" in any case (as
// strings.ToLower finds it), which would end a script element early.
// JSON as encoding/json writes it holds no "<", and is not copied.
func endsScript(s string) bool {
	return strings.Contains(s, "<") && strings.Contains(strings.ToLower(s), "</script")
}

// elem appends s, escaped (escHTML), between open and close.
func elem(b []byte, open, s, close string) []byte {
	b = append(b, open...)
	b = escHTML(b, s)
	return append(b, close...)
}
