package yamlfmt

import (
	"encoding/binary"
	"errors"
	"hash/maphash"
	"slices"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/icmpd/bp/pkg/workplan"
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

// check checks that back, an output as read back, holds the same data
// and the same comments.
func (s summary) check(back *yaml.Node) error {
	got := summarize(back)
	if got.data != s.data {
		return errors.New("output reads back as different data")
	}
	if !slices.Equal(got.comments, s.comments) {
		return errors.New("output does not keep every comment")
	}
	return nil
}

// sameTree reports whether back, the printer's output for doc as read
// back, is doc over again in everything the printer and the check read:
// node for node the same kind, tag, value, anchor and comments, and the
// same children, a mapping's pairs in the order the printer writes them
// (the schema's, see ordered). Then back holds doc's data and comments,
// and prints as doc printed: the output reproduces itself, and neither
// a summary nor a second print is needed. A tree with an alias is never
// the same here: the printer moves anchors first (hoistAnchors), and
// that is left to the full check.
//
// It holds only while the printer reads nothing else of a node (not its
// style, not its line): the package's tests make the check and the
// second print too, on every input (formatter.verifySameTree), to keep
// it so.
func sameTree(doc, back *yaml.Node, schema *workplan.Object) bool {
	if !sameNode(doc, back) || len(doc.Content) != 1 {
		return false
	}
	return same(doc.Content[0], back.Content[0], &workplan.Field{Kind: workplan.KindObject, Object: schema}, true)
}

// sameNode compares what the printer reads of a node itself.
func sameNode(a, b *yaml.Node) bool {
	return a.Kind == b.Kind && a.Kind != yaml.AliasNode && a.Tag == b.Tag && a.Value == b.Value && a.Anchor == b.Anchor &&
		a.HeadComment == b.HeadComment && a.LineComment == b.LineComment && a.FootComment == b.FootComment &&
		len(a.Content) == len(b.Content)
}

// same compares a and b and their children; f describes the node as the
// printer sees it (as hoister.walk follows it), top marks the root.
func same(a, b *yaml.Node, f *workplan.Field, top bool) bool {
	if !sameNode(a, b) {
		return false
	}
	switch a.Kind {
	case yaml.MappingNode:
		o := objectOf(f)
		n := len(a.Content) / 2
		if len(a.Content)%2 != 0 {
			return false
		}
		inOrder := true
		for i := 0; i < len(a.Content); i += 2 {
			if a.Content[i].Value != b.Content[i].Value {
				inOrder = false
				break
			}
		}
		var order []int
		if !inOrder {
			// b is in the printer's order, which a may not be (a key
			// the change added last). The order is a function of the
			// keys, so b's own comes out as it is. The printer takes the
			// comment after the root's last key in the file to the end:
			// it must be nothing in both, or the same key's.
			order = ordered(a, o)
			if top {
				ka, kb := a.Content[len(a.Content)-2], b.Content[len(b.Content)-2]
				if ka.Value != kb.Value && (ka.FootComment != "" || kb.FootComment != "") {
					return false
				}
			}
		}
		for j := range n {
			i := 2 * j
			if order != nil {
				i = order[j]
			}
			k := a.Content[i]
			var cf *workplan.Field
			if o != nil {
				cf = o.Field(k.Value)
			}
			if !sameNode(k, b.Content[2*j]) || !same(a.Content[i+1], b.Content[2*j+1], cf, false) {
				return false
			}
		}
	case yaml.SequenceNode:
		elem := elemOf(f)
		for i, c := range a.Content {
			if !same(c, b.Content[i], elem, false) {
				return false
			}
		}
	default:
		for i, c := range a.Content {
			if !same(c, b.Content[i], nil, false) {
				return false
			}
		}
	}
	return true
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
