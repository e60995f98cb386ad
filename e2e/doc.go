// Package e2e runs the shipped examples in kustomization-examples/ through
// the real tools, with a freshly built binary:
//
//	go build ─> $TMP/bin/cce-ingress-https
//	kustomization-examples/ ─copy─> $TMP/kustomization-examples/   (so ../../bin exec paths hit $TMP/bin)
//	  ├─ kustomize build (.tools/bin, pinned) ──┐
//	  ├─ krusty (in process, exec enabled) ─────┼─> stdout == <example>/expected.yaml
//	  ├─ kubectl kustomize ─────────────────────┘   failing examples: stderr lines == expected-errors.txt
//	  ├─ kpt fn render / kpt fn eval --exec ──────> rendered files == testdata/, results file
//	  └─ Argo CD plugin.yaml: discover, init, generate as argocd-cmp-server runs them
//
// A missing tool skips its tests with a message, except kustomize when
// CI=true and kpt when CCE_E2E_REQUIRE_KPT=1: then the tests fail.
// Regenerate every expected file with: UPDATE_GOLDEN=1 go test ./e2e
package e2e
