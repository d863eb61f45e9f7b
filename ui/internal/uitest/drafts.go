package uitest

import (
	"context"
	"sync"
)

// Drafts is a widgets.DraftStore in memory, for the fakes of the views'
// services.
type Drafts struct {
	mu sync.Mutex
	m  map[string]string
}

// Draft is part of widgets.DraftStore.
func (s *Drafts) Draft(_ context.Context, key string) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[key]
	if !ok {
		return nil, nil
	}
	return []byte(v), nil
}

// SaveDraft is part of widgets.DraftStore.
func (s *Drafts) SaveDraft(_ context.Context, key string, value []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[string]string{}
	}
	s.m[key] = string(value)
	return nil
}

// DeleteDraft is part of widgets.DraftStore.
func (s *Drafts) DeleteDraft(_ context.Context, key string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, key)
	return nil
}

// Saved is the draft under key, "" when none.
func (s *Drafts) Saved(key string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.m[key]
}
