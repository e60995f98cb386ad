package run

import (
	"fmt"
	"io"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"sigs.k8s.io/kustomize/kyaml/kio/kioutil"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/config"
	"github.com/cce-ingress-https/cce-ingress-https/krmio"
)

// Function is function mode: a ResourceList in, a ResourceList out.
func Function(input []byte, stdout, stderr io.Writer) int {
	doc, err := krmio.ReadResourceList(input)
	if err != nil {
		fmt.Fprintln(stderr, oneLine("error[input] "+err.Error()))
		return 1
	}
	settings, probs := config.FromNode(doc.FunctionConfig)
	ref, file := configLocation(doc.FunctionConfig)
	results := Pipeline(doc.Items, settings, probs, ref, file)
	if err := doc.WriteResourceList(stdout, results); err != nil {
		fmt.Fprintf(stderr, "error[output] cannot write the ResourceList: %v\n", err)
		return 1
	}
	PrintText(stderr, results, false)
	return exitCode(results)
}

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
