// Package run is the command line: it picks the mode from the input and the
// arguments, and drives the one shared pipeline.
//
//	stdin ResourceList ─┐                      ┌─> transformer.Apply ─┐
//	                    ├─> krmio.Document ─────┤                      ├─> results ─> stdout (ResourceList), stderr lines
//	functionConfig ─────┴─> config.Build ───────┘─> validator.Run ─────┘            exit 1 on any error result
//
// Every mode (function, pipe, files) goes through Pipeline, so selection,
// rules and output are written once.
package run
