package edit

// Writing revision values into a file edited by hand, and nothing else.

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/icmpd/bp/pkg/plandiff"
)

// Restamp writes the revision values fixes give (bp validate --fix: the
// plan's and its events' revision and revised date, as bp validate
// --against prescribes them after a hand edit) into the file's text, and
// changes nothing else: each value is replaced where it stands, a key
// that is missing is added on a line of its own, at the indentation of
// its mapping's keys, after the revision key (or before the revised
// key, or after the mapping's last line). Comments, layout, quoting and
// line endings are the file's own: unlike [Apply], the file is not
// printed again, since a hand edit need not be in bp fmt's layout.
//
// A value Restamp cannot place (an alias, a key in a flow mapping that
// lacks it) is refused, with the file left to the user.
func Restamp(data []byte, fixes []plandiff.Fix) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("read the file: %w", err)
	}
	root := follow(&doc)
	if root != nil && root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = follow(root.Content[0])
	}
	if root == nil || root.Kind != yaml.MappingNode {
		return nil, errors.New("the file is not a mapping of plan, events…")
	}
	t := newText(data)
	for _, f := range fixes {
		m, where, err := fixTarget(root, f.Event)
		if err != nil {
			return nil, err
		}
		var kvs []keyValue
		if f.Revision > 0 {
			kvs = append(kvs, keyValue{"revision", strconv.Itoa(f.Revision)})
		}
		if !f.Revised.IsZero() {
			kvs = append(kvs, keyValue{"revised", f.Revised.Format(time.DateOnly)})
		}
		if err := t.set(m, kvs); err != nil {
			return nil, fmt.Errorf("%s: %w; set it by hand", where, err)
		}
	}
	return t.apply(), nil
}

// fixTarget finds the mapping a fix is about: the plan's, or the event's.
func fixTarget(root *yaml.Node, event string) (*yaml.Node, string, error) {
	if event == "" {
		m := follow(get(root, "plan"))
		if m == nil || m.Kind != yaml.MappingNode {
			return nil, "", errors.New("plan: is not a mapping; set the revision by hand")
		}
		return m, "plan", nil
	}
	where := "event " + strconv.Quote(event)
	if ev := follow(get(root, "events")); ev != nil && ev.Kind == yaml.SequenceNode {
		for _, item := range ev.Content {
			if idOf(item) != event {
				continue
			}
			if item.Kind != yaml.MappingNode {
				return nil, "", fmt.Errorf("%s is written as an alias; set its revision by hand", where)
			}
			return item, where, nil
		}
	}
	return nil, "", fmt.Errorf("%s is not in the file", where)
}

// text is a file's bytes with the replacements and insertions to make,
// by offset.
type text struct {
	src    []byte
	starts []int // the offset of each line
	eol    string
	edits  []textEdit
}

type textEdit struct {
	from, to int // the bytes replaced; from == to for an insertion
	with     string
}

func newText(src []byte) *text {
	t := &text{src: src, starts: []int{0}, eol: "\n"}
	for i, b := range src {
		if b == '\n' && i+1 < len(src) {
			t.starts = append(t.starts, i+1)
		}
	}
	if bytes.Contains(src, []byte("\r\n")) {
		t.eol = "\r\n"
	}
	return t
}

// offset is where line and column (yaml.v3's: 1-based, the column in
// characters) are in the bytes.
func (t *text) offset(line, col int) int {
	if line < 1 || line > len(t.starts) {
		return -1
	}
	off := t.starts[line-1]
	for c := 1; c < col && off < len(t.src); c++ {
		_, n := utf8.DecodeRune(t.src[off:])
		off += n
	}
	return off
}

// lineEnd is the offset just after line's end of line (or the end).
func (t *text) lineEnd(line int) int {
	if line < len(t.starts) {
		return t.starts[line]
	}
	return len(t.src)
}

