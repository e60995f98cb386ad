package report

import "github.com/kptdev/krm-functions-sdk/go/fn"

// AppTag is the result tag that names the kustomize app (its folder) a
// result was found in, in file mode. Text output shows it before the file,
// "(overlays/prod: base/ingress.yaml)", and groups the same finding over
// apps; JSON and SARIF keep one result per app.
const AppTag = "app"

const appTag = AppTag

// groupApps merges results that differ only in their app (and the
// namespace the app gives the resource) into one, whose app tag lists every
// app: the same finding in a base shared by many overlays is read once.
// Other results are kept as they are, in order.
func groupApps(results fn.Results) fn.Results {
	type key struct{ sev, rule, file, kind, name, field, msg string }
	var out fn.Results
	groups := map[key]int{}
	for _, r := range results {
		app := r.Tags[appTag]
		if app == "" || r.File == nil {
			out = append(out, r)
			continue
		}
		k := key{sev: string(r.Severity), rule: r.Tags["rule"], file: r.File.Path, msg: r.Message}
		if r.ResourceRef != nil {
			k.kind, k.name = r.ResourceRef.Kind, r.ResourceRef.Name
		}
		if r.Field != nil {
			k.field = r.Field.Path
		}
		i, ok := groups[k]
		if !ok {
			groups[k] = len(out)
			out = append(out, r)
			continue
		}
		g := *out[i]
		g.Tags = map[string]string{}
		for t, v := range out[i].Tags {
			g.Tags[t] = v
		}
		g.Tags[appTag] += ", " + app
		if g.ResourceRef != nil && r.ResourceRef != nil && g.ResourceRef.Namespace != r.ResourceRef.Namespace {
			ref := *g.ResourceRef
			ref.Namespace = ""
			g.ResourceRef = &ref
		}
		out[i] = &g
	}
	return out
}
