package run

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/kptdev/krm-functions-sdk/go/fn"

	"github.com/cce-ingress-https/cce-ingress-https/config"
	"github.com/cce-ingress-https/cce-ingress-https/krmio"
	"github.com/cce-ingress-https/cce-ingress-https/kustomizetree"
	"github.com/cce-ingress-https/cce-ingress-https/report"
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
func checkApps(o *options, roots []kustomizetree.Root, src sources) ([]*renderedApp, fn.Results, string) {
	var apps []*renderedApp
	var results fn.Results
	var unconfigured []string
	var global *settings
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
		doc, err := krmio.ReadStream(app.YAML)
		if err != nil {
			appResult(fn.Error, "cannot read what kustomize rendered: "+err.Error())
			apps = append(apps, &renderedApp{App: app, doc: &krmio.Document{}})
			continue
		}
		a := &renderedApp{App: app, doc: doc}
		apps = append(apps, a)
		var st settings
		selection := true
		switch {
		case app.Config != nil:
			st = appSettings(o, app.Config, src)
		case o.configFile != "" || o.flags.Selector != nil:
			if global == nil {
				g := loadSettings(o, src)
				global = &g
			}
			st = *global
		default:
			st, selection = declaredOnly(o), false
			unconfigured = append(unconfigured, root.Dir)
		}
		results = append(results, a.check(st, selection, where, src, files)...)
	}
	note := ""
	if len(unconfigured) > 0 {
		note = fmt.Sprintf("cce-ingress-https: %d app(s) list no cce-ingress-https configuration and no --selector or --config was given, "+
			"so they were checked with the validateOnly rules only (nothing selected): %s", len(unconfigured), strings.Join(unconfigured, ", "))
	}
	return apps, results, note
}

// check runs the Pipeline on the app's resources; results name the source
// file of each resource and the app.
func (a *renderedApp) check(st settings, selection bool, where *fn.File, src sources, files *sourceFiles) fn.Results {
	var m marker
	for i, it := range a.doc.Items {
		if i < len(a.Sources) && a.Sources[i] != "" {
			m.set(it, a.Sources[i], files.index(a.Sources[i], it, src))
		}
	}
	results := pipeline(a.doc.Items, st.values, st.probs, st.ref, st.file, selection)
	m.clear()
	for _, r := range results {
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
		if data, err := readLimited(file); err == nil {
			if d, err := krmio.ReadStream(data); err == nil {
				docs = d.Items
				src.add(file, data, docs)
			}
		}
		(*s)[file] = docs
	}
	kind, name := scalarField(it.Node, "kind"), scalarField(mapField(it.Node, "metadata"), "name")
	found, exact := -1, -1
	for i, d := range docs {
		n := scalarField(mapField(d.Node, "metadata"), "name")
		switch {
		case scalarField(d.Node, "kind") != kind || n == "" || !strings.Contains(name, n):
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
func appSettings(o *options, c *kustomizetree.Config, src sources) settings {
	st := settings{file: &fn.File{Path: c.File}}
	base, probs := config.FromNode(c.Node)
	st.ref, _ = configLocation(c.Node)
	flags := o.flags
	flags.ValidateOnly = nil
	s, more := config.FromFlags(&base, flags)
	st.values, st.probs = s, append(probs, more...)
	return st
}

// declaredOnly is the configuration of an app that has none: the flags
// (cluster version, rule severities) over a placeholder selector that the
// unselected pipeline ignores.
func declaredOnly(o *options) settings {
	none := "none"
	base := config.Settings{Selector: &config.Selector{Field: config.FlagSelector, Text: &none}}
	s, probs := config.FromFlags(&base, o.flags)
	return settings{values: s, probs: probs}
}

// checkPlain runs the Pipeline on plain manifests (pipe mode, and file
// mode's files outside kustomize apps). With --validate-only and neither
// --selector nor --config, they are checked like an app without
// configuration: validateOnly rules, nothing selected; so
// `kustomize build DIR | cce-ingress-https --validate-only` checks what
// file mode checks in DIR.
func checkPlain(o *options, items []*krmio.Item, st settings) fn.Results {
	if o.flags.ValidateOnly != nil && o.flags.Selector == nil && o.configFile == "" {
		return pipeline(items, declaredOnly(o).values, declaredOnly(o).probs, nil, nil, false)
	}
	return pipeline(items, st.values, st.probs, st.ref, st.file, true)
}
