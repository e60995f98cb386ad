// Package run is the command line: it picks the mode from the arguments and
// the input, and drives the one shared pipeline.
//
//	args ──parseArgs──> options (config flags, --format, --results, paths)
//
//	PATH args ──walkPaths──> plain files ──readFiles──> items (+ in-memory path/index annotations) ─┐
//	          └──> kustomize roots ──kustomizetree.RenderAll──> one item set per app ─> Pipeline each ┤
//	                (origin annotations name each item's source file; results tagged with the app)    │
//	stdin ResourceList ──krmio.ReadResourceList──> items, functionConfig ────┼─> Pipeline
//	stdin plain YAML ────krmio.ReadStream─────────> items ────────────────────┘   │
//	--config FILE / functionConfig + flags ──config.Load──> settings ───────────┘
//
//	Pipeline = config problems ─> live.Load (--live, liveState; + exported
//	           input items) ─> item checks (pass-through of items owned
//	           elsewhere) ─> transformer.Apply ─> validator.Run ─> sorted fn.Results
//
//	function: WriteResourceList (items + results) ─> stdout
//	pipe:     WriteStream (same order, comments, unchanged bytes) ─> stdout
//	files:    annotations removed; WriteStream per file, then per app ─> stdout, or
//	          --in-place (plain files only; all or none, nothing on error: inplace.go)
//	results:  report.Text warning/error lines ─> stderr (not under kpt, which
//	          shows them); report.Write --format text|json|sarif ─> --results FILE
//	          (file mode without --results: json/sarif ─> stdout); then the
//	          summary line; exit 1 on any error
//
// Every mode goes through Pipeline, so selection, rules and results are
// written once; TestSameResultsInEveryMode holds the three modes to that.
package run
