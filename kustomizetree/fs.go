package kustomizetree

import (
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"sigs.k8s.io/kustomize/api/types"
	"sigs.k8s.io/kustomize/kyaml/filesys"
	"sigs.k8s.io/kustomize/kyaml/kio"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/config"
)

// rewriteFS is the disk as krusty sees it during one render: every file read
// is recorded, and each kustomization file is rewritten in memory (origin
// annotations on in the root; this function's configuration and every
// plugin taken out of transformers:, validators: and generators:).
type rewriteFS struct {
	filesys.FileSystem
	root, dir  string // the app's folder: absolute, and as given
	read       []string
	configs    []foundConfig
	plugins    []string
	warnings   []string
	userOrigin bool // the root kustomization asks for origin annotations itself
}

type foundConfig struct {
	Config
	root bool // listed by the root kustomization
}

func (f *rewriteFS) ReadFile(name string) ([]byte, error) {
	data, err := f.FileSystem.ReadFile(name)
	if err != nil {
		return nil, err
	}
	abs, aerr := filepath.Abs(name)
	if aerr != nil {
		abs = name
	}
	f.read = append(f.read, abs)
	if !IsFileName(filepath.Base(name)) {
		return data, nil
	}
	return f.rewrite(filepath.Dir(abs), data), nil
}

// rewrite returns the kustomization in dir as krusty must see it. Text that
// does not parse is returned as it is: krusty reports it.
func (f *rewriteFS) rewrite(dir string, data []byte) []byte {
	k, err := yaml.Parse(string(data))
	if err != nil || k.YNode().Kind != yaml.MappingNode {
		return data
	}
	for _, key := range []string{"helmCharts", "helmChartInflationGenerator"} {
		if v := k.Field(key); v != nil && len(v.Value.YNode().Content) > 0 {
			f.plugins = append(f.plugins, fmt.Sprintf("Helm chart (%s in %s)", key, f.show(dir, "kustomization")))
		}
	}
	for _, key := range []string{"generators", "transformers", "validators"} {
		if err := f.filter(k, key, dir); err != nil {
			return data
		}
	}
	if dir == f.root {
		if err := f.originOn(k); err != nil {
			return data
		}
	}
	out, err := k.String()
	if err != nil {
		return data
	}
	return []byte(out)
}

// filter keeps the entries of the list key that krusty can run itself
// (builtin plugins, folders), and takes out this function's configuration
// (recorded, to be applied by the caller) and other plugins (recorded).
func (f *rewriteFS) filter(k *yaml.RNode, key, dir string) error {
	v := k.Field(key)
	if v == nil || v.Value.YNode().Kind != yaml.SequenceNode {
		return nil
	}
	seq := v.Value.YNode()
	var keep []*yaml.Node
	for _, e := range seq.Content {
		if e.Kind != yaml.ScalarNode || !f.ownConfigOrPlugin(dir, key, e.Value) {
			keep = append(keep, e)
		}
	}
	seq.Content = keep
	if len(keep) == 0 {
		return k.PipeE(yaml.Clear(key))
	}
	return nil
}

// ownConfigOrPlugin classifies one entry and reports whether it must be
// taken out of the list.
func (f *rewriteFS) ownConfigOrPlugin(dir, key, entry string) bool {
	data, file := []byte(entry), "(inline in "+f.show(dir, "kustomization")+")"
	if !strings.Contains(entry, "\n") {
		p := filepath.Join(dir, entry)
		if f.IsDir(p) {
			return false // a kustomization of plugin configs: krusty loads it
		}
		b, err := f.FileSystem.ReadFile(p)
		if err != nil {
			return false // krusty reports it
		}
		data, file = b, f.show(dir, entry)
	}
	docs, err := kio.FromBytes(data)
	if err != nil || len(docs) == 0 {
		return false
	}
	ours, plugin := 0, ""
	for _, d := range docs {
		switch {
		case isOwnConfig(d):
			ours++
			if ours == 1 {
				f.configs = append(f.configs, foundConfig{Config{Node: d.YNode(), File: file}, dir == f.root})
			}
		case d.GetApiVersion() == "builtin" && functionSpec(d) == "":
			// krusty runs it
		default:
			plugin = describe(d, file)
		}
	}
	switch {
	case plugin != "":
		f.plugins = append(f.plugins, plugin+" under "+key+":")
		return true
	case ours > 1:
		f.warnings = append(f.warnings, fmt.Sprintf("%s holds %d configurations of this function: the first is used", file, ours))
	}
	return ours > 0
}

// originOn adds originAnnotations to the root's buildMetadata.
func (f *rewriteFS) originOn(k *yaml.RNode) error {
	list, err := k.Pipe(yaml.LookupCreate(yaml.SequenceNode, "buildMetadata"))
	if err != nil || list == nil {
		return fmt.Errorf("buildMetadata: %v", err)
	}
	for _, e := range list.YNode().Content {
		if e.Value == types.OriginAnnotations {
			f.userOrigin = true
			return nil
		}
	}
	list.YNode().Content = append(list.YNode().Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: types.OriginAnnotations})
	return nil
}

// show names file (relative to dir) the way the app's folder was given.
func (f *rewriteFS) show(dir, file string) string {
	rel, err := filepath.Rel(f.root, filepath.Join(dir, file))
	if err != nil {
		return filepath.Join(dir, file)
	}
	return filepath.Join(f.dir, rel)
}

// isOwnConfig reports whether d configures this function: the typed form,
// or a ConfigMap whose function annotation runs cce-ingress-https.
func isOwnConfig(d *yaml.RNode) bool {
	if d.GetApiVersion() == config.APIVersion && d.GetKind() == config.Kind {
		return true
	}
	return d.GetKind() == "ConfigMap" && runsThisFunction(functionSpec(d))
}

const binaryName = "cce-ingress-https"

// runsThisFunction reports whether a function annotation's exec path or
// container image names this binary.
func runsThisFunction(spec string) bool {
	fn, err := yaml.Parse(spec)
	if err != nil {
		return false
	}
	if p, _ := fn.GetString("exec.path"); p != "" {
		return filepath.Base(p) == binaryName
	}
	img, _ := fn.GetString("container.image")
	img, _, _ = strings.Cut(img, "@")
	name := path.Base(img)
	name, _, _ = strings.Cut(name, ":")
	return name == binaryName
}

// functionSpec returns the config.kubernetes.io/function annotation (or
// its legacy name), "" when there is none.
func functionSpec(d *yaml.RNode) string {
	a := d.GetAnnotations()
	if s := a["config.kubernetes.io/function"]; s != "" {
		return s
	}
	return a["config.k8s.io/function"]
}

// describe names a plugin and how it would run.
func describe(d *yaml.RNode, file string) string {
	name := d.GetKind() + " " + d.GetName() + " in " + file
	spec, err := yaml.Parse(functionSpec(d))
	if err == nil {
		if p, _ := spec.GetString("exec.path"); p != "" {
			return name + " (exec " + p + ")"
		}
		if img, _ := spec.GetString("container.image"); img != "" {
			return name + " (container " + img + ")"
		}
	}
	return name + " (a plugin)"
}
