// Package report writes results for people and for tools:
//
//	fn.Results ──Text──> one line per result: error[rule] Kind ns/name (file#index) field: message
//	fn.Results ──Write(FormatText)───> the same lines, infos included
//	fn.Results ──Write(FormatJSON)───> {"errors": N, "warnings": N, "infos": N, "results": [...]}
//	fn.Results ──Write(FormatSARIF)──> SARIF 2.1.0: validator.Rules and Tags as the rule list,
//	                                    file locations with the line from Run.Line
//	Summary, fn.Results ──SummaryLine──> the line that ends every run (counts, errors, warnings)
//
// validator.Rules describes every rule; Tags describes the result tags that
// come from no rule. Where results go (stderr, stdout, --results) is the
// command line's business, not this package's.
package report
