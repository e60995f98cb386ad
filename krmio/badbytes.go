package krmio

import (
	"fmt"
	"unicode/utf8"
)

// badByteHint locates the first byte YAML cannot take (invalid UTF-8, or a
// character outside YAML's printable set), so an
// error like "invalid leading UTF-8 octet" says where: " at line 7,
// column 12 (byte 0xff)". It returns "" when there is none.
func badByteHint(data []byte) string {
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 || !yamlAllowed(r) {
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

// yamlAllowed is the character set the YAML reader accepts anywhere in a
// stream, comments included: tab, LF, CR, printable ASCII, NEL, and the
// rest of Unicode except C1 controls, surrogates, U+FFFE and U+FFFF.
func yamlAllowed(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0x7E || r == 0x85 ||
		r >= 0xA0 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}
