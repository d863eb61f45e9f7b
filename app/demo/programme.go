package demo

import (
	"time"

	"crosstalk/app"
)

// The demo's previous round (issue 18): a programme that ends three days
// from now, so that its programme survey has been open for three days,
// with the answers a dashboard needs to show every figure. Its members are
// every participant. In each company, DemoUser aside (below):
//   - the member of the lowest seat joined late and has no "before";
//   - in every company but the first, the member of the highest seat held
//     no talk in the round (so is never asked), and the one below has not
//     answered the survey yet (so is asked, and reminded later);
//   - everyone else answered the "before" at joining, held talks, and
//     answered the programme survey with its "after".
//
// So each company has at least six people with both a "before" and an
// "after", and at least seven programme surveys.
//
// DemoUser, added last so that everyone else's rows stay as they were,
// answered the "before" at joining and held one talk in the round (its
// talk survey answered), and has not answered the programme survey yet:
// the demo's inbox asks for it, beside the current round's "before".

// demoUserRoundDay is the day of DemoUser's talk in the previous round,
// from today.
const demoUserRoundDay = -60

// Day offsets of the previous round, from today.
const (
	roundFirstDay = -176
	roundLastDay  = 3
	// Its talks fall before the current round's first day.
	roundTalksFrom, roundTalksTo = -170, -35
)

// insights and nextSteps are the free answers of the demo's programme
// surveys, each written once: the answers take them in turn, so that no
// two people wrote the same sentence (there are about 42 answers; an
// answer left blank takes none).
var insights = []string{
	"他社の方も同じ悩みを抱えていると知り、気持ちが楽になりました。",
	"自分の経験が、社外では思った以上に役立つと気づきました。",
	"業界が違っても、部下の育て方の悩みは共通だと分かりました。",
	"定年後の働き方を、具体的に考えるきっかけになりました。",
	"話すことで、自分のやりたいことが整理されました。",
	"役職を離れたあとの自分について、初めて人に話しました。話してみると、不安が少し小さくなりました。",
	"同じ年代でも、新しいことに挑戦している方が多く、刺激を受けました。",
	"自分では当たり前だと思っていた段取りの仕方を、ほめていただきました。",
	"聞き役に回ることが多かったのですが、人の話を聞くのも学びになると感じました。",
	"介護と仕事を両立している方の工夫が、とても参考になりました。",
	"社内の常識が、社外では常識ではないと実感しました。",
	"若い人に任せることへの迷いを、正直に話せたのがよかったです。",
	"肩書きなしで話すと、自分の強みが見えてくると分かりました。",
	"五十代からでも学び直しは遅くないと、背中を押してもらいました。",
	"自分のキャリアを、人に説明できる言葉にするのが難しいと分かりました。",
	"製造業の方の品質へのこだわりに、営業の自分も学ぶことがありました。",
	"再雇用で働く先輩の話を聞けて、この先の見通しが立ちました。",
	"悩みを打ち明けても大丈夫だという安心感がありました。",
	"技術を後輩に伝える仕組みを、どの会社も模索していると知りました。",
	"自分が何にやりがいを感じるのか、改めて考えるよい機会でした。",
	"相手の方の質問で、忘れていた若いころの目標を思い出しました。",
	"会社の外にも、相談できる相手ができたことがいちばんの収穫です。",
	"在宅勤務での部下との付き合い方を、具体的に教えていただきました。",
	"思っていたより、自分は変化を楽しめるほうだと気づきました。",
	"金融の方の話から、お金の面でも早めに準備が要ると感じました。",
	"一時間があっという間で、もっと話したいと思える方に出会えました。",
	"違う立場の方と話すと、自分の考えの偏りに気づけます。",
	"地方の工場で働く方の話を聞き、働く場所の選び方も考え直しました。",
	"自分より年上の方が新しい部署に挑戦していて、勇気が出ました。",
	"管理職でなくなっても、できる役割はたくさんあると分かりました。",
	"オンラインでも、思った以上に打ち解けて話せました。",
	"趣味を仕事に生かしている方がいて、発想が広がりました。",
	"自分の会社のよいところにも、改めて気づくことができました。",
	"人に教えることが好きなのだと、話しながら気づきました。",
	"健康があってこその仕事だと、皆さんの話から実感しました。",
	"資格を取った方の体験談を聞いて、自分にもできそうだと思えました。",
	"これまでの失敗談も、聞く人によっては役に立つのだと知りました。",
	"部署の異動を前向きに受け止める考え方を教わりました。",
	"ほかの業界の言葉づかいや進め方の違いが、新鮮でした。",
	"自分の話をじっくり聞いてもらえて、気持ちが整理されました。",
	"家族と仕事のこれからについて、話し合ってみようと思いました。",
	"同じ五十代でも、考え方がこんなに違うのかと驚きました。",
}

