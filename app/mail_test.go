package app

import "testing"

// Only a setting of one's own is open to every role.
func TestEveryRole(t *testing.T) {
	for _, name := range MutatorNames() {
		if got, want := EveryRole(name), name == MailSet; got != want {
			t.Errorf("EveryRole(%s) = %v", name, got)
		}
	}
}
