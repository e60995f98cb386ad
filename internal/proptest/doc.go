// Package proptest is a differential property harness for the command: it
// draws structure-aware YAML (quoted and flow scalars continued at column
// 0, block scalars with indicators and tabs, comments everywhere, anchors,
// duplicate keys, documents of comments only, BOM, CRLF, no final newline,
// directives, "...", JSON with every escape), runs it through function,
// pipe, file and folder mode and checks against the YAML parser's reading
// of the same input:
//
//	seed ──gen──> documents ──render──> stream / ResourceList / files
//	                                       │ run.Main in each mode
//	                                       ▼
//	output parses; same items in the same order; unselected items equal;
//	selected Ingresses differ only in the three annotations; a second run
//	writes the same bytes; every mode gives the same exit code and findings
//
// Runs are seeded and print their seed; a failing case is written to
// testdata/regressions/ and replayed by every later test run:
//
//	go test ./internal/proptest -run TestProperties -proptest.duration=30m -proptest.seed=N
package proptest
