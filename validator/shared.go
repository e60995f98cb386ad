package validator

import (
	"slices"
	"strings"
	"time"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

// Source says where a member of a shared listener or backend group comes
// from: the input, or (for checks against the cluster) an Ingress that
// already exists there.
type Source int

const (
	FromInput Source = iota
	FromLive
)

// Member is one Ingress on a shared listener or backend group.
type Member struct {
	Ingress *Ingress
	Source  Source
	Created time.Time // metadata.creationTimestamp; zero when unknown
	Order   int       // input position; live members come after the input
}

// Shared is the Ingresses on one listener (ELB id and port) or one backend
// server group (ELB id, port, Service and Service port). CCE configures it
// from the first Ingress created (cce_10_0954, cce_faq_00460).
type Shared struct {
	Members []*Member
	sorted  bool   // Members are in creation order (Add clears it)
	how     string // why the first is the first, for messages
}

// Add puts an Ingress into the shared listener or group.
func (s *Shared) Add(m *Member) {
	s.Members = append(s.Members, m)
	s.sorted = false
}

// First returns the member whose settings CCE applies and a phrase saying
// how that is known: the kubernetes.io/elb.listener-master-ingress
// annotation CCE writes, else the earliest creationTimestamp (members
// without one are taken as created later, in input order), else input
// order, which is then said to be assumed.
func (s *Shared) First() (*Member, string) {
	if !s.sorted {
		s.order()
	}
	return s.Members[0], s.how
}

func (s *Shared) order() {
	s.sorted = true
	slices.SortStableFunc(s.Members, func(a, b *Member) int {
		switch {
		case a.Created.IsZero() != b.Created.IsZero():
			if a.Created.IsZero() {
				return 1
			}
			return -1
		case !a.Created.Equal(b.Created):
			return a.Created.Compare(b.Created)
		}
		return a.Order - b.Order
	})
	// Exported from a cluster, every Ingress on the listener names the same
	// master: look each name up once.
	at := make(map[string]int, len(s.Members))
	for i, m := range s.Members {
		if _, dup := at[m.Ingress.Ref()]; !dup {
			at[m.Ingress.Ref()] = i
		}
	}
	for _, m := range s.Members {
		ref := strings.TrimSpace(m.Ingress.Annotations[cce.ListenerMaster])
		if i, ok := at[ref]; ok && ref != "" {
			master := s.Members[i]
			s.Members = slices.Delete(s.Members, i, i+1)
			s.Members = slices.Insert(s.Members, 0, master)
			s.how = "named first by " + cce.ListenerMaster + " on Ingress " + m.Ingress.Ref()
			return
		}
	}
	switch {
	case !s.Members[0].Created.IsZero():
		s.how = "the earliest creationTimestamp"
	default:
		s.how = "first in the input: no Ingress here has a creationTimestamp or " + cce.ListenerMaster + ", so creation in input order is assumed"
	}
}

// newMember is an input Ingress as a member.
func newMember(ing *Ingress) *Member {
	m := &Member{Ingress: ing, Source: FromInput, Order: ing.Order}
	if ing.Created != "" {
		if t, err := time.Parse(time.RFC3339, ing.Created); err == nil {
			m.Created = t
		}
	}
	return m
}
