package run

import (
	"fmt"
	"os"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/config"
	"github.com/cce-ingress-https/cce-ingress-https/krmio"
)

// settings is one run's configuration, where to point results about it,
// and (once Pipeline ran) what the run did, for the summary line.
type settings struct {
	cfg    config.Config
	probs  []config.Problem // an error among them: cfg is unusable
	ref    *fn.ResourceRef
	file   *fn.File
	counts counts
}

// functionSettings is function mode's configuration: the functionConfig
// with the flags laid over it.
func functionSettings(o *options, fc *yaml.Node) *settings {
	st := &settings{}
	st.cfg, st.probs = config.Load(fc, o.flags)
	st.ref, st.file = configLocation(fc)
	return st
}

// loadSettings is pipe and file mode's configuration: --config FILE and the
// flags; the config file's document is added to src so SARIF can give its
// lines.
func loadSettings(o *options, src sources) *settings {
	st := &settings{}
	var node *yaml.Node
	if o.configFile != "" {
		st.file = &fn.File{Path: o.configFile}
		n, err := readConfigFile(o.configFile, src)
		if err != nil {
			st.probs = []config.Problem{{Severity: fn.Error, Field: "--config", Message: err.Error()}}
			return st
		}
		node = n
		st.ref, _ = configLocation(node)
	}
	st.cfg, st.probs = config.Load(node, o.flags)
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
