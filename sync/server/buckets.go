package server

import (
	"context"
	"fmt"

	"crosstalk/app"
	"crosstalk/data"
	"crosstalk/data/serverstore"
)

// buckets lists the buckets a device may read, from its participant's
// role: everyone reads their own user bucket; a participant the cohorts
// they belong to; HR their company; the secretariat every cohort. The
// client has no say in it.
func (s *Server) buckets(ctx context.Context, dev serverstore.Device) ([]string, error) {
	p := dev.Participant
	bs := []string{bucket(data.BucketUser, p.ID)}
	switch p.Role {
	case app.RoleParticipant:
		for _, c := range p.Cohorts {
			bs = append(bs, bucket(data.BucketCohort, c))
		}
	case app.RoleHR:
		if p.CompanyID != "" {
			bs = append(bs, bucket(data.BucketCompany, p.CompanyID))
		}
	case app.RoleSecretariat:
		ids, err := s.store.CohortIDs(ctx)
		if err != nil {
			return nil, fmt.Errorf("buckets of %s: %w", p.ID, err)
		}
		for _, c := range ids {
			bs = append(bs, bucket(data.BucketCohort, c))
		}
	}
	return bs, nil
}

// bucket names the bucket of a kind and an id, such as "user:<id>".
func bucket(kind, id string) string { return kind + ":" + id }
