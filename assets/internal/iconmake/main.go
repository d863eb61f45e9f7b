//go:build ignore

// Command iconmake draws assets/icon.png, the CrossTalk app icon: two
// overlapping speech bubbles in two colours on a blue rounded square.
//
// Run it from the assets directory:
//
//	go run ./internal/iconmake/main.go
//
// (or `go generate ./assets/`). It uses only the standard library and
// draws with signed distance functions, 4x4 supersampled, so the edges are
// smooth and the shapes stay readable when the icon is scaled to 16 px.
package main

import (
	"flag"
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
)

const size = 512

type vec struct{ x, y float64 }

func (a vec) sub(b vec) vec       { return vec{a.x - b.x, a.y - b.y} }
func (a vec) add(b vec) vec       { return vec{a.x + b.x, a.y + b.y} }
func (a vec) mul(k float64) vec   { return vec{a.x * k, a.y * k} }
func (a vec) dot(b vec) float64   { return a.x*b.x + a.y*b.y }
func (a vec) cross(b vec) float64 { return a.x*b.y - a.y*b.x }
func (a vec) len() float64        { return math.Hypot(a.x, a.y) }

// sdRoundBox is the signed distance from p to a rectangle centred at c with
// half sizes h and corner radius r (negative inside).
func sdRoundBox(p, c, h vec, r float64) float64 {
	q := vec{math.Abs(p.x-c.x) - h.x + r, math.Abs(p.y-c.y) - h.y + r}
	out := vec{math.Max(q.x, 0), math.Max(q.y, 0)}.len()
	in := math.Min(math.Max(q.x, q.y), 0)
	return out + in - r
}

// sdTriangle is the signed distance from p to the triangle a, b, c.
func sdTriangle(p, a, b, c vec) float64 {
	d := math.Inf(1)
	sign := 0
	pts := [3]vec{a, b, c}
	for i := 0; i < 3; i++ {
		e0, e1 := pts[i], pts[(i+1)%3]
		e := e1.sub(e0)
		w := p.sub(e0)
		t := math.Max(0, math.Min(1, w.dot(e)/e.dot(e)))
		d = math.Min(d, w.sub(e.mul(t)).len())
		if e.cross(w) > 0 {
			sign++
		} else {
			sign--
		}
	}
	if sign == 3 || sign == -3 {
		return -d
	}
	return d
}

// bubble is a rounded rectangle with a pointed tail.
type bubble struct {
	c, h    vec
	r       float64
	t1, t2  vec // tail base, inside the box
	tip     vec // tail tip, outside the box
	fill    color.NRGBA
	softTip float64 // rounds the tail a little
}

func (b bubble) sd(p vec) float64 {
	box := sdRoundBox(p, b.c, b.h, b.r)
	tail := sdTriangle(p, b.t1, b.t2, b.tip) - b.softTip
	return math.Min(box, tail)
}

var (
	bgTop    = color.NRGBA{0x2F, 0x7B, 0xD8, 0xFF}
	bgBottom = color.NRGBA{0x1B, 0x4F, 0xA0, 0xFF}

	back = bubble{
		c: vec{206, 196}, h: vec{150, 112}, r: 84,
		t1: vec{64, 220}, t2: vec{164, 304}, tip: vec{68, 372}, softTip: 8,
		fill: color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF},
	}
	front = bubble{
		c: vec{312, 322}, h: vec{148, 108}, r: 82,
		t1: vec{452, 340}, t2: vec{352, 428}, tip: vec{444, 464}, softTip: 8,
		fill: color.NRGBA{0xFF, 0xB3, 0x2E, 0xFF},
	}
	gap = 18.0 // background-coloured ring around the front bubble

	dotColour = color.NRGBA{0x1B, 0x4F, 0xA0, 0xFF}
	dots      = []vec{{236, 322}, {312, 322}, {388, 322}}
	dotRadius = 25.0
)

func lerp(a, b color.NRGBA, t float64) color.NRGBA {
	f := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + (float64(y)-float64(x))*t)) }
	return color.NRGBA{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B), f(a.A, b.A)}
}

// sample returns the colour at p and whether p is inside the icon at all.
func sample(p vec) (color.NRGBA, bool) {
	if sdRoundBox(p, vec{size / 2, size / 2}, vec{size/2 - 8, size/2 - 8}, 112) > 0 {
		return color.NRGBA{}, false
	}
	bg := lerp(bgTop, bgBottom, p.y/size)
	c := bg
	if back.sd(p) <= 0 {
		c = back.fill
	}
	fd := front.sd(p)
	if fd <= gap {
		c = bg
	}
	if fd <= 0 {
		c = front.fill
		for _, d := range dots {
			if p.sub(d).len() <= dotRadius {
				c = dotColour
			}
		}
	}
	return c, true
}

func main() {
	out := flag.String("o", "icon.png", "output PNG file")
	flag.Parse()

	const ss = 4 // samples per axis
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			var r, g, b, a float64
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					p := vec{float64(x) + (float64(sx)+0.5)/ss, float64(y) + (float64(sy)+0.5)/ss}
					c, in := sample(p)
					if !in {
						continue
					}
					// premultiplied accumulation
					r += float64(c.R)
					g += float64(c.G)
					b += float64(c.B)
					a += 255
				}
			}
			if a == 0 {
				continue
			}
			n := a / 255
			img.SetNRGBA(x, y, color.NRGBA{
				R: uint8(math.Round(r / n)),
				G: uint8(math.Round(g / n)),
				B: uint8(math.Round(b / n)),
				A: uint8(math.Round(a / (ss * ss))),
			})
		}
	}

	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(f, img); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
