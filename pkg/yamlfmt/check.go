package yamlfmt

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"slices"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// summary is what formatting must keep of a document: its data and its
// comments.
type summary struct {
	data     uint64
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

// digestSeed seeds every digest of the process, so that two digests can
// be compared; it is made on first use, not at start-up.
var digestSeed = sync.OnceValue(maphash.MakeSeed)

// digest sums a node's data: its values and tags, mapping order left
// out, an alias read as the value it names (so moving an anchor changes
// nothing). Anchor names, styles and the spelling of null are not data.
//
// The sum is 64 bits of hash/maphash under a seed chosen at random per
// process: a formatting mistake that changed the data goes unseen with a
// chance of 2^-64, and no file can be written to aim at it. (It was
// SHA-256 over a slice built per node: a fifth of the time of formatting
// a large plan, and more allocation than the parser's.)
func digest(n *yaml.Node) uint64 {
	d := digester{memo: map[*yaml.Node]uint64{}, open: map[*yaml.Node]bool{}}
	d.h.SetSeed(digestSeed())
	return d.sum(n)
}

// digester sums nodes. Only an anchored node can be reached twice (through
// an alias), so only those are remembered, and watched for cycles.
type digester struct {
	h     maphash.Hash
	memo  map[*yaml.Node]uint64
	open  map[*yaml.Node]bool
	pairs []uint64 // scratch for the mappings being summed, innermost last
}

func (d *digester) sum(n *yaml.Node) uint64 {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Anchor != "" {
		if s, ok := d.memo[n]; ok {
			return s
		}
		if d.open[n] {
			return maphash.String(digestSeed(), "cycle")
		}
		d.open[n] = true
		defer delete(d.open, n)
	}
	// The children are summed first: the hasher holds one node at a time.
	var kids []uint64
	switch n.Kind {
	case yaml.SequenceNode:
		base := len(d.pairs)
		for _, c := range n.Content {
			d.pairs = append(d.pairs, d.sum(c))
		}
		kids = d.pairs[base:]
		defer func() { d.pairs = d.pairs[:base] }()
	case yaml.MappingNode:
		base := len(d.pairs)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := d.sum(n.Content[i])
			v := d.sum(n.Content[i+1])
			d.h.Reset()
			writeUint64(&d.h, k)
			writeUint64(&d.h, v)
			d.pairs = append(d.pairs, d.h.Sum64())
		}
		kids = d.pairs[base:]
		slices.Sort(kids)
		defer func() { d.pairs = d.pairs[:base] }()
	}
	h := &d.h
	h.Reset()
	h.WriteByte(byte(n.Kind))
	switch n.Kind {
	case yaml.ScalarNode:
		tag := n.ShortTag()
		h.WriteString(tag)
		if tag != "!!null" { // ~, null and nothing are one value
			h.WriteByte(0)
			writeUint64(h, uint64(len(n.Value)))
			h.WriteString(n.Value)
		}
	case yaml.SequenceNode, yaml.MappingNode:
		for _, k := range kids {
			writeUint64(h, k)
		}
	default:
		h.WriteString(n.Value) // an alias yaml.v3 left unresolved
	}
	s := h.Sum64()
	if n.Anchor != "" {
		d.memo[n] = s
	}
	return s
}

func writeUint64(h *maphash.Hash, v uint64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], v)
	h.Write(b[:])
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
