package workplan

// FoldSlow is the fold by its definition, which Fold's fast path must
// agree with.
var FoldSlow = foldSlow
