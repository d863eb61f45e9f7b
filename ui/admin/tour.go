package admin

import (
	"context"
	"fmt"
	"strings"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// TourStep is one screen of a tour of the main window (see
// crosstalk/ui's MainWindow.Tour): Show puts it on screen, and its
// picture is saved as Name (none when Name is empty: a step that
// prepares the next).
type TourStep struct {
	Name string
	Show func()
}

// Tour gives steps, on the UI goroutine, the screens of a tour of the
// administration tabs: the import with a preview of a small file (one
// row with a problem), the invitations, the dashboard and, for the
// secretariat, the companies and programmes. selectTab shows the tab of
// index i of Tabs. The programmes are loaded first: steps gets an error
// when they cannot be, or there is none.
func (a *Views) Tour(selectTab func(i int), steps func([]TourStep, error)) {
	widgets.Background(func() ([]app.Cohort, error) {
		return a.svc.Cohorts(context.Background())
	}, func(cohorts []app.Cohort, err error) {
		if err == nil && len(cohorts) == 0 {
			err = fmt.Errorf("tour: no programme to show")
		}
		if err != nil {
			steps(nil, err)
			return
		}
		s := []TourStep{
			{"admin-import", func() {
				selectTab(0)
				a.Import.Open("参加者一覧.csv", tourRoster(cohorts[0].Name))
			}},
			{"admin-invitations", func() { selectTab(1) }},
			{"admin-dashboard", func() { selectTab(2) }},
			// The programme's review of the round that began first (the
			// demo's previous round, which has answers): chosen, then,
			// once its figures have come, scrolled into view.
			{"", func() { a.Dashboard.chooseEarliestCohort() }},
			{"admin-dashboard-programme", func() { a.Dashboard.scrollToProgramme() }},
		}
		if a.Programmes != nil {
			s = append(s, TourStep{"admin-programmes", func() { selectTab(3) }})
		}
		steps(s, nil)
	})
}

// tourRoster is a small roster file, as Excel saves it, with one age given
// only as a decade (50代), as many HR lists give it, and one row whose age
// band is out of the programme's range, so that the preview shows a
// problem in words.
func tourRoster(cohort string) []byte {
	rows := []string{
		"社員番号,氏名,ふりがな,年代,職種,プログラム",
		"S1001,山本 和夫,やまもと かずお,55-59,営業,\"" + cohort + "\"",
		"S1002,中村 由美,なかむら ゆみ,50代,人事,\"" + cohort + "\"",
		"S1003,小林 誠一,こばやし せいいち,70-74,技術,\"" + cohort + "\"",
		"S1004,加藤 直子,かとう なおこ,45-49,経理,\"" + cohort + "\"",
	}
	return []byte("\ufeff" + strings.Join(rows, "\r\n") + "\r\n")
}
