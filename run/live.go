package run

import (
	"github.com/kptdev/krm-functions-sdk/go/fn"

	"github.com/cce-ingress-https/cce-ingress-https/config"
	"github.com/cce-ingress-https/cce-ingress-https/live"
)

// loadLive reads the live dump the configuration names (--live,
// liveState), or returns the empty state when it names none. A dump that
// cannot be read is a configuration error: nothing is changed then.
func loadLive(v config.Value) (*live.State, []config.Problem) {
	if v.Field == "" {
		return live.Empty(), nil
	}
	s, err := live.Load(v.Text)
	if err != nil {
		return nil, []config.Problem{{Severity: fn.Error, Field: v.Field, Message: err.Error()}}
	}
	return s, nil
}
