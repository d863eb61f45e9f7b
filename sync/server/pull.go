package server

import (
	"fmt"
	"log/slog"
	"net/http"

	"crosstalk/data"
	"crosstalk/data/serverstore"
	"crosstalk/sync/wire"
)

// pull answers wire.PathPull: one page of each bucket the device may read
// (see buckets), above the cursors it sent for them. Cursors for other
// buckets are ignored.
func (s *Server) pull(w http.ResponseWriter, r *http.Request, dev serverstore.Device) error {
	var req wire.PullRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	if len(req.Cursors) > wire.MaxBuckets {
		return errTooLarge.with(fmt.Errorf("%d cursors, limit %d", len(req.Cursors), wire.MaxBuckets))
	}
	limit := req.Limit
	switch {
	case limit == 0:
		limit = wire.DefaultPullLimit
	case limit < 1:
		limit = 1
	case limit > wire.MaxPullLimit:
		limit = wire.MaxPullLimit
	}
	buckets, err := s.buckets(r.Context(), dev)
	if err != nil {
		return errUnavailable.with(err)
	}
	cursors := make(map[string]data.BucketCursor, len(req.Cursors))
	for _, c := range req.Cursors {
		cursors[c.Bucket] = data.BucketCursor{Epoch: c.Epoch, Version: c.Version}
	}
	res, err := s.store.Pull(r.Context(), dev.ID, buckets, cursors, limit)
	if err != nil {
		return errUnavailable.with(err)
	}
	resp := wire.PullResponse{
		Epoch:          res.Epoch,
		LastMutationID: res.LastMutationID,
		ServerTime:     s.clock(),
		Buckets:        make([]wire.BucketPage, len(res.Pages)),
	}
	rows, resets := 0, 0
	withDevices := asksDevices(r)
	for i, p := range res.Pages {
		if !withDevices {
			p.Rows = withoutDevices(p.Rows)
		}
		resp.Buckets[i] = page(p)
		rows += len(p.Rows) + len(p.Deletes)
		if p.Reset {
			resets++
		}
	}
	s.metrics.pulled(rows, resets)
	note(r.Context(), slog.Int("buckets", len(buckets)), slog.Int("rows", rows))
	writeBody(w, http.StatusOK, appendPull(make([]byte, 0, pullSize(resp)), resp))
	return nil
}

// page converts a store's page to the wire's.
func page(p data.BucketPage) wire.BucketPage {
	wp := wire.BucketPage{Bucket: p.Bucket, Reset: p.Reset, Cursor: p.Cursor, More: p.More}
	if len(p.Rows) > 0 {
		wp.Rows = make([]wire.Row, len(p.Rows))
		for i, c := range p.Rows {
			wp.Rows[i] = wire.Row(c)
		}
	}
	if len(p.Deletes) > 0 {
		wp.Deletes = make([]wire.Delete, len(p.Deletes))
		for i, d := range p.Deletes {
			wp.Deletes[i] = wire.Delete(d)
		}
	}
	return wp
}
