package app

// Overlaps reports whether s and t share a moment: one starts before the
// other ends. Slots that only touch (one ends as the next starts) do not
// overlap.
func (s Slot) Overlaps(t Slot) bool {
	return s.Start.Before(t.End) && t.Start.Before(s.End)
}
