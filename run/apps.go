package run

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"k8s.io/apimachinery/pkg/labels"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/config"
	"github.com/cce-ingress-https/cce-ingress-https/internal/yamlnode"
	"github.com/cce-ingress-https/cce-ingress-https/krmio"
	"github.com/cce-ingress-https/cce-ingress-https/kustomizetree"
	"github.com/cce-ingress-https/cce-ingress-https/report"
	"github.com/cce-ingress-https/cce-ingress-https/validator"
)

// appTag names the app (kustomization folder) a result was found in.
const appTag = report.AppTag

// renderedApp is one kustomize app, rendered and checked.
type renderedApp struct {
	*kustomizetree.App
	doc *krmio.Document
}

// findApps returns the kustomization roots below the folder arguments.
func findApps(w *walked) []kustomizetree.Root {
	return kustomizetree.Roots(w.kustomizations)
}

// inPlaceOnApps is the refusal of --in-place on kustomize folders.
func inPlaceOnApps(apps []kustomizetree.Root) error {
	return usageErr("--in-place cannot change %s: it is rendered by kustomize, and its files are the bases and patches, not what the app deploys. "+
		"List the function in the app's kustomization instead (transformers: [cce-ingress-https.yaml]), or name plain manifest folders", apps[0].Dir)
}

// plainFiles drops the files a render read: they belong to an app.
func (w *walked) plainFiles(apps []*renderedApp) []walkedFile {
	used := map[string]bool{}
	for _, a := range apps {
		for _, p := range a.Read {
			used[p] = true
		}
	}
	var out []walkedFile
	for _, f := range w.files {
		if !used[f.real] || f.named {
			out = append(out, f)
		}
	}
	return out
}

// checkApps renders every app and runs the Pipeline on each one alone, so
// one app's Services never satisfy another app's Ingresses.
func checkApps(o *options, roots []kustomizetree.Root, src sources) ([]*renderedApp, fn.Results, counts) {
	var apps []*renderedApp
	var results fn.Results
	var unconfigured []string
	var global *settings
	var total counts
	var dirs []string
	for _, root := range roots {
		if !root.Component {
			dirs = append(dirs, root.Dir)
		}
	}
	rendered := kustomizetree.RenderAll(dirs)
	files := &sourceFiles{}
	for _, root := range roots {
		where := &fn.File{Path: filepath.Join(root.Dir, "kustomization.yaml")}
		if f := kustomizetree.FileIn(root.Dir); f != "" {
			where.Path = f
		}
		appResult := func(sev fn.Severity, msg string) {
			results = append(results, &fn.Result{Severity: sev, Message: msg, File: where,
				Tags: map[string]string{"rule": "kustomize", appTag: root.Dir}})
		}
		if root.Component {
			appResult(fn.Info, "skipped: a kustomize Component is checked in the overlays that list it")
			continue
		}
		app := rendered[0]
		rendered = rendered[1:]
		for _, w := range app.Warnings {
			appResult(fn.Warning, w)
		}
		switch {
		case len(app.Plugins) > 0:
			appResult(fn.Warning, fmt.Sprintf("not checked: the app runs %s, which file mode does not run; "+
				"check its output with `kustomize build --enable-alpha-plugins --enable-exec %s | cce-ingress-https ...` (--enable-helm for Helm charts)",
				strings.Join(app.Plugins, " and "), root.Dir))
			apps = append(apps, &renderedApp{App: app, doc: &krmio.Document{}})
			continue
		case app.Err != nil:
			appResult(fn.Error, app.Err.Error())
			apps = append(apps, &renderedApp{App: app, doc: &krmio.Document{}})
			continue
		}
		doc, err := krmio.ReadStreamWith(app.YAML, readOptions)
		if err != nil {
			appResult(fn.Error, "cannot read what kustomize rendered: "+err.Error())
			apps = append(apps, &renderedApp{App: app, doc: &krmio.Document{}})
			continue
		}
		a := &renderedApp{App: app, doc: doc}
		apps = append(apps, a)
		var st *settings
		switch {
		case app.Config != nil:
			st = appSettings(o, app.Config)
		case selectionGiven(o):
			if global == nil {
				global = loadSettings(o, src)
			}
			total.usedConfig = total.usedConfig || o.configFile != ""
			copied := *global
			st = &copied
		default:
			st = declaredOnly(o)
			unconfigured = append(unconfigured, root.Dir)
		}
		results = append(results, a.check(st, where, src, files)...)
		total.add(st.counts)
	}
	if len(unconfigured) > 0 {
		total.Unconfigured = len(unconfigured)
		results = append(results, &fn.Result{Severity: fn.Info, Tags: map[string]string{"rule": "kustomize"},
			Message: "checked with the validateOnly rules only, nothing selected (no cce-ingress-https configuration in the app, no --selector or --config): " +
				strings.Join(unconfigured, ", ")})
	}
	return apps, results, total
}

// add sums another Pipeline run's counts into c.
func (c *counts) add(o counts) {
	switch {
	case !c.Ran:
		c.ValidateOnly = o.ValidateOnly
	case o.Ran:
		c.ValidateOnly = c.ValidateOnly && o.ValidateOnly
	}
	c.Ran = c.Ran || o.Ran
	c.Unconfigured += o.Unconfigured
	c.Ingresses += o.Ingresses
	c.Selected += o.Selected
	c.Annotations += o.Annotations
	c.Checked += o.Checked
	c.passed = append(c.passed, o.passed...)
}

