package data_test

import (
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/data"
	"crosstalk/data/internal/fixture"
)

// rlo is RIGHT-TO-LEFT OVERRIDE: "山田\u202Eabc" shows as 山田cba, which lets a
// name or a message pass for another.
const rlo = "\u202E"

// Every mutator's free text refuses a bidirectional override with
// app.CodeInvisibleChar, and changes nothing.
func TestMutatorTextsRefuseInvisibleCharacters(t *testing.T) {
	offer := func(t *testing.T, st *data.Store) ids { return ids{"o": fixture.Send(t, st, "a1", "b1")} }
	talk := func(t *testing.T, st *data.Store) ids { return ids{"k": fixture.Accepted(t, st, "a1", "b1")} }
	run := func(who, mutator string, args func(x ids) any, clock time.Time) func(*data.Store, ids) error {
		return func(st *data.Store, x ids) error { return fixture.Run(st, who, mutator, args(x), clock) }
	}
	profile := app.UpdateProfileArgs{
		Name: "山田 太郎", Kana: "やまだ たろう", AgeBand: "60-65", JobRole: "技術顧問",
		Themes: []string{"地域貢献"}, Interests: "登山", Intro: "よろしくお願いします。",
		Modes: []app.Mode{app.ModeOnline}, FreeTimes: "平日の夕方", Visible: true,
	}
	update := profileUpdate(profile)
	place := "会議室" + rlo + "A"
	sat, rec := 6, 9
	code := app.CodeInvisibleChar
	runCases(t, []mcase{
		{name: "offer: message", act: sendAs("a1", func(a *app.SendOfferArgs) { a.Message = "はじめまして" + rlo + "。" }), code: code},
		{name: "offer: place on accepting", setup: offer, act: run("b1", app.OfferAccept, func(x ids) any {
			return app.AcceptOfferArgs{OfferID: x["o"], Start: fixture.At(3, 14), Place: place}
		}, fixture.Now), code: code},
		{name: "offer: counter message", setup: offer, act: run("b1", app.OfferCounter, func(x ids) any {
			return app.CounterOfferArgs{OfferID: x["o"], Slots: []time.Time{fixture.At(8, 10)}, Message: "こちらは" + rlo + "いかが"}
		}, fixture.Now), code: code},
		{name: "offer: note on declining", setup: offer, act: run("b1", app.OfferDecline, func(x ids) any {
			return app.DeclineOfferArgs{OfferID: x["o"], Reason: "schedule", Note: "また" + rlo}
		}, fixture.Now), code: code},
		{name: "talk: place on rescheduling", setup: talk, act: run("a1", app.TalkReschedule, func(x ids) any {
			return app.RescheduleTalkArgs{TalkID: x["k"], NewTalkID: fixture.NewID(), Start: fixture.At(10, 11), Place: &place}
		}, fixture.Now), code: code},
		{name: "survey: comment", setup: talk, act: run("a1", app.SurveySubmit, func(x ids) any {
			return app.SubmitSurveyArgs{TalkID: x["k"], Satisfaction: &sat, Recommend: &rec, Comment: "視野が" + rlo + "広がりました"}
		}, fixture.At(3, 15).Add(time.Minute)), code: code},
		{name: "profile: name", act: update(func(a *app.UpdateProfileArgs) { a.Name = "山田" + rlo + "太郎" }), code: code},
		{name: "profile: name with an isolate", act: update(func(a *app.UpdateProfileArgs) { a.Name = "山田\u2067太郎" }), code: code},
		{name: "profile: name with a zero-width space", act: update(func(a *app.UpdateProfileArgs) { a.Name = "山田\u200B太郎" }), code: code},
		{name: "profile: reading", act: update(func(a *app.UpdateProfileArgs) { a.Kana = "やまだ" + rlo + "たろう" }), code: code},
		{name: "profile: job role", act: update(func(a *app.UpdateProfileArgs) { a.JobRole = "部長\u200F" }), code: code},
		{name: "profile: theme", act: update(func(a *app.UpdateProfileArgs) { a.Themes = []string{"学び" + rlo} }), code: code},
		{name: "profile: interests", act: update(func(a *app.UpdateProfileArgs) { a.Interests = "登山\u202D" }), code: code},
		{name: "profile: intro", act: update(func(a *app.UpdateProfileArgs) { a.Intro = "製造\u2066一筋" }), code: code},
		{name: "profile: free times", act: update(func(a *app.UpdateProfileArgs) { a.FreeTimes = "平日" + rlo }), code: code},
		// What people write still goes through.
		{name: "profile: an intro with emoji and line breaks", act: update(func(a *app.UpdateProfileArgs) {
			a.Intro = "家族👨\u200D👩\u200D👧と登山❤️\n二行目"
		})},
	})
}
