package admin

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"crosstalk/app"
	"crosstalk/app/roster"
	"crosstalk/ui/internal/testapp"
	"crosstalk/ui/internal/uitest"
	"crosstalk/ui/widgets"
)

// fakeAdmin is the server side of the administration views in the tests:
// a small consortium held in memory, recording what the views asked.
type fakeAdmin struct {
	uitest.Drafts
	mu  sync.Mutex
	me  app.Actor
	now time.Time
	err error // when set, every server call fails with it

	companies   []app.Company
	cohorts     []app.Cohort
	invitations []app.Invitation
	dashboard   app.Dashboard
	activity    []app.Activity
	preview     roster.Preview // what ReadRoster answers
	previewErr  error
	readWith    []app.Cohort // the programmes ReadRoster was given last
	readBytes   string       // the file ReadRoster was given last

	imported   []app.RosterEntry // the entries of the last import
	importedTo string
	ownKept    int // addresses the import answers it kept (ImportResult.OwnEmailKept)
	invited    []string
	invitedTTL time.Duration
	inviteErr  error    // when set, Invite fails with it
	revoked    []string // participants and devices revoked
	scopes     []app.Scope
	saved      []any
	states     map[string]app.CohortState
	members    map[string][]string
	surveys    []surveySet        // the programme survey settings sent, in order
	intros     []app.Introduction // the introductions made, in order
}

// surveySet is one SetProgrammeSurvey call.
type surveySet struct {
	CohortID          string
	OpensOn, ClosesOn *time.Time
	Reference         *app.ProgrammeFigures
}

var _ Services = (*fakeAdmin)(nil)

// testNow is the clock of the administration tests: Wednesday 25
// November 2026, 10:00 in Tokyo.
var testNow = time.Date(2026, 11, 25, 10, 0, 0, 0, app.Tokyo)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, app.Tokyo) }

func tp(t time.Time) *time.Time { return &t }

// newFakeAdmin is the consortium as HR of さくら商事 sees it.
func newFakeAdmin(role app.Role) *fakeAdmin {
	f := &fakeAdmin{
		me:  app.Actor{ParticipantID: "hr-1", CompanyID: "c-sakura", Role: role},
		now: testNow,
		companies: []app.Company{
			{ID: "c-sakura", Name: "株式会社さくら商事", Industry: "商社"},
			{ID: "c-aozora", Name: "あおぞら電機株式会社", Industry: "製造"},
		},
		cohorts: []app.Cohort{
			{ID: "k-2026a", Name: "2026年度 第1期", StartsOn: day(2026, 10, 1), EndsOn: day(2027, 3, 31), State: app.CohortOpen, Rules: app.DefaultRules},
			{ID: "k-2027a", Name: "2027年度 第1期", StartsOn: day(2027, 4, 1), EndsOn: day(2027, 9, 30), State: app.CohortDraft, Rules: app.DefaultRules},
		},
		states:  map[string]app.CohortState{},
		members: map[string][]string{},
	}
	f.invitations = []app.Invitation{
		{ParticipantID: "p-1", EmployeeNo: "S0001", Name: "山田 太郎", Kana: "やまだ たろう", CompanyID: "c-sakura",
			CreatedAt: tp(day(2026, 10, 1)), ExpiresAt: tp(day(2026, 10, 15)), JoinedAt: tp(day(2026, 10, 3)),
			Devices: []app.DeviceInfo{{ID: "d-1", Name: "山田のノートPC", CreatedAt: day(2026, 10, 3)}}},
		{ParticipantID: "p-2", EmployeeNo: "S0002", Name: "佐藤 花子", Kana: "さとう はなこ", CompanyID: "c-sakura",
			CreatedAt: tp(day(2026, 11, 20)), ExpiresAt: tp(day(2026, 12, 4))},
		{ParticipantID: "p-3", EmployeeNo: "S0003", Name: "鈴木 一郎", Kana: "すずき いちろう", CompanyID: "c-sakura"},
	}
	f.dashboard = app.Dashboard{
		Scope: app.Scope{CohortID: "k-2026a", CompanyID: "c-sakura"}, Participants: 12, Joined: 9, Active: 11,
		OffersSent: 20, OffersAnswered: 16, OffersAccepted: 12, AcceptanceRate: 0.75, MedianAnswer: 30 * time.Hour,
		TalksHeld: 8, TalksCancelled: 2, TalksNoShow: 1,
		Survey: app.SurveyFigures{Shown: true, Answers: 10, Satisfaction: 5.9, Recommend: 8.1, NPS: 28.6,
			SatisfactionBar: [7]int{0, 0, 1, 0, 2, 3, 1}, RecommendBar: [11]int{0, 0, 0, 0, 0, 1, 1, 1, 2, 1, 1}},
		Weeks: []app.WeekFigures{
			{Start: day(2026, 11, 1), OffersSent: 6, OffersAccepted: 3, TalksHeld: 1},
			{Start: day(2026, 11, 8), OffersSent: 8, OffersAccepted: 5, TalksHeld: 3},
			{Start: day(2026, 11, 15), OffersSent: 4, OffersAccepted: 3, TalksHeld: 3},
			{Start: day(2026, 11, 22), OffersSent: 2, OffersAccepted: 1, TalksHeld: 1},
		},
		NoOffersReceived: []app.PersonRef{{ParticipantID: "p-3", EmployeeNo: "S0003", Name: "鈴木 一郎", CompanyID: "c-sakura"}},
		NoOffersSent:     []app.PersonRef{{ParticipantID: "p-2", EmployeeNo: "S0002", Name: "佐藤 花子", CompanyID: "c-sakura"}},
	}
	f.activity = []app.Activity{
		{PersonRef: app.PersonRef{ParticipantID: "p-1", EmployeeNo: "S0001", Name: "山田 太郎", CompanyID: "c-sakura"}, Joined: true, OffersSent: 3, OffersReceived: 2, OffersAccepted: 2, TalksHeld: 2},
		{PersonRef: app.PersonRef{ParticipantID: "p-2", EmployeeNo: "S0002", Name: "佐藤 花子", CompanyID: "c-sakura"}, Joined: false},
	}
	return f
}

