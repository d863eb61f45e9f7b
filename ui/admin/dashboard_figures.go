package admin

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// The dashboard's figures in words, and its charts.

// durationText writes a time to answer: 45分, 30時間, 3日.
func durationText(d time.Duration) string {
	switch {
	case d <= 0:
		return lang.X("dashboard.none", "—")
	case d < time.Hour:
		return lang.X("dashboard.minutes", "{{.N}} minutes", map[string]any{"N": int(d.Minutes() + 0.5)})
	case d < 48*time.Hour:
		return lang.X("dashboard.hours", "{{.N}} hours", map[string]any{"N": int(d.Hours() + 0.5)})
	}
	return lang.X("dashboard.days", "{{.N}} days", map[string]any{"N": fmt.Sprintf("%.1f", d.Hours()/24)})
}

func count(key, fallback string, n int) string {
	return lang.X(key, fallback, map[string]any{"Count": n})
}

// figureRows are the dashboard's figures as label and value, in order.
func figureRows(d app.Dashboard) [][2]string {
	people := func(n int) string { return count("dashboard.people", "{{.Count}}", n) }
	items := func(n int) string { return count("dashboard.items", "{{.Count}}", n) }
	rate := lang.X("dashboard.none", "—")
	if d.OffersAnswered > 0 {
		rate = lang.X("dashboard.rate", "{{.Rate}} ({{.Accepted}} of {{.Answered}} answered)",
			map[string]any{"Rate": percent(d.AcceptanceRate), "Accepted": d.OffersAccepted, "Answered": d.OffersAnswered})
	}
	share := func(key, fallback string, n int) string {
		if d.Participants == 0 {
			return people(n)
		}
		return lang.X(key, fallback, map[string]any{"Count": n, "Rate": percent(float64(n) / float64(d.Participants))})
	}
	return [][2]string{
		{lang.X("dashboard.participants", "Participants in the programme"), people(d.Participants)},
		{lang.X("dashboard.joined", "Started using the app"), share("dashboard.people_share", "{{.Count}} ({{.Rate}})", d.Joined)},
		{lang.X("dashboard.active", "Sent or received an offer"), share("dashboard.people_share", "{{.Count}} ({{.Rate}})", d.Active)},
		{lang.X("dashboard.offers_sent", "Offers sent"), items(d.OffersSent)},
		{lang.X("dashboard.acceptance", "Acceptance rate"), rate},
		{lang.X("dashboard.median_answer", "Time to answer (median)"), durationText(d.MedianAnswer)},
		{lang.X("dashboard.talks_held", "Talks held"), items(d.TalksHeld)},
		{lang.X("dashboard.talks_cancelled", "Talks cancelled"), items(d.TalksCancelled)},
		{lang.X("dashboard.talks_no_show", "Talks where someone did not come"), items(d.TalksNoShow)},
		{lang.X("dashboard.no_offers_received", "People with no offer received"), people(len(d.NoOffersReceived))},
		{lang.X("dashboard.no_offers_sent", "People who sent no offer"), people(len(d.NoOffersSent))},
	}
}

// surveyRows are the survey's figures, or nil when too few answered.
func surveyRows(s app.SurveyFigures) [][2]string {
	if !s.Shown {
		return nil
	}
	return [][2]string{
		{lang.X("dashboard.answers", "Answers"), count("dashboard.items", "{{.Count}}", s.Answers)},
		{lang.X("dashboard.satisfaction", "Satisfaction (average)"), lang.X("dashboard.of7", "{{.N}} / 7", map[string]any{"N": fmt.Sprintf("%.1f", s.Satisfaction)})},
		{lang.X("dashboard.recommend", "Would recommend (average)"), lang.X("dashboard.of10", "{{.N}} / 10", map[string]any{"N": fmt.Sprintf("%.1f", s.Recommend)})},
		{lang.X("dashboard.nps", "NPS"), fmt.Sprintf("%+.0f", s.NPS)},
	}
}

// batchText says why the survey's figures count fewer answers than were
// given, and when they change.
func batchText() string {
	return lang.X("dashboard.batches", "The results are updated each time {{.Min}} more answers, one from each of {{.Min}} different people, have come in, so that no one answer can be singled out.", map[string]any{"Min": app.MinGroup})
}

// tooFewText is what the survey says when it cannot be shown.
func tooFewText() string {
	return lang.X("dashboard.too_few", "Fewer than {{.Min}} people answered, so the results are not shown.", map[string]any{"Min": app.MinGroup})
}

func formRows(rows [][2]string) *fyne.Container {
	f := container.New(layout.NewFormLayout())
	for _, r := range rows {
		l := widget.NewLabel(r[0])
		val := widgets.NewParagraph(r[1])
		val.Label.TextStyle.Bold = true
		f.Add(l)
		f.Add(val)
	}
	return f
}

func sectionHeading(text string) *widgets.Paragraph {
	p := widgets.NewParagraph(text)
	p.Label.TextStyle.Bold = true
	return p
}

// weekLabel is a week's short name: 11/1〜.
func weekLabel(t time.Time) string {
	t = t.In(app.Tokyo)
	return lang.X("dashboard.week", "{{.M}}/{{.D}}", map[string]any{"M": int(t.Month()), "D": t.Day()})
}

// dashboardCharts are the charts of d: the weekly trend, and the score
// distributions when the survey may be shown.
func dashboardCharts(d app.Dashboard) []*BarChart {
	var labels []string
	sent, accepted, held := make([]int, len(d.Weeks)), make([]int, len(d.Weeks)), make([]int, len(d.Weeks))
	for i, w := range d.Weeks {
		labels = append(labels, weekLabel(w.Start))
		sent[i], accepted[i], held[i] = w.OffersSent, w.OffersAccepted, w.TalksHeld
	}
	charts := []*BarChart{newBarChart(lang.X("dashboard.chart.weeks", "Week by week"), labels,
		chartSeries{Name: lang.X("dashboard.offers_sent", "Offers sent"), Values: sent},
		chartSeries{Name: lang.X("dashboard.chart.accepted", "Offers accepted"), Values: accepted},
		chartSeries{Name: lang.X("dashboard.talks_held", "Talks held"), Values: held})}
	if d.Survey.Shown {
		var sl, rl []string
		for i := 1; i <= 7; i++ {
			sl = append(sl, strconv.Itoa(i))
		}
		for i := 0; i <= 10; i++ {
			rl = append(rl, strconv.Itoa(i))
		}
		charts = append(charts,
			newBarChart(lang.X("dashboard.chart.satisfaction", "Satisfaction (1–7): answers per score"), sl,
				chartSeries{Name: lang.X("dashboard.answers", "Answers"), Values: d.Survey.SatisfactionBar[:]}),
			newBarChart(lang.X("dashboard.chart.recommend", "Would recommend (0–10): answers per score"), rl,
				chartSeries{Name: lang.X("dashboard.answers", "Answers"), Values: d.Survey.RecommendBar[:]}))
	}
	return charts
}

func personNames(ps []app.PersonRef) string {
	var names []string
	for _, p := range ps {
		if p.EmployeeNo == "" { // not imported by HR, so without a number
			names = append(names, p.Name)
			continue
		}
		names = append(names, lang.X("dashboard.person", "{{.Name}} ({{.No}})", map[string]any{"Name": p.Name, "No": p.EmployeeNo}))
	}
	return strings.Join(names, lang.X("dashboard.list_sep", ", "))
}

// percent writes a rate of 0–1 as a whole percentage.
func percent(r float64) string { return fmt.Sprintf("%.0f%%", r*100) }
