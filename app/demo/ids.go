package demo

import (
	"crypto/sha1"
	"strconv"

	"github.com/google/uuid"
)

// space is the UUID namespace every generated id is made in.
var space = uuid.NewSHA1(uuid.NameSpaceURL, []byte("https://crosstalk.example.jp/demo"))

// newID returns the id of row i of kind, such as "demo/offer": the
// name-based (SHA-1, version 5) UUID of "kind/i" in space, so the same row
// always gets the same id. It is uuid.NewSHA1 without its allocations,
// which matter when Scale makes tens of thousands of ids.
func newID(kind string, i int) string {
	var buf [96]byte
	b := append(buf[:0], space[:]...)
	b = append(b, kind...)
	b = append(b, '/')
	b = strconv.AppendInt(b, int64(i), 10)
	sum := sha1.Sum(b)
	var u uuid.UUID
	copy(u[:], sum[:])
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	return u.String()
}
