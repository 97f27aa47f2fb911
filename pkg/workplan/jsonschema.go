package workplan

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// JSONSchemaID is the $id of the generated schema: where the copy
// committed to the repository is published.
const JSONSchemaID = "https://raw.githubusercontent.com/icmpd/bp/main/workplans/workplan.schema.json"

// Patterns of the JSON Schema, the same shapes the decoder accepts.
const (
	patternDate  = `^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$`
	patternMonth = `^[0-9]{4}-(0[1-9]|1[0-2])$`
	patternDue   = `^[0-9]{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?$`
	patternTime  = `^([01][0-9]|2[0-3]):[0-5][0-9]$`
	patternID    = `^[a-z0-9][a-z0-9-]{0,63}$`
	patternURL   = `^[Hh][Tt][Tt][Pp][Ss]?://[^/?#\s]+`
	patternHTTPS = `^[Hh][Tt][Tt][Pp][Ss]://[^/?#\s"<>\\@]+([/?#][^\s"<>\\]*)?$`
	// one line of text, surrounding space allowed (it is trimmed)
	patternLine         = `^\s*[^\r\n]*\s*$`
	patternLineRequired = `^\s*[^\r\n]*\S[^\r\n]*\s*$`
)

// JSONSchema returns the JSON Schema (draft 2020-12) of the workplan
// format, generated from [Schema]: the same definitions the decoder
// walks, so the two cannot drift. Editors with a YAML language server
// use it to complete keys and flag mistakes as one types.
//
// The schema checks shapes: keys, types, enumerations, required keys,
// the form of dates, months, times, ids and URLs. What needs more than
// one value (a day that does not exist, start or month, references,
// overlaps) is left to bp validate.
func JSONSchema() []byte {
	defs := &ordered{}
	root := objectSchema(Schema, defs)
	if c := versionedRequired(Schema); len(c) > 0 {
		root.set("allOf", c)
	}
	root.set("$defs", defs)
	doc := &ordered{}
	doc.set("$schema", "https://json-schema.org/draft/2020-12/schema")
	doc.set("$id", JSONSchemaID)
	doc.set("title", "bp workplan")
	for _, kv := range *root {
		doc.set(kv.key, kv.value)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		panic("workplan: JSON schema: " + err.Error()) // only plain values above: cannot happen
	}
	return buf.Bytes()
}

// ordered is a JSON object that keeps its keys in insertion order, so
// properties read in the format's order.
type ordered []keyValue

type keyValue struct {
	key   string
	value any
}

func (o *ordered) set(k string, v any) { *o = append(*o, keyValue{k, v}) }

