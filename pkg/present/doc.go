// Package present is bp's presentation layer: everything a person reads,
// decided once.
//
// # What it owns
//
//   - The document model ([Doc]): a title, a few lines under it, and
//     blocks ([Section], [Para], [Facts], [Table], [List], [Timeline]).
//     Every document bp writes for people (an event, a list of events, a
//     status report, a brief, the follow-up, a diff, the actions, the
//     site's pages) is its data plus a view that builds one Doc.
//   - One writer per format: [WriteText] (a terminal, 80 columns),
//     [WriteMarkdown] and [WriteHTML] (one writer and one style sheet
//     for the report pages, the brief and the site), and the registry of
//     formats every command takes its -o values from ([Formats]). JSON
//     stays a typed value per document, the published contract
//     ([WriteJSON]); CSV, the calendar grid, iCalendar and GitHub
//     annotations keep their own writers.
//   - Where an event stands on a day ([Classify], [State]) and what each
//     audience is told of it ([Audience]): the public (the site, the
//     feeds, one-event files) hears neutral words about the past; the
//     Secretariat (bp status, bp actions, bp brief, bp show) hears
//     everything.
//   - An event's facts ([EventFacts]): the one function that says what
//     bp show, bp brief, a calendar entry's description and the site's
//     event page tell of an event, with the same labels and words.
//
// # Safety
//
// Text from a plan is data, never markup. Every writer cleans it with
// safetext (control, bidi and zero-width characters dropped); Markdown
// escapes what would make markup ([MarkdownCell]); HTML escapes every
// value for its context (element text, attribute, link address) as
// html/template does, and refuses links other than http(s) and mailto: a
// fuzz test checks that it writes what html/template writes from the
// template it replaced (testdata/present/page.html.tmpl).
//
// # Determinism
//
// Nothing here reads the clock: the day comes in as a [time.Time], and
// the same data and day give the same bytes.
package present

import "strconv"

// Doc is one document: what a command prints, or one page of the site.
type Doc struct {
	Title    string
	Subtitle string   // a line under the title: "Status as of 27 Nov 2026"
	Meta     []string // more lines under it: the framework, the chair
	Summary  string   // a paragraph under the header
	Blocks   []Block
	// Page is what an HTML page around the document has besides it; the
	// text and Markdown writers ignore it.
	Page Page
}

// Page is the frame of an HTML page: its head, the site's navigation,
// its footer.
type Page struct {
	// HeadTitle is the page's <title>; default Title.
	HeadTitle string
	// Stylesheet is the address of the site's style sheet, relative to
	// the page; "" puts the style sheet in the page, which then stands
	// alone (mailed, printed, opened offline).
	Stylesheet string
	// Canonical is the page's own absolute address, when known.
	Canonical string
	// Nav are the site's links, above the title.
	Nav []Link
	// Kicker is a link above the title: the plan a page belongs to.
	Kicker *Link
	// Footer is the page's last line: how it was made.
	Footer string
	// Feeds are the Atom feeds of the page, for a reader to find
	// (<link rel="alternate" type="application/atom+xml">).
	Feeds []Link
	// Data is structured data for search engines: JSON-LD, as
	// encoding/json writes it (which escapes <, > and &, so that it
	// cannot end its script element); "" for none.
	Data string
	// DataNote is why the page has no structured data, written as an
	// HTML comment in its head; "" for none. It must not hold "--".
	DataNote string
}

// Link is a link of a page; Current marks the page itself in the
// navigation.
type Link struct {
	Href, Text string
	Current    bool
}

// Block is a part of a document: [*Section], [*Para], [*Facts],
// [*Table], [*List] or [*Timeline].
type Block interface{ block() }

// Section is a titled part of a document; a section in a section is a
// subsection.
type Section struct {
	Title  string
	ID     string // the anchor of its heading (HTML); "" for none
	Blocks []Block
}

// Para is a paragraph.
type Para struct {
	Lead string // words in bold before the text: "Next:"
	Text string
	// Link is where the text leads (HTML links it; text and Markdown
	// show the address after it).
	Link string
	// Quiet marks a paragraph that says there is nothing: "None."
	Quiet bool
	// Mark is a state the paragraph starts with: an event page's.
	Mark Mark
}

