// Command sdkfloor is the "SDK floor" of the benchmarks: an identity KRM
// function built the usual way, on the kpt SDK's fn.AsMain. It reads the
// ResourceList, changes nothing and writes it back, so its cost is what
// every function built on the SDK pays before doing any work.
//
//	stdin ResourceList ──fn.AsMain (parse, no-op, ToYAML)──> stdout
package main

import (
	"os"

	"github.com/kptdev/krm-functions-sdk/go/fn"
)

func main() {
	identity := func(*fn.ResourceList) (bool, error) { return true, nil }
	if err := fn.AsMain(fn.ResourceListProcessorFunc(identity)); err != nil {
		os.Exit(1)
	}
}
