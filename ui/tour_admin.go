package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// tourAdmin is Tour for an HR or secretariat window: the import with a
// preview of a small file (one row with a problem), the invitations, the
// dashboard and, for the secretariat, the companies and programmes.
func (m *MainWindow) tourAdmin(settle time.Duration, shoot func(name string) error, done func(error)) {
	widgets.Background(func() ([]app.Cohort, error) {
		return m.opts.Admin.Cohorts(context.Background())
	}, func(cohorts []app.Cohort, err error) {
		if err == nil && len(cohorts) == 0 {
			err = fmt.Errorf("tour: no programme to show")
		}
		if err != nil {
			done(err)
			return
		}
		steps := []tourStep{
			{"admin-import", func() {
				m.tabs.SelectIndex(0)
				m.admin.Import.Open("参加者一覧.csv", tourRoster(cohorts[0].Name))
			}},
			{"admin-invitations", func() { m.tabs.SelectIndex(1) }},
			{"admin-dashboard", func() { m.tabs.SelectIndex(2) }},
		}
		if m.admin.Programmes != nil {
			steps = append(steps, tourStep{"admin-programmes", func() { m.tabs.SelectIndex(3) }})
		}
		runTour(m.win, steps, settle, shoot, done)
	})
}

// tourRoster is a small roster file, as Excel saves it, with one row whose
// age band is out of the programme's range, so that the preview shows a
// problem in words.
func tourRoster(cohort string) []byte {
	rows := []string{
		"社員番号,氏名,ふりがな,年代,職種,プログラム",
		"S1001,山本 和夫,やまもと かずお,55-59,営業,\"" + cohort + "\"",
		"S1002,中村 由美,なかむら ゆみ,50〜54歳,人事,\"" + cohort + "\"",
		"S1003,小林 誠一,こばやし せいいち,70-74,技術,\"" + cohort + "\"",
		"S1004,加藤 直子,かとう なおこ,45-49,経理,\"" + cohort + "\"",
	}
	return []byte("\ufeff" + strings.Join(rows, "\r\n") + "\r\n")
}
