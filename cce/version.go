package cce

import (
	"fmt"
	"regexp"
	"strconv"
)

// Version is a CCE cluster version such as v1.25.3-r0. A version may be
// given without its revision (v1.25.3) or without its patch (v1.25): the
// parts not given are then unknown, not zero.
type Version struct {
	Major, Minor, Patch, Revision int
	parts                         int // how many of the four were given: 2, 3 or 4 (0 means all)
}

var versionPattern = regexp.MustCompile(`^v?(\d{1,4})\.(\d{1,4})(?:\.(\d{1,6}))?(?:-r(\d{1,6}))?$`)

// VersionForms are the accepted spellings, for docs and messages.
const VersionForms = "v1.25.3-r0, v1.25.3 or v1.25 (the leading v is optional)"

// ParseVersion accepts v1.25, v1.25.3 and v1.25.3-r0 (the leading v is
// optional); a revision needs a patch (v1.25-r0 is not a CCE version).
func ParseVersion(s string) (Version, error) {
	m := versionPattern.FindStringSubmatch(s)
	if m == nil || m[3] == "" && m[4] != "" {
		return Version{}, fmt.Errorf("%q is not a CCE version: write it like %s", s, VersionForms)
	}
	n := func(s string) int { v, _ := strconv.Atoi(s); return v }
	v := Version{Major: n(m[1]), Minor: n(m[2]), Patch: n(m[3]), Revision: n(m[4]), parts: 4}
	switch {
	case m[3] == "":
		v.parts = 2
	case m[4] == "":
		v.parts = 3
	}
	return v, nil
}

// MustVersion parses a version known at compile time.
func MustVersion(s string) Version {
	v, err := ParseVersion(s)
	if err != nil {
		panic(err)
	}
	return v
}

// String writes the version as given: v1.25, v1.25.3 or v1.25.3-r0.
func (v Version) String() string {
	switch v.parts {
	case 2:
		return fmt.Sprintf("v%d.%d", v.Major, v.Minor)
	case 3:
		return fmt.Sprintf("v%d.%d.%d", v.Major, v.Minor, v.Patch)
	}
	return fmt.Sprintf("v%d.%d.%d-r%d", v.Major, v.Minor, v.Patch, v.Revision)
}

// Less orders versions by major, minor, patch, then revision; parts not
// given count as zero.
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

// Support is what a version says about a feature.
type Support int

const (
	Unsupported Support = iota
	Supported
	// Unknown: the version leaves out the patch or revision that decides.
	Unknown
)

// Requirement is the oldest version of each minor that has a feature; minors
// newer than the newest listed one always have it, minors older than the
// oldest listed one never do, and unlisted minors in between do not.
type Requirement struct {
	Feature  string
	Minimums []Version
}

// Check says whether v has the feature. A version without patch (or
// revision) is Unknown when the minimum for its minor needs a later one.
func (r Requirement) Check(v Version) Support {
	last := r.Minimums[len(r.Minimums)-1]
	if v.Major > last.Major || (v.Major == last.Major && v.Minor > last.Minor) {
		return Supported
	}
	m, ok := r.MinimumFor(v)
	if !ok {
		return Unsupported
	}
	given := [4]int{v.Major, v.Minor, v.Patch, v.Revision}
	need := [4]int{m.Major, m.Minor, m.Patch, m.Revision}
	parts := v.parts
	if parts == 0 {
		parts = 4
	}
	for i := 0; i < parts; i++ {
		if given[i] != need[i] {
			if given[i] > need[i] {
				return Supported
			}
			return Unsupported
		}
	}
	for _, x := range need[parts:] {
		if x != 0 {
			return Unknown
		}
	}
	return Supported
}

// MinimumFor returns the minimum listed for v's minor, if there is one.
func (r Requirement) MinimumFor(v Version) (Version, bool) {
	for _, m := range r.Minimums {
		if m.Major == v.Major && m.Minor == v.Minor {
			return m, true
		}
	}
	return Version{}, false
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
	GRPCBackendSupport  = Requirement{"gRPC backends (elb.pool-protocol: grpc)", []Version{MustVersion("v1.23.10-r20"), MustVersion("v1.25.5-r20"), MustVersion("v1.27.2-r20"), MustVersion("v1.28.1-r0")}}
	HTTP2Support        = Requirement{"elb.http2-enable", []Version{MustVersion("v1.23.13-r0"), MustVersion("v1.25.8-r0"), MustVersion("v1.27.5-r0"), MustVersion("v1.28.3-r0")}}
	ListenPortsSupport  = Requirement{"elb.listen-ports", []Version{MustVersion("v1.23.14-r0"), MustVersion("v1.25.9-r0"), MustVersion("v1.27.6-r0"), MustVersion("v1.28.4-r0")}}
	CertIDsSupport      = Requirement{"elb.tls-certificate-ids", []Version{MustVersion("v1.19.16-r2"), MustVersion("v1.21.5-r0"), MustVersion("v1.23.3-r0")}}
)
