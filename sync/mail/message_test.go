package mail

import (
	"io"
	"mime"
	"net/mail"
	"strings"
	"testing"
	"time"

	"mime/multipart"
)

func TestEncodeMakesJapaneseReadable(t *testing.T) {
	m := Message{
		To:      Recipient{ParticipantID: "p1", Name: "山田 太郎", Address: "taro@example.jp"},
		Subject: "新しいオファーが届きました",
		Text:    "山田さん\nオファーが届きました。",
		HTML:    "<p>山田さん</p>",
		Kind:    "offer.new",
	}
	out, err := Encode(m, Sender{Name: "CrossTalk", Address: "noreply@crosstalk.example.jp"}, time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if out.ParticipantID != "p1" || out.Address != "taro@example.jp" || out.Kind != "offer.new" {
		t.Fatalf("outgoing = %+v", out)
	}
	if !strings.HasSuffix(out.MessageID, "@crosstalk.example.jp") {
		t.Fatalf("message id %q not on the sender's domain", out.MessageID)
	}
	for _, line := range strings.Split(string(out.Message), "\r\n") {
		for _, r := range line {
			if r > 127 {
				t.Fatalf("raw 8-bit text in the message: %q", line)
			}
		}
	}
	parsed, err := mail.ReadMessage(strings.NewReader(string(out.Message)))
	if err != nil {
		t.Fatal(err)
	}
	dec := new(mime.WordDecoder)
	subject, err := dec.DecodeHeader(parsed.Header.Get("Subject"))
	if err != nil || subject != m.Subject {
		t.Fatalf("subject = %q, %v", subject, err)
	}
	to, err := parsed.Header.AddressList("To")
	if err != nil || len(to) != 1 || to[0].Name != "山田 太郎" || to[0].Address != "taro@example.jp" {
		t.Fatalf("to = %v, %v", to, err)
	}
	if got := parsed.Header.Get("Message-Id"); got != "<"+out.MessageID+">" {
		t.Fatalf("Message-Id header %q, want <%s>", got, out.MessageID)
	}
	mt, params, err := mime.ParseMediaType(parsed.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("content type %q, %v", mt, err)
	}
	r := multipart.NewReader(parsed.Body, params["boundary"])
	var texts []string
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(p) // multipart decodes quoted-printable
		texts = append(texts, p.Header.Get("Content-Type")+"|"+string(b))
	}
	if len(texts) != 2 || !strings.Contains(texts[0], "text/plain") || !strings.Contains(texts[0], "オファーが届きました。") ||
		!strings.Contains(texts[1], "text/html") || !strings.Contains(texts[1], "<p>山田さん</p>") {
		t.Fatalf("parts = %q", texts)
	}
}

func TestEncodeRefusesABadAddress(t *testing.T) {
	_, err := Encode(Message{To: Recipient{ParticipantID: "p1", Address: "not an address"}, Subject: "x", Text: "x"},
		Sender{Address: "noreply@example.jp"}, time.Now())
	if err == nil {
		t.Fatal("a bad address was encoded")
	}
}

// A name is a name, whatever it holds: a quote, a backslash, a line
// break, an angle bracket or a comma neither breaks the header nor
// keeps the mail from being written, and reads back as it was (line
// breaks as spaces).
func TestEncodeTakesAnyName(t *testing.T) {
	for _, c := range []struct{ name, want string }{
		{`山川 "花子`, `山川 "花子`},
		{`Hanako \ Yamakawa`, `Hanako \ Yamakawa`},
		{"山川\r\n花子", "山川 花子"},
		{"Bcc: evil@example.jp\r\nX: y", "Bcc: evil@example.jp X: y"},
		{`<evil@example.jp>, "x"`, `<evil@example.jp>, "x"`},
		{"", ""},
	} {
		out, err := Encode(Message{To: Recipient{ParticipantID: "p1", Name: c.name, Address: "hanako@example.jp"},
			Subject: "件名", Text: "本文"}, Sender{Name: `CrossTalk "事務局"`, Address: "noreply@example.jp"}, time.Now())
		if err != nil {
			t.Errorf("name %q: %v", c.name, err)
			continue
		}
		parsed, err := mail.ReadMessage(strings.NewReader(string(out.Message)))
		if err != nil {
			t.Fatal(err)
		}
		to, err := parsed.Header.AddressList("To")
		if err != nil || len(to) != 1 || to[0].Name != c.want || to[0].Address != "hanako@example.jp" {
			t.Errorf("name %q: To reads back as %v, %v; want %q", c.name, to, err, c.want)
		}
		if parsed.Header.Get("Bcc") != "" || parsed.Header.Get("X") != "" {
			t.Errorf("name %q made a header of its own", c.name)
		}
		from, err := parsed.Header.AddressList("From")
		if err != nil || len(from) != 1 || from[0].Name != `CrossTalk "事務局"` {
			t.Errorf("From reads back as %v, %v", from, err)
		}
	}
}
