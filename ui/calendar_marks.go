package ui

import (
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// The calendar's marks: under each day of the month, the number of its
// talks, a change to look at and a cancelled talk, each with a shape, a
// colour and a symbol of its own (widgets.DayMark); today framed; and a
// legend under the month that shows the same marks.

// showMarks marks the days of the weeks shown from what load d read.
func (c *Calendar) showMarks(d calendarData, me string) {
	var talks, changed, cancelled []time.Time
	for _, k := range d.weeks {
		switch {
		case k.State == app.TalkScheduled || k.State == app.TalkHeld:
			talks = append(talks, k.Start)
		case k.State == app.TalkCancelled && k.Reason != app.ReasonRescheduled:
			// A moved talk shows at its new time only.
			cancelled = append(cancelled, k.Start)
		}
		if _, ok := d.changes[k.ID]; ok || ownProposal(k.Talk, me, d.now) {
			changed = append(changed, k.Start)
		}
	}
	c.grid.SetToday(d.now)
	c.grid.SetMarked(talks)
	c.grid.SetFlagged(changed)
	c.grid.SetCancelled(cancelled)
}

// calendarLegend says what the marks of the month mean, with the marks
// themselves; now gives today's number for its frame.
func calendarLegend(now time.Time) fyne.CanvasObject {
	item := func(mark *widgets.DayMark, text string) fyne.CanvasObject {
		return container.NewBorder(nil, nil, container.New(firstLine{}, mark), nil, widgets.NewParagraph(text))
	}
	return container.NewGridWithColumns(2,
		item(widgets.NewDayMark(widgets.MarkTalks, "2"), lang.X("calendar.legend", "Cross talks that day")),
		item(widgets.NewDayMark(widgets.MarkToday, strconv.Itoa(now.In(app.Tokyo).Day())), lang.X("calendar.today", "Today")),
		item(widgets.NewDayMark(widgets.MarkChanged, ""), lang.X("calendar.legend_changed", "A change to look at")),
		item(widgets.NewDayMark(widgets.MarkCancelled, ""), lang.X("calendar.legend_cancelled", "A cancelled cross talk")))
}

// firstLine sets a mark beside the first line of a paragraph: in the
// middle of a line of text as the theme has it when laid out.
type firstLine struct{}

func (firstLine) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}

func (firstLine) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	line := fyne.MeasureText("国", theme.TextSize(), fyne.TextStyle{}).Height
	middle := theme.InnerPadding() + line/2
	for _, o := range objs {
		m := o.MinSize()
		o.Resize(m)
		o.Move(fyne.NewPos((size.Width-m.Width)/2, middle-m.Height/2))
	}
}
