package krmio

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var tricky = []string{
	"", "443", "true", "True", "yes", "NO", "on", "null", "Null", "~", "1.5", "0x1F", "1e3", ".inf", "-1",
	"a: b", "a:b", "#x", "x #y", "x# y", " lead", "trail ", "ünï", "multi\nline", "cr\rx", "-dash", "- dash", "[x]", "a[b]",
	"it's", `say "hi"`, `"quoted"`, "'single'", "a,b", "a?b", "!tag", "&anchor", "*alias", "|pipe", ">gt", "%pct",
	"@at", "`tick`", "{x}", "a\tb", "back\\slash", "---", "...", "<<", "a  b", strings.Repeat("long words ", 30),
	`set kubernetes.io/elb.port to "443" (was "80")`, "metadata.annotations[kubernetes.io/elb.port]",
	"networking.k8s.io/v1", "apps/team-3/app-12/ingresses.yaml",
}

func genericResults(t *testing.T, results fn.Results) string {
	b, err := encodeValue(results)
	require.NoError(t, err)
	return string(b)
}

func fastResults(t *testing.T, results fn.Results) string {
	var out bytes.Buffer
	w := bufio.NewWriter(&out)
	require.NoError(t, writeResults(w, results))
	require.NoError(t, w.Flush())
	return strings.TrimPrefix(out.String(), "results:\n")
}

func TestResultsEncodingIsTheGenericEncoders(t *testing.T) {
	var results fn.Results
	for i, s := range tricky {
		o := tricky[(i+7)%len(tricky)]
		results = append(results,
			&fn.Result{Message: s, Severity: fn.Warning, Tags: map[string]string{"rule": o}},
			&fn.Result{Message: "m", Severity: fn.Info, ResourceRef: &fn.ResourceRef{APIVersion: s, Kind: o, Name: s, Namespace: o},
				Field: &fn.Field{Path: s, CurrentValue: o, ProposedValue: s}, File: &fn.File{Path: o, Index: i}},
			&fn.Result{Message: s, Field: &fn.Field{Path: "p", ProposedValue: s}, Tags: map[string]string{s: o}},
		)
	}
	// Shapes the fast path hands over.
	results = append(results,
		&fn.Result{Message: "empty ref", ResourceRef: &fn.ResourceRef{}},
		&fn.Result{Message: "empty file", File: &fn.File{}},
		&fn.Result{Message: "empty field", Field: &fn.Field{}},
		&fn.Result{Message: "int value", Field: &fn.Field{Path: "p", CurrentValue: 3}},
		&fn.Result{Message: "two tags", Tags: map[string]string{"b": "1", "a": "2", "Ab": "3", "ab": "4", "abc": "5"}},
		&fn.Result{Message: "tag keys", Tags: map[string]string{"a1": "1", "a01": "2", "a10": "3", "a-b": "4", "aB": "5"}},
		&fn.Result{},
	)
	assert.Equal(t, genericResults(t, results), fastResults(t, results))
}

// The results a run writes (a rule tag and its help page, sometimes an
// app) take the fast path: the generic encoder is several times slower.
func TestResultsWithSeveralTagsTakeTheFastPath(t *testing.T) {
	r := &fn.Result{Message: "m", Severity: fn.Info, Tags: map[string]string{"rule": "x", "help": "https://example.com/x.md", "app": "a"}}
	b, ok := appendResult(nil, r)
	require.True(t, ok)
	assert.Equal(t, genericResults(t, fn.Results{r}), string(b))
}

func TestPlainAgreesWithTheEncoder(t *testing.T) {
	alphabet := []byte("aZ09 ./_-[]()\"'=,;@+%<>$^~`|&*!?{}:#\\")
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20000; i++ {
		b := make([]byte, 1+r.IntN(12))
		for j := range b {
			b[j] = alphabet[r.IntN(len(alphabet))]
		}
		s := string(b)
		if !plain(s) {
			continue
		}
		enc, err := encodeValue(s)
		require.NoError(t, err)
		require.Equal(t, s+"\n", string(enc), "plain(%q)", s)
	}
}

// Messages that name their item are all different: the cache of quoted
// texts stops growing instead of keeping every one.
func TestQuotedCacheIsBounded(t *testing.T) {
	for i := range quotedMax + 100 {
		s := fmt.Sprintf("item %d: has no apiVersion or kind", i)
		got, ok := scalarText(s)
		require.True(t, ok)
		enc, err := encodeValue(s)
		require.NoError(t, err)
		require.Equal(t, strings.TrimSuffix(string(enc), "\n"), got)
	}
	assert.LessOrEqual(t, int(quotedCount.Load()), quotedMax)
}
