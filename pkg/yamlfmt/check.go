package yamlfmt

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// summary is what formatting must keep of a document: its data and its
// comments.
type summary struct {
	data     [sha256.Size]byte
	comments []string // sorted
}

// summarize records the data and the comments of doc.
func summarize(doc *yaml.Node) summary {
	cs := treeComments(doc, nil)
	slices.Sort(cs)
	return summary{data: digest(doc.Content[0]), comments: cs}
}

// check reads out back and checks that it holds the same data and the
// same comments.
func (s summary) check(out []byte) (*yaml.Node, error) {
	back, err := parse(out)
	if err != nil {
		return nil, fmt.Errorf("output does not read back: %v", err)
	}
	got := summarize(back)
	if got.data != s.data {
		return nil, errors.New("output reads back as different data")
	}
	if !slices.Equal(got.comments, s.comments) {
		return nil, errors.New("output does not keep every comment")
	}
	return back, nil
}

// digest sums a node's data: its values and tags, mapping order left
// out, an alias read as the value it names (so moving an anchor changes
// nothing). Anchor names, styles and the spelling of null are not data.
func digest(n *yaml.Node) [sha256.Size]byte {
	d := digester{memo: map[*yaml.Node][sha256.Size]byte{}, open: map[*yaml.Node]bool{}}
	return d.sum(n)
}

// digester sums nodes. Only an anchored node can be reached twice (through
// an alias), so only those are remembered, and watched for cycles.
type digester struct {
	memo map[*yaml.Node][sha256.Size]byte
	open map[*yaml.Node]bool
}

func (d *digester) sum(n *yaml.Node) [sha256.Size]byte {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Anchor != "" {
		if s, ok := d.memo[n]; ok {
			return s
		}
		if d.open[n] {
			return sha256.Sum256([]byte("cycle"))
		}
		d.open[n] = true
		defer delete(d.open, n)
	}
	b := []byte{byte(n.Kind)}
	switch n.Kind {
	case yaml.ScalarNode:
		tag := n.ShortTag()
		b = append(b, tag...)
		if tag != "!!null" { // ~, null and nothing are one value
			b = binary.AppendUvarint(append(b, 0), uint64(len(n.Value)))
			b = append(b, n.Value...)
		}
	case yaml.SequenceNode:
		for _, c := range n.Content {
			s := d.sum(c)
			b = append(b, s[:]...)
		}
	case yaml.MappingNode:
		pairs := make([][sha256.Size]byte, 0, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := d.sum(n.Content[i]), d.sum(n.Content[i+1])
			pairs = append(pairs, sha256.Sum256(append(k[:], v[:]...)))
		}
		slices.SortFunc(pairs, func(a, b [sha256.Size]byte) int { return bytes.Compare(a[:], b[:]) })
		for _, p := range pairs {
			b = append(b, p[:]...)
		}
	default:
		b = append(b, n.Value...) // an alias yaml.v3 left unresolved
	}
	s := sha256.Sum256(b)
	if n.Anchor != "" {
		d.memo[n] = s
	}
	return s
}

// treeComments lists every comment line of the tree as the printer
// writes it: without the blanks around it.
func treeComments(n *yaml.Node, out []string) []string {
	for _, c := range []string{n.HeadComment, n.LineComment, n.FootComment} {
		if c == "" {
			continue
		}
		for _, l := range strings.Split(c, "\n") {
			if l = trimBlanks(l); l != "" {
				out = append(out, l)
			}
		}
	}
	for _, c := range n.Content {
		out = treeComments(c, out)
	}
	return out
}

// trimBlanks drops the spaces and tabs around s; other blanks (U+00A0…)
// are text.
func trimBlanks(s string) string { return strings.Trim(s, " \t") }
