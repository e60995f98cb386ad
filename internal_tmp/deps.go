package deps

import (
	_ "github.com/kptdev/krm-functions-sdk/go/fn"
	_ "github.com/kptdev/krm-functions-sdk/go/fn/testhelpers"
	_ "github.com/stretchr/testify/require"
	_ "k8s.io/apimachinery/pkg/labels"
	_ "sigs.k8s.io/kustomize/api/krusty"
	_ "sigs.k8s.io/kustomize/kyaml/fn/framework"
	_ "sigs.k8s.io/kustomize/kyaml/yaml"
)
