package validator

import (
	"encoding/json"
	"regexp"
	"strconv"
)

var autocreateName = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,64}$`)

// autocreateProblems checks an elb.autocreate value. HTTPS backends need a
// dedicated ELB, so the dedicated fields are always required. Each problem
// names the JSON key and what to write: out are errors, warns the values
// the sources disagree on.
func autocreateProblems(s string) (out, warns []string) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal([]byte(s), &obj); err != nil || obj == nil {
		return []string{"is not a JSON object: write it like {\"type\":\"inner\",\"available_zone\":[\"<az>\"],\"l7_flavor_name\":\"<flavor>\"}"}, nil
	}
	notString := map[string]bool{} // reported once; no further checks on the key
	str := func(key string) (string, bool) {
		raw, ok := obj[key]
		if !ok {
			return "", false
		}
		var v string
		if json.Unmarshal(raw, &v) != nil {
			if !notString[key] {
				out = append(out, strconv.Quote(key)+" must be a JSON string")
			}
			notString[key] = true
		}
		return v, true
	}
	need := func(key, what string) {
		switch v, ok := str(key); {
		case !ok:
			out = append(out, strconv.Quote(key)+" is missing: "+what)
		case v == "" && !notString[key]:
			out = append(out, strconv.Quote(key)+" is empty: "+what)
		}
	}
	exactly := func(key, want string) {
		if v, ok := str(key); !notString[key] && (!ok || v != want) {
			out = append(out, strconv.Quote(key)+" must be "+strconv.Quote(want)+" for a public ELB")
		}
	}
	if name, ok := str("name"); ok && !notString["name"] && !autocreateName.MatchString(name) {
		out = append(out, "\"name\" must be 1 to 64 letters, digits, '_', '.' or '-'")
	}
	typ, hasType := str("type")
	if hasType && !notString["type"] && typ != "public" && typ != "inner" {
		out = append(out, "\"type\" is "+strconv.Quote(typ)+": use public (with an EIP) or inner (the default)")
	}
	if typ == "public" {
		need("bandwidth_name", "name the EIP bandwidth")
		// The annotation table lists traffic; many CCE examples use bandwidth.
		if v, ok := str("bandwidth_chargemode"); ok && v == "bandwidth" {
			msg := "\"bandwidth_chargemode\" is \"bandwidth\": CCE's annotation table (cce_10_0695) lists only \"traffic\", though many CCE examples use \"bandwidth\"; check which your region accepts, or use \"traffic\""
			warns = append(warns, msg)
		} else {
			exactly("bandwidth_chargemode", "traffic")
		}
		if raw, ok := obj["bandwidth_size"]; !ok {
			out = append(out, "\"bandwidth_size\" is missing: give the bandwidth in Mbit/s, 1 to 2000")
		} else if n, err := strconv.Atoi(string(raw)); err != nil || n < 1 || n > 2000 {
			out = append(out, "\"bandwidth_size\" is "+string(raw)+": use a number from 1 to 2000")
		}
		exactly("bandwidth_sharetype", "PER")
		need("eip_type", "give the EIP type, e.g. 5_bgp")
	}
	if raw, ok := obj["available_zone"]; !ok {
		out = append(out, "\"available_zone\" is missing: a dedicated ELB (needed for HTTPS backends) needs a list of availability zones")
	} else {
		var zones []string
		if json.Unmarshal(raw, &zones) != nil || len(zones) == 0 {
			out = append(out, "\"available_zone\" must be a non-empty list of availability zone names")
		}
	}
	need("l7_flavor_name", "a dedicated ELB with layer-7 (Ingress) listeners needs its layer-7 flavor")
	return out, warns
}
