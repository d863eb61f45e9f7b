package serverstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"crosstalk/app"
	"crosstalk/data/internal/codec"
)

// Account is who a person is for the administration's permission checks:
// their company and role.
type Account struct {
	ID        string
	CompanyID string
	Role      app.Role
}

// Accounts loads the accounts of the given participants; ids that name
// no one are missing from the answer.
func (s *Store) Accounts(ctx context.Context, ids []string) (map[string]Account, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, company_id, role FROM participants
		WHERE id IN (SELECT value FROM json_each(?))`, codec.JSON(codec.NonNil(ids)))
	if err != nil {
		return nil, fmt.Errorf("accounts: %w", err)
	}
	defer rows.Close()
	out := make(map[string]Account, len(ids))
	for rows.Next() {
		var a Account
		if err := rows.Scan(&a.ID, &a.CompanyID, &a.Role); err != nil {
			return nil, fmt.Errorf("accounts: %w", err)
		}
		out[a.ID] = a
	}
	return out, rows.Err()
}

// DeviceAccount is the account of the person a device belongs to; an
// unknown device gives an error wrapping app.ErrNotFound.
func (s *Store) DeviceAccount(ctx context.Context, deviceID string) (Account, error) {
	var a Account
	err := s.r.QueryRowContext(ctx, `SELECT p.id, p.company_id, p.role FROM devices d
		JOIN participants p ON p.id = d.participant_id WHERE d.id = ?`, deviceID).Scan(&a.ID, &a.CompanyID, &a.Role)
	return a, codec.NotFound(err, "device")
}

// NewInvite is one code to record: the person and the code's hash.
type NewInvite struct {
	ParticipantID string
	CodeHash      string
	// FirstDevice makes the code only for a person who has never joined
	// (has no device, even a revoked one): HR's codes (issue 14).
	FirstDevice bool
}

// ReplaceInvites records new single-use codes, valid until expires, in one
// transaction, and revokes each person's older codes that are not used
// yet: only the newest code a person was given works. A FirstDevice code
// for someone who has joined refuses the whole batch with
// app.CodeAlreadyJoined, checked in the same transaction as the codes are
// written, so that no redeem slips in between.
func (s *Store) ReplaceInvites(ctx context.Context, invites []NewInvite, now, expires time.Time) error {
	return s.write(ctx, func(tx *writeTx) error {
		for i, in := range invites {
			if in.FirstDevice {
				if err := tx.notJoined(ctx, i, in.ParticipantID); err != nil {
					return err
				}
			}
			if _, err := tx.revokeInvites(ctx, in.ParticipantID, now); err != nil {
				return err
			}
			if err := tx.createInvite(ctx, in.CodeHash, in.ParticipantID, now, expires); err != nil {
				return err
			}
		}
		return nil
	})
}

// notJoined refuses, with app.CodeAlreadyJoined, the i-th person of a
// batch if they have ever had a device.
func (t *writeTx) notJoined(ctx context.Context, i int, participantID string) error {
	var joined bool
	if err := t.tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM devices WHERE participant_id = ?)`,
		participantID).Scan(&joined); err != nil {
		return fmt.Errorf("invite %s: %w", participantID, err)
	}
	if joined {
		return app.Reject(app.CodeAlreadyJoined, "person %d has joined", i)
	}
	return nil
}

// RevokeInvites revokes a person's codes that are not used yet, and
// counts them.
func (s *Store) RevokeInvites(ctx context.Context, participantID string, now time.Time) (int, error) {
	var n int
	err := s.write(ctx, func(tx *writeTx) (err error) {
		n, err = tx.revokeInvites(ctx, participantID, now)
		return err
	})
	return n, err
}

func (t *writeTx) revokeInvites(ctx context.Context, participantID string, now time.Time) (int, error) {
	res, err := t.tx.ExecContext(ctx, `UPDATE invites SET revoked_at = ?
		WHERE participant_id = ? AND used_at IS NULL AND revoked_at IS NULL`, codec.Millis(now), participantID)
	n, err := codec.RowsAffected(res, err)
	if err != nil {
		return 0, fmt.Errorf("revoke invites of %s: %w", participantID, err)
	}
	return int(n), nil
}

// Invitations lists a company's people, by reading, with their latest
// code that is not revoked, when they first joined and their devices.
func (s *Store) Invitations(ctx context.Context, companyID string) ([]app.Invitation, error) {
	return s.invitations(ctx, `p.company_id = ?`, companyID)
}

// InvitationsOf is Invitations for the given people.
func (s *Store) InvitationsOf(ctx context.Context, ids []string) ([]app.Invitation, error) {
	return s.invitations(ctx, `p.id IN (SELECT value FROM json_each(?))`, codec.JSON(codec.NonNil(ids)))
}

func (s *Store) invitations(ctx context.Context, where string, arg any) ([]app.Invitation, error) {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("invitations: %w", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT p.id, p.employee_no, p.name, p.kana, p.company_id, p.role,
		i.created_at, i.expires_at
		FROM participants p
		LEFT JOIN invites i ON i.rowid = (SELECT rowid FROM invites j WHERE j.participant_id = p.id
			AND j.revoked_at IS NULL ORDER BY j.created_at DESC, j.rowid DESC LIMIT 1)
		WHERE `+where+` ORDER BY p.sort_key, p.employee_no, p.id`, arg)
	if err != nil {
		return nil, fmt.Errorf("invitations: %w", err)
	}
	var out []app.Invitation
	at := map[string]int{}
	for rows.Next() {
		var inv app.Invitation
		var created, expires sql.NullInt64
		if err := rows.Scan(&inv.ParticipantID, &inv.EmployeeNo, &inv.Name, &inv.Kana, &inv.CompanyID, &inv.Role,
			&created, &expires); err != nil {
			rows.Close()
			return nil, fmt.Errorf("invitations: %w", err)
		}
		inv.CreatedAt, inv.ExpiresAt = codec.FromNullMillis(created), codec.FromNullMillis(expires)
		at[inv.ParticipantID] = len(out)
		out = append(out, inv)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("invitations: %w", err)
	}
	drows, err := tx.QueryContext(ctx, `SELECT d.participant_id, d.id, d.name, d.created_at, d.revoked_at
		FROM devices d JOIN participants p ON p.id = d.participant_id
		WHERE `+where+` ORDER BY d.created_at, d.id`, arg)
	if err != nil {
		return nil, fmt.Errorf("invitations: devices: %w", err)
	}
	defer drows.Close()
	for drows.Next() {
		var pid string
		var d app.DeviceInfo
		var created int64
		var revoked sql.NullInt64
		if err := drows.Scan(&pid, &d.ID, &d.Name, &created, &revoked); err != nil {
			return nil, fmt.Errorf("invitations: devices: %w", err)
		}
		d.CreatedAt, d.RevokedAt = codec.FromMillis(created), codec.FromNullMillis(revoked)
		inv := &out[at[pid]]
		if inv.JoinedAt == nil {
			t := d.CreatedAt
			inv.JoinedAt = &t
		}
		inv.Devices = append(inv.Devices, d)
	}
	return out, drows.Err()
}
