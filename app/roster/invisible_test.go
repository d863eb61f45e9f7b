package roster

import (
	"testing"

	"crosstalk/app"
)

// A cell's bidirectional overrides, isolates, marks and the other
// invisible characters app.CheckText refuses are taken out as white space
// is, so that HR's preview shows the names the server will store and the
// import is not refused for a character no one can see. (The server
// refuses any that reach it: app.CodeInvisibleChar.)
func TestNormalizeDropsInvisibleCharacters(t *testing.T) {
	for _, tc := range []struct {
		c       Column
		in, out string
	}{
		{ColName, "山田\u202E太郎", "山田 太郎"},
		{ColName, "\u2067山田 太郎\u2069", "山田 太郎"},
		{ColKana, "やまだ\u200Fたろう", "やまだ たろう"},
		{ColJobRole, "部長\u202A", "部長"},
		{ColThemes, "起業\u2066、学び直し", "起業 、学び直し"}, // splitThemes trims each theme
		{ColCohort, "第1期\u202E", "第1期"},
		{ColName, "ｙａｍａ\u00AD\u180E\u3164太郎", "ｙａｍａ 太郎"},
	} {
		got := Normalize(tc.c, tc.in)
		if got != tc.out {
			t.Errorf("Normalize(%s, %+q) = %+q, want %+q", tc.c, tc.in, got, tc.out)
		}
		if err := app.CheckText(got); err != nil {
			t.Errorf("Normalize(%s, %+q) = %+q, which the server refuses: %v", tc.c, tc.in, got, err)
		}
	}
	if got := splitThemes(Normalize(ColThemes, "起業\u2066、学び\u202E直し")); len(got) != 2 || got[0] != "起業" || got[1] != "学び 直し" {
		t.Errorf("themes %+q", got)
	}
}
