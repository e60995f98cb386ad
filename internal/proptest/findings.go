package proptest

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"

	"sigs.k8s.io/kustomize/kyaml/yaml"
)

// result is the part of a result every mode must agree on.
type result struct {
	Severity    string            `json:"severity" yaml:"severity"`
	Tags        map[string]string `json:"tags" yaml:"tags"`
	ResourceRef *struct {
		Kind      string `json:"kind" yaml:"kind"`
		Name      string `json:"name" yaml:"name"`
		Namespace string `json:"namespace" yaml:"namespace"`
	} `json:"resourceRef" yaml:"resourceRef"`
	Field *struct {
		Path string `json:"path" yaml:"path"`
	} `json:"field" yaml:"field"`
}

func (r result) key() string {
	k := r.Severity + " " + r.Tags["rule"]
	if r.ResourceRef != nil {
		k += fmt.Sprintf(" %s %s/%s", r.ResourceRef.Kind, r.ResourceRef.Namespace, r.ResourceRef.Name)
	}
	if r.Field != nil {
		k += " " + r.Field.Path
	}
	return k
}

// findingsFromJSON reads a --format json results file.
func findingsFromJSON(path string) []string {
	b, err := os.ReadFile(path)
	if err != nil {
		return []string{"no results file: " + err.Error()}
	}
	var rep struct {
		Results []result `json:"results"`
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		return []string{"bad results file: " + err.Error()}
	}
	return keys(rep.Results)
}

// findingsFromList reads the results of an output ResourceList.
func findingsFromList(out []byte) []string {
	var rl struct {
		Results []result `yaml:"results"`
	}
	if err := yaml.Unmarshal(out, &rl); err != nil {
		return []string{"bad output: " + err.Error()}
	}
	return keys(rl.Results)
}

// keys are the findings, sorted; results about the configuration are left
// out (function mode reads a functionConfig, the others flags).
func keys(rs []result) []string {
	var out []string
	for _, r := range rs {
		if r.Tags["rule"] == "config" {
			continue
		}
		out = append(out, r.key())
	}
	slices.Sort(out)
	return out
}
