package serverstore

import "testing"

// A pair compares the statements answered both times only: a statement
// reworded since the "before" (a new id) is left out of both means, and
// a "before" with no statement in common counts as none.
func TestPairOfCommonStatements(t *testing.T) {
	p, err := pairOf("x", `{"old.v1":5,"goal.v1":2,"act.v1":3}`, `{"old.v2":1,"goal.v1":4,"act.v1":4}`)
	if err != nil {
		t.Fatal(err)
	}
	if want := (progPair{author: "x", before: 2.5, after: 4, hasBefore: true}); p != want {
		t.Fatalf("pair %+v, want %+v", p, want)
	}
	for _, before := range []string{"", `{"old.v1":5}`} {
		p, err := pairOf("x", before, `{"goal.v1":4}`)
		if err != nil || p.hasBefore {
			t.Fatalf("before %q: %+v %v", before, p, err)
		}
	}
}
