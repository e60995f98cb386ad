package run

import (
	"fmt"
	"io"
)

// defaultMaxInput is --max-input-bytes' default: 1 GiB.
const defaultMaxInput = 1 << 30

// maxMaxInput is the largest --max-input-bytes: the reader keeps offsets
// and line numbers in 32 bits, so that a million tiny documents cost less.
const maxMaxInput = 1<<31 - 1

// readInput reads stdin up to max bytes: a bigger input is refused with a
// clear error before it can exhaust memory (the readers need a few times
// the input's size, docs/safety.md).
func readInput(r io.Reader, max int64) ([]byte, error) {
	if max <= 0 {
		return nil, fmt.Errorf("--max-input-bytes must be positive")
	}
	input, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read stdin: %v", err)
	}
	if int64(len(input)) > max {
		return nil, fmt.Errorf("stdin is larger than --max-input-bytes (%d bytes): split the input, or raise the limit if the machine has the memory (about 8 bytes per input byte)", max)
	}
	return input, nil
}
