package demo

import (
	"slices"
	"time"

	"crosstalk/app"
)

// demoIntroduction adds the secretariat's introduction (issue 19) of
// DemoUser to someone of another company in the open cohort, visible,
// with no offer or talk with them and a theme in common, so that the
// demo's 「おすすめ」 shows one at its top.
func (g *gen) demoIntroduction() {
	u := g.ds.Participants[0]
	busy := map[string]bool{}
	for _, o := range g.ds.Offers {
		if o.FromID == u.ID || o.ToID == u.ID {
			busy[o.Other(u.ID)] = true
		}
	}
	for _, k := range g.ds.Talks {
		if k.Has(u.ID) {
			busy[k.Other(u.ID)] = true
		}
	}
	for _, p := range g.ds.Participants {
		i := slices.IndexFunc(p.Themes, func(t string) bool { return slices.Contains(u.Themes, t) })
		if p.Role != app.RoleParticipant || !p.Visible || p.CompanyID == u.CompanyID || busy[p.ID] ||
			!p.InCohort(g.cohort.ID) || i < 0 {
			continue
		}
		g.ds.Introductions = append(g.ds.Introductions, app.Introduction{
			ID: newID(g.kind+"/introduction", 0), CohortID: g.cohort.ID, AID: p.ID, BID: u.ID,
			Note:      "おふたりとも「" + p.Themes[i] + "」に関心をお持ちです。一度お話しされてはいかがでしょうか。",
			CreatedAt: g.base.Add(-26 * time.Hour),
		})
		return
	}
}
