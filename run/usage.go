package run

import (
	"strings"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
	"github.com/cce-ingress-https/cce-ingress-https/validator"
)

// shortUsage is printed on stderr when there is nothing to read.
const shortUsage = `cce-ingress-https: nothing to read.

Usage:
  cce-ingress-https < resourcelist.yaml                  function mode (kustomize, kpt, Argo CD)
  cce-ingress-https --selector LABELS < manifests.yaml   pipe mode (Helm post-renderer, kustomize build | ...)
  cce-ingress-https --config FILE PATH...                file mode (files and folders, CI checks)

Run cce-ingress-https --help for every flag, both configuration forms and the rules.
`

const usageHead = `cce-ingress-https sets the CCE ELB annotations that make a LoadBalancer
Ingress talk HTTPS to its backends on the Ingresses you select by label, and
checks every HTTPS-backend Ingress against CCE's rules.

Usage:
  cce-ingress-https [FLAGS] < resourcelist.yaml     function mode
  cce-ingress-https [FLAGS] < manifests.yaml        pipe mode
  cce-ingress-https [FLAGS] PATH...                 file mode
  cce-ingress-https --explain RULE                  print a rule's page
  cce-ingress-https --help | --version

Modes:
  function  stdin is a ResourceList (kustomize, kpt, Argo CD plugins).
            Writes the ResourceList with results to stdout.
  pipe      stdin is plain YAML: documents separated by ---, or a v1 List
            (helm --post-renderer, kustomize build | cce-ingress-https).
            Writes the same stream to stdout: same order, comments kept,
            unchanged documents byte for byte.
  file      file and folder arguments (folders: *.yaml and *.yml, recursively;
            files there that are not manifests are skipped). stdin is not read.
            Writes all manifests to stdout as one stream, or with --in-place
            rewrites only the files that changed.

%FLAGS%
Results: warnings and errors are printed on stderr, one line each (not under
kpt, which shows every result itself), then one summary line. In file mode,
--format json or sarif without --results prints the results on stdout
instead of the manifests; in pipe and function mode it needs --results.

Exit codes:
  0  no error result (warnings and infos are fine)
  1  an error result, or input or output that cannot be read or written
  2  a command-line mistake (unknown flag, bad combination), or stdin is a
     terminal with no file arguments

Configuration, typed form (--config fn.yaml, or the functionConfig):
  apiVersion: fn.kpt.dev/v1alpha1
  kind: IngressHTTPSBackend
  metadata:
    name: https-backend
  selector:                   # or a string: "https-backend=enabled"; an
    matchLabels:              # empty selector is an error, never "all"
      https-backend: enabled
    matchExpressions:
    - {key: tier, operator: In, values: [web, shop]}
  # selectAll: true           # instead of selector: change every Ingress
  port: 443
  ciphersPolicy: tls-1-2
  clusterVersion: v1.25.3-r0  # optional: enables the cluster-version rule
  validateOnly: false
  liveState: live.yaml        # optional: the cluster's state, as --live
  rules:                      # optional severity overrides
    tls-secret: off
    no-match: error

Configuration, ConfigMap form (kpt fn eval -- key=value); the flags take the
same values:
  apiVersion: v1
  kind: ConfigMap
  metadata:
    name: https-backend
  data:
    selector: https-backend=enabled     # --selector
    # selectAll: "true"                 # --select-all, instead of selector
    port: "443"                         # --port
    ciphersPolicy: tls-1-2              # --ciphers-policy
    clusterVersion: v1.25.3-r0          # --cluster-version
    validateOnly: "false"               # --validate-only
    liveState: live.yaml                # --live
    rules: tls-secret=off,no-match=error  # --rule

`

// Usage is the --help text: flags, both configuration forms and the rules.
func Usage() string {
	var b strings.Builder
	head, tail, _ := strings.Cut(usageHead, "%FLAGS%\n")
	b.WriteString(head)
	b.WriteString(flagHelp(flagDefs(&options{})))
	b.WriteString(tail)
	b.WriteString("Ciphers policies:\n" + wrap(strings.Join(cce.CiphersPolicies, ", "), "  ", 80) + "\n")
	b.WriteString("Rules (id, default severity: what it checks); exempt one Ingress with the\nannotation ignore-rule.cce-ingress-https/<id>: \"<reason>\"; --explain <id>\nprints a rule's page (why, how to fix, examples):\n")
	for _, r := range validator.Rules {
		b.WriteString("  " + r.ID + " (" + string(r.Severity) + ")\n")
		b.WriteString(wrap(r.Summary, "      ", 80))
	}
	return b.String()
}

// flagHelp lists the flags by section, in definition order.
func flagHelp(defs []flagDef) string {
	var b strings.Builder
	group := ""
	for _, d := range defs {
		if d.group != group {
			if group != "" {
				b.WriteString("\n")
			}
			group = d.group
			b.WriteString(group + "\n")
		}
		name := "  " + d.Name
		if d.Arg != "" {
			name += " " + d.Arg
		}
		if d.short != "" {
			name += ", " + d.short
		}
		const col = 26
		text := wrap(d.Help, strings.Repeat(" ", col), 80)
		if len(name) < col-1 {
			text = name + text[len(name):]
		} else {
			text = name + "\n" + text
		}
		b.WriteString(text)
	}
	return b.String()
}

// wrap breaks text into lines of at most width columns, each indented.
func wrap(text, indent string, width int) string {
	var b strings.Builder
	line := indent
	for _, w := range strings.Fields(text) {
		if len(line) > len(indent) && len(line)+1+len(w) > width {
			b.WriteString(line + "\n")
			line = indent
		}
		if len(line) > len(indent) {
			line += " "
		}
		line += w
	}
	return b.String() + line + "\n"
}
