package report

import (
	"strings"
	"testing"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"github.com/stretchr/testify/assert"
)

func TestSummaryLine(t *testing.T) {
	results := fn.Results{{Severity: fn.Error}, {Severity: fn.Warning}, {Severity: fn.Warning}, {Severity: fn.Info}}
	assert.Equal(t, "cce-ingress-https: 1 Ingress, 1 selected, 3 annotations set, 1 checked as HTTPS or gRPC backends; 1 error, 2 warnings",
		SummaryLine(Summary{Ran: true, Ingresses: 1, Selected: 1, Annotations: 3, Checked: 1}, results))
	assert.Equal(t, "cce-ingress-https: 2 Ingresses, 2 selected, nothing set (validateOnly), 0 checked as HTTPS or gRPC backends, 4 passed through; 0 errors, 0 warnings",
		SummaryLine(Summary{Ran: true, ValidateOnly: true, Ingresses: 2, Selected: 2, Passed: 4}, nil))
	assert.Equal(t, "cce-ingress-https: nothing selected or changed; 1 error, 0 warnings",
		SummaryLine(Summary{Annotations: 3}, results[:1]))
}

func TestSummaryLinePointsToTheFirstRuleWithAProblem(t *testing.T) {
	results := fn.Results{
		{Severity: fn.Info, Tags: map[string]string{"rule": "https-annotations"}},
		{Severity: fn.Error, Tags: map[string]string{"rule": "config"}},
		{Severity: fn.Warning, Tags: map[string]string{"rule": "tls-secret"}},
		{Severity: fn.Error, Tags: map[string]string{"rule": "dedicated-elb"}},
	}
	line := SummaryLine(Summary{Ran: true}, results)
	assert.True(t, strings.HasSuffix(line, "; 2 errors, 1 warning (a rule's page: cce-ingress-https --explain dedicated-elb)"), "the first rule with an error: %s", line)
	line = SummaryLine(Summary{Ran: true}, results[:3])
	assert.True(t, strings.HasSuffix(line, "(a rule's page: cce-ingress-https --explain tls-secret)"), "else the first with a warning: %s", line)
	line = SummaryLine(Summary{Ran: true}, results[:2])
	assert.True(t, strings.HasSuffix(line, "; 1 error, 0 warnings"), "no rule, no hint: %s", line)
}

func TestSummaryLineUnconfiguredApps(t *testing.T) {
	assert.Equal(t, "cce-ingress-https: 3 Ingresses, 0 selected, nothing set (validateOnly), 1 checked as HTTPS or gRPC backends, "+
		"2 apps without configuration checked with the validateOnly rules only (nothing selected: give --selector or --config); 0 errors, 0 warnings",
		SummaryLine(Summary{Ran: true, ValidateOnly: true, Ingresses: 3, Checked: 1, Unconfigured: 2}, nil))
}
