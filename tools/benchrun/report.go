package main

import (
	"fmt"
	"io"
	"time"
)

// The performance targets.
const (
	maxRatio       = 0.33 // ours/floor, time and peak memory
	maxScaling     = 11.0 // time(10n)/time(n)
	maxStartupDiff = 5 * time.Millisecond
)

// report prints the table and the verdicts; it returns false when a target is missed.
func report(w io.Writer, rows []row, st *startup, judge bool) bool {
	ok := true
	verdict := func(pass bool) string {
		if !judge {
			return ""
		}
		if pass {
			return "ok"
		}
		ok = false
		return "MISSED"
	}
	if len(rows) > 0 {
		fmt.Fprintf(w, "| items | input | ours, median of %d | SDK floor | time ratio | ours peak RSS | SDK floor peak RSS | memory ratio |\n", len(rows[0].ours))
		fmt.Fprintln(w, "|---:|---:|---:|---:|---:|---:|---:|---:|")
	}
	for _, r := range rows {
		ot, or := medianWall(r.ours), medianRSS(r.ours)
		if len(r.floor) == 0 {
			fmt.Fprintf(w, "| %d | %s | %s | - | - | %s | - | - |\n", r.items, mb(int64(r.bytes)), secs(ot), mb(or<<10))
			continue
		}
		ft, fr := medianWall(r.floor), medianRSS(r.floor)
		tr, mr := ot.Seconds()/ft.Seconds(), float64(or)/float64(fr)
		fmt.Fprintf(w, "| %d | %s | %s | %s | %.2f× %s | %s | %s | %.2f× %s |\n", r.items, mb(int64(r.bytes)), secs(ot), secs(ft),
			tr, verdict(tr <= maxRatio), mb(or<<10), mb(fr<<10), mr, verdict(mr <= maxRatio))
	}
	fmt.Fprintln(w)
	for i := 1; i < len(rows); i++ {
		a, b := rows[i-1], rows[i]
		if b.items != 10*a.items {
			continue
		}
		s := medianWall(b.ours).Seconds() / medianWall(a.ours).Seconds()
		line := fmt.Sprintf("- scaling: ours time(%d)/time(%d) = %.1f (target ≤ %.0f) %s", b.items, a.items, s, maxScaling, verdict(s <= maxScaling))
		if len(a.floor) > 0 && len(b.floor) > 0 {
			line += fmt.Sprintf("; SDK floor %.1f", medianWall(b.floor).Seconds()/medianWall(a.floor).Seconds())
		}
		fmt.Fprintln(w, line)
	}
	if st != nil {
		c, o := medianWall(st.cat), medianWall(st.ours)
		line := fmt.Sprintf("- start-up on an empty ResourceList, median of %d: catcopy %s, ours %s (%+.1f ms, target ≤ %d ms) %s",
			st.runs, ms(c), ms(o), float64(o-c)/1e6, maxStartupDiff/time.Millisecond, verdict(o-c <= maxStartupDiff))
		if len(st.floor) > 0 {
			line += fmt.Sprintf("; SDK floor %s (%+.1f ms)", ms(medianWall(st.floor)), float64(medianWall(st.floor)-c)/1e6)
		}
		fmt.Fprintln(w, line)
	}
	return ok
}

func secs(d time.Duration) string { return fmt.Sprintf("%.3f s", d.Seconds()) }
func ms(d time.Duration) string   { return fmt.Sprintf("%.1f ms", float64(d)/1e6) }
func mb(b int64) string           { return fmt.Sprintf("%.1f MB", float64(b)/(1<<20)) }
