package data_test

import (
	"context"
	"testing"

	"crosstalk/app"
	"crosstalk/data"
	"crosstalk/data/internal/fixture"
)

func setMailAs(who string, s app.MailSettings) func(*data.Store, ids) error {
	return func(st *data.Store, _ ids) error { return fixture.Run(st, who, app.MailSet, s, fixture.Now) }
}

func mailOf(t *testing.T, st *data.Store, who string) app.MailAccount {
	t.Helper()
	a, err := st.MailAccount(context.Background(), fixture.PID(who))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestMailSettings: a person sets their own mail choices, whatever their
// role; a bad mode or language is refused, and so is a participant's
// weekly summary, which is for HR and the secretariat.
func TestMailSettings(t *testing.T) {
	runCases(t, []mcase{
		{name: "a participant chooses a daily digest in English",
			act: setMailAs("a1", app.MailSettings{Mode: app.MailDigest, Language: "en"}),
			check: func(t *testing.T, st *data.Store, _ ids) {
				if a := mailOf(t, st, "a1"); a.Mode != app.MailDigest || a.Language != "en" || a.Weekly {
					t.Errorf("a1's mail %+v", a)
				}
				if a := mailOf(t, st, "a2"); a.Mode != app.MailSingle || a.Language != "ja" {
					t.Errorf("a2's mail changed: %+v", a)
				}
			}},
		{name: "HR asks for the weekly summary and no single mails",
			act: setMailAs("e1", app.MailSettings{Mode: app.MailNone, Language: "ja", Weekly: true}),
			check: func(t *testing.T, st *data.Store, _ ids) {
				if a := mailOf(t, st, "e1"); a.Mode != app.MailNone || !a.Weekly {
					t.Errorf("e1's mail %+v", a)
				}
			}},
		{name: "a participant's weekly summary",
			act:  setMailAs("a1", app.MailSettings{Mode: app.MailSingle, Language: "ja", Weekly: true}),
			code: app.CodeNotAllowed},
		{name: "a participant who says they are HR",
			act: func(st *data.Store, _ ids) error {
				actor := fixture.Actor("a1")
				actor.Role = app.RoleHR // the stored role decides
				return app.Run(context.Background(), st, app.MailSet, actor,
					app.Args(app.MailSettings{Mode: app.MailSingle, Language: "ja", Weekly: true}), fixture.Now)
			},
			code: app.CodeNotAllowed},
		{name: "an unknown mode", act: setMailAs("a1", app.MailSettings{Mode: "hourly", Language: "ja"}), code: app.CodeBadArgs},
		{name: "no mode", act: setMailAs("a1", app.MailSettings{Language: "ja"}), code: app.CodeBadArgs},
		{name: "an unknown language", act: setMailAs("a1", app.MailSettings{Mode: app.MailSingle, Language: "fr"}), code: app.CodeBadArgs},
		{name: "an unknown field",
			act: func(st *data.Store, _ ids) error {
				return app.Run(context.Background(), st, app.MailSet, fixture.Actor("a1"),
					[]byte(`{"mode":"single","language":"ja","weekly":false,"email":"x@example.jp"}`), fixture.Now)
			},
			code: app.CodeBadArgs},
		{name: "an unknown role",
			act: func(st *data.Store, _ ids) error {
				return app.Run(context.Background(), st, app.MailSet, app.Actor{ParticipantID: fixture.PID("a1"), Role: "guest"},
					app.Args(app.MailSettings{Mode: app.MailSingle, Language: "ja"}), fixture.Now)
			},
			code: app.CodeNotAllowed},
	})
}
