package krmio

import (
	"fmt"
	"unicode/utf8"
)

// badByteHint locates the first byte YAML cannot take (invalid UTF-8, or a
// control character other than tab, newline and carriage return), so an
// error like "invalid leading UTF-8 octet" says where: " at line 7,
// column 12 (byte 0xff)". It returns "" when there is none.
func badByteHint(data []byte) string {
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		bad := r == utf8.RuneError && size <= 1 || r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f
		if bad {
			return fmt.Sprintf(" at line %d, column %d (byte 0x%02x)", line, col, data[i])
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return ""
}
