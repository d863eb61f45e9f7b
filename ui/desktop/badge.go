package desktop

import (
	"bytes"
	"fmt"
	"image/color"
	"image/png"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/software"

	"crosstalk/assets"
)

// badgeSize is the side of the tray's icon with a badge, in pixels:
// larger than any tray shows (16–32 px), so the system only shrinks it.
const badgeSize = 64

// badgeRed is the badge's colour: the red of a notification badge,
// which white digits stand out on.
var badgeRed = color.NRGBA{R: 0xd3, G: 0x2f, B: 0x2f, A: 0xff}

// badgeText is what the badge on the icon says for n offers waiting:
// nothing for none, the number up to 9, then "9+".
func badgeText(n int) string {
	switch {
	case n <= 0:
		return ""
	case n > 9:
		return "9+"
	default:
		return strconv.Itoa(n)
	}
}

// badgedIcon is the app's icon with a red circle at its top right that
// says text, as a PNG resource; with no text, the app's icon as it is.
// It draws with Fyne's software renderer, on a canvas of badgeSize:
// a few milliseconds, once for each change of the text.
func badgedIcon(text string) (fyne.Resource, error) {
	if text == "" {
		return assets.Icon, nil
	}
	icon := canvas.NewImageFromResource(assets.Icon)
	icon.FillMode = canvas.ImageFillContain
	icon.ScaleMode = canvas.ImageScaleSmooth
	icon.Resize(fyne.NewSquareSize(badgeSize))

	const d = badgeSize * 5 / 8 // the circle's diameter
	dot := canvas.NewCircle(badgeRed)
	dot.StrokeColor = color.White
	dot.StrokeWidth = 3
	const inset = 1.5 // the white ring in the picture
	dot.Move(fyne.NewPos(badgeSize-d-inset, inset))
	dot.Resize(fyne.NewSquareSize(d))

	label := canvas.NewText(text, color.White)
	label.TextStyle.Bold = true
	label.TextSize = d * 0.7
	if len(text) > 1 {
		label.TextSize = d * 0.55
	}
	size := label.MinSize()
	label.Resize(size)
	label.Move(fyne.NewPos(badgeSize-d-inset+(d-size.Width)/2, inset+(d-size.Height)/2))

	c := software.NewTransparentCanvas()
	c.SetPadded(false)
	c.SetContent(container.NewWithoutLayout(icon, dot, label))
	c.Resize(fyne.NewSquareSize(badgeSize))
	var buf bytes.Buffer
	if err := png.Encode(&buf, c.Capture()); err != nil {
		return nil, fmt.Errorf("tray badge: %w", err)
	}
	return fyne.NewStaticResource("icon-"+text+".png", buf.Bytes()), nil
}