// Facts is a list of labelled facts: "Date  25–26 Jun 2026".
type Facts struct {
	Items []Fact
}

// Fact is one labelled fact. Its value is Value, or the list Items
// (the conclusions of a meeting), and may lead to Link.
type Fact struct {
	Label string
	Value string
	Items []string
	Link  string
	// Ref is the id of the event the value names (the meeting it is
	// back-to-back with): a site links it to that event's page.
	Ref  string
	Tone Tone // the value is a state: shown in its colour
}

// Text is the fact's value in plain text: with the address it leads
// to when that is not the value itself ("Chair's conclusions
// (https://…)"), as a document without links (a calendar's description,
// a terminal) gives it.
func (f Fact) Text() string { return withLink(f.Value, f.Link) }

// Table is a table with a header row.
type Table struct {
	Label   string // what the table holds, for screen readers
	Columns []Column
	Rows    [][]Cell
}

// Column is a column of a [Table].
type Column struct {
	Title string
	// Num aligns the column's numbers to the right.
	Num bool
	// Width is the widest the column may grow in text before it wraps;
	// 0 for no limit.
	Width int
}

// Cell is a cell of a [Table]: its text, further lines under it (muted
// in HTML), a link, and a tone when the text is a state.
type Cell struct {
	Text string
	Sub  []string
	Link string
	Tone Tone
	// Bar draws counts as a stacked bar (HTML only; Text says them).
	Bar []Segment
	// Strong puts the text in bold (an owner heading its actions).
	Strong bool
}

// Segment is a part of a stacked bar: a count in a tone.
type Segment struct {
	Tone  Tone
	Count int
}

// List is a list of items; Cards shows them as cards (HTML), each
// edged in its tone's colour, Inline on a line (HTML): links to go to.
type List struct {
	Label  string // what the list holds, for screen readers
	Items  []Item
	Cards  bool
	Inline bool
}

// Item is an item of a [List].
type Item struct {
	Head string // a line above the text: a date
	Text string
	Link string
	Sub  []string // further lines, muted
	Mark Mark     // its state, if any
	// Facts are labelled lines under it: its outcome, its notes.
	Facts []Fact
}

// Mark is a state as a list or a page shows it: a label in the tone's
// colour, flags (dashed: "Place TBC"), and a detail in words.
type Mark struct {
	Tone   Tone
	Label  string
	Flags  []string
	Detail string
}

// Timeline is the picture of a year: one bar per event on a
// month-by-month track, in its state's colour, with a line at the
// report's day. Only HTML draws it; the other writers leave it out (a
// table beside it gives the same facts).
type Timeline struct {
	Year   int
	Label  string // the first column's heading: "Event"
	Right  string // the last column's heading: "State as of 17 Jun 2026"
	Months []TimelineMonth
	Rows   []TimelineRow
	// AsOf is where the day's line is, as a share of the year (0–1);
	// negative when the day is outside the year.
	AsOf     float64
	AsOfText string
}

// TimelineMonth is a month of a [Timeline]'s track.
type TimelineMonth struct {
	Name    string  // "Jan"
	Initial string  // "J", on a phone
	Width   float64 // its share of the year (0–1)
	Current bool
}

// TimelineRow is an event of a [Timeline]: its bar from Start to
// Start+Width (shares of the year).
type TimelineRow struct {
	Text, Sub    string
	Tone         Tone
	Label        string // the state in words
	Start, Width float64
	MonthOnly    bool // hatched: only the month is known
	TBC          bool // outlined: the day or place is TBC
}

func (*Section) block()  {}
func (*Para) block()     {}
func (*Facts) block()    {}
func (*Table) block()    {}
func (*List) block()     {}
func (*Timeline) block() {}

// Plain returns a cell of plain text, with further lines under it (the
// empty ones left out).
func Plain(s string, sub ...string) Cell {
	var lines []string
	for _, l := range sub {
		if l != "" {
			lines = append(lines, l)
		}
	}
	return Cell{Text: s, Sub: lines}
}

// Num returns a cell holding a number.
func Num(n int) Cell { return Cell{Text: strconv.Itoa(n)} }

// None is the paragraph that says a part has nothing to show.
func None(s string) *Para { return &Para{Text: s, Quiet: true} }
