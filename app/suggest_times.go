package app

// Overlaps reports whether the two patterns share a moment. The
// suggestions' reason 話しやすい時間帯が重なる compares only the weekly
// patterns (FreeWeek) people set, as the offer dialog does: the free text
// (話しやすい時間帯の補足) is never read as times, and a person without a
// pattern never gets that reason.
func (w FreeWeek) Overlaps(o FreeWeek) bool { return w&o != 0 }
