package yamlfmt

import (
	"bytes"
	"fmt"
	"slices"
	"sync/atomic"

	"gopkg.in/yaml.v3"

	"github.com/icmpd/bp/pkg/workplan"
)

// verified is the formatter every test of the package (FuzzFormat
// included) formats with: it makes the checks format may skip, and
// panics when they disagree with it.
var verified = formatter{verifySameTree: checkSameTree, verifySplice: checkSplice}

// checkSameTree makes the check and the second print that sameTree lets
// format skip: sameTree must stay true only of a tree the printer cannot
// tell from the one it printed.
func checkSameTree(printed, back *yaml.Node, out []byte, head string, schema *workplan.Object) {
	want, got := summarize(printed), summarize(back)
	if want.data != got.data || !slices.Equal(want.comments, got.comments) {
		panic(fmt.Sprintf("sameTree: the read-back holds other data or comments than the tree printed\noutput:\n%q", out))
	}
	if err := hoistAnchors(back, schema); err != nil {
		panic(fmt.Sprintf("sameTree: the read-back's anchors: %v\noutput:\n%q", err, out))
	}
	p := &printer{}
	p.buf.WriteString(head)
	p.document(back, schema)
	if !bytes.Equal(p.buf.Bytes(), out) {
		panic(fmt.Sprintf("sameTree: the read-back prints otherwise\nfirst:\n%q\nsecond:\n%q", out, p.buf.Bytes()))
	}
}

// spliced counts the outputs splice read in parts, for the tests that
// must take that path.
var spliced atomic.Int64

// checkSplice reads every output splice reads in parts whole too, with
// the comments the reader drops put back as format does: the two trees
// must agree node for node, positions and styles included, and the whole
// one must be the tree printed (sameTree, and what checkSameTree checks).
func checkSplice(printed, back *yaml.Node, out []byte, schema *workplan.Object) {
	spliced.Add(1)
	full, err := parse(out)
	if err == nil {
		err = restoreComments(out, full)
	}
	if err != nil {
		panic(fmt.Sprintf("splice: the output does not read back whole: %v\noutput:\n%q", err, out))
	}
	if d := nodeDiff(full, back, "document"); d != "" {
		panic(fmt.Sprintf("splice: the tree read in parts differs from the whole: %s\noutput:\n%q", d, out))
	}
	if !sameTree(printed, full, schema) {
		panic(fmt.Sprintf("splice: accepted an output that is not the tree printed\noutput:\n%q", out))
	}
	checkSameTree(printed, full, out, "", schema)
}

// nodeDiff describes the first difference between a and b, node for
// node, in everything yaml.v3 reads: "" when there is none.
func nodeDiff(a, b *yaml.Node, at string) string {
	type view struct {
		Kind                                  yaml.Kind
		Style                                 yaml.Style
		Tag, Value, Anchor                    string
		HeadComment, LineComment, FootComment string
		Line, Column, N                       int
	}
	see := func(n *yaml.Node) view {
		return view{n.Kind, n.Style, n.Tag, n.Value, n.Anchor, n.HeadComment, n.LineComment, n.FootComment, n.Line, n.Column, len(n.Content)}
	}
	if va, vb := see(a), see(b); va != vb {
		return fmt.Sprintf("%s: whole %+v, in parts %+v", at, va, vb)
	}
	if (a.Alias == nil) != (b.Alias == nil) {
		return at + ": an alias in one tree only"
	}
	for i := range a.Content {
		if d := nodeDiff(a.Content[i], b.Content[i], fmt.Sprintf("%s/%d", at, i)); d != "" {
			return d
		}
	}
	return ""
}
