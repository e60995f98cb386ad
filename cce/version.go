package cce

import (
	"fmt"
	"regexp"
	"strconv"
)

// Version is a CCE cluster version such as v1.25.3-r0.
type Version struct {
	Major, Minor, Patch, Revision int
}

var versionPattern = regexp.MustCompile(`^v?(\d{1,4})\.(\d{1,4})(?:\.(\d{1,6}))?(?:-r(\d{1,6}))?$`)

// ParseVersion accepts v1.25, v1.25.3 and v1.25.3-r0 (the leading v is optional).
func ParseVersion(s string) (Version, error) {
	m := versionPattern.FindStringSubmatch(s)
	if m == nil {
		return Version{}, fmt.Errorf("%q is not a CCE version like v1.25.3-r0", s)
	}
	n := func(s string) int { v, _ := strconv.Atoi(s); return v }
	return Version{Major: n(m[1]), Minor: n(m[2]), Patch: n(m[3]), Revision: n(m[4])}, nil
}

// MustVersion parses a version known at compile time.
func MustVersion(s string) Version {
	v, err := ParseVersion(s)
	if err != nil {
		panic(err)
	}
	return v
}

func (v Version) String() string {
	return fmt.Sprintf("v%d.%d.%d-r%d", v.Major, v.Minor, v.Patch, v.Revision)
}

// Less orders versions by major, minor, patch, then revision.
func (v Version) Less(o Version) bool {
	a := [4]int{v.Major, v.Minor, v.Patch, v.Revision}
	b := [4]int{o.Major, o.Minor, o.Patch, o.Revision}
	for i := range a {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return false
}

// Requirement is the oldest version of each minor that has a feature; minors
// newer than the newest listed one always have it, minors older than the
// oldest listed one never do, and unlisted minors in between do not.
type Requirement struct {
	Feature  string
	Minimums []Version
}

// Supports reports whether v has the feature.
func (r Requirement) Supports(v Version) bool {
	last := r.Minimums[len(r.Minimums)-1]
	if v.Major > last.Major || (v.Major == last.Major && v.Minor > last.Minor) {
		return true
	}
	for _, m := range r.Minimums {
		if m.Major == v.Major && m.Minor == v.Minor {
			return !v.Less(m)
		}
	}
	return false
}

// Describe lists the minimum versions for messages: "v1.23.8-r0 / v1.25.3-r0 or a later minor".
func (r Requirement) Describe() string {
	s := ""
	for i, m := range r.Minimums {
		if i > 0 {
			s += " / "
		}
		s += m.String()
	}
	return s + " or a later minor"
}

// Version requirements from the CCE user guide.
var (
	HTTPSBackendSupport = Requirement{"HTTPS backends (elb.pool-protocol: https)", []Version{MustVersion("v1.23.8-r0"), MustVersion("v1.25.3-r0")}}
	HTTP2Support        = Requirement{"elb.http2-enable", []Version{MustVersion("v1.23.13-r0"), MustVersion("v1.25.8-r0"), MustVersion("v1.27.5-r0"), MustVersion("v1.28.3-r0")}}
	ListenPortsSupport  = Requirement{"elb.listen-ports", []Version{MustVersion("v1.23.14-r0"), MustVersion("v1.25.9-r0"), MustVersion("v1.27.6-r0"), MustVersion("v1.28.4-r0")}}
	CertIDsSupport      = Requirement{"elb.tls-certificate-ids", []Version{MustVersion("v1.19.16-r2"), MustVersion("v1.21.5-r0"), MustVersion("v1.23.3-r0")}}
)
