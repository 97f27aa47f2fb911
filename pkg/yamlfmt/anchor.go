package yamlfmt

import (
	"fmt"

	"gopkg.in/yaml.v3"

	"github.com/icmpd/bp/pkg/workplan"
)

// hoistAnchors makes every alias come after its anchor in the order the
// printer writes doc, which need not be the file's order: an alias
// printed before its anchor takes the anchored value (anchor, content and
// all), and the place the value had gets the alias. The data stay the
// same, and the second run finds nothing to move. Comments stay where
// they were: they belong to the place, not to the value.
func hoistAnchors(doc *yaml.Node, schema *workplan.Object) error {
	h := &hoister{slot: map[*yaml.Node]**yaml.Node{}, bound: map[string]*yaml.Node{}, printed: map[*yaml.Node]bool{}}
	h.slots(&doc.Content[0])
	return h.walk(&doc.Content[0], &workplan.Field{Kind: workplan.KindObject, Object: schema})
}

type hoister struct {
	slot    map[*yaml.Node]**yaml.Node // where each anchored node is
	bound   map[string]*yaml.Node      // what an alias names at this point of the output
	printed map[*yaml.Node]bool        // anchored nodes printed so far
}

// slots records where each anchored node of the tree is.
func (h *hoister) slots(at **yaml.Node) {
	n := *at
	if n.Anchor != "" {
		h.slot[n] = at
	}
	for i := range n.Content {
		h.slots(&n.Content[i])
	}
}

// walk visits the tree in the printer's order; f describes the node at
// the slot, as the printer sees it.
func (h *hoister) walk(at **yaml.Node, f *workplan.Field) error {
	n := *at
	if n.Kind == yaml.AliasNode {
		target := n.Alias
		switch {
		case h.bound[n.Value] == target:
			return nil
		case h.printed[target]:
			return fmt.Errorf("line %d: anchor &%s is defined twice, and in bp's key order *%s would name the other value; give the anchors different names",
				n.Line, n.Value, n.Value)
		}
		// The value is printed here; where it was, the alias.
		from := h.slot[target]
		if from == nil {
			// a change took the anchored value out of the document
			return fmt.Errorf("line %d: alias *%s names a value that is no longer in the file", n.Line, n.Value)
		}
		*at, *from = target, n
		h.slot[target] = at
		n.HeadComment, target.HeadComment = target.HeadComment, n.HeadComment
		n.LineComment, target.LineComment = target.LineComment, n.LineComment
		n.FootComment, target.FootComment = target.FootComment, n.FootComment
		n = target
	}
	if n.Anchor != "" {
		h.bound[n.Anchor] = n
		h.printed[n] = true
	}
	switch n.Kind {
	case yaml.MappingNode:
		o := objectOf(f)
		for _, i := range ordered(n, o) {
			var cf *workplan.Field
			if o != nil {
				cf = o.Field(n.Content[i].Value)
			}
			if err := h.walk(&n.Content[i+1], cf); err != nil {
				return err
			}
		}
	case yaml.SequenceNode:
		elem := elemOf(f)
		for i := range n.Content {
			if err := h.walk(&n.Content[i], elem); err != nil {
				return err
			}
		}
	}
	return nil
}
