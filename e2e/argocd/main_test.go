// Package argocd runs the Argo CD examples through the real Argo CD
// components, v3.6.1, with no cluster:
//
//	kustomization-examples/ -> git commit -> bare file:// repository
//	Application (kustomization-examples/argocd/application*.yaml)
//	  -> ManifestRequest, as the application controller builds it
//	  -> argocd-repo-server (this test binary; miniredis as its cache)
//	  -> argocd-cmp-server per plugin (this test binary, unix sockets)
//	     or the repo-server's built-in kustomize
//	  -> manifests, compared with the app's expected.yaml,
//	     or an error, compared with its expected-errors.txt
//
// The test binary is Argo CD's multi-call program too: TestMain runs the
// command named by ARGOCD_BINARY_NAME, or by the binary's own name when it
// is mounted as /var/run/argocd/argocd-cmp-server in a sidecar image.
package argocd

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	cmpserver "github.com/argoproj/argo-cd/v3/cmd/argocd-cmp-server/commands"
	reposerver "github.com/argoproj/argo-cd/v3/cmd/argocd-repo-server/commands"
	"github.com/spf13/cobra"
)

// binaryNameEnv makes the test binary act as one of Argo CD's programs, the
// way Argo CD's own multi-call binary picks its command.
const binaryNameEnv = "ARGOCD_BINARY_NAME"

var argoCommands = map[string]func() *cobra.Command{
	"argocd-cmp-server":  cmpserver.NewCommand,
	"argocd-repo-server": reposerver.NewCommand,
}

func TestMain(m *testing.M) {
	name := os.Getenv(binaryNameEnv)
	if name == "" {
		name = filepath.Base(os.Args[0])
	}
	if newCommand, ok := argoCommands[name]; ok {
		cmd := newCommand()
		cmd.SetArgs(os.Args[1:])
		if err := cmd.Execute(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	if name != filepath.Base(os.Args[0]) {
		fmt.Fprintf(os.Stderr, "%s=%q: not an Argo CD program this test runs\n", binaryNameEnv, name)
		os.Exit(2)
	}
	os.Exit(runTests(m))
}