// MarshalJSON writes the object with its keys in order.
func (o *ordered) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, kv := range *o {
		if i > 0 {
			buf.WriteByte(',')
		}
		k, _ := json.Marshal(kv.key)
		buf.Write(k)
		buf.WriteByte(':')
		var vb bytes.Buffer
		enc := json.NewEncoder(&vb)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(kv.value); err != nil {
			return nil, err
		}
		buf.Write(bytes.TrimRight(vb.Bytes(), "\n"))
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

func objectSchema(o *Object, defs *ordered) *ordered {
	s := &ordered{}
	s.set("description", o.Doc)
	s.set("type", "object")
	props := &ordered{}
	required := []string{}
	for i := range o.Fields {
		f := &o.Fields[i]
		props.set(f.Key, fieldSchema(f, defs))
		if f.Required && f.Since <= 1 {
			required = append(required, f.Key)
		}
	}
	s.set("properties", props)
	if len(required) > 0 {
		s.set("required", required)
	}
	s.set("additionalProperties", false)
	return s
}

// versionedRequired returns the conditions that require a key added by a
// later format version (Field.Since) of the files that declare that
// version or a later one: files of older versions are still read (their
// migration adds the key), so editors must accept them without it. Such
// keys are supported in the objects of a top-level key, or in the items
// of a top-level list.
func versionedRequired(root *Object) []any {
	var out []any
	for i := range root.Fields {
		f := &root.Fields[i]
		o, path := f.Object, "properties"
		if f.Kind == KindList && f.Elem != nil {
			o, path = f.Elem.Object, "items"
		}
		if o == nil {
			continue
		}
		bySince := map[int][]string{}
		var versions []int
		for _, g := range o.Fields {
			if g.Required && g.Since > 1 {
				if bySince[g.Since] == nil {
					versions = append(versions, g.Since)
				}
				bySince[g.Since] = append(bySince[g.Since], g.Key)
			}
			checkNoVersionedRequired(g.Object, g.Elem)
		}
		for _, v := range versions {
			inner := &ordered{}
			inner.set("required", bySince[v])
			shape := &ordered{}
			if path == "items" {
				shape.set("items", inner)
			} else {
				shape = inner
			}
			props := &ordered{}
			props.set(f.Key, shape)
			then := &ordered{}
			then.set("properties", props)
			cond := &ordered{}
			min := &ordered{}
			min.set("minimum", v)
			fv := &ordered{}
			fv.set("formatVersion", min)
			cond.set("properties", fv)
			cond.set("required", []string{"formatVersion"})
			c := &ordered{}
			c.set("if", cond)
			c.set("then", then)
			out = append(out, c)
		}
	}
	return out
}

// checkNoVersionedRequired panics on a required key added by a later
// version deeper than versionedRequired reaches: the generator would
// otherwise require it of older files.
func checkNoVersionedRequired(o *Object, elem *Field) {
	if o == nil && elem != nil {
		o = elem.Object
	}
	if o == nil {
		return
	}
	for _, g := range o.Fields {
		if g.Required && g.Since > 1 {
			panic("workplan: JSON schema: " + o.Name + "." + g.Key + " is required since format " + strconv.Itoa(g.Since) + " too deep in the format; extend versionedRequired")
		}
		checkNoVersionedRequired(g.Object, g.Elem)
	}
}

// def adds an object to $defs once and returns a reference to it.
func def(o *Object, defs *ordered) string {
	for _, kv := range *defs {
		if kv.key == o.Name {
			return "#/$defs/" + o.Name
		}
	}
	defs.set(o.Name, nil) // reserve the slot: objects may nest
	i := len(*defs) - 1
	(*defs)[i].value = objectSchema(o, defs)
	return "#/$defs/" + o.Name
}

func fieldSchema(f *Field, defs *ordered) *ordered {
	s := &ordered{}
	if f.Doc != "" {
		s.set("description", f.Doc)
	}
	str := func(pattern string) {
		s.set("type", "string")
		if pattern != "" {
			s.set("pattern", pattern)
		}
	}
	switch f.Kind {
	case KindString:
		if f.Required {
			str(patternLineRequired)
		} else {
			str(patternLine)
		}
	case KindText:
		str("")
		if f.Required {
			s.set("pattern", `\S`)
		}
	case KindInt:
		s.set("type", "integer")
		s.set("minimum", f.Min)
		if f.Key == "formatVersion" {
			s.set("maximum", FormatVersion)
		}
	case KindBool:
		s.set("type", "boolean")
	case KindDate:
		str(patternDate)
		s.set("format", "date")
	case KindMonth:
		str(patternMonth)
	case KindDue:
		str(patternDue)
	case KindTime:
		str(patternTime)
	case KindID, KindRef:
		str(patternID)
	case KindEnum:
		s.set("type", "string")
		s.set("enum", f.Enum)
	case KindTimeZone:
		str(`^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*$`)
	case KindURL:
		str(patternURL)
		s.set("format", "uri")
	case KindHTTPS:
		str(patternHTTPS)
		s.set("format", "uri")
	case KindList:
		s.set("type", "array")
		if f.Min > 0 {
			s.set("minItems", f.Min)
		}
		s.set("items", fieldSchema(f.Elem, defs))
	case KindObject:
		s.set("$ref", def(f.Object, defs))
	default:
		panic("workplan: JSON schema: kind " + strconv.Itoa(int(f.Kind)) + " has no schema")
	}
	return s
}
