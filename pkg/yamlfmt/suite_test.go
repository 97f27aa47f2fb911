package yamlfmt

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/icmpd/bp/pkg/internal/golden"
	"github.com/icmpd/bp/pkg/workplan"
)

// suiteCase is one case of the YAML test suite, as
// testdata/yaml-test-suite/cases.json holds it.
type suiteCase struct {
	ID   string  `json:"id"`
	Name string  `json:"name"`
	YAML string  `json:"yaml"`
	Tree *string `json:"tree"` // the parse events; nil: none given
	JSON *string `json:"json"` // nil: the suite gives no JSON
	Fail bool    `json:"fail"` // the input is not YAML
}

func suiteCases(t testing.TB) []suiteCase {
	t.Helper()
	data, err := os.ReadFile("../../testdata/yaml-test-suite/cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []suiteCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	return cases
}

// TestFormatYAMLTestSuite formats every valid case of the YAML test suite
// (github.com/yaml/yaml-test-suite) the way bp fmt does, and holds Format
// to its promise on each: it refuses the input and leaves it as it was,
// or its output holds the data the suite says the INPUT holds. yaml.v3
// misreads a few inputs: a check that compared the output with yaml.v3's
// reading of the input would pass the misreading written back. Here the
// output is compared with the suite's JSON (where it gives one) and with
// the data of its parse events (its "tree"), which also covers the
// cases JSON cannot hold (a null value, a number as a key).
//
// The output is read by yaml.v3 for its structure, which is safe: bp
// writes only block mappings and lists, plain, double-quoted and block
// scalars, and [a, b] lists of plain values. A plain scalar's type is
// YAML 1.2's (the core schema), not yaml.v3's, which reads "012" as
// octal and "2001-01-23" as a date.
//
// What Format did with each case is kept in
// testdata/yaml-test-suite/fmt.golden (a refusal with its reason), so
// that a case that comes to be refused, or no longer is, shows in review.
func TestFormatYAMLTestSuite(t *testing.T) {
	var report bytes.Buffer
	var withJSON, valid, equal, refused, changed int
	for _, c := range suiteCases(t) {
		if c.Fail || c.JSON == nil && c.Tree == nil {
			continue
		}
		valid++
		if c.JSON != nil {
			withJSON++
		}
		in := []byte(c.YAML)
		out, err := verified.Format(in, workplan.Schema)
		if !bytes.Equal(in, []byte(c.YAML)) {
			t.Errorf("%s: Format changed its input", c.ID)
		}
		if err != nil {
			refused++
			fmt.Fprintf(&report, "%s: refused: %v\n", c.ID, err)
			continue
		}
		if err := sameSuiteData(c, out); err != nil {
			changed++
			fmt.Fprintf(&report, "%s: CHANGED\n", c.ID)
			t.Errorf("%s (%s): the output does not hold the input's data: %v\ninput:\n%q\noutput:\n%q",
				c.ID, c.Name, err, c.YAML, out)
			continue
		}
		equal++
		fmt.Fprintf(&report, "%s: same data\n", c.ID)
	}
	summary := fmt.Sprintf("%d valid cases (%d with JSON): %d formatted with the same data, %d refused, %d changed",
		valid, withJSON, equal, refused, changed)
	fmt.Fprintf(&report, "\n%s\n", summary)
	t.Log(summary)
	golden.Assert(t, "../../testdata/yaml-test-suite/fmt.golden", report.Bytes())
}

// sameSuiteData checks that out, Format's output for c's input, holds
// the data c says the input holds.
func sameSuiteData(c suiteCase, out []byte) error {
	docs, err := readDocuments(out)
	if err != nil {
		return err
	}
	if c.JSON != nil {
		want, err := jsonDocuments(*c.JSON)
		if err != nil {
			return fmt.Errorf("the suite's JSON: %v", err)
		}
		got := make([]any, len(docs))
		for i, d := range docs {
			if got[i], err = jsonValue(d); err != nil {
				return err
			}
		}
		if !reflect.DeepEqual(got, want) {
			return fmt.Errorf("reads as %s, the suite's JSON says %s", show(got), show(want))
		}
	}
	if c.Tree != nil {
		want, err := treeDocuments(*c.Tree)
		if err != nil {
			return fmt.Errorf("the suite's tree: %v", err)
		}
		got := make([]string, len(docs))
		for i, d := range docs {
			if got[i], err = nodeData(d, 0); err != nil {
				return err
			}
		}
		if !slices.Equal(got, want) {
			return fmt.Errorf("reads as %q, the suite's tree says %q", got, want)
		}
	}
	return nil
}

// readDocuments reads the root node of each document of data.
func readDocuments(data []byte) ([]*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var docs []*yaml.Node
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if err == io.EOF {
			return docs, nil
		}
		if err != nil {
			return nil, fmt.Errorf("does not read back: %v", err)
		}
		docs = append(docs, doc.Content[0])
	}
}

