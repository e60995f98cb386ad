package report

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLine(t *testing.T) {
	for _, c := range []struct {
		r    fn.Result
		want string
	}{
		{fn.Result{Severity: fn.Error, Message: "m", Tags: map[string]string{"rule": "tls-secret"},
			ResourceRef: &fn.ResourceRef{Kind: "Ingress", Namespace: "shop", Name: "web"},
			File:        &fn.File{Path: "a.yaml", Index: 2}, Field: &fn.Field{Path: "spec.tls[0]"}},
			"error[tls-secret] Ingress shop/web (a.yaml#2) spec.tls[0]: m"},
		{fn.Result{Severity: fn.Warning, Message: "m", ResourceRef: &fn.ResourceRef{Kind: "Service"}, File: &fn.File{Path: "b.yaml"}},
			"warning Service <no name> (b.yaml): m"},
		{fn.Result{Severity: fn.Info, Message: "two\nlines\r\nand\rmore"}, "info: two lines and more"},
	} {
		assert.Equal(t, c.want, Line(&c.r))
	}
}

func TestTextHidesInfosUnlessAsked(t *testing.T) {
	results := fn.Results{{Severity: fn.Info, Message: "i"}, {Severity: fn.Warning, Message: "w"}}
	var without, with strings.Builder
	Text(&without, results, false)
	Text(&with, results, true)
	assert.Equal(t, "warning: w\n", without.String())
	assert.Equal(t, "info: i\nwarning: w\n", with.String())
	var all strings.Builder
	require.NoError(t, Write(&all, FormatText, results, Run{}))
	assert.Equal(t, with.String(), all.String(), "--format text is every line")
}

func TestJSONCounts(t *testing.T) {
	results := fn.Results{{Severity: fn.Error, Message: "e"}, {Severity: fn.Warning, Message: "w"},
		{Severity: fn.Warning, Message: "w2"}, {Severity: fn.Info, Message: "i"}}
	var b strings.Builder
	require.NoError(t, Write(&b, FormatJSON, results, Run{}))
	var got struct {
		Errors, Warnings, Infos int
		Results                 []map[string]any
	}
	require.NoError(t, json.Unmarshal([]byte(b.String()), &got))
	assert.Equal(t, 1, got.Errors)
	assert.Equal(t, 2, got.Warnings)
	assert.Equal(t, 1, got.Infos)
	assert.Len(t, got.Results, 4)
	b.Reset()
	require.NoError(t, Write(&b, FormatJSON, nil, Run{}))
	assert.Contains(t, b.String(), `"results": []`)
}
