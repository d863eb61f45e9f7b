package serverstore

import "context"

// SetRoleForTest gives a person another account role, as no endpoint
// does, for the tests of what imports may touch.
func (s *Store) SetRoleForTest(ctx context.Context, id, role string) error {
	return s.write(ctx, func(tx *writeTx) error {
		_, err := tx.tx.ExecContext(ctx, `UPDATE participants SET role = ? WHERE id = ?`, role, id)
		return err
	})
}
