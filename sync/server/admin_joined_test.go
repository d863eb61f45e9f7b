package server

import (
	"net/http"
	"strings"
	"testing"

	"crosstalk/app"
	"crosstalk/sync/wire"
)

// The attack of issue 14 (privacy, item 1): HR asks for a fresh code for
// an employee who already uses the app, redeems it itself and pulls the
// person's survey answers and comments, and their offers with the
// messages of other companies' people, while the person's own device is
// told nothing. HR is refused a code for anyone who has ever joined
// (redeemed a code, even on a device stopped since), with
// CodeAlreadyJoined: such a code is the secretariat's to make. Nothing of
// a refused batch is made, not even the codes of its people who have not
// joined.
func TestHRCannotSignInAsJoinedEmployee(t *testing.T) {
	e := newAdminEnv(t)
	hr := e.login(apid("hp")).Token
	e.login(apid("p1")) // p1 uses the app: answered surveys, with a comment, and talks with Q's people
	stopped := e.login(apid("p2"))
	var rv wire.RevokedResponse
	e.admin(hr, wire.PathAdminRevokeDevice, wire.RevokeDeviceRequest{DeviceID: stopped.DeviceID}, &rv)

	invite := func(token string, ids ...string) (int, []byte) {
		return e.call(http.MethodPost, wire.PathAdminInvite, token, wire.InviteRequest{ParticipantIDs: ids, TTLSeconds: 86400})
	}
	for _, who := range []string{"p1", "p2"} {
		status, body := invite(hr, apid(who))
		if status == http.StatusOK {
			// The attack goes through: show what HR would read.
			var r wire.InvitationsResponse
			decode(t, body, &r)
			st, b := e.call(http.MethodPost, wire.PathRedeem, "", wire.RedeemRequest{Code: r.Invitations[0].Code, DeviceName: "人事のPC"})
			if st == http.StatusOK {
				var dev wire.RedeemResponse
				decode(t, b, &dev)
				got := e.pullAll(dev.Token)
				t.Errorf("HR signed in as %s and pulled %d surveys and %d offers", who, len(got.rows["surveys"]), len(got.rows["offers"]))
			}
		}
		wantRejected(t, status, body, app.CodeAlreadyJoined)
	}
	// A batch with one person who has joined makes no code at all.
	status, body := invite(hr, apid("p3"), apid("p1"))
	wantRejected(t, status, body, app.CodeAlreadyJoined)
	var list wire.InvitationsResponse
	e.admin(hr, wire.PathAdminInvitations, wire.InvitationsRequest{CompanyID: adminCompany("P")}, &list)
	for _, inv := range list.Invitations {
		if inv.ParticipantID == apid("p3") && inv.CreatedAt != nil {
			t.Fatal("a refused batch made p3 a code")
		}
	}
	if logs := e.logs.String(); !strings.Contains(logs, string(app.CodeAlreadyJoined)) {
		t.Errorf("the refusal is not logged with its code")
	}

	// HR may still invite someone who has not joined.
	var r wire.InvitationsResponse
	e.admin(hr, wire.PathAdminInvite, wire.InviteRequest{ParticipantIDs: []string{apid("p3")}, TTLSeconds: 86400}, &r)
	if len(r.Invitations) != 1 || r.Invitations[0].Code == "" {
		t.Fatalf("HR's code for p3: %+v", r)
	}

	// The secretariat may make p1 a new code, and it works, for p1.
	sec := e.login(apid("s")).Token
	e.admin(sec, wire.PathAdminInvite, wire.InviteRequest{ParticipantIDs: []string{apid("p1"), apid("p2")}, TTLSeconds: 86400}, &r)
	if len(r.Invitations) != 2 || r.Invitations[0].Code == "" {
		t.Fatalf("the secretariat's codes: %+v", r)
	}
	st, b := e.call(http.MethodPost, wire.PathRedeem, "", wire.RedeemRequest{Code: r.Invitations[0].Code, DeviceName: "新しいPC"})
	if st != http.StatusOK {
		t.Fatalf("redeem the secretariat's code: %d %s", st, b)
	}
	var dev wire.RedeemResponse
	decode(t, b, &dev)
	if dev.ParticipantID != r.Invitations[0].ParticipantID {
		t.Fatalf("the code signed in %s, made for %s", dev.ParticipantID, r.Invitations[0].ParticipantID)
	}
}
