package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/google/uuid"

	"crosstalk/app"
	"crosstalk/app/demo"
	"crosstalk/data/serverstore"
	"crosstalk/sync/wire"
)

// demoInviteTTL is how long the demo's invite codes stay valid.
const demoInviteTTL = 30 * 24 * time.Hour

// DemoInvites are the invite codes SeedDemo makes: Code signs in as
// demo.DemoUser; OtherCode as OtherID, a participant of another company
// whose offer waits for DemoUser's answer, so that two copies of the app
// can play both sides; HRCode as HRID, the HR contact of DemoUser's
// company, and SecretariatCode as SecretariatID, the secretariat, to show
// the administration's views.
type DemoInvites struct {
	Code            string
	OtherCode       string
	OtherID         string
	HRCode          string
	HRID            string
	SecretariatCode string
	SecretariatID   string
}

// SeedDemo imports the demo consortium as of srv's clock into st, which
// must be the store srv serves, and creates the demo's invite codes.
func SeedDemo(ctx context.Context, st *serverstore.Store, srv *Server) (DemoInvites, error) {
	ds := demo.Demo(srv.clock())
	if err := st.Import(ctx, ds); err != nil {
		return DemoInvites{}, fmt.Errorf("seed demo: %w", err)
	}
	if err := seedDemoDevices(ctx, st, srv, demo.Devices(ds)); err != nil {
		return DemoInvites{}, fmt.Errorf("seed demo: %w", err)
	}
	inv := DemoInvites{OtherID: demoOther(ds)}
	var err error
	if inv.Code, err = srv.Invite(ctx, demo.DemoUser, demoInviteTTL); err != nil {
		return DemoInvites{}, fmt.Errorf("seed demo: %w", err)
	}
	if inv.OtherCode, err = srv.Invite(ctx, inv.OtherID, demoInviteTTL); err != nil {
		return DemoInvites{}, fmt.Errorf("seed demo: %w", err)
	}
	inv.HRID, inv.SecretariatID = demoStaff(ds, app.RoleHR), demoStaff(ds, app.RoleSecretariat)
	for _, c := range []struct {
		id   string
		code *string
	}{{inv.HRID, &inv.HRCode}, {inv.SecretariatID, &inv.SecretariatCode}} {
		if c.id == "" {
			continue
		}
		if *c.code, err = srv.Invite(ctx, c.id, demoInviteTTL); err != nil {
			return DemoInvites{}, fmt.Errorf("seed demo: %w", err)
		}
	}
	return inv, nil
}

// seedDemoDevices signs the demo's devices in, each as a person would:
// an invite code made two days before and redeemed at the device's time.
// Nobody holds their tokens; they make the people joined in the figures
// and show in the invitations tab with their devices.
func seedDemoDevices(ctx context.Context, st *serverstore.Store, srv *Server, devices []demo.Device) error {
	for _, d := range devices {
		_, hash := srv.NewInviteCode()
		made := d.CreatedAt.Add(-2 * 24 * time.Hour)
		if err := st.CreateInvite(ctx, hash, d.ParticipantID, made, made.Add(14*24*time.Hour)); err != nil {
			return err
		}
		_, tokenHash := newToken()
		if _, err := st.Redeem(ctx, hash, uuid.NewString(), tokenHash, d.Name, d.CreatedAt); err != nil {
			return fmt.Errorf("device of %s: %w", d.ParticipantID, err)
		}
	}
	return nil
}

// demoStaff picks the demo's person of a role, of DemoUser's company if
// it has one.
func demoStaff(ds app.Dataset, role app.Role) string {
	var company, any string
	for _, p := range ds.Participants {
		if p.ID == demo.DemoUser {
			company = p.CompanyID
		}
	}
	for _, p := range ds.Participants {
		if p.Role != role {
			continue
		}
		if p.CompanyID == company {
			return p.ID
		}
		if any == "" {
			any = p.ID
		}
	}
	return any
}

