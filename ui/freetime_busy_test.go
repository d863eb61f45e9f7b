package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"crosstalk/app"
)

// busyAsk is one call of testServices.BusyTimes.
type busyAsk struct {
	personID string
	from, to time.Time
}

// BusyTimes answers as the test set: the other person's busy times
// (busy), or busyErr.
func (s *testServices) BusyTimes(ctx context.Context, personID string, from, to time.Time) ([]app.Slot, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.busyAsked = append(s.busyAsked, busyAsk{personID, from, to})
	if s.busyErr != nil {
		return nil, s.busyErr
	}
	return slices.Clone(s.busy), nil
}

// setBusy makes BusyTimes answer busy, or fail with err.
func (s *testServices) setBusy(busy []app.Slot, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.busy, s.busyErr = busy, err
}

func tokyo(month time.Month, day, hour, min int) time.Time {
	return time.Date(2026, month, day, hour, min, 0, 0, app.Tokyo)
}

// The proposal checks both calendars: 井上 秀樹's busy times, from the
// server, take the whole afternoon of Thursday 26 November, which shows
// only as 「予定あり」 (the same words as for the user's own talks), and
// Tuesday 1 December until 14:30, when the user's own talk from 14:00 to
// 15:00 follows: the first start free on both sides is 15:00. It is asked
// about 井上 秀樹, from the next day for 8 weeks.
func TestOfferDialogFreeTimesAroundTheirBusyTimes(t *testing.T) {
	ui := newDirUI(t)
	svc := newTestServices(t)
	svc.setBusy([]app.Slot{
		{Start: tokyo(11, 26, 13, 0), End: tokyo(11, 26, 17, 0)},
		{Start: tokyo(12, 1, 12, 30), End: tokyo(12, 1, 14, 30)},
	}, nil)
	c, dlg, _ := openOfferDialog(t, ui, svc, "いのうえ ひでき", "井上 秀樹")
	ui.until(t, "the free times", func() bool { return !c.busy() })
	want := []string{"11月26日(木) 午後　予定あり", "12月1日(火) 15:00〜16:00", "12月3日(木) 13:00〜14:00", "12月8日(火) 13:00〜14:00", "12月10日(木) 13:00〜14:00"}
	if got := freeChoicesShown(dlg); !slices.Equal(got, want) {
		t.Errorf("candidates %q, want %q", got, want)
	}
	if dlg.free.theirs.Visible() {
		t.Errorf("online, the note %q shows", dlg.free.theirs.Text)
	}
	svc.mu.Lock()
	asked := slices.Clone(svc.busyAsked)
	svc.mu.Unlock()
	from := tokyo(11, 26, 0, 0)
	if len(asked) != 1 || asked[0].personID != dlg.to.ID || !asked[0].from.Equal(from) || !asked[0].to.Equal(from.Add(app.BusyRange)) {
		t.Errorf("asked %+v, want once about %s from %s for 8 weeks", asked, dlg.to.ID, from)
	}
}

// Offline, or refused by the server, the candidates come from the
// user's side only, and one line says that the other person's calendar
// is checked only while online.
func TestOfferDialogFreeTimesWithoutTheirs(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
	}{
		{"offline", fmt.Errorf("busy times: %w: no network", app.ErrOffline)},
		{"refused", &app.Rejection{Code: app.CodeNotAllowed, Detail: "refused by the test server"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ui := newDirUI(t)
			svc := newTestServices(t)
			svc.setBusy([]app.Slot{{Start: tokyo(11, 26, 13, 0), End: tokyo(11, 26, 17, 0)}}, tc.err)
			c, dlg, w := openOfferDialog(t, ui, svc, "いのうえ ひでき", "井上 秀樹")
			ui.until(t, "the free times", func() bool { return !c.busy() })
			want := []string{"11月26日(木) 13:00〜14:00", "12月1日(火) 13:00〜14:00", "12月3日(木) 13:00〜14:00", "12月8日(火) 13:00〜14:00"}
			if got := freeChoicesShown(dlg); !slices.Equal(got, want) {
				t.Errorf("candidates %q, want %q", got, want)
			}
			const note = "お相手のご予定は、オンラインのときだけ確かめられます。"
			if !dlg.free.theirs.Visible() || dlg.free.theirs.Text != note {
				t.Errorf("the note %q (shown %v), want %q", dlg.free.theirs.Text, dlg.free.theirs.Visible(), note)
			}
			if !slices.ContainsFunc(canvasTexts(w.Canvas()), func(s string) bool { return strings.Contains(s, "オンラインのときだけ") }) {
				t.Error("the note is not on the screen")
			}
			if want := "押すと、下の候補に入ります。ほかの日時も自由に選べます。"; dlg.free.hint.Text != want {
				t.Errorf("hint %q", dlg.free.hint.Text)
			}
		})
	}
}
