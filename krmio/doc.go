// Package krmio reads and writes the KRM resources that flow through the
// function: a ResourceList (function mode) or a plain stream of manifests
// (pipe and file mode), keeping every item's order and, for items nobody
// changed, every byte.
//
//	stdin bytes ──Read──> Document{Items: [Item{Node, Obj}...], FunctionConfig}
//	                        │ transformer/validator read Items; Item.SetAnnotation is the only change
//	stdout <──Write── text of unchanged items + patched or re-encoded changed items + results
//
// Why not the SDK's ResourceList.ToYAML: it sorts items and encodes the whole
// list as one YAML document, which is where a function spends most of its
// time and memory. Here a line scanner cuts the input into pieces, each
// piece is parsed on its own (in parallel), and on output an unchanged piece
// is copied as it came.
//
// # Why the fast path agrees with the parser
//
// The scanner only proposes cuts; the parser decides. A cut is made only at
// a line that starts at or left of the column c of the pieces around it
// (column 0 for a top-level key, "---" or "..." line; the "- " column of
// the items list), and no other line of a piece starts there. Every piece
// is parsed alone, never joined to another. Then:
//
//   - A block scalar or plain multi-line scalar cannot go on past such a
//     line: YAML ends it at the first line indented at or left of its
//     parent. So the parser reads the same text on both sides of the cut.
//   - A quoted scalar or flow collection can (the parser reads them at any
//     column): a line inside one can look like a key, an entry or "---".
//     But then the piece before the cut ends with the scalar or collection
//     still open, and parsing that piece alone fails ("found unexpected end
//     of stream"). The reader then hands the whole input to the parser.
//   - Inside a piece the parser sees exactly the tokens of the whole parse,
//     with the same indentation above the piece's column: the item's node
//     is the node the whole parse gives.
//
// What the scanner does not model it refuses: tabs in content lines, lone
// CR, NEL/LS/PS line breaks, a BOM, keys other than plain identifiers,
// a key given twice, "items:" with anything on its line but "[]", a region
// whose parse is not one key at line 1. Each goes to the fallback, one parse
// of the whole document. A List in pipe mode is parsed whole anyway, so its
// cut is confirmed item by item against that parse. A stream whose pieces
// do not all parse is parsed whole: its error is the parser's, and a stream
// the parser takes is read on that slower path (its items re-encoded).
//
// # Why written text reads back
//
// Unchanged pieces are copied; a last piece without a final newline whose
// meaning a newline would change (a "|" block scalar) is re-encoded. A
// changed item is patched (one line replaced or added under
// metadata.annotations, judged against the parser's positions, patch.go)
// or re-encoded; every encoded text is parsed back and compared with the
// node, repairing what the encoder is known to get wrong (block scalars it
// cannot write, misplaced comments) and failing rather than writing text
// that does not read back (encode.go). The whole-document fallback writes
// a fixpoint: its text is read back as a second run would read it until it
// settles, so a second run writes the same bytes.
//
// Three more savings, each with a safe fallback:
//   - ReadOptions.Digest: every item is still parsed in full (bad YAML and
//     duplicate keys anywhere are still found), the caller takes what it
//     reads of the body (a digest), and the Node keeps only apiVersion, kind
//     and metadata, so trees do not pile up; Item.FullNode parses the text
//     again for the rare writer or caller that needs the rest;
//   - Item.SetAnnotation records the edit and the writer patches the text;
//   - results are written by a small encoder for fn.Result's shape that
//     gives the generic encoder's bytes (results.go), in parallel chunks.
//
// Parser errors are reworded so they carry the line and the kind of
// problem, never text from the input (errors.go).
package krmio
