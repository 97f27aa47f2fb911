// Package workplan owns the workplan format: the model of a plan and its
// events, the loader that reads it from YAML while keeping every line and
// column, the validator that turns mistakes into [Diagnostic] values, and
// the queries (month, date range, type, group, status, text) that every
// output of bp shares.
//
// # Reading a plan
//
// [Parse] reads one file's bytes into a [Plan] and the diagnostics found on
// the way; [Validate] adds the rules that need the whole plan (references,
// dates, back-to-back pairs, overlaps). [Check] does both. Nothing here
// reads the clock: the date a rule needs comes in [Options].
//
// # The format
//
// The YAML format is described once, as data, in [Schema]: the decoder
// walks a file against it (unknown keys, wrong types, missing fields), and
// the JSON Schema for editors is generated from it, so the two cannot drift.
//
// # Limits
//
// Input is bounded by [Limits]: its size, its nesting depth, the number
// of nodes alias expansion may visit, and the text the file stands for
// once aliases are expanded and each event's references repeated (by
// default at most 4 × its size + 64 KiB), so a hostile file gives an
// error, not a hang, and what bp prints stays in proportion to what it
// reads.
package workplan