// A plain scalar's type in YAML 1.2's core schema (YAML 1.2.2, 10.3.2).
var (
	coreNull  = regexp.MustCompile(`^(null|Null|NULL|~|)$`)
	coreBool  = regexp.MustCompile(`^(true|True|TRUE|false|False|FALSE)$`)
	coreInt   = regexp.MustCompile(`^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$`)
	coreFloat = regexp.MustCompile(`^([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$`)
)

// coreScalar returns a plain scalar's data, its type first: "null",
// "bool:true", "int:12", "float:1.5" or "str:text".
func coreScalar(s string) string {
	switch {
	case coreNull.MatchString(s):
		return "null"
	case coreBool.MatchString(s):
		return "bool:" + strings.ToLower(s)
	case coreInt.MatchString(s):
		i, ok := new(big.Int), false
		switch {
		case strings.HasPrefix(s, "0o"):
			i, ok = i.SetString(s[2:], 8)
		case strings.HasPrefix(s, "0x"):
			i, ok = i.SetString(s[2:], 16)
		default:
			i, ok = i.SetString(strings.TrimPrefix(s, "+"), 10)
		}
		if ok {
			return "int:" + i.String()
		}
	case coreFloat.MatchString(s):
		t := strings.ToLower(strings.TrimPrefix(s, "+"))
		t = strings.Replace(t, ".inf", "inf", 1)
		t = strings.Replace(t, ".nan", "nan", 1)
		if f, err := strconv.ParseFloat(t, 64); err == nil || errors.Is(err, strconv.ErrRange) {
			return "float:" + strconv.FormatFloat(f, 'g', -1, 64)
		}
	}
	return "str:" + s
}

// nodeData writes a node of bp's output as treeDocuments writes the
// suite's events: scalars as coreScalar gives them (a quoted or block
// scalar is a string), a mapping's pairs sorted.
func nodeData(n *yaml.Node, depth int) (string, error) {
	if depth > 100 {
		return "", errors.New("an alias inside the value it names")
	}
	switch n.Kind {
	case yaml.AliasNode:
		return nodeData(n.Alias, depth+1)
	case yaml.ScalarNode:
		if n.Style&yaml.TaggedStyle != 0 {
			return "", fmt.Errorf("the output has a tag (%s)", n.Tag)
		}
		s := "str:" + n.Value
		if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) == 0 {
			s = coreScalar(n.Value)
		}
		return quoteData(s), nil
	}
	var items []string
	for _, c := range n.Content {
		d, err := nodeData(c, depth+1)
		if err != nil {
			return "", err
		}
		items = append(items, d)
	}
	if n.Kind == yaml.MappingNode {
		return mappingData(items), nil
	}
	return "[" + strings.Join(items, ",") + "]", nil
}

func quoteData(s string) string { return strconv.Quote(s) }

// mappingData writes a mapping from its keys and values, one after the
// other, its pairs sorted.
func mappingData(items []string) string {
	var pairs []string
	for i := 0; i+1 < len(items); i += 2 {
		pairs = append(pairs, items[i]+":"+items[i+1])
	}
	slices.Sort(pairs)
	return "{" + strings.Join(pairs, ",") + "}"
}

// treeDocuments reads the suite's parse events (+MAP, =VAL :x, =ALI *a…)
// into the data of each document, written as nodeData writes a node.
func treeDocuments(tree string) ([]string, error) {
	type open struct {
		anchor string
		items  []string
		seq    bool
	}
	var (
		docs    []string
		stack   []*open
		anchors = map[string]string{}
	)
	add := func(d string) {
		if len(stack) == 0 {
			docs = append(docs, d)
		} else {
			top := stack[len(stack)-1]
			top.items = append(top.items, d)
		}
	}
	for _, line := range strings.Split(tree, "\n") {
		line = strings.TrimLeft(line, " ")
		event, rest, _ := strings.Cut(line, " ")
		var anchor, tag string
		for {
			switch {
			case strings.HasPrefix(rest, "&"):
				anchor, rest, _ = strings.Cut(rest[1:], " ")
				continue
			case strings.HasPrefix(rest, "<"):
				i := strings.Index(rest, ">")
				if i < 0 {
					return nil, fmt.Errorf("bad tag in %q", line)
				}
				tag, rest = rest[1:i], strings.TrimPrefix(rest[i+1:], " ")
				continue
			}
			break
		}
		switch event {
		case "", "+STR", "-STR", "+DOC", "-DOC":
		case "+MAP", "+SEQ":
			if tag != "" && tag != "!" {
				return nil, fmt.Errorf("tag %s", tag)
			}
			stack = append(stack, &open{anchor: anchor, seq: event == "+SEQ"})
		case "-MAP", "-SEQ":
			if len(stack) == 0 {
				return nil, fmt.Errorf("%s without its start", event)
			}
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			d := "[" + strings.Join(top.items, ",") + "]"
			if !top.seq {
				d = mappingData(top.items)
			}
			if top.anchor != "" {
				anchors[top.anchor] = d
			}
			add(d)
		case "=VAL":
			if rest == "" {
				return nil, fmt.Errorf("bad value in %q", line)
			}
			style, text := rest[0], unescapeTree(rest[1:])
			var d string
			switch {
			case tag == "tag:yaml.org,2002:str" || tag == "!":
				d = "str:" + text
			case tag != "":
				return nil, fmt.Errorf("tag %s", tag)
			case style == ':':
				d = coreScalar(text)
			default:
				d = "str:" + text
			}
			d = quoteData(d)
			if anchor != "" {
				anchors[anchor] = d
			}
			add(d)
		case "=ALI":
			d, ok := anchors[strings.TrimPrefix(rest, "*")]
			if !ok {
				return nil, fmt.Errorf("alias %s names nothing, or what holds it", rest)
			}
			add(d)
		default:
			return nil, fmt.Errorf("unknown event %q", line)
		}
	}
	return docs, nil
}

