package run

import (
	"cmp"
	"runtime"
	"runtime/debug"
)

// Version and Commit are stamped at build time, from git describe and the
// commit id, by every build path (scripts/ldflags.sh, the Dockerfile):
//
//	-ldflags "-X github.com/cce-ingress-https/cce-ingress-https/run.Version=v1.2.3
//	          -X github.com/cce-ingress-https/cce-ingress-https/run.Commit=0123abc..."
//
// Without them, the module version (go install ...@v1.2.3) and the VCS
// information the go command records in a checkout are used.
var (
	Version = ""
	Commit  = ""
)

// version is the release version, e.g. v1.2.3, or "(devel)".
func version() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

// commit is the commit the binary was built from, or "unknown".
func commit() string {
	if Commit != "" {
		return Commit
	}
	var rev, modified string
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					modified = "-dirty"
				}
			}
		}
	}
	return cmp.Or(rev, "unknown") + modified
}

// versionLine is what --version prints: version, commit and Go version.
func versionLine() string {
	return "cce-ingress-https " + version() + " (commit " + commit() + ", " + runtime.Version() + ", " + runtime.GOOS + "/" + runtime.GOARCH + ")"
}