// token is the extent of the scalar that starts at off: a quoted one to
// its closing quote, a plain one to a comment or the end of its line.
func (t *text) token(off int) int {
	s := t.src
	if off >= len(s) {
		return off
	}
	switch q := s[off]; q {
	case '"', '\'':
		for i := off + 1; i < len(s); i++ {
			switch {
			case q == '"' && s[i] == '\\':
				i++
			case s[i] == q && q == '\'' && i+1 < len(s) && s[i+1] == '\'':
				i++
			case s[i] == q:
				return i + 1
			}
		}
		return len(s)
	}
	end := off
	for i := off; i < len(s) && s[i] != '\n' && s[i] != '\r'; i++ {
		if s[i] == '#' && i > off && (s[i-1] == ' ' || s[i-1] == '\t') {
			break
		}
		if s[i] == ',' || s[i] == '}' {
			break // in a flow mapping
		}
		if s[i] != ' ' && s[i] != '\t' {
			end = i + 1
		}
	}
	return end
}

type keyValue struct{ key, value string }

// set gives the keys of mapping m their values (plain), each replaced
// where it stands, or added: after the revision key, before the revised
// key, or after the mapping's last line.
func (t *text) set(m *yaml.Node, kvs []keyValue) error {
	var missing []keyValue
	for _, kv := range kvs {
		v := get(m, kv.key)
		switch {
		case v == nil:
			missing = append(missing, kv)
			continue
		case v.Kind != yaml.ScalarNode:
			return fmt.Errorf("%s is not a plain value", kv.key)
		case v.Value == kv.value:
			continue
		}
		from := t.offset(v.Line, v.Column)
		if from < 0 {
			return fmt.Errorf("%s: no such place in the file", kv.key)
		}
		t.edits = append(t.edits, textEdit{from: from, to: t.token(from), with: kv.value})
	}
	if len(missing) == 0 {
		return nil
	}
	if m.Style&yaml.FlowStyle != 0 || len(m.Content) == 0 {
		return fmt.Errorf("%s is missing, in a mapping written on one line", missing[0].key)
	}
	indent := m.Content[0].Column - 1
	var lines string
	for _, kv := range missing {
		lines += string(bytes.Repeat([]byte{' '}, indent)) + kv.key + ": " + kv.value + t.eol
	}
	insert := func(at int) { t.edits = append(t.edits, textEdit{from: at, to: at, with: lines}) }
	rev, revised := get(m, "revision"), index(m, "revised")
	switch {
	case len(missing) == 1 && missing[0].key == "revised" && rev != nil && rev.Kind == yaml.ScalarNode:
		insert(t.lineEnd(rev.Line))
	case len(missing) == 1 && missing[0].key == "revision" && revised >= 0:
		insert(t.starts[m.Content[revised].Line-1])
	default:
		at := t.lineEnd(t.lastLine(m, indent))
		if at == len(t.src) && len(t.src) > 0 && t.src[len(t.src)-1] != '\n' {
			lines = t.eol + lines // the file's last line had no end of line
		}
		insert(at)
	}
	return nil
}

// lastLine is the last line of mapping m's text: from its last key on,
// the lines that are more indented than its keys (or blank, or a comment
// more indented, or a list's item as indented as they: "- "), up to the
// last one that holds a value.
func (t *text) lastLine(m *yaml.Node, indent int) int {
	last := m.Content[len(m.Content)-2].Line
	for l := last + 1; l <= len(t.starts); l++ {
		s := bytes.TrimRight(t.src[t.starts[l-1]:t.lineEnd(l)], "\r\n")
		body := bytes.TrimLeft(s, " ")
		if len(bytes.TrimSpace(body)) == 0 {
			continue
		}
		if n := len(s) - len(body); n < indent || n == indent && !(body[0] == '-' && (len(body) == 1 || body[1] == ' ')) {
			break // a key of the mapping's parent, or of the next item
		}
		if body[0] != '#' {
			last = l
		}
	}
	return last
}

// apply makes the edits, in the order of the text.
func (t *text) apply() []byte {
	if len(t.edits) == 0 {
		return t.src
	}
	edits := t.edits
	for i := 1; i < len(edits); i++ { // few edits: insertion sort, stable
		for j := i; j > 0 && edits[j].from < edits[j-1].from; j-- {
			edits[j], edits[j-1] = edits[j-1], edits[j]
		}
	}
	var b bytes.Buffer
	at := 0
	for _, e := range edits {
		b.Write(t.src[at:e.from])
		b.WriteString(e.with)
		at = e.to
	}
	b.Write(t.src[at:])
	return b.Bytes()
}
