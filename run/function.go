package run

import (
	"fmt"
	"io"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"sigs.k8s.io/kustomize/kyaml/kio/kioutil"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/krmio"
	"github.com/cce-ingress-https/cce-ingress-https/report"
	"github.com/cce-ingress-https/cce-ingress-https/validator"
)

// function is function mode with command-line options: configuration flags
// override the functionConfig (kustomize passes exec.args), and --results
// writes a copy of the results.
func function(o *options, input []byte, stdout, stderr io.Writer) int {
	doc, err := krmio.ReadResourceListWith(input, readOptions)
	if err != nil {
		msg := "error[input] " + err.Error()
		if !isResourceList(input) {
			msg += " (plain manifests need pipe mode: give --selector or --config FILE)"
		}
		fmt.Fprintln(stderr, report.OneLine(msg))
		return 1
	}
	st := functionSettings(o, doc.FunctionConfig)
	o.resultsShown = fromKpt(doc.Items)
	results := Pipeline(doc.Resources(), st)
	if err := doc.WriteResourceList(stdout, results); err != nil {
		fmt.Fprintf(stderr, "error[output] cannot write the ResourceList: %v\n", err)
		return 1
	}
	return finish(o, st, results, sources{}, false, stdout, stderr)
}

// readOptions keep, in every mode, each item's text, its header and the
// digest of its body that the validator reads (validator.Digest).
var readOptions = krmio.ReadOptions{Digest: validator.Digest}

// configLocation names the functionConfig in results.
func configLocation(n *yaml.Node) (*fn.ResourceRef, *fn.File) {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil, nil
	}
	rn := yaml.NewRNode(n)
	ref := &fn.ResourceRef{APIVersion: rn.GetApiVersion(), Kind: rn.GetKind(), Name: rn.GetName(), Namespace: rn.GetNamespace()}
	var file *fn.File
	if p, _ := rn.GetString("metadata.annotations." + kioutil.PathAnnotation); p != "" {
		file = &fn.File{Path: p}
	}
	return ref, file
}

func exitCode(results fn.Results) int {
	for _, r := range results {
		if r.Severity == fn.Error {
			return 1
		}
	}
	return 0
}
