package app

import (
	"strings"
	"testing"
	"time"
)

// Participation counts participants alone: HR and secretariat accounts
// are staff, whatever they did; joined and active count among the
// participants only.
func TestParticipation(t *testing.T) {
	var p Participation
	p.Add(RoleParticipant, true, true)
	p.Add(RoleParticipant, true, false)
	p.Add(RoleParticipant, false, true) // offered a talk, not yet signed in
	p.Add(RoleParticipant, false, false)
	p.Add(RoleHR, true, false)
	p.Add(RoleSecretariat, true, true)
	p.Add("", true, false) // from a server that sent no roles
	if want := (Participation{Participants: 5, Joined: 3, Active: 2, Staff: 2}); p != want {
		t.Errorf("%+v, want %+v", p, want)
	}
	for r, want := range map[Role]bool{RoleParticipant: true, RoleHR: false, RoleSecretariat: false, "": true} {
		if got := CountsAsParticipant(r); got != want {
			t.Errorf("CountsAsParticipant(%q) = %v", r, got)
		}
	}
}

// The invitations tab's count: joined is having had a device.
func TestInvitationParticipation(t *testing.T) {
	at := time.Date(2026, 11, 1, 9, 0, 0, 0, Tokyo)
	invs := []Invitation{
		{ParticipantID: "a", Role: RoleParticipant, JoinedAt: &at},
		{ParticipantID: "b", Role: RoleParticipant, ExpiresAt: &at},
		{ParticipantID: "c", Role: RoleParticipant},
		{ParticipantID: "h", Role: RoleHR, JoinedAt: &at},
	}
	if got, want := InvitationParticipation(invs), (Participation{Participants: 3, Joined: 1, Staff: 1}); got != want {
		t.Errorf("%+v, want %+v", got, want)
	}
}

func TestValidEmail(t *testing.T) {
	for s, want := range map[string]bool{
		"taro.yamada@example.co.jp": true, "a+b@example.com": true, "x_y@mail.example.jp": true,
		"": false, "taro": false, "taro@": false, "@example.com": false, "taro@localhost": false,
		"taro@@example.com": false, "taro yamada@example.com": false, "山田 <taro@example.com>": false,
		"<taro@example.com>": false, "taro@example.com (会社)": false, "taro@example..com": false,
		"taro@.example.com": false, "taro@example.com.": false, "taro@example.com,hanako@example.com": false,
		"ｔａｒｏ@example.com":                 false, // full width: the roster narrows it first
		strings.Repeat("a", 250) + "@x.jp": false,
		"a@[127.0.0.1]":                    false, "a@127.0.0.1": false, "a%b@x.jp": false, "a!b@x.jp": false, `"a"@x.jp`: false,
		"a@-x.jp": false, "a@x-.jp": false, "a@x_y.jp": false, "a@x.jp-": false, "a@my-company.co.jp": true,
		"a@" + strings.Repeat("x", 64) + ".jp": false, "taro.yamada+ct@sub.example.co.jp": true,
	} {
		if got := ValidEmail(s); got != want {
			t.Errorf("ValidEmail(%q) = %v, want %v", s, got, want)
		}
	}
}
