package validator

import (
	"encoding/json"
	"fmt"
	"strings"
)

// ListenPort is one entry of elb.listen-ports, e.g. {"HTTPS": 443}.
type ListenPort struct {
	Protocol string
	Port     int
}

// ParseListenPorts parses `[{"HTTP":80},{"HTTPS":443}]`. Each entry must be an
// object with exactly one key, HTTP or HTTPS, whose value is a port 1-65535.
func ParseListenPorts(s string) ([]ListenPort, error) {
	var raw []map[string]json.Number
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil {
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
			port, err := num.Int64()
			if err != nil || port < 1 || port > 65535 {
				return nil, fmt.Errorf("entry %d has port %s: use a whole number from 1 to 65535", i, num)
			}
			out = append(out, ListenPort{Protocol: proto, Port: int(port)})
		}
	}
	return out, nil
}
