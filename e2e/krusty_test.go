package e2e

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/api/types"
	"sigs.k8s.io/kustomize/kyaml/filesys"
)

// krustyOptions are what `kustomize build --enable-alpha-plugins
// --enable-exec` sets (kustomize/commands/build.HonorKustomizeFlags).
func krustyOptions() *krusty.Options {
	opts := krusty.MakeDefaultOptions()
	opts.Reorder = krusty.ReorderOptionUnspecified // the CLI's default when --reorder is not given
	opts.PluginConfig = types.EnabledPluginConfig(types.BploUseStaticallyLinked)
	opts.PluginConfig.FnpLoadingOptions.EnableExec = true
	return opts
}

// TestKrusty builds every example in process with the kustomize API (the way
// tools that embed kustomize do) and expects the CLI's output.
func TestKrusty(t *testing.T) {
	for _, ex := range kustomizeExamples {
		t.Run(ex.dir, func(t *testing.T) {
			t.Setenv("PATH", env.path)
			k := krusty.MakeKustomizer(krustyOptions())
			var out string
			var err error
			stderr := captureStderr(t, func() {
				m, runErr := k.Run(filesys.MakeFsOnDisk(), example(ex.dir))
				err = runErr
				if runErr == nil {
					yml, yErr := m.AsYaml()
					require.NoError(t, yErr)
					out = string(yml)
				}
			})
			if ex.fails {
				require.Error(t, err, "the build must fail")
				assert.Contains(t, err.Error(), "couldn't execute function")
				want, rErr := os.ReadFile(sourceFile(ex.dir + "/expected-errors.txt"))
				require.NoError(t, rErr)
				assert.Equal(t, string(want), functionLines(stderr), "the function's stderr lines")
				return
			}
			require.NoError(t, err, "stderr:\n%s", stderr)
			assert.NotContains(t, stderr, "error[")
			want, rErr := os.ReadFile(sourceFile(ex.dir + "/expected.yaml"))
			require.NoError(t, rErr)
			assert.Equal(t, string(want), out, "krusty output differs from the kustomize CLI's expected.yaml")
		})
	}
}

// captureStderr runs f with os.Stderr pointing at a file and returns what
// was written there: exec functions under krusty inherit os.Stderr.
func captureStderr(t *testing.T, f func()) string {
	t.Helper()
	file, err := os.CreateTemp(t.TempDir(), "stderr")
	require.NoError(t, err)
	saved := os.Stderr
	os.Stderr = file
	defer func() { os.Stderr = saved }()
	f()
	require.NoError(t, file.Close())
	data, err := os.ReadFile(file.Name())
	require.NoError(t, err)
	return string(data)
}
