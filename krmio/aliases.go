package krmio

import (
	"bytes"
	"fmt"

	"sigs.k8s.io/kustomize/kyaml/yaml"
)

// Alias budget: the nodes a document may reach by following YAML aliases,
// in all. A few kB of nested aliases (billion laughs) or a wide fan-out
// (thousands of rules sharing one paths list of thousands of aliases) can
// otherwise make every reader that follows aliases (the validator, the
// configuration) do quadratic or exponential work. Documents without
// aliases never reach the budget: it is at least ten times their size.
const (
	aliasBudgetMin   = 1_000_000
	aliasBudgetRatio = 10
	countCap         = 1 << 50 // saturates counts so deep bombs cannot overflow
)

// aliasCounter counts nodes with aliases expanded, memoised per anchored
// node, so the count costs one walk whatever the expansion.
type aliasCounter struct {
	memo     map[*yaml.Node]int
	visiting map[*yaml.Node]bool // anchored nodes being counted: an alias to one is a cycle
}

// expanded is the number of nodes in n with every alias replaced by its
// target; a node that contains an alias to itself expands without end.
func (c *aliasCounter) expanded(n *yaml.Node) int {
	if n == nil {
		return 0
	}
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			return 1
		}
		if c.visiting[n.Alias] {
			return countCap
		}
		return c.expanded(n.Alias)
	}
	if n.Anchor != "" {
		if v, ok := c.memo[n]; ok {
			return v
		}
		c.visiting[n] = true
		defer delete(c.visiting, n)
	}
	total := 1
	for _, k := range n.Content {
		total = min(countCap, total+c.expanded(k))
	}
	if n.Anchor != "" {
		c.memo[n] = total
	}
	return total
}

// literal is the number of nodes in n as written, aliases counted once.
func literal(n *yaml.Node) int {
	if n == nil {
		return 0
	}
	total := 1
	if n.Kind != yaml.AliasNode {
		for _, k := range n.Content {
			total += literal(k)
		}
	}
	return total
}

// limitAliases marks the items whose aliases would overrun the document's
// budget, so nothing downstream reads them (one bomb does not use up the
// budget of the items after it), and rejects a functionConfig that does.
// Inputs whose text has no '*' have no aliases and cost nothing here.
func limitAliases(data []byte, items []*Item, fc *yaml.Node) error {
	if bytes.IndexByte(data, '*') < 0 {
		return nil
	}
	c := &aliasCounter{memo: map[*yaml.Node]int{}, visiting: map[*yaml.Node]bool{}}
	size := literal(fc)
	for _, it := range items {
		size += literal(it.Node)
	}
	budget := max(aliasBudgetMin, aliasBudgetRatio*size)
	if n := c.expanded(fc); n > budget {
		return fmt.Errorf("functionConfig uses YAML aliases that expand to more than %d nodes (an alias bomb): write it out without aliases", budget)
	}
	used := 0
	for _, it := range items {
		n := c.expanded(it.Node)
		if used+n <= budget {
			used += n
			continue
		}
		if it.Problem == "" {
			it.Problem = fmt.Sprintf("uses YAML aliases that expand to %s nodes, over the limit for the whole input (%d): an alias bomb? Write it out without aliases", about(n), budget)
			it.object, it.obj = false, nil
		}
	}
	return nil
}

// about prints a node count, capped counts as "over 10^15".
func about(n int) string {
	if n >= countCap {
		return "over 10^15"
	}
	return fmt.Sprint(n)
}
