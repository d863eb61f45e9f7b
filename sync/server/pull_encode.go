package server

import (
	"encoding/json"
	"strconv"
	"time"

	"crosstalk/sync/wire"
)

// appendPull appends resp to b as the JSON json.Marshal writes for it,
// without json.Marshal's second pass over every row: a row's data is JSON
// that SQLite wrote (data.readPage), compact and valid by construction,
// and is copied as it is. The bytes are json.Marshal's but for that: in a
// row's data, SQLite leaves <, >, & and U+2028/9 as they are, where
// json.Marshal would write \u003c and so on; both are the same JSON. On
// a first sync the rows are nearly all of the answer, and that pass was
// a quarter of the server's time.
func appendPull(b []byte, resp wire.PullResponse) []byte {
	b = append(b, `{"epoch":`...)
	b = appendString(b, resp.Epoch)
	b = append(b, `,"lastMutationId":`...)
	b = strconv.AppendInt(b, resp.LastMutationID, 10)
	b = append(b, `,"serverTime":`...)
	b = appendTime(b, resp.ServerTime)
	b = append(b, `,"buckets":`...)
	if resp.Buckets == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, p := range resp.Buckets {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendPage(b, p)
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

// pullSize is about the length of appendPull's JSON of resp (a little
// more, as a rule): the answer's buffer is made that large at once rather
// than grown, which on a first sync's page of 5,000 rows (1.9 MB) made
// about three times its size in garbage.
func pullSize(resp wire.PullResponse) int {
	n := 128 + len(resp.Epoch)
	for _, p := range resp.Buckets {
		n += 64 + len(p.Bucket) + 64*len(p.Deletes)
		for _, r := range p.Rows {
			n += 28 + len(r.Table) + len(r.Data) // {"t":"…","v":…,"d":…}, with a version of ten digits
		}
	}
	return n
}

func appendPage(b []byte, p wire.BucketPage) []byte {
	b = append(b, `{"bucket":`...)
	b = appendString(b, p.Bucket)
	if p.Reset {
		b = append(b, `,"reset":true`...)
	}
	b = append(b, `,"cursor":`...)
	b = strconv.AppendInt(b, p.Cursor, 10)
	if p.More {
		b = append(b, `,"more":true`...)
	}
	if len(p.Rows) > 0 {
		b = append(b, `,"rows":[`...)
		for i, r := range p.Rows {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"t":`...)
			b = appendString(b, r.Table)
			b = append(b, `,"v":`...)
			b = strconv.AppendInt(b, r.Version, 10)
			b = append(b, `,"d":`...)
			if len(r.Data) == 0 {
				b = append(b, "null"...)
			} else {
				b = append(b, r.Data...)
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if len(p.Deletes) > 0 {
		b = append(b, `,"deletes":`...)
		b = appendMarshal(b, p.Deletes)
	}
	return append(b, '}')
}

// appendString appends s as a JSON string: as it is when it has nothing
// to escape (table and bucket names), else as json.Marshal writes it.
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return appendMarshal(b, s)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

func appendTime(b []byte, t time.Time) []byte { return appendMarshal(b, t) }

// appendMarshal appends json.Marshal's v. Only strings, times and the
// wire's deletions come here, and they always encode.
func appendMarshal(b []byte, v any) []byte {
	j, err := json.Marshal(v)
	if err != nil {
		panic("encode: " + err.Error())
	}
	return append(b, j...)
}
