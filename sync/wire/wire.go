// Package wire defines the JSON messages of the CrossTalk sync protocol,
// version 1. Every path starts with /v1; a change old clients cannot
// read gets /v2 and the old paths keep working.
package wire

import (
	"encoding/json"
	"time"

	"crosstalk/app"
)

// Paths of protocol version 1.
const (
	PathRedeem  = "/v1/redeem"
	PathPush    = "/v1/push"
	PathPull    = "/v1/pull"
	PathPoke    = "/v1/poke"
	PathHealth  = "/healthz"
	PokeSeq     = "seq"           // the query parameter of PathPoke
	HeaderToken = "Authorization" // "Bearer <token>"
)

// Limits the server enforces and the client respects.
const (
	MaxBodyBytes     = 1 << 20 // a request body
	MaxPushBatch     = 100     // mutations in one push
	DefaultPullLimit = 5000    // rows in one pull page
	MaxPullLimit     = 20000
	MaxBuckets       = 256 // cursors in one pull (the secretariat reads one per cohort)
)

// RedeemRequest exchanges a single-use invite code for a device token.
type RedeemRequest struct {
	Code       string `json:"code"`
	DeviceName string `json:"deviceName,omitempty"`
}

// RedeemResponse carries the device token. Only the client ever holds the
// token itself; the server keeps its hash.
type RedeemResponse struct {
	Token         string   `json:"token"`
	DeviceID      string   `json:"deviceId"`
	ParticipantID string   `json:"participantId"`
	CompanyID     string   `json:"companyId"`
	Role          app.Role `json:"role"`
}

// Mutation is one entry of a device's outbox. IDs count 1, 2, 3… per
// device, without gaps, and are at most MaxMutationID.
type Mutation struct {
	ID         int64           `json:"id"`
	Name       string          `json:"name"`
	Args       json.RawMessage `json:"args"`
	ClientTime time.Time       `json:"clientTime"`
}

// MaxMutationID is the highest mutation ID a device may use.
const MaxMutationID = app.MaxMutationID

// PushRequest carries mutations with consecutive IDs (k, k+1, …), and k
// must be the device's lastMutationID+1: any other push is answered 409
// with a PushConflict, and nothing of it runs.
type PushRequest struct {
	Mutations []Mutation `json:"mutations"`
}

// MutationResult says what became of one mutation: applied (Code empty)
// or rejected with a code. A rejected mutation is processed all the same:
// its ID is consumed.
type MutationResult struct {
	ID   int64    `json:"id"`
	Code app.Code `json:"code,omitempty"`
}

// PushResponse answers a push: the results of the mutations it processed
// or had processed before, and the device's last processed mutation ID.
// Results are for a prefix of the push's mutations, in order: the client
// pushes the rest again.
type PushResponse struct {
	LastMutationID int64            `json:"lastMutationId"`
	Results        []MutationResult `json:"results"`
}

// PushConflict is the body of a 409 answer (code ErrOutOfOrder) to a push
// whose IDs do not start at the device's lastMutationID+1 or are not
// consecutive. Nothing of that push ran. ExpectedID is the ID the
// device's next push must start at.
//
// The pushed mutations below ExpectedID are ones the server has already
// processed under their IDs. Each is listed in one of:
//   - Processed: with the same name and arguments; its stored result
//     stands (the mutation is done, and must not be sent again);
//   - Reused: with another name or other arguments (a device whose
//     counter went back, as after restoring its file from an older
//     copy): the mutation sent never ran;
//   - Forgotten: its stored result has been pruned (see the server's
//     ResultRetention), so the server cannot tell which of the two; it
//     processed every forgotten id before ForgottenBefore (its clock), so
//     a mutation made after that time is not the one it processed.
type PushConflict struct {
	Error
	ExpectedID      int64            `json:"expectedId"`
	Processed       []MutationResult `json:"processed,omitempty"`
	Reused          []int64          `json:"reused,omitempty"`
	Forgotten       []int64          `json:"forgotten,omitempty"`
	ForgottenBefore time.Time        `json:"forgottenBefore,omitzero"`
}