// unescapeTree reads a value of the suite's events, where a backslash,
// a line break, a tab, a backspace and a CR are written \\, \n, \t, \b
// and \r.
func unescapeTree(s string) string {
	return strings.NewReplacer(`\\`, `\`, `\n`, "\n", `\t`, "\t", `\b`, "\b", `\r`, "\r").Replace(s)
}

// number is a number of JSON or YAML, written so that two spellings of
// one value are equal: 12, 12.0 and 1.2e1 are "12".
type number string

func (n number) MarshalJSON() ([]byte, error) { return []byte(n), nil }

func jsonNumber(s string) (number, error) {
	if i, ok := new(big.Int).SetString(s, 10); ok {
		return number(i.String()), nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return "", err
	}
	return floatNumber(f), nil
}

func floatNumber(f float64) number {
	if f == math.Trunc(f) && !math.IsInf(f, 0) {
		i, _ := big.NewFloat(f).Int(nil)
		return number(i.String())
	}
	return number(strconv.FormatFloat(f, 'g', -1, 64))
}

// jsonDocuments reads the suite's JSON: one value per YAML document,
// numbers as [number].
func jsonDocuments(s string) ([]any, error) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	docs := []any{}
	for {
		var v any
		err := dec.Decode(&v)
		if err == io.EOF {
			return docs, nil
		}
		if err != nil {
			return nil, err
		}
		if v, err = jsonNormal(v); err != nil {
			return nil, err
		}
		docs = append(docs, v)
	}
}

func jsonNormal(v any) (any, error) {
	var err error
	switch v := v.(type) {
	case json.Number:
		return jsonNumber(string(v))
	case []any:
		for i := range v {
			if v[i], err = jsonNormal(v[i]); err != nil {
				return nil, err
			}
		}
	case map[string]any:
		for k := range v {
			if v[k], err = jsonNormal(v[k]); err != nil {
				return nil, err
			}
		}
	}
	return v, nil
}

// jsonValue is a node of bp's output as JSON holds it: a plain scalar
// typed by the core schema, numbers as [number], a key as its text.
func jsonValue(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.AliasNode:
		return jsonValue(n.Alias)
	case yaml.ScalarNode:
		if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
			return n.Value, nil
		}
		typ, val, _ := strings.Cut(coreScalar(n.Value), ":")
		switch typ {
		case "null":
			return nil, nil
		case "bool":
			return val == "true", nil
		case "int":
			return jsonNumber(val)
		case "float":
			f, _ := strconv.ParseFloat(val, 64)
			if math.IsInf(f, 0) || math.IsNaN(f) {
				return nil, fmt.Errorf("%s has no JSON form", n.Value)
			}
			return floatNumber(f), nil
		}
		return val, nil
	case yaml.SequenceNode:
		out := make([]any, len(n.Content))
		for i, c := range n.Content {
			v, err := jsonValue(c)
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, err := jsonValue(n.Content[i])
			if err != nil {
				return nil, err
			}
			var key string
			switch k := k.(type) {
			case string:
				key = k
			case number:
				key = string(k)
			case bool:
				key = strconv.FormatBool(k)
			default:
				return nil, fmt.Errorf("key %v has no JSON form", k)
			}
			if _, dup := out[key]; dup {
				return nil, fmt.Errorf("two keys read as %q", key)
			}
			if out[key], err = jsonValue(n.Content[i+1]); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("a node of kind %d", n.Kind)
}

func show(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// FuzzFormat's promises hold on every input of the suite, the invalid
// ones too (they must be refused without a panic or "please report").
func TestFormatYAMLTestSuitePromises(t *testing.T) {
	for _, c := range suiteCases(t) {
		t.Run(c.ID, func(t *testing.T) { formatPromises(t, []byte(c.YAML)) })
	}
}
