// Package krmio reads and writes the KRM resources that flow through the
// function: a ResourceList (function mode) or a plain stream of manifests
// (pipe mode), keeping every item's order and, for items nobody changed,
// every byte.
//
//	stdin bytes ──Read──> List{Items: [Item{Node, Obj, raw}...], FunctionConfig}
//	                        │ transformer/validator read Items, Item.SetAnnotation
//	stdout <──Write── raw bytes of unchanged items + patched or re-encoded changed items + results
//
// Why not the SDK's ResourceList.ToYAML: it sorts items and encodes the whole
// list as one YAML document, which is where a function spends most of its
// time and memory. Here, a line scanner cuts the list into item chunks, each
// chunk is parsed on its own (in parallel), and on output an unchanged chunk
// is copied as it came. Inputs the scanner does not recognise (JSON, flow
// style, anchors shared between items) take a slower fallback that parses
// the whole document; both paths give the same items.
//
// Three more savings, each with a safe fallback:
//   - ReadOptions.Full: items of kinds the caller does not read are still
//     parsed (bad YAML anywhere stays an error) but keep only apiVersion,
//     kind and metadata, so their trees do not pile up in memory;
//   - Item.SetAnnotation records the edit, and the writer patches it into
//     the item's text (one line replaced or added) instead of re-encoding
//     the item, when the text's layout allows (patch.go);
//   - results are written by a small encoder for fn.Result's shape that
//     gives the generic encoder's bytes (results.go), in parallel chunks.
package krmio
