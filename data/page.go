package data

import (
	"encoding/json"
	"fmt"
	"strings"

	"crosstalk/app"
)

// What the server's store reads for a pull (serverstore.Store.Pull) and a
// replica applies (replica.Store.ApplyPull).

// Change is one row of a pulled page: the JSON of its app type. Its
// Version is the row's version within the bucket: a participant who
// joins a cohort arrives with the membership's version.
type Change struct {
	Table   string          `json:"t"`
	Version int64           `json:"v"`
	Data    json.RawMessage `json:"d"`
}

// Deletion is a tombstone: the row of Table keyed Key is gone.
type Deletion struct {
	Table   string `json:"t"`
	Key     string `json:"k"`
	Version int64  `json:"v"`
}

// BucketPage is the rows of one bucket with versions above the cursor the
// client sent and at most Cursor. Reset means the client's cursor was
// unusable and the page starts from the beginning.
type BucketPage struct {
	Bucket  string     `json:"bucket"`
	Reset   bool       `json:"reset,omitempty"`
	Cursor  int64      `json:"cursor"`
	More    bool       `json:"more,omitempty"`
	Rows    []Change   `json:"rows,omitempty"`
	Deletes []Deletion `json:"deletes,omitempty"`

	// Decoded is Rows decoded, when replica.Decode has decoded them
	// ahead of applying the page; never on the wire.
	Decoded *app.Dataset `json:"-"`
}

// BucketCursor is how far a client has read one bucket, in which epoch.
type BucketCursor struct {
	Epoch   string
	Version int64
}

// PullResult is a pull's answer, read in one snapshot: the pages and the
// device's last processed mutation.
type PullResult struct {
	Epoch          string
	LastMutationID int64
	Pages          []BucketPage
}

// Bucket kinds. A bucket is named "<kind>:<id>".
const (
	BucketUser    = "user"    // a participant's own offers, talks, surveys, bookmarks, profile and devices, and the people of those offers and talks
	BucketCohort  = "cohort"  // a cohort, its members' profiles and companies
	BucketCompany = "company" // a company's participants and their memberships, for HR
)

// ParseBucket splits "kind:id" and checks the kind.
func ParseBucket(b string) (kind, id string, err error) {
	kind, id, ok := strings.Cut(b, ":")
	if !ok || (kind != BucketUser && kind != BucketCohort && kind != BucketCompany) || id == "" {
		return "", "", fmt.Errorf("bucket %q: want user:, cohort: or company: and an id", b)
	}
	return kind, id, nil
}