// check runs the Pipeline on the app's resources; results name the source
// file of each resource (found by the resource's identity afterwards, not
// through path annotations: a generated resource's source is a
// kustomization file, which the Pipeline would take for one) and the app.
func (a *renderedApp) check(st *settings, where *fn.File, src sources, files *sourceFiles) fn.Results {
	type id struct{ apiVersion, kind, namespace, name string }
	from := map[id]*fn.File{}
	for i, it := range a.doc.Items {
		if i < len(a.Sources) && a.Sources[i] != "" {
			ref := validator.ItemRef(it.Node)
			if ref == nil {
				continue
			}
			from[id{ref.APIVersion, ref.Kind, ref.Namespace, ref.Name}] = &fn.File{Path: a.Sources[i], Index: files.index(a.Sources[i], it, src)}
		}
	}
	results := Pipeline(a.doc.Resources(), st)
	for _, r := range results {
		if r.File == nil && r.ResourceRef != nil {
			ref := r.ResourceRef
			r.File = from[id{ref.APIVersion, ref.Kind, ref.Namespace, ref.Name}]
		}
		if r.File == nil {
			r.File = where
		}
		if r.Tags == nil {
			r.Tags = map[string]string{}
		}
		r.Tags[appTag] = a.Dir
	}
	return results
}

// sourceFiles reads the source files of rendered resources, once each, so
// that results can give the document and SARIF its line.
type sourceFiles map[string][]*krmio.Item

// index returns the document of file that rendered item it came from: the
// one of the same kind and name, else the one whose name the rendered name
// contains (kustomize adds prefixes, suffixes and hashes) when exactly one
// does; -1 when unknown. The file's documents are added to src, so SARIF
// regions point into it.
func (s *sourceFiles) index(file string, it *krmio.Item, src sources) int {
	if *s == nil {
		*s = sourceFiles{}
	}
	docs, ok := (*s)[file]
	if !ok {
		if data, err := readLimited(file, defaultMaxInput); err == nil {
			if d, err := krmio.ReadStream(data); err == nil {
				docs = d.Items
				src.add(file, docs)
			}
		}
		(*s)[file] = docs
	}
	kind, name := scalarAt(it.Node, "kind"), scalarAt(it.Node, "metadata", "name")
	found, exact := -1, -1
	for i, d := range docs {
		n := scalarAt(d.Node, "metadata", "name")
		switch {
		case scalarAt(d.Node, "kind") != kind || n == "" || !strings.Contains(name, n):
		case n == name && exact < 0:
			exact = i
		case found >= 0:
			found = -2 // more than one
		case found == -1:
			found = i
		}
	}
	if exact >= 0 {
		return exact
	}
	return max(found, -1)
}

// appSettings is the app's own configuration with the flags laid over it,
// except --validate-only: the app's transformer is part of what it deploys,
// so it runs as the app configures it.
func appSettings(o *options, c *kustomizetree.Config) *settings {
	flags := o.flags
	flags.ValidateOnly = nil
	st := &settings{file: &fn.File{Path: c.File}}
	st.cfg, st.probs = config.Load(c.Node, flags)
	st.ref, _ = configLocation(c.Node)
	return st
}

// declaredOnly is the configuration of an app (or of plain manifests) that
// has none: the flags (cluster version, rule severities, port) over a
// selector that selects nothing, validateOnly. Only Ingresses that declare
// HTTPS backends themselves are checked, and a selector that matches
// nothing is no finding here.
func declaredOnly(o *options) *settings {
	flags := o.flags
	placeholder := "none"
	flags.Selector = &placeholder // replaced below; lets the other flags be checked as usual
	st := &settings{}
	st.cfg, st.probs = config.Load(nil, flags)
	if config.HasError(st.probs) {
		return st
	}
	st.cfg.Transform.Selector = labels.Nothing()
	st.cfg.Transform.ValidateOnly, st.cfg.Validate.ValidateOnly = true, true
	overrides := map[string]fn.Severity{noMatchRule: validator.Off}
	for id, sev := range st.cfg.Validate.Overrides {
		if id != noMatchRule {
			overrides[id] = sev
		}
	}
	st.cfg.Validate.Overrides = overrides
	return st
}

// noMatchRule warns when the selector matches nothing; without a selector
// there is nothing to match.
const noMatchRule = "no-match"

// selectionGiven reports whether the command line says what to select.
func selectionGiven(o *options) bool {
	return o.configFile != "" || o.flags.Selector != nil || o.flags.SelectAll != nil
}

// checkPlain runs the Pipeline on plain manifests (pipe mode, and file
// mode's files outside kustomize apps). With --validate-only and neither
// --selector nor --config, they are checked like an app without
// configuration: validateOnly rules, nothing selected; so
// `kustomize build DIR | cce-ingress-https --validate-only` checks what
// file mode checks in DIR.
func checkPlain(o *options, items []*krmio.Item, st *settings) fn.Results {
	if o.flags.ValidateOnly != nil && !selectionGiven(o) {
		*st = *declaredOnly(o)
	}
	return Pipeline(items, st)
}

// scalarAt returns the scalar at the path of mapping keys below n, or "".
func scalarAt(n *yaml.Node, keys ...string) string {
	for _, k := range keys {
		n = yamlnode.Get(n, k)
	}
	return yamlnode.Scalar(n)
}
