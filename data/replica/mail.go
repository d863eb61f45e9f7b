package replica

import (
	"context"
	"errors"
	"fmt"

	"crosstalk/app"
)

var _ app.MailReader = (*Store)(nil)

// MyMail reads the mail account of the replica's person, which their own
// user bucket brings (app.Participant.Mail) with any change of their own
// optimistically applied; ok is false until their profile has arrived.
func (s *Store) MyMail(ctx context.Context) (app.MailAccount, bool, error) {
	id, err := s.State(ctx, "participant_id")
	if err != nil {
		return app.MailAccount{}, false, fmt.Errorf("my mail: %w", err)
	}
	if id == "" {
		return app.MailAccount{}, false, nil
	}
	a, err := s.MailAccount(ctx, id)
	if errors.Is(err, app.ErrNotFound) {
		return a, false, nil
	}
	if err != nil {
		return a, false, fmt.Errorf("my mail: %w", err)
	}
	return a, true, nil
}
