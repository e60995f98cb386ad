package run

import (
	"fmt"
	"os"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/config"
	"github.com/cce-ingress-https/cce-ingress-https/krmio"
)

// settings is the configuration of pipe and file mode: --config FILE (either
// form) with the flags laid over it, and where to point results about it.
type settings struct {
	values config.Settings
	probs  []config.Problem
	ref    *fn.ResourceRef
	file   *fn.File
}

// loadSettings reads --config and the flags; the config file's document is
// added to src so SARIF can give its lines.
func loadSettings(o *options, src sources) settings {
	var st settings
	var base *config.Settings
	if o.configFile != "" {
		st.file = &fn.File{Path: o.configFile}
		node, err := readConfigFile(o.configFile, src)
		if err != nil {
			st.probs = append(st.probs, config.Problem{Severity: fn.Error, Field: "--config", Message: err.Error()})
			// A placeholder so the error above is the only one; an error
			// problem stops the pipeline before anything is selected.
			base = &config.Settings{Selector: &config.Selector{Field: "--config", MatchLabels: map[string]string{}}}
		} else {
			s, probs := config.FromNode(node)
			base, st.probs = &s, append(st.probs, probs...)
			st.ref, _ = configLocation(node)
		}
	}
	s, probs := config.FromFlags(base, o.flags)
	st.values, st.probs = s, append(st.probs, probs...)
	return st
}

// readConfigFile reads a file holding exactly one configuration document.
func readConfigFile(path string, src sources) (*yaml.Node, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read --config file: %v", err)
	}
	doc, err := krmio.ReadStream(data)
	if err != nil {
		return nil, fmt.Errorf("--config file %s: %v", path, err)
	}
	if len(doc.Items) != 1 {
		return nil, fmt.Errorf("--config file %s holds %d documents: give one %s (%s) or ConfigMap", path, len(doc.Items), config.Kind, config.APIVersion)
	}
	doc.SetFile(path)
	src.add(path, doc.Items)
	return doc.Items[0].Node, nil
}
