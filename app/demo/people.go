package demo

import (
	"fmt"
	"slices"
	"strings"

	"crosstalk/app"
)

// person makes participant i of company c with the given name, filling
// the profile at random. Visible is left false; the caller decides.
func (g *gen) person(i, c int, name reading, role app.Role) app.Participant {
	p := app.Participant{
		ID:        newID(g.kind+"/participant", i),
		CompanyID: g.ds.Companies[c].ID,
		Name:      name.kanji,
		Kana:      name.kana,
		AgeBand:   g.ageBand(),
		JobRole:   jobRoles[g.rng.IntN(len(jobRoles))],
		Themes:    g.themes(),
		Interests: g.interests(),
		Modes:     g.modes(),
		Role:      role,
		Cohorts:   []string{g.cohort.ID},
		// An example address (RFC 2606's kind, in .jp), as HR's import
		// file would give: the person's own user bucket carries it.
		Mail: &app.MailAccount{Email: fmt.Sprintf("%s-%05d@example.jp", g.kind, i), Mode: app.MailSingle, Language: "ja"},
	}
	free := freeTimes[g.rng.IntN(len(freeTimes))]
	p.FreeTimes, p.FreeWeek = free.note, freeWeek(free.week)
	switch role {
	case app.RoleHR:
		p.JobRole = "人事部 人材開発担当"
		p.Intro = fmt.Sprintf("%sの人事部で、社員のキャリア支援と本プログラムの社内窓口を担当しています。ご不明な点はお気軽にお尋ねください。", g.ds.Companies[c].Name)
	case app.RoleSecretariat:
		p.JobRole = "クロストーク事務局"
		p.Intro = "コンソーシアムのクロストーク事務局を担当しています。プログラムの運営について、ご意見をお待ちしています。"
	default:
		p.Intro = g.intro(p.JobRole, p.Themes[0])
	}
	g.comp = append(g.comp, c)
	g.sent = append(g.sent, 0)
	g.recv = append(g.recv, 0)
	return p
}

// fullName joins a family and a given name, in kanji and in kana, with a
// space between them.
func fullName(f, n reading) reading {
	return reading{f.kanji + " " + n.kanji, f.kana + " " + n.kana}
}

// ageBand draws an age band, the fifties most often.
func (g *gen) ageBand() app.AgeBand {
	switch r := g.rng.IntN(100); {
	case r < 25:
		return app.AgeBands[0]
	case r < 60:
		return app.AgeBands[1]
	case r < 90:
		return app.AgeBands[2]
	default:
		return app.AgeBands[3]
	}
}

// themes draws 2 to 4 distinct themes, in the order of the theme list.
func (g *gen) themes() []string {
	k := 2 + g.rng.IntN(3)
	idx := g.distinct(k, len(themes))
	out := make([]string, k)
	for j, x := range idx {
		out[j] = themes[x]
	}
	return out
}

// interests draws 1 to 3 hobbies, joined with 「、」.
func (g *gen) interests() string {
	idx := g.distinct(1+g.rng.IntN(3), len(hobbies))
	parts := make([]string, len(idx))
	for j, x := range idx {
		parts[j] = hobbies[x]
	}
	return strings.Join(parts, "、")
}

// distinct draws k distinct numbers below n, in increasing order.
func (g *gen) distinct(k, n int) []int {
	out := make([]int, 0, k)
	for len(out) < k {
		x := g.rng.IntN(n)
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	slices.Sort(out)
	return out
}

// modes draws a set of accepted talk modes by modeSets' weights.
func (g *gen) modes() []app.Mode {
	total := 0
	for _, s := range modeSets {
		total += s.weight
	}
	r := g.rng.IntN(total)
	for _, s := range modeSets {
		if r < s.weight {
			return slices.Clone(s.modes)
		}
		r -= s.weight
	}
	panic("unreachable")
}

// intro composes a self-introduction of two or three sentences.
func (g *gen) intro(role, theme string) string {
	s := fmt.Sprintf(introOpenings[g.rng.IntN(len(introOpenings))], role) +
		fmt.Sprintf(introMiddles[g.rng.IntN(len(introMiddles))], theme)
	switch g.rng.IntN(3) {
	case 0:
		s += fmt.Sprintf(introHobbies[g.rng.IntN(len(introHobbies))], hobbies[g.rng.IntN(len(hobbies))])
	case 1:
		s += introClosings[g.rng.IntN(len(introClosings))]
	}
	return s
}
