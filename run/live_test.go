package run

import (
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Live cases live in ../testdata/live/<case>/ (resources.yaml, config.yaml,
// expected.txt: function mode's stderr lines and exit code) and share the
// dump ../testdata/live/cluster.yaml, written in the shape `kubectl get
// ingress,service,secret -A -o yaml` prints. Its Secret values, and the
// last-applied-configuration of one of them, carry liveMarker.
// Regenerate with: UPDATE_GOLDEN=1 go test ./run -run TestLiveCases
const (
	liveDump   = "../testdata/live/cluster.yaml"
	liveMarker = "LIVE-S3CR3T-7f3a"
)

var liveCases = []struct {
	dir      string
	live     bool // run with the dump (the exported case runs without)
	changed  bool // the resources come out changed
	wantCode int
}{
	{dir: "existing-http", live: true, wantCode: 1},
	{dir: "new-ingress", live: true, changed: true},
	{dir: "class-change", live: true, wantCode: 1},
	{dir: "join-listener", live: true, changed: true},
	{dir: "exported", wantCode: 1},
	{dir: "no-namespace", live: true, wantCode: 1},
}

// TestLiveCases runs each case in function mode (--live, liveState in the
// typed config, liveState in a ConfigMap), pipe mode and file mode: the
// same exit code, the same results and the same resources everywhere;
// resources of a failing case come out byte for byte as they went in; and
// no output in any format holds a live Secret's value.
func TestLiveCases(t *testing.T) {
	for _, c := range liveCases {
		t.Run(c.dir, func(t *testing.T) {
			dir := filepath.Join("../testdata/live", c.dir)
			res, cfg := filepath.Join(dir, "resources.yaml"), filepath.Join(dir, "config.yaml")
			var liveArgs []string
			if c.live {
				liveArgs = []string{"--live", liveDump}
			}
			tmp := t.TempDir()
			rl := BuildResourceList(t, dir)
			fnOut := runCLI(t, string(rl), append([]string{"-v"}, liveArgs...)...)
			compareGolden(t, filepath.Join(dir, "expected.txt"), fmt.Sprintf("%sexit: %d\n", fnOut.stderr, fnOut.code))
			assert.Equal(t, c.wantCode, fnOut.code)
			fnResults, fnItems := fromResourceList(t, fnOut.stdout)
			outputs := []string{fnOut.stdout, fnOut.stderr}

			if c.live {
				for name, config := range map[string]string{
					"typed":     readFile(t, cfg) + "liveState: " + liveDump + "\n",
					"configmap": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: https-backend}\ndata:\n  selector: https-backend=enabled\n  liveState: " + liveDump + "\n",
				} {
					caseDir := filepath.Join(tmp, name)
					require.NoError(t, os.MkdirAll(caseDir, 0o755))
					writeCase(t, caseDir, readFile(t, res), config)
					out := runCLI(t, string(BuildResourceList(t, caseDir)))
					results, items := fromResourceList(t, out.stdout)
					assert.Equal(t, fnOut.code, out.code, "exit code, liveState in the %s config vs --live", name)
					assert.Equal(t, comparable(fnResults, false), comparable(results, false), "results, liveState in the %s config vs --live", name)
					assert.Equal(t, fnItems, items, "resources, liveState in the %s config vs --live", name)
					outputs = append(outputs, out.stdout, out.stderr)
				}
			}

			pipeJSON, pipeSARIF := filepath.Join(tmp, "pipe.json"), filepath.Join(tmp, "pipe.sarif")
			pipeOut := runCLI(t, readFile(t, res), append([]string{"-v", "--config", cfg, "--format", "json", "--results", pipeJSON}, liveArgs...)...)
			sarifOut := runCLI(t, readFile(t, res), append([]string{"--config", cfg, "--format", "sarif", "--results", pipeSARIF}, liveArgs...)...)
			fileJSON := filepath.Join(tmp, "file.json")
			fileOut := runWith(t, noRead{t}, append([]string{"-v", "--config", cfg, "--format", "json", "--results", fileJSON, res}, liveArgs...)...)
			fileSARIF := runWith(t, noRead{t}, append([]string{"--config", cfg, "--format", "sarif", res}, liveArgs...)...)

			for _, o := range []outcome{pipeOut, sarifOut, fileOut, fileSARIF} {
				assert.Equal(t, fnOut.code, o.code, "exit code vs function mode")
			}
			assert.Equal(t, comparable(fnResults, true), comparable(fromJSON(t, readFile(t, pipeJSON)), true), "results, pipe vs function")
			assert.ElementsMatch(t, comparable(fnResults, false), comparable(fromJSON(t, readFile(t, fileJSON)), false), "results, file vs function")
			assert.Equal(t, fnItems, streamItems(t, pipeOut.stdout), "resources, pipe vs function")
			assert.Equal(t, pipeOut.stdout, fileOut.stdout, "file mode prints what pipe mode prints")
			if c.changed {
				assert.NotEqual(t, readFile(t, res), pipeOut.stdout)
			} else {
				assert.Equal(t, readFile(t, res), pipeOut.stdout, "nothing changed")
			}
			outputs = append(outputs, pipeOut.stdout, pipeOut.stderr, sarifOut.stdout, sarifOut.stderr, fileOut.stdout, fileOut.stderr,
				fileSARIF.stdout, fileSARIF.stderr, readFile(t, pipeJSON), readFile(t, pipeSARIF), readFile(t, fileJSON))
			assertNoLiveSecret(t, outputs...)
		})
	}
}

func assertNoLiveSecret(t *testing.T, outputs ...string) {
	t.Helper()
	b64 := base64.StdEncoding.EncodeToString([]byte(liveMarker))
	for i, out := range outputs {
		require.NotEmpty(t, outputs[0])
		assert.NotContains(t, out, liveMarker, "output %d", i)
		assert.NotContains(t, out, b64, "output %d", i)
		assert.NotContains(t, out, b64[:16], "output %d", i)
	}
}

// TestLiveSecretsNeverLeak turns every rule to info, so every finding is a
// result and a stderr line, and references every live Secret from an
// Ingress (including the Opaque one, which fails tls-secret): the dump's
// Secret values stay out of every output in every format.
func TestLiveSecretsNeverLeak(t *testing.T) {
	tmp := t.TempDir()
	res := filepath.Join(tmp, "ingress.yaml")
	require.NoError(t, os.WriteFile(res, []byte(strings.Replace(readFile(t, "../testdata/live/new-ingress/resources.yaml"),
		"  - secretName: web-tls\n", "  - secretName: web-tls\n  - secretName: db-creds\n", 1)), 0o644))
	var rules []string
	for _, id := range []string{"tls-secret", "immutable-field", "listener-conflict", "backend-service", "https-frontend"} {
		rules = append(rules, "--rule", id+"=info")
	}
	common := append([]string{"-v", "--selector", "https-backend=enabled", "--live", liveDump}, rules...)
	var outputs []string
	for _, format := range []string{"text", "json", "sarif"} {
		results := filepath.Join(tmp, "results."+format)
		pipe := runCLI(t, readFile(t, res), append(common, "--format", format, "--results", results)...)
		file := runWith(t, noRead{t}, append(common, "--format", format, res)...)
		fnOut := runCLI(t, string(BuildResourceList(t, "../testdata/live/new-ingress")), append(common, "--results", results+".fn", "--format", format)...)
		outputs = append(outputs, pipe.stdout, pipe.stderr, readFile(t, results), file.stdout, file.stderr, fnOut.stdout, fnOut.stderr, readFile(t, results+".fn"))
	}
	joined := strings.Join(outputs, "\n")
	require.Contains(t, joined, "Secret shop/db-creds has type Opaque", "the live Secret was checked")
	assertNoLiveSecret(t, outputs...)
}

// TestLiveStateErrors: a live dump that cannot be read is a configuration
// error naming it in every mode: exit 1, resources unchanged.
func TestLiveStateErrors(t *testing.T) {
	tmp := t.TempDir()
	broken := filepath.Join(tmp, "broken.yaml")
	require.NoError(t, os.WriteFile(broken, []byte("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {k: "+liveMarker+"}\n---\nitems: [\n"), 0o644))
	res := "../testdata/live/new-ingress/resources.yaml"
	cfg := "../testdata/live/new-ingress/config.yaml"
	for _, c := range []struct{ path, msg string }{
		{filepath.Join(tmp, "missing.yaml"), "missing.yaml: no such file or directory"},
		{broken, "broken.yaml is not YAML that kubectl prints"},
		{"", "liveState is empty"},
	} {
		t.Run(filepath.Base(c.path), func(t *testing.T) {
			fnOut := runCLI(t, string(BuildResourceList(t, "../testdata/live/new-ingress")), "--live", c.path)
			pipe := runCLI(t, readFile(t, res), "--config", cfg, "--live", c.path)
			file := runWith(t, noRead{t}, "--config", cfg, "--live", c.path, res)
			for _, o := range []outcome{fnOut, pipe, file} {
				assert.Equal(t, 1, o.code)
				assert.Contains(t, o.stderr, "error[config]")
				assert.Contains(t, o.stderr, "--live")
				assert.Contains(t, o.stderr, c.msg)
			}
			assert.Equal(t, readFile(t, res), pipe.stdout, "nothing changed")
			assert.Equal(t, readFile(t, res), file.stdout, "nothing changed")
			assert.NotContains(t, fnOut.stdout, "elb.pool-protocol: https")
			assertNoLiveSecret(t, fnOut.stdout, fnOut.stderr, pipe.stderr, file.stderr)
		})
	}
}

// TestWithoutLiveStateTheChangeInfoSaysHowToCheck: without a dump, the
// pool-protocol change info ends with how to check; with one, it does not.
func TestWithoutLiveStateTheChangeInfoSaysHowToCheck(t *testing.T) {
	res := readFile(t, "../testdata/live/new-ingress/resources.yaml")
	without := runCLI(t, res, "-v", "--selector", "https-backend=enabled")
	with := runCLI(t, res, "-v", "--selector", "https-backend=enabled", "--live", liveDump)
	note := "CCE refuses this change if the Ingress already exists with another backend protocol: check with --live FILE"
	assert.Equal(t, 1, strings.Count(without.stderr, note), without.stderr)
	assert.NotContains(t, with.stderr, note)
	assert.Equal(t, without.stdout, with.stdout, "the same change")
}
