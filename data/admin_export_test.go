package data

import "context"

// SetRoleForTest gives a person another account role, as no endpoint
// does, for the tests of what imports may touch.
func (s *Store) SetRoleForTest(ctx context.Context, id, role string) error {
	_, err := s.w.ExecContext(ctx, `UPDATE participants SET role = ? WHERE id = ?`, role, id)
	return err
}