func (f *fakeAdmin) Me() app.Actor  { return f.me }
func (f *fakeAdmin) Now() time.Time { return f.now }

func (f *fakeAdmin) fail() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.err
}

func (f *fakeAdmin) ReadRoster(name string, b []byte, cohorts []app.Cohort) (roster.Preview, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.readWith, f.readBytes = cohorts, string(b)
	return f.preview, f.previewErr
}

func (f *fakeAdmin) Companies(ctx context.Context) ([]app.Company, error) {
	if err := f.fail(); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.companies), nil
}

func (f *fakeAdmin) SaveCompany(ctx context.Context, c app.Company) (app.Company, error) {
	if err := f.fail(); err != nil {
		return c, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.saved = append(f.saved, c)
	if c.ID == "" {
		c.ID = fmt.Sprintf("c-%d", len(f.companies)+1)
		f.companies = append(f.companies, c)
		return c, nil
	}
	for i := range f.companies {
		if f.companies[i].ID == c.ID {
			f.companies[i] = c
		}
	}
	return c, nil
}

func (f *fakeAdmin) Cohorts(ctx context.Context) ([]app.Cohort, error) {
	if err := f.fail(); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.cohorts), nil
}

func (f *fakeAdmin) SaveCohort(ctx context.Context, c app.Cohort) (app.Cohort, error) {
	if err := f.fail(); err != nil {
		return c, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.saved = append(f.saved, c)
	if c.ID == "" {
		c.ID = fmt.Sprintf("k-%d", len(f.cohorts)+1)
		c.State = app.CohortDraft
		f.cohorts = append(f.cohorts, c)
		return c, nil
	}
	for i := range f.cohorts {
		if f.cohorts[i].ID == c.ID {
			f.cohorts[i] = c
		}
	}
	return c, nil
}

func (f *fakeAdmin) SetCohortState(ctx context.Context, id string, st app.CohortState) error {
	if err := f.fail(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.states[id] = st
	for i := range f.cohorts {
		if f.cohorts[i].ID == id {
			f.cohorts[i].State = st
		}
	}
	return nil
}

func (f *fakeAdmin) SetMembers(ctx context.Context, id string, ids []string, in bool) error {
	if err := f.fail(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if in {
		f.members[id] = append(f.members[id], ids...)
	} else {
		f.members[id] = slices.DeleteFunc(f.members[id], func(s string) bool { return slices.Contains(ids, s) })
	}
	return nil
}

func (f *fakeAdmin) Import(ctx context.Context, company string, entries []app.RosterEntry) (app.ImportResult, error) {
	if err := f.fail(); err != nil {
		return app.ImportResult{}, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.imported, f.importedTo = slices.Clone(entries), company
	return app.ImportResult{Added: len(entries) - 1, Updated: 1, OwnEmailKept: f.ownKept}, nil
}

func (f *fakeAdmin) Invitations(ctx context.Context, company string) ([]app.Invitation, error) {
	if err := f.fail(); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []app.Invitation
	for _, inv := range f.invitations {
		if inv.CompanyID == company {
			inv.Code = ""
			out = append(out, inv)
		}
	}
	return out, nil
}

func (f *fakeAdmin) Invite(ctx context.Context, ids []string, ttl time.Duration) ([]app.Invitation, error) {
	if err := f.fail(); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.inviteErr != nil {
		return nil, f.inviteErr
	}
	f.invited, f.invitedTTL = slices.Clone(ids), ttl
	var out []app.Invitation
	for i := range f.invitations {
		inv := &f.invitations[i]
		if slices.Contains(ids, inv.ParticipantID) {
			inv.CreatedAt, inv.ExpiresAt = tp(f.now), tp(f.now.Add(ttl))
			c := *inv
			c.Code = fmt.Sprintf("CODE-%s-%04d", inv.EmployeeNo, i+1)
			out = append(out, c)
		}
	}
	return out, nil
}

func (f *fakeAdmin) RevokeInvite(ctx context.Context, id string) error {
	if err := f.fail(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.revoked = append(f.revoked, "invite:"+id)
	for i := range f.invitations {
		if f.invitations[i].ParticipantID == id {
			f.invitations[i].ExpiresAt = tp(f.now)
		}
	}
	return nil
}

func (f *fakeAdmin) RevokeDevice(ctx context.Context, id string) error {
	if err := f.fail(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.revoked = append(f.revoked, "device:"+id)
	for i := range f.invitations {
		for j := range f.invitations[i].Devices {
			if f.invitations[i].Devices[j].ID == id {
				f.invitations[i].Devices[j].RevokedAt = tp(f.now)
			}
		}
	}
	return nil
}

func (f *fakeAdmin) Dashboard(ctx context.Context, s app.Scope) (app.Dashboard, error) {
	if err := f.fail(); err != nil {
		return app.Dashboard{}, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.scopes = append(f.scopes, s)
	d := f.dashboard
	d.Scope = s
	return d, nil
}

func (f *fakeAdmin) Activity(ctx context.Context, s app.Scope) ([]app.Activity, error) {
	if err := f.fail(); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.activity), nil
}

func (f *fakeAdmin) SetProgrammeSurvey(ctx context.Context, id string, opensOn, closesOn *time.Time, ref *app.ProgrammeFigures) (app.Cohort, error) {
	if err := f.fail(); err != nil {
		return app.Cohort{}, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.surveys = append(f.surveys, surveySet{CohortID: id, OpensOn: opensOn, ClosesOn: closesOn, Reference: ref})
	for i := range f.cohorts {
		if f.cohorts[i].ID == id {
			f.cohorts[i].SurveyOpensOn, f.cohorts[i].SurveyClosesOn, f.cohorts[i].Reference = opensOn, closesOn, ref
			return f.cohorts[i], nil
		}
	}
	return app.Cohort{}, app.Reject(app.CodeNotFound, "no cohort %s", id)
}

func (f *fakeAdmin) Introduce(ctx context.Context, cohortID, aID, bID, note string) (app.Introduction, error) {
	if err := f.fail(); err != nil {
		return app.Introduction{}, err
	}
	if f.me.Role != app.RoleSecretariat {
		return app.Introduction{}, app.Reject(app.CodeNotAllowed, "introduce")
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, x := range f.intros { // as the server: one introduction a pair
		if x.CohortID == cohortID && (x.AID == aID && x.BID == bID || x.AID == bID && x.BID == aID) {
			return app.Introduction{}, app.Reject(app.CodeDuplicateID, "introduced already")
		}
	}
	in := app.Introduction{ID: fmt.Sprintf("intro-%d", len(f.intros)+1), CohortID: cohortID, AID: aID, BID: bID,
		Note: note, CreatedAt: f.now}
	f.intros = append(f.intros, in)
	return in, nil
}

func (f *fakeAdmin) Introductions(ctx context.Context, cohortID string) ([]app.Introduction, error) {
	if err := f.fail(); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []app.Introduction
	for i := len(f.intros) - 1; i >= 0; i-- {
		if f.intros[i].CohortID == cohortID {
			out = append(out, f.intros[i])
		}
	}
	return out, nil
}

// queue runs the UI goroutine's queue of the administration tests:
// as in the directory's tests, the test goroutine is the UI goroutine and
// fyne.Do queues work for it, so that the race detector checks the
// views' own code.
var queue *uitest.Queue

// settle waits for the background work and runs what it queued for
// the UI goroutine, until nothing is left.
func settle() { queue.Settle() }

// testWindow is a headless Japanese window showing content.
func testWindow(t *testing.T, content func(w fyne.Window) fyne.CanvasObject) fyne.Window {
	t.Helper()
	testapp.Japanese(t)
	queue = uitest.QueueApp(t, testapp.New(t))
	w := test.NewTempWindow(t, nil)
	w.SetContent(content(w))
	w.Resize(fyne.NewSize(1000, 800))
	return w
}

// tapButton taps the visible, enabled button labelled text in o.
func tapButton(t *testing.T, o fyne.CanvasObject, text string) {
	t.Helper()
	b := uitest.ShownButton(o, text)
	if b == nil {
		t.Fatalf("no button %q in %q", text, uitest.ShownTexts(o))
	}
	if b.Disabled() {
		t.Fatalf("button %q is disabled", text)
	}
	test.Tap(b)
	settle()
}

// topOverlay is the dialog shown last in w.
func topOverlay(t *testing.T, w fyne.Window) fyne.CanvasObject {
	t.Helper()
	o := w.Canvas().Overlays().Top()
	if o == nil {
		t.Fatal("no dialog is shown")
	}
	return o
}

// paragraphTexts lists the texts of the paragraphs in o, in order.
func paragraphTexts(o fyne.CanvasObject) []string {
	var out []string
	uitest.ShownWalk(o, func(x fyne.CanvasObject) {
		if p, ok := x.(*widgets.Paragraph); ok && p.Text != "" {
			out = append(out, p.Text)
		}
	})
	return out
}
