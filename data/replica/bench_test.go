package replica_test

import (
	"context"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/app/demo"
)

// BenchmarkSearchDirectory measures one directory query over the scale
// consortium of 10,000 participants, for each kind of query the search
// box sends. Target: under 10 ms per query.
func BenchmarkSearchDirectory(b *testing.B) {
	clock := time.Date(2026, 11, 25, 10, 0, 0, 0, app.Tokyo)
	d := demo.Scale(10000, clock)
	st := open(b, d)
	var viewer string
	for _, p := range d.Participants {
		if p.Role == app.RoleParticipant && p.Visible {
			viewer = p.ID
			break
		}
	}
	queries := []struct {
		name string
		q    app.DirectoryQuery
	}{
		{"first-page", app.DirectoryQuery{}},
		{"kanji-name", app.DirectoryQuery{Text: "佐藤"}},
		{"hiragana-reading", app.DirectoryQuery{Text: "さとう"}},
		{"halfwidth-katakana", app.DirectoryQuery{Text: "ｻﾄｳ"}},
		{"theme-word", app.DirectoryQuery{Text: "セカンドキャリア"}},
		{"two-terms", app.DirectoryQuery{Text: "さとう 営業"}},
		{"no-space-kanji", app.DirectoryQuery{Text: "石井陽子"}},
		{"no-space-kana", app.DirectoryQuery{Text: "いしいようこ"}},
		{"romaji-given", app.DirectoryQuery{Text: "yoko"}},
		{"romaji-fullwidth", app.DirectoryQuery{Text: "ｙｏｕｋｏ"}},
		{"romaji-family", app.DirectoryQuery{Text: "Ishii"}},
		{"romaji-two-terms", app.DirectoryQuery{Text: "ishii yoko"}},
		{"romaji-no-space", app.DirectoryQuery{Text: "ishiiyoko"}},
		{"romaji-no-match", app.DirectoryQuery{Text: "xyzzy"}},
		{"no-match", app.DirectoryQuery{Text: "存在しない言葉"}},
		{"filters", app.DirectoryQuery{Industry: d.Companies[0].Industry, Mode: app.ModeOnline, NotTalkedTo: true, NoOffersYet: true}},
	}
	ctx := context.Background()
	for _, c := range queries {
		b.Run(c.name, func(b *testing.B) {
			q := c.q
			q.ViewerID, q.Now = viewer, clock
			b.ReportAllocs()
			for b.Loop() {
				if _, err := st.SearchDirectory(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
