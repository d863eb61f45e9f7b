package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Panes shows a list and the detail of what is opened from it: side by
// side when the width allows both, and otherwise one at a time, the list
// first and, once something is opened, the detail under a button that
// goes back to the list. It decides at every layout, so that it follows
// the window's width and the text size as they change.
//
// Its minimum size is the larger pane's, not their sum, so that a window
// holding it can be made as narrow as its wider pane.
type Panes struct {
	widget.BaseWidget

	// ListShare is the part of the width the list takes when side by
	// side (0.45 by default); each pane still gets at least its minimum
	// width.
	ListShare float32
	// DetailEms is the least width the detail is shown beside the list
	// at, in multiples of the text size, when larger than the detail's
	// minimum width: a comfortable width to read it at, which grows with
	// the text. Zero: its minimum width.
	DetailEms float32
	// OnBack, if set, is called after the back button showed the list.
	OnBack func()

	list, detail fyne.CanvasObject
	back         *widget.Button
	detailOpen   bool // the detail was opened and not left
	narrow       bool // at the last layout, one pane at a time
}

// NewPanes shows list and detail; backText is the back button's label,
// such as 「一覧に戻る」.
func NewPanes(list, detail fyne.CanvasObject, backText string) *Panes {
	p := &Panes{list: list, detail: detail, ListShare: 0.45}
	p.back = widget.NewButtonWithIcon(backText, theme.NavigateBackIcon(), p.ShowList)
	p.ExtendBaseWidget(p)
	return p
}

// ShowDetail turns to the detail when one pane shows at a time; side by
// side, it is shown already. Call it when something was opened.
func (p *Panes) ShowDetail() {
	p.detailOpen = true
	p.Refresh()
}

// ShowList turns back to the list when one pane shows at a time: the
// back button's action.
func (p *Panes) ShowList() {
	p.detailOpen = false
	p.Refresh()
	if p.OnBack != nil {
		p.OnBack()
	}
}

// DetailShown reports whether the detail is on screen: always side by
// side, and when opened one pane at a time.
func (p *Panes) DetailShown() bool { return !p.narrow || p.detailOpen }

// Narrow reports whether, at the last layout, the panes showed one at a
// time.
func (p *Panes) Narrow() bool { return p.narrow }

// BackButton is the button that goes back to the list, shown over the
// detail when the panes show one at a time.
func (p *Panes) BackButton() *widget.Button { return p.back }

// CreateRenderer is part of fyne.Widget.
func (p *Panes) CreateRenderer() fyne.WidgetRenderer {
	return &panesRenderer{p: p, objects: []fyne.CanvasObject{p.list, p.detail, p.back}}
}

// fits reports whether both panes fit side by side in width.
func (p *Panes) fits(width float32) bool {
	return width >= p.list.MinSize().Width+theme.Padding()+p.detailWidth()
}

// detailWidth is the least width of the detail beside the list.
func (p *Panes) detailWidth() float32 {
	return max(p.detail.MinSize().Width, p.DetailEms*theme.TextSize())
}

type panesRenderer struct {
	p       *Panes
	objects []fyne.CanvasObject
}

func (r *panesRenderer) Destroy() {}

func (r *panesRenderer) Objects() []fyne.CanvasObject { return r.objects }

// MinSize is the larger pane's, the back button over the detail
// included.
func (r *panesRenderer) MinSize() fyne.Size {
	l, d, b := r.p.list.MinSize(), r.p.detail.MinSize(), r.p.back.MinSize()
	return fyne.NewSize(max(l.Width, d.Width, b.Width), max(l.Height, d.Height+b.Height+theme.Padding()))
}

func (r *panesRenderer) Layout(size fyne.Size) {
	p := r.p
	pad := theme.Padding()
	p.narrow = !p.fits(size.Width)
	if !p.narrow {
		lw := min(max(size.Width*p.ListShare, p.list.MinSize().Width), size.Width-pad-p.detailWidth())
		p.back.Hide()
		p.list.Show()
		p.detail.Show()
		p.list.Move(fyne.NewPos(0, 0))
		p.list.Resize(fyne.NewSize(lw, size.Height))
		p.detail.Move(fyne.NewPos(lw+pad, 0))
		p.detail.Resize(fyne.NewSize(size.Width-lw-pad, size.Height))
		return
	}
	if !p.detailOpen {
		p.back.Hide()
		p.detail.Hide()
		p.list.Show()
		p.list.Move(fyne.NewPos(0, 0))
		p.list.Resize(size)
		return
	}
	p.list.Hide()
	p.back.Show()
	p.detail.Show()
	bs := p.back.MinSize()
	p.back.Move(fyne.NewPos(0, 0))
	p.back.Resize(bs)
	top := bs.Height + pad
	p.detail.Move(fyne.NewPos(0, top))
	p.detail.Resize(fyne.NewSize(size.Width, max(0, size.Height-top)))
}

// Refresh refreshes the panes too, as Fyne's containers refresh their
// objects: a tab shown again after a change of text size refreshes its
// content, and the panes must pass it on for nothing to keep the old size.
func (r *panesRenderer) Refresh() {
	for _, o := range r.objects {
		o.Refresh()
	}
	r.Layout(r.p.Size())
	canvas.Refresh(r.p)
}
