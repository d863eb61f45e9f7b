package ui

import (
	"slices"
	"testing"

	"crosstalk/ui/internal/testapp"
)

// A merge takes each field from the side that changed it; a change
// made on both sides alike is no change to tell of, and a field changed
// differently on both keeps the person's text.
func TestMergeProfile(t *testing.T) {
	testapp.Japanese(t)
	base := profileForm{Name: "田中 誠", JobRole: "部長", Intro: "元の自己紹介", Modes: []string{"online", "phone"}, FreeTimes: "火曜", Visible: true}
	mine, theirs := base, base
	mine.Modes, theirs.Modes = slices.Clone(base.Modes), []string{"online"}
	mine.Intro, theirs.Intro = "ここで直した", "別の端末で直した"
	mine.FreeTimes, theirs.FreeTimes = "土曜", "土曜"
	theirs.Visible = false

	m := mergeProfile(base, mine, theirs)
	want := mine
	want.Modes, want.Visible = []string{"online"}, false
	if !m.form.equal(want) {
		t.Errorf("merged %+v, want %+v", m.form, want)
	}
	if w := []string{"自己紹介", "実施方法", "他社の参加者にプロフィールを公開する"}; !slices.Equal(m.elsewhere, w) {
		t.Errorf("changed elsewhere %q, want %q", m.elsewhere, w)
	}
	if !slices.Equal(m.both, []string{"自己紹介"}) || !slices.Equal(m.taken, []string{"実施方法", "他社の参加者にプロフィールを公開する"}) {
		t.Errorf("both %q, taken %q", m.both, m.taken)
	}
	if mine.Modes[1] != "phone" {
		t.Error("the merge changed the person's form")
	}
	if m := mergeProfile(base, mine, mine); m.changed() {
		t.Errorf("the same changes elsewhere: %q", m.elsewhere)
	}
}
