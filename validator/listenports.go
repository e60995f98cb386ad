package validator

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// ListenPort is one entry of elb.listen-ports, e.g. {"HTTPS": 443}.
type ListenPort struct {
	Protocol string
	Port     int
}

// ParseListenPorts parses `[{"HTTP":80},{"HTTPS":443}]`. Each entry must be an
// object with exactly one key, HTTP or HTTPS, whose value is a JSON number
// (not a string) from 1 to 65535. Text after the list is an error.
func ParseListenPorts(s string) ([]ListenPort, error) {
	var raw []map[string]json.RawMessage
	// json.Unmarshal, unlike a Decoder, rejects trailing text after the list.
	if err := json.Unmarshal([]byte(s), &raw); err != nil {
		return nil, fmt.Errorf("is not a JSON list of {\"HTTP\"|\"HTTPS\": port} objects: %v", err)
	}
	out := make([]ListenPort, 0, len(raw))
	for i, entry := range raw {
		if len(entry) != 1 {
			return nil, fmt.Errorf("entry %d must have exactly one key, HTTP or HTTPS", i)
		}
		for proto, num := range entry {
			if proto != "HTTP" && proto != "HTTPS" {
				return nil, fmt.Errorf("entry %d has protocol %q: use HTTP or HTTPS", i, proto)
			}
			port, err := strconv.Atoi(string(num))
			if err != nil || port < 1 || port > 65535 {
				return nil, fmt.Errorf("entry %d has port %s: use a whole number from 1 to 65535, unquoted", i, num)
			}
			out = append(out, ListenPort{Protocol: proto, Port: port})
		}
	}
	return out, nil
}
