package report

import (
	"cmp"
	"encoding/json"
	"io"
	"path/filepath"
	"strings"

	"github.com/kptdev/krm-functions-sdk/go/fn"

	"github.com/cce-ingress-https/cce-ingress-https/validator"
)

// SARIF 2.1.0, only the parts code-scanning tools read: one run, the rule
// table, and results with level, message and file locations.
const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string      `json:"id"`
	ShortDescription     sarifText   `json:"shortDescription"`
	FullDescription      sarifText   `json:"fullDescription"`
	Help                 sarifText   `json:"help"`
	HelpURI              string      `json:"helpUri,omitempty"`
	DefaultConfiguration sarifConfig `json:"defaultConfiguration"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation *sarifPhysical `json:"physicalLocation,omitempty"`
	LogicalLocations []sarifLogical `json:"logicalLocations,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine int `json:"startLine"`
}

type sarifLogical struct {
	Name               string `json:"name"`
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

// sarifLevel maps a result severity to a SARIF level.
func sarifLevel(s fn.Severity) string {
	switch s {
	case fn.Error:
		return "error"
	case fn.Warning:
		return "warning"
	}
	return "note"
}

// sarifRules lists every validator rule, then the tags that are no rule.
func sarifRules() []sarifRule {
	var rules []sarifRule
	for _, r := range validator.Rules {
		rules = append(rules, ruleDescription(r))
	}
	for _, t := range Tags {
		rules = append(rules, sarifRule{ID: t.ID, ShortDescription: sarifText{Text: t.Summary}, FullDescription: sarifText{Text: t.Meaning},
			Help: sarifText{Text: t.Fix}, DefaultConfiguration: sarifConfig{sarifLevel(t.Severity)}})
	}
	return rules
}

func writeSARIF(w io.Writer, results fn.Results, info Run) error {
	if info.Line == nil {
		info.Line = func(*fn.Result) int { return 0 }
	}
	rules := sarifRules()
	index := map[string]int{}
	for i, r := range rules {
		index[r.ID] = i
	}
	run := sarifRun{
		Tool:    sarifTool{Driver: sarifDriver{Name: "cce-ingress-https", Version: info.Version, Rules: rules}},
		Results: []sarifResult{},
	}
	for _, r := range results {
		id := cmp.Or(r.Tags["rule"], "cce-ingress-https")
		i, ok := index[id]
		if !ok { // a tag no table knows: still a valid, self-described rule
			i = len(run.Tool.Driver.Rules)
			index[id] = i
			run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{ID: id, ShortDescription: sarifText{Text: id},
				FullDescription: sarifText{Text: id}, Help: sarifText{Text: id}, DefaultConfiguration: sarifConfig{"warning"}})
		}
		run.Results = append(run.Results, sarifResult{RuleID: id, RuleIndex: i, Level: sarifLevel(r.Severity),
			Message: sarifText{Text: sarifMessage(r)}, Locations: sarifLocations(r, info.Line)})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
}

// sarifMessage is the result's line without severity and rule, which SARIF
// carries in their own fields.
func sarifMessage(r *fn.Result) string {
	line := Line(&fn.Result{ResourceRef: r.ResourceRef, Field: r.Field, Message: r.Message})
	return strings.TrimPrefix(strings.TrimSpace(line), ": ")
}

func sarifLocations(r *fn.Result, lineOf func(*fn.Result) int) []sarifLocation {
	var loc sarifLocation
	if r.File != nil && r.File.Path != "" {
		loc.PhysicalLocation = &sarifPhysical{ArtifactLocation: sarifArtifact{URI: filepath.ToSlash(r.File.Path)}}
		if line := lineOf(r); line > 0 {
			loc.PhysicalLocation.Region = &sarifRegion{StartLine: line}
		}
	}
	if ref := r.ResourceRef; ref != nil {
		fq := ref.Kind + "/" + ref.Name
		if ref.Namespace != "" {
			fq = ref.Namespace + "/" + fq
		}
		loc.LogicalLocations = []sarifLogical{{Name: ref.Name, FullyQualifiedName: fq, Kind: "resource"}}
	}
	if loc.PhysicalLocation == nil && loc.LogicalLocations == nil {
		return nil
	}
	return []sarifLocation{loc}
}

// ruleDescription describes a rule from the table: what it checks, what CCE
// requires and why, how to fix it, and its page.
func ruleDescription(r validator.Rule) sarifRule {
	full := cmp.Or(r.Why, r.Summary)
	if len(r.CCE) > 0 {
		full += " (CCE user guide: " + strings.Join(r.CCE, ", ") + ")"
	}
	url := validator.HelpURL(r.ID)
	return sarifRule{ID: r.ID, ShortDescription: sarifText{Text: r.Summary}, FullDescription: sarifText{Text: full},
		Help: sarifText{Text: r.Fix + " See " + url,
			Markdown: r.Fix + "\n\n" + full + "\n\n[Rule page: what CCE requires, examples, overrides](" + url + ")"},
		HelpURI: url, DefaultConfiguration: sarifConfig{sarifLevel(r.Severity)}}
}
