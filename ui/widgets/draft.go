package widgets

import (
	"context"
	"encoding/json"
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// Nothing a person types is lost (issue 15): what they write into a form
// is kept as a draft, under a key per form and target, until the form is
// sent. A draft is saved a moment after the last change, and at once
// when the form closes, off the UI goroutine; it never leaves the
// device.

// DraftStore keeps drafts: JSON values under keys. Each write is one
// transaction. The replica of the desktop app is one.
type DraftStore interface {
	// Draft reads the draft under key, or nil when there is none.
	Draft(ctx context.Context, key string) ([]byte, error)
	// SaveDraft keeps value as the draft under key.
	SaveDraft(ctx context.Context, key string, value []byte) error
	// DeleteDraft forgets the draft under key.
	DeleteDraft(ctx context.Context, key string) error
}

// DraftDelay is how long after the last change a draft is saved.
const DraftDelay = 500 * time.Millisecond

// Draft saves the values of one form under one key. Its methods are
// called on the UI goroutine; the disk is written on another.
type Draft struct {
	store DraftStore
	key   string

	mu      sync.Mutex
	pending *draftWrite // the write not yet made, nil when none
	timer   *time.Timer
	writing sync.Mutex // one write at a time, in the order asked
}

// draftWrite is a value to save, or, when value is nil, a deletion.
type draftWrite struct{ value []byte }

// NewDraft keeps the draft under key in store. A nil store keeps
// nothing.
func NewDraft(store DraftStore, key string) *Draft {
	return &Draft{store: store, key: key}
}

// Load reads the draft into v, off the UI goroutine, then calls done on
// it with whether there was one.
func (d *Draft) Load(v any, done func(found bool)) {
	if d.store == nil {
		done(false)
		return
	}
	Background(func() (bool, error) { return d.Read(v), nil }, func(found bool, _ error) { done(found) })
}

// Read reads the draft into v and reports whether there was one; a draft
// that cannot be read counts as none. It reads the disk: call it off the
// UI goroutine (Load does).
func (d *Draft) Read(v any) bool {
	if d.store == nil {
		return false
	}
	b, err := d.store.Draft(context.Background(), d.key)
	if err == nil && b != nil {
		err = json.Unmarshal(b, v)
	}
	if err != nil {
		fyne.LogError("draft "+d.key+": read", err)
		return false
	}
	return b != nil
}

// Save keeps v as the draft, DraftDelay after the last call.
func (d *Draft) Save(v any) {
	b, err := json.Marshal(v)
	if err != nil {
		fyne.LogError("draft "+d.key+": save", err)
		return
	}
	d.ask(&draftWrite{value: b}, DraftDelay)
}

// Clear forgets the draft, such as once its form was sent.
func (d *Draft) Clear() { d.ask(&draftWrite{}, 0) }

// Flush writes at once what is waiting to be saved, such as when the
// form closes.
func (d *Draft) Flush() {
	d.mu.Lock()
	has := d.pending != nil
	d.mu.Unlock()
	if has {
		d.ask(nil, 0)
	}
}

// ask makes w the write to make (nil keeps the one waiting), after
// delay.
func (d *Draft) ask(w *draftWrite, delay time.Duration) {
	if d.store == nil {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if w != nil {
		d.pending = w
	}
	drafts.wait(d)
	if d.timer != nil {
		d.timer.Stop()
	}
	if delay > 0 {
		d.timer = time.AfterFunc(delay, d.write)
		return
	}
	d.timer = nil
	go d.write()
}

// write makes the latest write asked, if it is not made yet. Writes are
// made one at a time, each taking the latest value when its turn comes,
// so an older value never overwrites a newer one.
func (d *Draft) write() {
	d.writing.Lock()
	defer d.writing.Unlock()
	d.mu.Lock()
	w := d.pending
	d.pending = nil
	drafts.start(d)
	d.mu.Unlock()
	defer drafts.end()
	if w == nil {
		return
	}
	ctx := context.Background()
	var err error
	if w.value == nil {
		err = d.store.DeleteDraft(ctx, d.key)
	} else {
		err = d.store.SaveDraft(ctx, d.key, w.value)
	}
	if err != nil {
		fyne.LogError("draft "+d.key, err)
	}
}

// draftRegistry knows the drafts with a write waiting, and how many
// writes are being made, for FlushDrafts.
type draftRegistry struct {
	mu      sync.Mutex
	done    *sync.Cond // signalled when a write ends
	waiting map[*Draft]bool
	busy    int
}

var drafts = newDraftRegistry()

func newDraftRegistry() *draftRegistry {
	r := &draftRegistry{waiting: map[*Draft]bool{}}
	r.done = sync.NewCond(&r.mu)
	return r
}

// wait records that d has a write waiting.
func (r *draftRegistry) wait(d *Draft) {
	r.mu.Lock()
	r.waiting[d] = true
	r.mu.Unlock()
}

// start records that d's waiting write is being made.
func (r *draftRegistry) start(d *Draft) {
	r.mu.Lock()
	delete(r.waiting, d)
	r.busy++
	r.mu.Unlock()
}

// end records that a write has ended.
func (r *draftRegistry) end() {
	r.mu.Lock()
	r.busy--
	r.done.Broadcast()
	r.mu.Unlock()
}

// FlushDrafts writes at once every draft waiting to be saved, and
// returns once no draft's write is being made: the app calls it before
// it closes the store, tests before they look into it.
func FlushDrafts() {
	r := drafts
	r.mu.Lock()
	defer r.mu.Unlock()
	for {
		var next *Draft
		for d := range r.waiting {
			next = d
			break
		}
		switch {
		case next != nil:
			r.mu.Unlock()
			next.mu.Lock()
			if next.timer != nil {
				next.timer.Stop()
				next.timer = nil
			}
			next.mu.Unlock()
			next.write()
			r.mu.Lock()
		case r.busy > 0:
			r.done.Wait()
		default:
			return
		}
	}
}
