package workplan

// YAML syntax errors: where the mistake really is, and how to fix it.

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

func (d *decoder) syntaxError(data []byte, err error) {
	line, msg := splitYAMLError(err)
	if strings.Contains(msg, "exceeded max depth") || strings.Contains(msg, "excessive aliasing") {
		d.errorf(Pos{max(line, 1), 1}, "limit", "a workplan nests a few levels deep; check the file is the right one",
			"the YAML nests too deep (%s)", msg)
		return
	}
	if name, ok := strings.CutPrefix(msg, "unknown anchor '"); ok {
		name, _, _ = strings.Cut(name, "'")
		d.errorf(aliasPos(data, name), "yaml-syntax", "mark the value to reuse with &"+name+" before this *"+name+", or fix the spelling",
			"alias *%s refers to no anchor &%s", name, name)
		return
	}
	line = problemLine(data, line, msg)
	text := lineText(data, line)
	col := 1 + len(text) - len(strings.TrimLeft(text, " "))
	hint := ""
	switch {
	case strings.Contains(text, "\t") && strings.Contains(msg, "tab"),
		strings.HasPrefix(strings.TrimLeft(text, " "), "\t"):
		col = strings.IndexByte(text, '\t') + 1
		hint = "YAML indents with spaces, not tabs"
	case strings.Contains(msg, "mapping values are not allowed"):
		if i := strings.Index(text, ": "); i >= 0 {
			if j := strings.Index(text[i+2:], ":"); j >= 0 {
				col = utf8.RuneCountInString(text[:i+2+j]) + 1
			}
		}
		hint = "quote a value that contains \": \" (title: \"A: B\"), or check the indentation of the line above"
	case strings.Contains(msg, "expected ',' or ']'"), strings.Contains(msg, "expected ',' or '}'"):
		if i := strings.LastIndexAny(text, "[{"); i >= 0 {
			col = utf8.RuneCountInString(text[:i]) + 1
		}
		hint = "close the list with ] (or the mapping with }) on the same line, and separate items with commas"
	case strings.Contains(msg, "end of stream") && strings.ContainsAny(text, "\"'"):
		i := strings.IndexAny(text, "\"'")
		col = utf8.RuneCountInString(text[:i]) + 1
		hint = "close the quote that opens here, or leave the value unquoted"
	case strings.Contains(msg, "control characters are not allowed"):
		for i, r := range text {
			if r != '\t' && (r < 0x20 || r == 0x7F || r >= 0x80 && r < 0xA0) {
				col = utf8.RuneCountInString(text[:i]) + 1
				break
			}
		}
		hint = "delete the invisible control character (pasted from a terminal or a word processor?)"
	case strings.Contains(msg, "did not find expected"):
		hint = "check the indentation: keys of one mapping line up, and every \"- \" item lines up with its siblings"
	}
	d.errorf(Pos{line, col}, "yaml-syntax", hint, "%s", msg)
}

// splitYAMLError splits "yaml: line 12: message" into 12 and "message"
// (line 0 when the error names none).
func splitYAMLError(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if i := strings.Index(rest, ": "); i > 0 {
			if n, err := strconv.Atoi(rest[:i]); err == nil {
				return n, rest[i+2:]
			}
		}
	}
	return 0, msg
}

// problemLine finds the line of a syntax error. yaml.v3 names the line
// where the construct in trouble began (a list 300 lines up, and one line
// early for parser errors), not the line of the mistake. The first prefix
// of the file, cut at a line end, that fails with the same message ends
// on the line of the mistake: a binary search finds it in O(log lines)
// parses, paid only when the file is already broken.
func problemLine(data []byte, reported int, msg string) int {
	ends := make([]int, 0, 64)
	for i, b := range data {
		if b == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(ends) == 0 || ends[len(ends)-1] != len(data) {
		ends = append(ends, len(data))
	}
	fails := func(line int) bool {
		var n yaml.Node
		err := yaml.Unmarshal(data[:ends[line-1]], &n)
		if err == nil {
			return false
		}
		_, m := splitYAMLError(err)
		return m == msg
	}
	lo, hi := max(reported-1, 1), len(ends)
	if lo > hi || !fails(hi) {
		return max(reported, 1)
	}
	for lo < hi {
		mid := lo + (hi-lo)/2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// aliasPos finds the first "*name" alias in the source.
func aliasPos(data []byte, name string) Pos {
	needle := []byte("*" + name)
	for off := 0; ; {
		i := bytes.Index(data[off:], needle)
		if i < 0 {
			return Pos{1, 1}
		}
		end := off + i + len(needle)
		if end == len(data) || bytes.IndexByte([]byte(" \t\r\n,]}"), data[end]) >= 0 {
			return offsetPos(data, off+i)
		}
		off = end
	}
}

func lineText(data []byte, line int) string {
	for i := 1; i < line; i++ {
		j := bytes.IndexByte(data, '\n')
		if j < 0 {
			return ""
		}
		data = data[j+1:]
	}
	if j := bytes.IndexByte(data, '\n'); j >= 0 {
		data = data[:j]
	}
	return strings.TrimRight(string(data), "\r")
}
