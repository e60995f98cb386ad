package report

import "github.com/kptdev/krm-functions-sdk/go/fn"

// Tag describes a result tag that names no validator rule.
type Tag struct {
	ID       string
	Summary  string      // what the tag's results are about (SARIF shortDescription)
	Fix      string      // how to fix them (SARIF help)
	Meaning  string      // the README's description
	Severity fn.Severity // the usual severity (SARIF default level)
}

// Tags are the result tags that come from no rule, in the order SARIF lists
// them after the rules and the README describes them.
var Tags = []Tag{
	{ID: "config", Severity: fn.Error,
		Summary: "The configuration (--config, flags or functionConfig) is valid.",
		Fix:     "Fix the setting named in the message.",
		Meaning: "a problem in the function config (missing or unparsable selector, port, ciphersPolicy, clusterVersion, rules, kind); an error stops the run before anything changes"},
	{ID: "kustomize", Severity: fn.Warning,
		Summary: "Every kustomize app in file mode can be rendered in process.",
		Fix:     "Fix the kustomization named in the message, or render the app with kustomize and pipe its output.",
		Meaning: "file mode could not render a kustomize app: a build error, or a plugin (exec or container function, Helm chart) it does not run"},
}
