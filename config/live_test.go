package config

import (
	"flag"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"sigs.k8s.io/kustomize/kyaml/yaml"
)

func TestLiveStateInEveryForm(t *testing.T) {
	typed, probs := parse(t, "apiVersion: fn.kpt.dev/v1alpha1\nkind: IngressHTTPSBackend\nmetadata: {name: x}\nselector: a=b\nliveState: dump/live.yaml\n")
	require.Empty(t, probs)
	assert.Equal(t, Value{Field: "liveState", Text: "dump/live.yaml"}, typed.LiveState)

	cm, probs := parse(t, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  selector: a=b\n  liveState: live.yaml\n")
	require.Empty(t, probs)
	assert.Equal(t, Value{Field: "data.liveState", Text: "live.yaml"}, cm.LiveState)

	none, _ := parse(t, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {selector: a=b}\n")
	assert.Equal(t, Value{}, none.LiveState, "no live state unless given")

	_, probs = parse(t, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  selector: a=b\n  liveState: \" \"\n")
	require.Len(t, errorsOf(probs), 1)
	assert.Equal(t, "data.liveState", probs[0].Field)
	assert.Contains(t, probs[0].Message, "liveState is empty")

	_, probs = parse(t, "apiVersion: fn.kpt.dev/v1alpha1\nkind: IngressHTTPSBackend\nmetadata: {name: x}\nselector: a=b\nlivestate: live.yaml\n")
	require.NotEmpty(t, probs)
	assert.Contains(t, probs[0].Message, "did you mean liveState?")
}

func TestLiveFlagOverridesTheConfig(t *testing.T) {
	var f Flags
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	f.register(fs)
	require.NoError(t, fs.Parse([]string{"--live", "now.yaml"}))
	assert.True(t, f.Given())
	var doc yaml.Node
	require.NoError(t, yaml.Unmarshal([]byte("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {selector: a=b, liveState: old.yaml}\n"), &doc))
	c, probs := Load(doc.Content[0], f)
	require.Empty(t, probs)
	assert.Equal(t, Value{Field: "--live", Text: "now.yaml"}, c.LiveState)
}
