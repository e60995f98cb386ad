// Package krmio reads and writes the KRM resources that flow through the
// function: a ResourceList (function mode) or a plain stream of manifests
// (pipe mode), keeping every item's order and, for items nobody changed,
// every byte.
//
//	stdin bytes ──Read──> List{Items: [Item{Node, Obj, raw}...], FunctionConfig}
//	                        │ transformer/validator change Items[i].Node, set Changed
//	stdout <──Write── raw bytes of unchanged items + re-encoded changed items + results
//
// Why not the SDK's ResourceList.ToYAML: it sorts items and encodes the whole
// list as one YAML document, which is where a function spends most of its
// time and memory. Here, a line scanner cuts the list into item chunks, each
// chunk is parsed on its own (in parallel), and on output an unchanged chunk
// is copied as it came. Inputs the scanner does not recognise (JSON, flow
// style, anchors shared between items) take a slower fallback that parses
// the whole document; both paths give the same items.
package krmio
