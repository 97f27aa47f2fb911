package yamlfmt

import (
	"bytes"
	"fmt"
	"slices"

	"gopkg.in/yaml.v3"

	"github.com/icmpd/bp/pkg/workplan"
)

// Every test of the package (FuzzFormat included) makes the check and
// the second print that sameTree lets format skip, and fails when they
// disagree with it: sameTree must stay true only of a tree the printer
// cannot tell from the one it printed.
func init() {
	verifySameTree = func(printed, back *yaml.Node, out []byte, head string, schema *workplan.Object) {
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
}
