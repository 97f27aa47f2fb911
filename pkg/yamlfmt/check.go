package yamlfmt

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// same checks that out reads back as doc: the same values and tags, the
// same keys (in any order), the same comments.
func same(doc *yaml.Node, out []byte) (*yaml.Node, error) {
	back, err := parse(out)
	if err != nil {
		return nil, fmt.Errorf("output does not read back: %v", err)
	}
	if a, b := canon(doc.Content[0]), canon(back.Content[0]); a != b {
		return nil, errors.New("output reads back as different data")
	}
	a, b := comments(doc, nil), comments(back, nil)
	slices.Sort(a)
	slices.Sort(b)
	if !slices.Equal(a, b) {
		return nil, errors.New("output does not keep every comment")
	}
	return back, nil
}

// canon writes a node as a string in which mapping order does not count.
func canon(n *yaml.Node) string {
	switch n.Kind {
	case yaml.AliasNode:
		return "*" + strconv.Quote(n.Value)
	case yaml.ScalarNode:
		return "&" + n.Anchor + "!" + n.ShortTag() + "=" + strconv.Quote(n.Value)
	case yaml.SequenceNode:
		parts := make([]string, len(n.Content))
		for i, c := range n.Content {
			parts[i] = canon(c)
		}
		return "&" + n.Anchor + "[" + strings.Join(parts, ",") + "]"
	case yaml.MappingNode:
		parts := make([]string, 0, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			parts = append(parts, canon(n.Content[i])+":"+canon(n.Content[i+1]))
		}
		slices.Sort(parts)
		return "&" + n.Anchor + "{" + strings.Join(parts, ",") + "}"
	}
	return "?"
}

// comments lists every comment line of the tree, trimmed.
func comments(n *yaml.Node, out []string) []string {
	for _, c := range []string{n.HeadComment, n.LineComment, n.FootComment} {
		for _, l := range strings.Split(c, "\n") {
			if l = strings.Join(strings.Fields(l), " "); l != "" {
				out = append(out, l)
			}
		}
	}
	for _, c := range n.Content {
		out = comments(c, out)
	}
	return out
}
