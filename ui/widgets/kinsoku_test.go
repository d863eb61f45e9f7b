package widgets

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"crosstalk/ui/internal/testapp"
	cttheme "crosstalk/ui/theme"
)

// sentences are texts of the kind the app shows in paragraphs, with
// punctuation, small kana, long vowels and brackets in many places.
var sentences = []string{
	"お返事をお願いします。ご都合のよい時間を、下の一覧からお選びください。",
	"石井 京子さん（ソラリンク株式会社）から、オファーが届きました。「新規事業の立ち上げについて、ぜひお話を伺いたいです」とのことです。",
	"ちょっとした相談でも大丈夫です！ コーヒーを飲みながら、気軽にお話ししましょう？",
	"オンライン会議のURLは https://meet.example.jp/crosstalk/abc-123 です。当日、開始の５分前にはご参加ください。",
	"キャンセルされました……。また別の日程で、ぜひ！『次回』【予定】〈未定〉《仮》・詳細は後ほど。",
	"ミーティングの後で、アンケートにご協力ください。ご意見は、サービスの改善に役立てます。",
}

// Paragraphs of real sentences, at several text sizes and widths, never
// start a line with closing punctuation, a small kana or the long vowel
// mark, never end one with an opening bracket, keep every line within
// the width (a mark may overhang by itself), and lose nothing: the lines
// joined are the text, less the spaces at the breaks.
func TestParagraphKinsoku(t *testing.T) {
	testapp.Japanese(t)
	for _, size := range cttheme.Sizes {
		t.Run(size.String(), func(t *testing.T) {
			a := testapp.New(t)
			a.Settings().SetTheme(cttheme.New(size))
			for _, text := range sentences {
				for _, width := range []float32{90, 130, 170, 230, 310, 420} {
					p := NewParagraph(text)
					w := test.NewTempWindow(t, p)
					w.Resize(fyne.NewSize(width, 600))
					p.Resize(fyne.NewSize(width, p.MinSize().Height))
					lines := strings.Split(p.Label.Text, "\n")
					checkKinsoku(t, text, width, lines)
					if got, want := strings.Join(lines, ""), strings.ReplaceAll(text, " ", ""); strings.ReplaceAll(got, " ", "") != want {
						t.Errorf("at %v the lines %q lose text of %q", width, lines, text)
					}
					_, pad, measure := p.metrics()
					for _, l := range lines {
						if w := measure(l); w > width-2*pad && !overhangs(l, measure, width-2*pad) {
							t.Errorf("at %v line %q is %v wide, more than %v", width, l, w, width-2*pad)
						}
					}
				}
			}
		})
	}
}

// overhangs reports whether line is too wide only by the marks at its
// end that may not start the next line (burasage).
func overhangs(line string, measure func(string) float32, max float32) bool {
	rs := []rune(line)
	for len(rs) > 1 && strings.ContainsRune(noLineStart, rs[len(rs)-1]) {
		rs = rs[:len(rs)-1]
		if measure(string(rs)) <= max {
			return true
		}
	}
	return false
}

func checkKinsoku(t *testing.T, text string, width float32, lines []string) {
	t.Helper()
	for i, l := range lines {
		if l == "" {
			t.Errorf("at %v line %d of %q is empty: %q", width, i, text, lines)
			continue
		}
		rs := []rune(l)
		if i > 0 && strings.ContainsRune(noLineStart, rs[0]) {
			t.Errorf("at %v line %q starts with %c: %q", width, l, rs[0], lines)
		}
		if i < len(lines)-1 && strings.ContainsRune(noLineEnd, rs[len(rs)-1]) {
			t.Errorf("at %v line %q ends with %c: %q", width, l, rs[len(rs)-1], lines)
		}
	}
}

// The forbidden line starts the issue names are all in the rule.
func TestKinsokuCharacters(t *testing.T) {
	for _, r := range "。、」）ーぁぃぅぇぉっゃゅょ！？』】〉》・…ァィゥェォッャュョ" {
		if !strings.ContainsRune(noLineStart, r) {
			t.Errorf("%c may start a line", r)
		}
	}
}

// Lines of a paragraph are one and a half times the text size apart, at
// every text size, in Japanese and English: a Fyne label sets them with
// no space between them (a pitch of one em in BIZ UD Gothic). A
// one-line paragraph is as tall as a label.
func TestParagraphLinePitch(t *testing.T) {
	for _, code := range []string{"ja", "en"} {
		for _, size := range cttheme.Sizes {
			a := testapp.New(t)
			a.Settings().SetTheme(cttheme.NewFor(size, code))
			p := NewParagraph(sentences[0])
			w := test.NewTempWindow(t, p)
			w.Resize(fyne.NewSize(200, 600))
			ys, textSize := lineTops(p)
			if len(ys) < 3 {
				t.Fatalf("%s %s: %d lines, want several", code, size, len(ys))
			}
			for i := 1; i < len(ys); i++ {
				if pitch := ys[i] - ys[i-1]; pitch < 1.5*textSize-0.5 {
					t.Errorf("%s %s: lines %v apart at text size %v: %.2f, want at least 1.5", code, size, pitch, textSize, pitch/textSize)
				}
			}
			if h := p.MinSize().Height; h < ys[len(ys)-1]+textSize {
				t.Errorf("%s %s: paragraph is %v tall, its last line starts at %v", code, size, h, ys[len(ys)-1])
			}
			one := NewParagraph("予定")
			label := NewParagraph("")
			label.Label.Text = "予定"
			if got, want := one.MinSize().Height, label.Label.MinSize().Height; got != want {
				t.Errorf("%s %s: one line is %v tall, a label %v", code, size, got, want)
			}
		}
	}
}
