package yamlfmt

import (
	"crypto/sha256"
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
// nothing). Anchor names and styles are not data.
func digest(n *yaml.Node) [sha256.Size]byte {
	d := digester{memo: map[*yaml.Node][sha256.Size]byte{}, open: map[*yaml.Node]bool{}}
	return d.sum(n)
}

type digester struct {
	memo map[*yaml.Node][sha256.Size]byte
	open map[*yaml.Node]bool // the nodes being summed: an alias to one is a cycle
}

func (d *digester) sum(n *yaml.Node) [sha256.Size]byte {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if s, ok := d.memo[n]; ok {
		return s
	}
	h := sha256.New()
	if d.open[n] {
		h.Write([]byte("cycle"))
		return [sha256.Size]byte(h.Sum(nil))
	}
	d.open[n] = true
	defer delete(d.open, n)
	fmt.Fprintf(h, "%d:", n.Kind)
	switch n.Kind {
	case yaml.ScalarNode:
		if n.ShortTag() == "!!null" {
			h.Write([]byte("null")) // ~, null and nothing are one value
			break
		}
		fmt.Fprintf(h, "%q=%q", n.ShortTag(), n.Value)
	case yaml.SequenceNode:
		for _, c := range n.Content {
			s := d.sum(c)
			h.Write(s[:])
		}
	case yaml.MappingNode:
		pairs := make([][sha256.Size]byte, 0, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := d.sum(n.Content[i]), d.sum(n.Content[i+1])
			pairs = append(pairs, sha256.Sum256(append(k[:], v[:]...)))
		}
		slices.SortFunc(pairs, func(a, b [sha256.Size]byte) int { return strings.Compare(string(a[:]), string(b[:])) })
		for _, p := range pairs {
			h.Write(p[:])
		}
	default:
		fmt.Fprintf(h, "%q", n.Value) // an alias yaml.v3 left unresolved
	}
	s := [sha256.Size]byte(h.Sum(nil))
	d.memo[n] = s
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
