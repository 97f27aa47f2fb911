package present

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/icmpd/bp/pkg/safetext"
)

// Format is an output format: its name, the other names it answers to,
// and a line for help. Every command takes the formats it offers (-o)
// from [Formats], so that a format has one name, one set of aliases and
// one writer everywhere.
type Format struct {
	Name    string
	Aliases []string
	Doc     string
}

// The formats bp writes. Text, Markdown and HTML write a [Doc]; JSON a
// document's published shape; the others are written by the package
// that owns them (CSV and GitHub annotations by render, iCalendar by
// calendar).
var (
	Text     = &Format{Name: "text", Aliases: []string{"table"}, Doc: "for a terminal, 80 columns"}
	Markdown = &Format{Name: "markdown", Aliases: []string{"md"}, Doc: "for a wiki page, an issue or an e-mail"}
	HTML     = &Format{Name: "html", Doc: "one page that stands alone: no script, nothing loaded from elsewhere"}
	JSON     = &Format{Name: "json", Doc: "for scripts: the published field names"}
	CSV      = &Format{Name: "csv", Doc: "for a spreadsheet"}
	ICS      = &Format{Name: "ics", Doc: "iCalendar (RFC 5545)"}
	GitHub   = &Format{Name: "github", Doc: "GitHub Actions workflow annotations"}
)

// Formats is the registry: every format bp writes.
var Formats = []*Format{Text, Markdown, HTML, JSON, CSV, ICS, GitHub}

// Names returns the format's name and aliases.
func (f *Format) Names() []string { return append([]string{f.Name}, f.Aliases...) }

// String returns the format's name.
func (f *Format) String() string { return f.Name }

// Find returns the format of formats that name (any case, an alias
// too) names, or nil.
func Find(formats []*Format, name string) *Format {
	name = strings.ToLower(strings.TrimSpace(name))
	for _, f := range formats {
		if slices.Contains(f.Names(), name) {
			return f
		}
	}
	return nil
}

// Document is what a command writes in the document formats: a view,
// for people, and a published shape, for scripts. Either is computed
// only when asked for.
type Document struct {
	Doc  func() *Doc
	JSON func() any
}

// Write writes the document in the format: Text, Markdown or HTML its
// view, JSON its published shape. Other formats are not a document's.
func (d Document) Write(w io.Writer, f *Format) error {
	switch {
	case f == JSON && d.JSON != nil:
		return WriteJSON(w, d.JSON())
	case f == Text && d.Doc != nil:
		return WriteText(w, d.Doc())
	case f == Markdown && d.Doc != nil:
		return WriteMarkdown(w, d.Doc())
	case f == HTML && d.Doc != nil:
		return WriteHTML(w, d.Doc())
	}
	return fmt.Errorf("this document is not written as %s", f)
}

// WriteDocument writes a view in a document format: text, Markdown or
// HTML.
func WriteDocument(w io.Writer, f *Format, d *Doc) error {
	return Document{Doc: func() *Doc { return d }}.Write(w, f)
}

// WriteJSON writes v as one indented JSON document with a trailing
// newline. HTML characters are not escaped: the output is data for
// scripts, and "<" must stay "<". Every character [safetext.Unsafe]
// names is written as a \uXXXX escape (encoding/json escapes only C0
// controls): the data is kept and round-trips, but no raw C1 control,
// bidi or zero-width character reaches a terminal that shows the JSON.
func WriteJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(EscapeJSON(buf.Bytes()))
	return err
}

// EscapeJSON writes the unsafe characters of a JSON document as \u
// escapes. Outside strings JSON has only ASCII, and encoding/json has
// escaped every C0 control inside them, so each unsafe character at or
// above DEL is inside a string, where \uXXXX means the same character
// (all of them are in the Basic Multilingual Plane).
func EscapeJSON(b []byte) []byte {
	var out []byte // nil until the first unsafe character
	last := 0
	for i := 0; i < len(b); {
		if b[i] < 0x7f {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if safetext.Unsafe(r) {
			if out == nil {
				out = make([]byte, 0, len(b)+64)
			}
			out = append(out, b[last:i]...)
			out = append(out, '\\', 'u')
			out = append(out, fmt.Sprintf("%04x", r)...)
			last = i + size
		}
		i += size
	}
	if out == nil {
		return b
	}
	return append(out, b[last:]...)
}

// FactJSON is a fact as JSON gives it (the "facts" of bp show and bp
// brief): its label and value as people read them.
type FactJSON struct {
	Label string   `json:"label"`
	Value string   `json:"value"`
	Items []string `json:"items"`
	Link  *string  `json:"link"`
}

// FactsJSON converts facts to their JSON shape; [] for none.
func FactsJSON(fs []Fact) []FactJSON {
	out := make([]FactJSON, 0, len(fs))
	for _, f := range fs {
		j := FactJSON{Label: f.Label, Value: f.Value, Items: append([]string{}, f.Items...)}
		if f.Link != "" {
			link := f.Link
			j.Link = &link
		}
		out = append(out, j)
	}
	return out
}
