package data_test

import (
	"encoding/json"
	"strings"
	"testing"

	"crosstalk/app"
	"crosstalk/data"
	"crosstalk/data/internal/fixture"
)

// Malformed arguments, huge strings, unknown names and wrong types: each
// is a typed rejection, nothing panics and nothing is written.
func TestBadInput(t *testing.T) {
	st := open(t, fixture.Dataset())
	offer := fixture.Send(t, st, "a1", "b1")
	huge := strings.Repeat("あ", app.MaxArgsBytes)
	cases := []struct {
		name, mutator, args string
		code                app.Code
	}{
		{"unknown mutator", "offer.send.v0", `{}`, app.CodeUnknownMutator},
		{"empty name", "", `{}`, app.CodeUnknownMutator},
		{"not JSON", app.OfferSend, `{"id":`, app.CodeBadArgs},
		{"empty arguments", app.OfferSend, ``, app.CodeBadArgs},
		{"null", app.OfferWithdraw, `null`, app.CodeBadArgs},
		{"an array", app.OfferWithdraw, `[1,2]`, app.CodeBadArgs},
		{"a string", app.BookmarkSet, `"b1"`, app.CodeBadArgs},
		{"two objects", app.OfferWithdraw, `{"offerId":"` + offer + `"}{}`, app.CodeBadArgs},
		{"an unknown field", app.OfferWithdraw, `{"offerId":"` + offer + `","force":true}`, app.CodeBadArgs},
		{"a number for a string", app.OfferWithdraw, `{"offerId":42}`, app.CodeBadArgs},
		{"a string for a list", app.OfferSend, `{"id":"` + fixture.NewID() + `","slots":"tomorrow"}`, app.CodeBadArgs},
		{"a bad time", app.OfferAccept, `{"offerId":"` + offer + `","start":"next Tuesday"}`, app.CodeBadArgs},
		{"a string for a number", app.SurveySubmit, `{"talkId":"` + fixture.NewID() + `","satisfaction":"7","recommend":9}`, app.CodeBadArgs},
		{"a fraction for a number", app.SurveySubmit, `{"talkId":"` + fixture.NewID() + `","satisfaction":6.5,"recommend":9}`, app.CodeBadArgs},
		{"a huge number", app.SurveySubmit, `{"talkId":"` + fixture.NewID() + `","satisfaction":1e400,"recommend":9}`, app.CodeBadArgs},
		{"a string for a bool", app.BookmarkSet, `{"participantId":"` + fixture.PID("b1") + `","on":"yes"}`, app.CodeBadArgs},
		{"invalid UTF-8", app.OfferWithdraw, "{\"offerId\":\"\xff\xfe\"}", app.CodeBadArgs},
		{"a NUL in text", app.OfferDecline, `{"offerId":"` + offer + `","reason":"other","note":"a\u0000b"}`, app.CodeBadArgs},
		{"arguments over the size limit", app.OfferSend, `{"id":"` + fixture.NewID() + `","message":"` + huge + `"}`, app.CodeTooLarge},
		{"a huge id", app.OfferWithdraw, `{"offerId":"` + strings.Repeat("9", 60000) + `"}`, app.CodeBadArgs},
		{"deep nesting", app.OfferWithdraw, strings.Repeat("[", 10000) + strings.Repeat("]", 10000), app.CodeBadArgs},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := fixture.Snapshot(t, st)
			err := fixture.Run(st, "a1", c.mutator, json.RawMessage(c.args), fixture.Now)
			if app.CodeOf(err) != c.code {
				t.Fatalf("got %v, want %s", err, c.code)
			}
			if after := fixture.Snapshot(t, st); after != before {
				t.Fatal("refused input changed the file")
			}
		})
	}
}

// FuzzMutatorArgs sends arbitrary bytes as the arguments of every
// mutator: the answer is success or a rejection, never a panic or a
// storage error, and a rejection writes nothing.
func FuzzMutatorArgs(f *testing.F) {
	for _, seed := range []string{
		`{}`, `null`, `[]`, `{"offerId":""}`,
		`{"id":"6ba7b810-9dad-11d1-80b4-00c04fd430c8","cohortId":"` + fixture.CoOpen + `","toId":"` + fixture.PID("b1") + `","message":"はじめまして","mode":"phone","slots":["2026-11-28T14:00:00+09:00"]}`,
		`{"talkId":"6ba7b810-9dad-11d1-80b4-00c04fd430c8","satisfaction":7,"recommend":10}`,
		`{"participantId":"` + fixture.PID("b1") + `","on":true}`,
		`{"name":"山田","kana":"やまだ","ageBand":"50-54","modes":["online"],"visible":true}`,
		`{"talkId":"x","newTalkId":"y","start":"2026-12-01T10:00:00Z","place":null}`,
	} {
		f.Add(seed)
	}
	st := open(f, fixture.Dataset())
	f.Fuzz(func(t *testing.T, args string) {
		for _, name := range app.MutatorNames() {
			before := fixture.Snapshot(t, st)
			err := fixture.Run(st, "a1", name, json.RawMessage(args), fixture.Now)
			if err == nil {
				continue
			}
			if !app.IsRejection(err) {
				t.Fatalf("%s(%q): %v is not a rejection", name, args, err)
			}
			if after := fixture.Snapshot(t, st); after != before {
				t.Fatalf("%s(%q) was refused but changed the file", name, args)
			}
		}
	})
}

// A storage failure in the middle of a mutator leaves nothing behind.
func TestMutatorFailureRollsBack(t *testing.T) {
	st := open(t, fixture.Dataset())
	id := fixture.Send(t, st, "a1", "b1")
	// A talk with the id the accept will make already exists, so the
	// insert fails after the offer row was updated.
	fixture.Must(t, st, "c1", app.OfferSend, app.SendOfferArgs{ID: fixture.NewID(), CohortID: fixture.CoOpen, ToID: fixture.PID("d1"),
		Message: "よろしくお願いします。", Mode: app.ModeOnline, Slots: fixture.SendArgs("d1").Slots}, fixture.Now)

	err := st.Write(t.Context(), func(tx *data.Tx) error {
		return tx.InsertTalk(t.Context(), app.Talk{ID: app.TalkIDFor(id), OfferID: id, CohortID: fixture.CoOpen,
			AID: fixture.PID("c1"), BID: fixture.PID("d1"), Start: fixture.At(5, 10), End: fixture.At(5, 11), Mode: app.ModeOnline,
			State: app.TalkCancelled, CreatedAt: fixture.Now, UpdatedAt: fixture.Now})
	})
	if err != nil {
		t.Fatal(err)
	}
	before := fixture.Snapshot(t, st)
	err = fixture.Run(st, "b1", app.OfferAccept, app.AcceptOfferArgs{OfferID: id, Start: fixture.At(3, 14)}, fixture.Now)
	if err == nil || app.IsRejection(err) {
		t.Fatalf("accept over an existing talk id: %v, want a storage error", err)
	}
	if after := fixture.Snapshot(t, st); after != before {
		t.Fatal("a failed accept left a half-written change")
	}
	if o := fixture.OfferOf(t, st, id); o.State != app.OfferPending {
		t.Fatalf("offer is %s after a failed accept", o.State)
	}
}