var nextSteps = []string{
	"社内で、部署を越えた勉強会を開いてみます。",
	"資格の勉強を始めます。",
	"対話した方に紹介された本を読み、感想を伝えます。",
	"副業の制度について、人事に相談してみます。",
	"次の期にも参加し、もっと多くの業界の方と話したいです。",
	"これまでの仕事を書き出して、自分の強みをまとめてみます。",
	"若手との一対一の面談を、月に一度は続けます。",
	"定年後のことを、家族と一度ゆっくり話し合います。",
	"社外の勉強会に、年に三回は顔を出すつもりです。",
	"パソコンの表計算を、基本から学び直します。",
	"自分の技術を手順書にまとめ、後輩に引き継ぎます。",
	"キャリア相談の窓口を、一度使ってみます。",
	"今回話した方と、半年後にまた近況を話す約束をしました。",
	"英語の勉強を、毎朝十五分から再開します。",
	"社内の公募に、思い切って手を挙げてみます。",
	"部下に任せる仕事を増やし、見守る側に回ってみます。",
	"地域のボランティアに参加して、会社以外の居場所をつくります。",
	"健康診断の結果を見直し、運動の習慣をつけます。",
	"お金のことを、ファイナンシャルプランナーに相談します。",
	"聞いた話を部内で共有し、みんなで考える時間をつくります。",
	"自分の経験を、社内報に書いてみようと思います。",
	"新しく来た派遣の方や中途入社の方に、自分から声をかけます。",
	"再雇用の制度について、早めに人事に聞いておきます。",
	"オンライン講座で、データの見方を学んでみます。",
	"以前からやりたかった中小企業診断士の勉強を始めます。",
	"月に一度、仕事の振り返りを手帳に書く習慣をつけます。",
	"会議では、まず若い人の意見を聞くようにします。",
	"他社の方に教わった引き継ぎのやり方を、自分の課で試します。",
	"社外の人と話す機会を、自分からつくっていきます。",
	"介護の制度について調べ、いざというときに備えます。",
	"自分のキャリアの年表をつくり、これからの十年を考えます。",
	"職場の困りごとを聞く場を、昼休みに設けてみます。",
	"先輩社員の話を聞く会を、社内で企画します。",
	"今の仕事で、まだ試していない改善案を一つ実行します。",
	"趣味の写真を生かせる場がないか、探してみます。",
	"得意な分野について、社内講師をしてみたいです。",
	"週に一度は早く帰り、学びの時間にあてます。",
	"対話で教わった本を、職場の仲間にも勧めてみます。",
	"上司と、これからの役割について話す時間をもらいます。",
	"地元の商工会の集まりに、一度出てみます。",
	"新しいことを一つ、三か月続けることを目標にします。",
	"人に頼ることを覚え、一人で抱え込まないようにします。",
}

// freeAnswers hands out the demo's free answers, each once.
type freeAnswers struct{ insight, nextStep int }

// next is the next free answers; a draw of blankInsight or blankNextStep
// (one in six, each) leaves that answer blank. The draws are the demo's
// (from 0 to 5, as before the answers were each written once), so that
// the rows after them stay as they were.
func (f *freeAnswers) next(insightDraw, nextStepDraw int) (insight, nextStep string) {
	const blankInsight, blankNextStep = 4, 3
	if insightDraw != blankInsight {
		insight = insights[f.insight%len(insights)]
		f.insight++
	}
	if nextStepDraw != blankNextStep {
		nextStep = nextSteps[f.nextStep%len(nextSteps)]
		f.nextStep++
	}
	return insight, nextStep
}

// member is a member of the previous round other than DemoUser: their
// seat i, company c and place k in it, and what they did.
type member struct {
	i, c, k            int
	late, noTalk, open bool
}

