package workplan

// Input hygiene and limits: what the file is before YAML reads it (size,
// encoding, one document), and the budgets that bound what aliases and
// references make of it.

import (
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Limits bound what Parse accepts, so that hostile input fails fast and
// what bp prints stays in proportion to what it reads.
type Limits struct {
	MaxBytes int // largest file accepted
	MaxNodes int // most YAML nodes visited, counting alias expansions

	// MaxExpansion bounds the text a file stands for: the bytes of every
	// scalar read, an alias counting again each time it is used, plus,
	// for each event, the plan's title and the names and titles of the
	// groups, product and back-to-back event it refers to (the text
	// outputs repeat with every event) may be at most MaxExpansion times
	// the file's size, plus [ExpansionSlack]. A file without aliases
	// stays well within 4 (escapes such as "\L" make at most 1.5 bytes of
	// a byte); 0 means no bound.
	MaxExpansion int
}

// ExpansionSlack is the text any file may expand to whatever its size,
// so that a short file may still reuse an anchor a few times.
const ExpansionSlack = 64 << 10

// DefaultLimits are generous for hand-written plans (a plan of 10,000
// events is about 3 MiB).
var DefaultLimits = Limits{MaxBytes: 16 << 20, MaxNodes: 4_000_000, MaxExpansion: 4}

// input checks what the file is before YAML reads it: its size and its
// encoding (UTF-16, NUL bytes, invalid UTF-8). It drops a UTF-8 BOM and
// sets the text budget from the size.
func (d *decoder) input(data []byte) ([]byte, bool) {
	if d.lim.MaxBytes > 0 && len(data) > d.lim.MaxBytes {
		d.errorf(Pos{1, 1}, "limit", "raise the limit with --max-size if the file is genuine",
			"file is %d bytes, more than the limit of %d", len(data), d.lim.MaxBytes)
		return nil, false
	}
	if d.lim.MaxExpansion > 0 {
		d.size = len(data)
		d.maxText = d.lim.MaxExpansion*d.size + ExpansionSlack
	}
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		d.errorf(Pos{1, 1}, "encoding", "save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)",
			"file is UTF-16 text; bp reads UTF-8")
		return nil, false
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if i := bytes.IndexByte(data, 0); i >= 0 {
		d.errorf(offsetPos(data, i), "encoding", "a workplan is UTF-8 text; is this the right file?",
			"file contains a NUL byte: it is binary, not YAML")
		return nil, false
	}
	if !utf8.Valid(data) {
		i := firstInvalidUTF8(data)
		d.errorf(offsetPos(data, i), "encoding", "save the file as UTF-8",
			"invalid UTF-8 byte 0x%02X", data[i])
		return nil, false
	}
	return data, true
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// oneDocument refuses a file of several YAML documents: yaml.Unmarshal
// reads the first and silently drops the rest, and a plan whose second
// half is ignored is worse than an error. A document marker must start a
// line, so most files are cleared by one scan; an empty last document (a
// trailing "---") is harmless and allowed.
func (d *decoder) oneDocument(data []byte) bool {
	if !markerLine(data) {
		return true
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var first, next yaml.Node
	if err := dec.Decode(&first); err != nil {
		return true // reported by Unmarshal already
	}
	err := dec.Decode(&next)
	switch {
	case err == io.EOF:
		return true
	case err != nil:
		d.syntaxError(data, err)
		return false
	case len(next.Content) == 0 || isNull(next.Content[0]) && next.Content[0].Value == "":
		return true
	}
	d.errorf(posOf(&next), "yaml-syntax", "a workplan is one YAML document: delete this \"---\" line to join the two, or move the rest to its own file",
		"a second YAML document starts here; bp would ignore it")
	return false
}

// markerLine reports whether a line after the first starts with "---"
// or "...". One pass over the lines: bytes.Contains for each marker read
// the file twice, a line at a time (every line starts with a newline
// and no marker), 1% of the time bp took to read a plan of 100,000
// events.
func markerLine(data []byte) bool {
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], '\n')
		if j < 0 {
			return false
		}
		i += j + 1
		if rest := data[i:]; len(rest) >= 3 && (rest[0] == '-' || rest[0] == '.') && rest[1] == rest[0] && rest[2] == rest[0] {
			return true
		}
	}
}

func offsetPos(data []byte, off int) Pos {
	line := 1 + bytes.Count(data[:off], []byte{'\n'})
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return Pos{line, 1 + utf8.RuneCount(data[start:off])}
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return 0
}

// deref follows aliases, counting every node visited against the node
// limit and the bytes of every scalar against the text budget. It
// returns nil once either is spent (reported once).
func (d *decoder) deref(n *yaml.Node) *yaml.Node {
	if n != nil && n.Kind == yaml.AliasNode {
		d.lastAlias = n
		for n != nil && n.Kind == yaml.AliasNode {
			n = n.Alias
		}
	}
	d.nodes++
	if d.lim.MaxNodes > 0 && d.nodes > d.lim.MaxNodes {
		if d.nodes == d.lim.MaxNodes+1 {
			d.errorf(Pos{1, 1}, "limit", "a workplan has no need of so many aliases",
				"more than %d YAML nodes after alias expansion", d.lim.MaxNodes)
		}
		return nil
	}
	if n != nil && n.Kind == yaml.ScalarNode && !d.spend(len(n.Value)) {
		if !d.textOver {
			d.textOver = true
			at := Pos{1, 1}
			if d.lastAlias != nil {
				at = posOf(d.lastAlias) // the alias whose use passed the bound
			}
			d.errorf(at, "limit", "an anchor (&name) is for a short value used a few times: write long text out where it is needed",
				"aliases expand the file's text past %d bytes, %s", d.maxText, d.bound())
		}
		return nil
	}
	return n
}

// spend counts k more bytes of text; false once the budget is passed.
func (d *decoder) spend(k int) bool {
	d.text += k
	return d.maxText <= 0 || d.text <= d.maxText && !d.textOver
}

// bound words the text budget: "the bound for a file of 1,234 bytes (4 ×
// its size + 64 KiB)".
func (d *decoder) bound() string {
	return fmt.Sprintf("the bound for a file of %d bytes (%d × its size + 64 KiB)",
		d.size, d.lim.MaxExpansion)
}

// references spends the text each event repeats from what it refers to:
// outputs print, with every event, the plan's title (the calendar's
// "Workplan:" line), its groups' names, its product's title and its
// back-to-back event's title. Without this a 1 MB title and a thousand
// short events would make a gigabyte of calendar.
func (d *decoder) references(p *Plan) {
	if d.maxText <= 0 || d.textOver {
		return
	}
	for _, e := range p.Events {
		n := len(p.Title)
		for _, id := range e.Groups {
			if g := p.Group(id); g != nil {
				n += len(g.Name)
			}
		}
		if pr := p.Product(e.Product); pr != nil {
			n += len(pr.Title)
		}
		if o := p.Event(e.BackToBack); o != nil {
			n += len(o.Title)
		}
		if !d.spend(n) {
			d.textOver = true
			d.errorf(e.pos, "limit", "shorten the plan's title and the names of the groups and products events refer to: every event repeats them",
				"%s: counting what each event repeats (the plan's title, its groups' names, its product's and back-to-back event's titles), the text passes %d bytes, %s",
				ctx{kind: "event", id: e.ID}, d.maxText, d.bound())
			return
		}
	}
}