// demoOther picks the demo's second participant: the sender of an offer
// that waits for DemoUser, or else any participant of another company.
func demoOther(ds app.Dataset) string {
	for _, o := range ds.Offers {
		if o.State == app.OfferPending && o.ToID == demo.DemoUser && o.Turn == demo.DemoUser {
			return o.FromID
		}
	}
	var company string
	for _, p := range ds.Participants {
		if p.ID == demo.DemoUser {
			company = p.CompanyID
		}
	}
	for _, p := range ds.Participants {
		if p.Role == app.RoleParticipant && p.CompanyID != company {
			return p.ID
		}
	}
	return ""
}

// Demo is a server running in-process on loopback for the desktop app's
// demo mode.
type Demo struct {
	URL             string // such as "http://127.0.0.1:49152"
	Code            string // signs in as demo.DemoUser
	OtherCode       string // signs in as the other side of an offer to DemoUser
	HRCode          string // signs in as the HR contact of DemoUser's company
	SecretariatCode string // signs in as the secretariat

	srv   *Server
	close func() error
	once  sync.Once
	err   error
}

// StartDemo starts a demo server: a fresh database dir/demo-server.db
// with the demo consortium as of clock (time.Now when nil), invite codes
// for demo.DemoUser and for a participant of another company, and the
// server listening on 127.0.0.1 at a free port, with its sweeper. It
// runs until Close, or until ctx ends.
func StartDemo(ctx context.Context, dir string, clock func() time.Time) (*Demo, error) {
	if clock == nil {
		clock = time.Now
	}
	path := filepath.Join(dir, "demo-server.db")
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("start demo: %w", err)
		}
	}
	st, err := serverstore.Open(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("start demo: %w", err)
	}
	// The demo's codes are hashed with a secret of this run only (the
	// default): its database is made afresh at every start, and so are
	// its codes.
	srv := New(st, Options{Clock: clock, Logger: slog.New(minLevel{slog.Default().Handler(), slog.LevelWarn})})
	inv, err := SeedDemo(ctx, st, srv)
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("start demo: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("start demo: %w", err)
	}
	hs := srv.HTTPServer(ln.Addr().String())
	runCtx, stop := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { srv.Run(runCtx) })
	wg.Go(func() {
		if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			srv.log.Error("demo server", "error", err)
		}
	})
	d := &Demo{URL: "http://" + ln.Addr().String(), Code: inv.Code, OtherCode: inv.OtherCode,
		HRCode: inv.HRCode, SecretariatCode: inv.SecretariatCode, srv: srv}
	d.close = func() error {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		errShutdown := hs.Shutdown(sctx)
		stop()
		wg.Wait()
		return errors.Join(errShutdown, st.Close())
	}
	context.AfterFunc(ctx, func() { d.Close() })
	return d, nil
}

// SignInElsewhere signs the person participantID in on another device
// called name, as they would on a second computer, through the server's
// redeem: the demo's way to show the notice of a new device (issue 14)
// on the device signed in before, in the walk through the dialogs.
func (d *Demo) SignInElsewhere(ctx context.Context, participantID, name string) error {
	code, err := d.srv.Invite(ctx, participantID, time.Hour)
	if err != nil {
		return fmt.Errorf("sign in elsewhere: %w", err)
	}
	body, err := json.Marshal(wire.RedeemRequest{Code: code, DeviceName: name})
	if err != nil {
		return fmt.Errorf("sign in elsewhere: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.URL+wire.PathRedeem, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("sign in elsewhere: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("sign in elsewhere: %w", err)
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("sign in elsewhere: the server answered %s", resp.Status)
	}
	return nil
}

// Close stops the demo server, letting requests in flight finish, and
// closes its database. It may be called more than once.
func (d *Demo) Close() error {
	d.once.Do(func() { d.err = d.close() })
	return d.err
}

// minLevel is a slog.Handler that drops records below min.
type minLevel struct {
	slog.Handler
	min slog.Level
}

func (h minLevel) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.min && h.Handler.Enabled(ctx, l)
}

func (h minLevel) WithAttrs(attrs []slog.Attr) slog.Handler {
	return minLevel{h.Handler.WithAttrs(attrs), h.min}
}

func (h minLevel) WithGroup(name string) slog.Handler {
	return minLevel{h.Handler.WithGroup(name), h.min}
}