// previousRound adds the previous round, its members, their talks and
// their answers. It runs after everything else, so that the current
// round's rows are what they were before it was added.
func (g *gen) previousRound() {
	t := g.today
	start := app.Date(t.Year(), t.Month(), t.Day()+roundFirstDay)
	round := app.Cohort{
		ID:       newID(g.kind+"/cohort", 1),
		Name:     cohortName(start),
		StartsOn: start,
		EndsOn:   app.Date(t.Year(), t.Month(), t.Day()+roundLastDay),
		State:    app.CohortOpen,
		Rules:    app.DefaultRules,
	}
	if round.Name == g.cohort.Name {
		round.Name += "（前回）"
	}
	g.ds.Cohorts = append(g.ds.Cohorts, round)

	var members []member
	for c := range demoCompanies {
		var seats []int
		for k := range perCompany {
			i := seat(c, k)
			if p := g.ds.Participants[i]; p.Role == app.RoleParticipant && p.ID != DemoUser {
				seats = append(seats, k)
			}
		}
		for n, k := range seats {
			m := member{i: seat(c, k), c: c, k: k, late: n == 0}
			if c > 0 {
				m.noTalk = n == len(seats)-1
				m.open = n == len(seats)-2
			}
			members = append(members, m)
			p := &g.ds.Participants[m.i]
			p.Cohorts = append(p.Cohorts, round.ID)
		}
	}

	// Talks: everyone who holds any offers one to three talks to visible
	// members of other companies (and may be offered more), each at an
	// hour of a weekday that neither side has taken.
	main := g.cohort
	g.cohort = round
	busy := map[[2]int]bool{} // participant, hour from today
	held := map[int]int{}
	for _, m := range members {
		if m.noTalk {
			continue
		}
		for n := 1 + g.rng.IntN(3); held[m.i] < n; {
			o := members[g.rng.IntN(len(members))]
			mode := common(&g.ds.Participants[m.i], &g.ds.Participants[o.i], app.ModeOnline)
			if o.c == m.c || o.noTalk || !g.ds.Participants[o.i].Visible || mode == "" {
				continue // an offer goes to a visible person of another company, in a mode both take
			}
			off := g.workday(roundTalksFrom+g.rng.IntN(roundTalksTo-roundTalksFrom+1), roundTalksFrom, roundTalksTo)
			hour := 10 + g.rng.IntN(8)
			at := off*24 + hour
			if busy[[2]int{m.i, at}] || busy[[2]int{o.i, at}] {
				continue
			}
			busy[[2]int{m.i, at}], busy[[2]int{o.i, at}] = true, true
			g.accepted(m.i, o.i, mode, off, hour, app.TalkHeld)
			held[m.i]++
			held[o.i]++
		}
	}
	g.cohort = main

	opens, _ := round.SurveyWindow()
	var free freeAnswers
	for _, m := range members {
		id := g.ds.Participants[m.i].ID
		before := map[string]int{}
		for _, s := range app.SelfAssessmentStatements {
			before[s.ID] = 2 + g.rng.IntN(3)
		}
		if !m.late {
			g.ds.SelfAssessments = append(g.ds.SelfAssessments, app.SelfAssessment{
				CohortID: round.ID, AuthorID: id, Phase: app.PhaseBefore, Answers: before,
				CreatedAt: round.Begins().Add(time.Duration(9*60+g.rng.IntN(5*24*60)) * time.Minute).UTC(),
			})
		}
		if m.noTalk || m.open {
			continue
		}
		after := map[string]int{}
		for _, s := range app.SelfAssessmentStatements {
			after[s.ID] = min(app.MaxAssessment, max(app.MinAssessment, before[s.ID]+g.rng.IntN(4)-1))
		}
		sat := 5 + g.rng.IntN(3)
		if g.rng.IntN(8) == 0 {
			sat = 3 + g.rng.IntN(2)
		}
		at := g.within(opens.UTC(), g.base)
		nextRound := min(7, max(1, sat-1+g.rng.IntN(3)))
		recommend := min(10, sat+1+g.rng.IntN(4))
		insight, nextStep := free.next(g.rng.IntN(6), g.rng.IntN(6))
		g.ds.ProgrammeSurveys = append(g.ds.ProgrammeSurveys, app.ProgrammeSurvey{
			CohortID: round.ID, AuthorID: id,
			Satisfaction: sat, NextRound: nextRound, Recommend: recommend,
			Insight: insight, NextStep: nextStep,
			CreatedAt: at,
		})
		g.ds.SelfAssessments = append(g.ds.SelfAssessments, app.SelfAssessment{
			CohortID: round.ID, AuthorID: id, Phase: app.PhaseAfter, Answers: after, CreatedAt: at,
		})
	}
	g.demoUserRound(round, members, busy)
}

// demoUserRound makes DemoUser a member of round who answered its
// "before" and held one talk in it, with the first member of another
// company who held talks, is visible and takes a mode DemoUser takes.
func (g *gen) demoUserRound(round app.Cohort, members []member, busy map[[2]int]bool) {
	const u = 0
	me := &g.ds.Participants[u]
	me.Cohorts = append(me.Cohorts, round.ID)
	other, mode := -1, app.Mode("")
	for _, m := range members {
		if m.c == 0 || m.noTalk || !g.ds.Participants[m.i].Visible {
			continue
		}
		if mode = common(me, &g.ds.Participants[m.i], app.ModeOnline); mode != "" {
			other = m.i
			break
		}
	}
	if other < 0 {
		panic("demo: no one of the previous round to hold DemoUser's talk")
	}
	off := g.workday(demoUserRoundDay, roundTalksFrom, roundTalksTo)
	hour := 10
	for busy[[2]int{u, off*24 + hour}] || busy[[2]int{other, off*24 + hour}] {
		hour++
	}
	main := g.cohort
	g.cohort = round
	k := g.accepted(other, u, mode, off, hour, app.TalkHeld)
	g.cohort = main
	g.survey(k, DemoUser)
	g.survey(k, g.ds.Participants[other].ID)

	before := map[string]int{}
	for n, s := range app.SelfAssessmentStatements {
		before[s.ID] = 2 + n%3
	}
	g.ds.SelfAssessments = append(g.ds.SelfAssessments, app.SelfAssessment{
		CohortID: round.ID, AuthorID: DemoUser, Phase: app.PhaseBefore, Answers: before,
		CreatedAt: round.Begins().Add(2*24*time.Hour + 10*time.Hour).UTC(),
	})
}
