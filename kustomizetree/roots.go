package kustomizetree

import (
	"os"
	"path/filepath"
	"strings"

	"sigs.k8s.io/kustomize/api/konfig"
	"sigs.k8s.io/kustomize/kyaml/yaml"
)

// FileIn returns the path of the kustomization file in dir (kustomization.yaml,
// kustomization.yml or Kustomization, kustomize's names and order), or "".
func FileIn(dir string) string {
	for _, name := range konfig.RecognizedKustomizationFileNames() {
		p := filepath.Join(dir, name)
		if info, err := os.Stat(p); err == nil && info.Mode().IsRegular() {
			return p
		}
	}
	return ""
}

// IsFileName reports whether name is one of kustomize's kustomization file names.
func IsFileName(name string) bool {
	for _, n := range konfig.RecognizedKustomizationFileNames() {
		if name == n {
			return true
		}
	}
	return false
}

// Root is a kustomization folder that nothing else in the tree uses.
type Root struct {
	Dir       string
	Component bool // kind Component: only an overlay that lists it can render it
}

// refs is what a kustomization file names that may be another kustomization.
type refs struct {
	Kind         string   `yaml:"kind"`
	Resources    []string `yaml:"resources"`
	Components   []string `yaml:"components"`
	Bases        []string `yaml:"bases"`
	Generators   []string `yaml:"generators"`
	Transformers []string `yaml:"transformers"`
	Validators   []string `yaml:"validators"`
}

// Roots returns the kustomization folders among dirs that no kustomization
// among them refers to, in the order given. A kustomization file that cannot
// be read is still a root: rendering it reports the problem.
func Roots(dirs []string) []Root {
	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			return filepath.Clean(p)
		}
		return a
	}
	used := map[string]bool{}
	kinds := map[string]string{}
	for _, dir := range dirs {
		data, err := os.ReadFile(FileIn(dir))
		if err != nil {
			continue
		}
		var r refs
		if yaml.Unmarshal(data, &r) != nil {
			continue
		}
		kinds[dir] = r.Kind
		for _, list := range [][]string{r.Resources, r.Components, r.Bases, r.Generators, r.Transformers, r.Validators} {
			for _, ref := range list {
				if isRemote(ref) || strings.Contains(ref, "\n") {
					continue
				}
				used[abs(filepath.Join(dir, ref))] = true
			}
		}
	}
	var roots []Root
	for _, dir := range dirs {
		if !used[abs(dir)] {
			roots = append(roots, Root{Dir: dir, Component: kinds[dir] == "Component"})
		}
	}
	return roots
}

// isRemote reports whether a resource entry is a URL or a Git reference,
// which kustomize fetches and the tree does not hold.
func isRemote(ref string) bool {
	return strings.Contains(ref, "://") || strings.HasPrefix(ref, "git@") ||
		strings.HasPrefix(ref, "github.com/") || strings.HasPrefix(ref, "gitlab.com/")
}
