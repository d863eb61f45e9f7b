//go:build windows

package autostart

import (
	"errors"
	"fmt"

	"golang.org/x/sys/windows/registry"
)

// runEntry is the entry as a value under the current user's Run key.
type runEntry struct{ e Entry }

func (r runEntry) Enabled() (bool, error) {
	k, err := registry.OpenKey(registry.CURRENT_USER, RunKey, registry.QUERY_VALUE)
	if errors.Is(err, registry.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("autostart: %w", err)
	}
	defer k.Close()
	name, _ := RunValue(r.e)
	if _, _, err := k.GetStringValue(name); err != nil {
		if errors.Is(err, registry.ErrNotExist) {
			return false, nil
		}
		return false, fmt.Errorf("autostart: %w", err)
	}
	return true, nil
}

func (r runEntry) Enable() error {
	k, _, err := registry.CreateKey(registry.CURRENT_USER, RunKey, registry.SET_VALUE)
	if err != nil {
		return fmt.Errorf("autostart: %w", err)
	}
	defer k.Close()
	name, command := RunValue(r.e)
	if err := k.SetStringValue(name, command); err != nil {
		return fmt.Errorf("autostart: %w", err)
	}
	return nil
}

func (r runEntry) Disable() error {
	k, err := registry.OpenKey(registry.CURRENT_USER, RunKey, registry.SET_VALUE)
	if errors.Is(err, registry.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("autostart: %w", err)
	}
	defer k.Close()
	name, _ := RunValue(r.e)
	if err := k.DeleteValue(name); err != nil && !errors.Is(err, registry.ErrNotExist) {
		return fmt.Errorf("autostart: %w", err)
	}
	return nil
}

// For is e as a value under the current user's Run key.
func For(e Entry) (Autostart, error) { return runEntry{e}, nil }
