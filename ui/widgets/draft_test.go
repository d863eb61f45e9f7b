package widgets

import (
	"context"
	"errors"
	"sync"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"crosstalk/ui/internal/testapp"
)

// memDrafts is a DraftStore in memory that counts its writes.
type memDrafts struct {
	mu     sync.Mutex
	m      map[string]string
	writes int
}

func newMemDrafts() *memDrafts { return &memDrafts{m: map[string]string{}} }

func (s *memDrafts) Draft(_ context.Context, key string) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[key]
	if !ok {
		return nil, nil
	}
	return []byte(v), nil
}

func (s *memDrafts) SaveDraft(_ context.Context, key string, value []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.writes++
	s.m[key] = string(value)
	return nil
}

func (s *memDrafts) DeleteDraft(_ context.Context, key string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.writes++
	delete(s.m, key)
	return nil
}

func (s *memDrafts) get(key string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.m[key]
}

// A form's draft is saved once after a burst of typing, is shown with
// the note when the form is made again, and is gone once cleared.
func TestDraftFormKeepsTyping(t *testing.T) {
	testapp.Japanese(t)
	testapp.New(t)
	store := newMemDrafts()
	open := func() (*widget.Entry, *DraftForm) {
		en := widget.NewMultiLineEntry()
		LimitText(en, "メッセージ", 100) // takes OnChanged first, as the views do
		return en, NewDraftForm(store, "offer:p-1").Entry("message", en)
	}
	en, f := open()
	f.Restore()
	WaitBackground()
	if f.Note.Visible() {
		t.Fatal("the note shows with no draft")
	}
	test.Type(en, "はじめまして")
	FlushDrafts()
	if got := store.get("offer:p-1"); got != `{"message":"はじめまして"}` {
		t.Fatalf("saved %q", got)
	}
	if store.writes != 1 {
		t.Errorf("%d writes for one burst of typing, want 1", store.writes)
	}

	en2, f2 := open()
	f2.Restore()
	WaitBackground()
	if en2.Text != "はじめまして" || !f2.Note.Visible() || f2.Note.Text != "前回の下書きを表示しています。" {
		t.Fatalf("reopened: %q, note shown %v %q", en2.Text, f2.Note.Visible(), f2.Note.Text)
	}
	FlushDrafts()
	if store.writes != 1 {
		t.Errorf("restoring the draft wrote it again (%d writes)", store.writes)
	}
	f2.Clear()
	FlushDrafts()
	if got := store.get("offer:p-1"); got != "" {
		t.Fatalf("cleared, yet %q", got)
	}
}

// A form back to what it was made with keeps no draft; typing before the
// draft is read wins over it.
func TestDraftFormUnchangedOrTyped(t *testing.T) {
	testapp.New(t)
	store := newMemDrafts()
	store.m["company:c-1"] = `{"name":"古い下書き"}`
	en := widget.NewEntry()
	en.SetText("株式会社さくら")
	f := NewDraftForm(store, "company:c-1").Entry("name", en)
	en.SetText("株式会社さくら商事") // typed before the draft is read
	f.Restore()
	WaitBackground()
	if en.Text != "株式会社さくら商事" || f.Note.Visible() {
		t.Fatalf("the draft overwrote the typing: %q", en.Text)
	}
	en.SetText("株式会社さくら")
	FlushDrafts()
	if _, ok := store.m["company:c-1"]; ok {
		t.Fatalf("a form as it was made keeps a draft: %q", store.get("company:c-1"))
	}
}

// Writes keep their order: the last value asked is the one kept, even
// when a flush and a clear follow each other at once.
func TestDraftLastWriteWins(t *testing.T) {
	store := newMemDrafts()
	d := NewDraft(store, "k")
	for i := range 50 {
		d.Save(map[string]int{"n": i})
		if i%7 == 0 {
			d.Flush()
		}
	}
	d.Flush()
	FlushDrafts()
	if got := store.get("k"); got != `{"n":49}` {
		t.Fatalf("kept %q", got)
	}
	d.Save(map[string]int{"n": 50})
	d.Flush()
	d.Clear()
	FlushDrafts()
	if _, ok := store.m["k"]; ok {
		t.Fatalf("the clear was overtaken: %q", store.get("k"))
	}
}

// failingDrafts fails every call.
type failingDrafts struct{}

func (failingDrafts) Draft(context.Context, string) ([]byte, error) {
	return nil, errors.New("disk gone")
}
func (failingDrafts) SaveDraft(context.Context, string, []byte) error { return errors.New("disk gone") }
func (failingDrafts) DeleteDraft(context.Context, string) error       { return errors.New("disk gone") }

// A store that fails loses the draft, not the form: the text typed stays
// and nothing is restored; and no store at all keeps nothing quietly.
func TestDraftStoreFailing(t *testing.T) {
	testapp.New(t)
	for _, store := range []DraftStore{failingDrafts{}, nil} {
		en := widget.NewEntry()
		f := NewDraftForm(store, "k").Entry("text", en)
		f.Restore()
		WaitBackground()
		test.Type(en, "あいう")
		FlushDrafts()
		if en.Text != "あいう" || f.Note.Visible() {
			t.Errorf("%T: %q, note %v", store, en.Text, f.Note.Visible())
		}
	}
}