// Cursor is how far a client has pulled one bucket. Epoch names the
// server's history: a cursor of another epoch is reset.
type Cursor struct {
	Bucket  string `json:"bucket"`
	Epoch   string `json:"epoch,omitempty"`
	Version int64  `json:"version"`
}

// PullRequest asks for the rows above each cursor. Buckets the device may
// read but has no cursor for are pulled from the start.
type PullRequest struct {
	Cursors []Cursor `json:"cursors"`
	Limit   int      `json:"limit,omitempty"`
}

// PullResponse answers a pull with one page per bucket the device may
// read. LastMutationID is the device's, read in the same snapshot as the
// rows.
type PullResponse struct {
	Epoch          string       `json:"epoch"`
	LastMutationID int64        `json:"lastMutationId"`
	ServerTime     time.Time    `json:"serverTime"`
	Buckets        []BucketPage `json:"buckets"`
}

// Done reports whether no bucket has more rows to pull.
func (r PullResponse) Done() bool {
	for _, b := range r.Buckets {
		if b.More {
			return false
		}
	}
	return true
}

// BucketPage is the rows of one bucket with versions in (from, Cursor].
// A page never splits the rows of one server transaction. Reset tells the
// client that its cursor was unusable (tombstones pruned, another epoch,
// a server restored from a backup): it must drop its synced rows and pull
// again from the start.
type BucketPage struct {
	Bucket  string   `json:"bucket"`
	Reset   bool     `json:"reset,omitempty"`
	Cursor  int64    `json:"cursor"`
	More    bool     `json:"more,omitempty"`
	Rows    []Row    `json:"rows,omitempty"`
	Deletes []Delete `json:"deletes,omitempty"`
}

// Row is one row of a table, as the JSON of its app type: companies
// (app.Company), cohorts (app.Cohort), participants (app.Participant),
// cohort_members (app.Membership), offers (app.Offer), talks (app.Talk),
// surveys (app.Survey), bookmarks (app.Bookmark), messages (app.Message),
// message_reads (app.MessageReadMark), and, for a pull that asks for them
// (WithDevices), devices (app.DeviceInfo).
type Row struct {
	Table   string          `json:"t"`
	Version int64           `json:"v"`
	Data    json.RawMessage `json:"d"`
}

// Delete is a tombstone: the row of Table keyed Key is gone. Keys of
// two-part rows are "a/b" (cohort_members: cohort/participant;
// bookmarks: owner/target).
type Delete struct {
	Table   string `json:"t"`
	Key     string `json:"k"`
	Version int64  `json:"v"`
}

// Poke answers GET /v1/poke?seq=N, a long-poll that carries no data. Seq
// is the server's change counter: the client sends the last Seq it was
// given (none at first) and the server answers at once when that is not
// its current one, else when something changes or the wait ends. Poke
// true means "pull now"; false means the wait ended with no change.
type Poke struct {
	Seq  int64 `json:"seq"`
	Poke bool  `json:"poke"`
}

// Error is the body of every non-2xx answer. Code is stable; Message is
// for logs, never shown to users, and never holds SQL or a stack.
type Error struct {
	Code    string `json:"code"`
	Message string `json:"message,omitempty"`
}

// Error codes of non-2xx answers.
const (
	ErrUnauthorized = "unauthorized" // 401: no token, unknown or revoked
	ErrForbidden    = "forbidden"    // 403: the role may not do this
	ErrBadRequest   = "bad_request"  // 400: malformed body
	ErrTooLarge     = "too_large"    // 413: body or batch over the limit
	ErrInviteCode   = "invalid_code" // 400 on redeem: unknown, used or expired
	ErrTooMany      = "too_many"     // 429 on redeem: too many refused codes from this address; Retry-After says when
	ErrUnavailable  = "unavailable"  // 503: try again later
	ErrOutOfOrder   = "out_of_order" // 409 on push: not starting at lastMutationID+1, or not consecutive; the body is a PushConflict
	ErrIDLimit      = "id_limit"     // 400 on push: a mutation ID above MaxMutationID
	ErrNotFound     = "not_found"    // 404
	ErrMethod       = "method"       // 405
	ErrInternal     = "internal"     // 500: a bug; details are in the server's log only
)
