package server

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"crosstalk/app"
	"crosstalk/app/demo"
	"crosstalk/sync/wire"
)

func TestNewInviteCode(t *testing.T) {
	form := regexp.MustCompile(`^[` + codeAlphabet + `]{4}-[` + codeAlphabet + `]{4}-[` + codeAlphabet + `]{4}$`)
	seen := map[string]bool{}
	s := New(nil, Options{})
	for range 1000 {
		code, hash := s.NewInviteCode()
		if !form.MatchString(code) {
			t.Fatalf("code %q is not XXXX-XXXX-XXXX from the alphabet", code)
		}
		if n, foreign := wire.InviteCodeShape(code); n != 0 || foreign != nil {
			t.Fatalf("the app would refuse code %q: length %d, foreign %q", code, n, string(foreign))
		}
		if hash != s.HashCode(code) || len(hash) != 64 {
			t.Fatalf("hash of %q: %q, want HashCode's", code, hash)
		}
		if seen[code] {
			t.Fatalf("code %q twice", code)
		}
		seen[code] = true
	}
	for _, c := range "0O1I" {
		if strings.ContainsRune(codeAlphabet, c) {
			t.Errorf("alphabet has the ambiguous %q", c)
		}
	}
}

// fullWidth writes the ASCII letters, digits and hyphens of s in their
// full-width forms, as a Japanese IME types them.
func fullWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r > ' ' && r < 0x7f {
			return r + 0xFEE0
		}
		return r
	}, s)
}

func TestNormalizeCode(t *testing.T) {
	for _, in := range []string{
		"K7QX-M2PA-WD9R",
		"k7qx-m2pa-wd9r",
		" K7QX M2PA WD9R\n",
		"K7QXM2PAWD9R",
		fullWidth("k7qx-m2pa-wd9r"),
		"Ｋ７ＱＸ　Ｍ２ＰＡーＷＤ９Ｒ", // ideographic space, long vowel mark
		"K7QX–M2PA—WD9R", // en and em dashes
	} {
		if got := NormalizeCode(in); got != "K7QXM2PAWD9R" {
			t.Errorf("NormalizeCode(%q) = %q", in, got)
		}
	}
}

func TestRedeem(t *testing.T) {
	e := newEnv(t)
	redeem := func(code string) (int, []byte) {
		return e.call(http.MethodPost, wire.PathRedeem, "", wire.RedeemRequest{Code: code, DeviceName: "PC"})
	}

	code := e.invite(demo.DemoUser)
	status, body := redeem(code)
	if status != http.StatusOK {
		t.Fatalf("redeem: %d %s", status, body)
	}
	var r wire.RedeemResponse
	decode(t, body, &r)
	me := e.ds.Participants[0]
	if r.ParticipantID != demo.DemoUser || r.CompanyID != me.CompanyID || r.Role != app.RoleParticipant ||
		r.DeviceID == "" || len(r.Token) < 43 {
		t.Fatalf("redeem answered %+v", r)
	}
	if status, body := e.call(http.MethodPost, wire.PathPull, r.Token, wire.PullRequest{}); status != http.StatusOK {
		t.Fatalf("pull with the new token: %d %s", status, body)
	}

	t.Run("reused", func(t *testing.T) {
		status, body := redeem(code)
		wantError(t, status, body, http.StatusBadRequest, wire.ErrInviteCode)
	})
	t.Run("unknown", func(t *testing.T) {
		c, _ := e.srv.NewInviteCode()
		status, body := redeem(c)
		wantError(t, status, body, http.StatusBadRequest, wire.ErrInviteCode)
		status, body = redeem(" - ")
		wantError(t, status, body, http.StatusBadRequest, wire.ErrInviteCode)
	})
	t.Run("expired", func(t *testing.T) {
		c, err := e.srv.Invite(context.Background(), demo.DemoUser, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		e.clock.Add(2 * time.Hour)
		defer e.clock.Add(-2 * time.Hour)
		status, body := redeem(c)
		wantError(t, status, body, http.StatusBadRequest, wire.ErrInviteCode)
	})
	t.Run("normalised", func(t *testing.T) {
		for _, form := range []func(string) string{
			strings.ToLower,
			func(c string) string { return " " + strings.ReplaceAll(c, "-", " ") + " " },
			fullWidth,
			func(c string) string { return fullWidth(strings.ToLower(strings.ReplaceAll(c, "-", "ー"))) },
		} {
			c := e.invite(demo.DemoUser)
			status, body := redeem(form(c))
			if status != http.StatusOK {
				t.Fatalf("redeem %q (from %q): %d %s", form(c), c, status, body)
			}
		}
	})
	t.Run("unknown participant", func(t *testing.T) {
		if _, err := e.srv.Invite(context.Background(), "no-such-person", time.Hour); err == nil {
			t.Fatal("invited a participant who does not exist")
		}
	})
}

func TestAuth(t *testing.T) {
	e := newEnv(t)
	dev := e.login(pid("x1"))
	if status, body := e.call(http.MethodPost, wire.PathPull, dev.Token, wire.PullRequest{}); status != http.StatusOK {
		t.Fatalf("pull with a good token: %d %s", status, body)
	}
	endpoints := []struct {
		method, path string
		body         any
	}{
		{http.MethodPost, wire.PathPush, wire.PushRequest{}},
		{http.MethodPost, wire.PathPull, wire.PullRequest{}},
		{http.MethodGet, wire.PathPoke, nil},
	}
	check := func(t *testing.T, header string) {
		t.Helper()
		for _, ep := range endpoints {
			req, err := http.NewRequest(ep.method, e.ts.URL+ep.path, strings.NewReader(`{}`))
			if err != nil {
				t.Fatal(err)
			}
			if header != "" {
				req.Header.Set("Authorization", header)
			}
			resp, err := e.ts.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var body [512]byte
			n, _ := resp.Body.Read(body[:])
			resp.Body.Close()
			wantError(t, resp.StatusCode, body[:n], http.StatusUnauthorized, wire.ErrUnauthorized)
		}
	}
	t.Run("no token", func(t *testing.T) { check(t, "") })
	t.Run("wrong token", func(t *testing.T) {
		token, _ := newToken()
		check(t, "Bearer "+token)
	})
	t.Run("not bearer", func(t *testing.T) { check(t, "Basic "+dev.Token) })
	t.Run("bare token", func(t *testing.T) { check(t, dev.Token) })
	t.Run("overlong", func(t *testing.T) { check(t, "Bearer "+strings.Repeat("a", 4000)) })
	t.Run("revoked", func(t *testing.T) {
		if err := e.st.RevokeDevice(context.Background(), dev.DeviceID, e.clock.Now()); err != nil {
			t.Fatal(err)
		}
		check(t, "Bearer "+dev.Token)
	})
}

// A device's name, which HR sees in the invitations, loses the control
// and invisible characters the client put in it: a direction override
// cannot make it pass for another.
func TestDeviceNameDropsInvisibleCharacters(t *testing.T) {
	for in, want := range map[string]string{
		"山田のPC":                  "山田のPC",
		"PC\u202Eexe.txt":        "PCexe.txt",
		"\u2067iPhone\u2069\x07": "iPhone",
		"家族👨\u200D👩\u200D👧の端末":   "家族👨\u200D👩\u200D👧の端末",
	} {
		if got := deviceName(in); got != want {
			t.Errorf("deviceName(%+q) = %+q, want %+q", in, got, want)
		}
	}
}
