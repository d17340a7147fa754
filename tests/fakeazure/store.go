package fakeazure

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/managedredis/pulumi-azure-managed-redis/internal/testdouble/fakearm"
)

// Store is the fake's "Azure": one JSON file per resource, keyed by ARM id, in a folder that
// outlives the plugin process (the engine starts a new one for every operation). It also keeps
// a log of every call the plugin received and of every write to a pre-seeded resource.
type Store struct {
	dir string
	mu  sync.Mutex
}

// Resource is what the store keeps of a resource.
type Resource struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	// Properties are the resource's outputs (inputs included), secrets replaced by "[secret]":
	// like Azure, the fake never hands secret inputs back.
	Properties map[string]any `json:"properties"`
	// Seeded marks a resource that existed before the stack (an "existing" cache).
	Seeded bool `json:"seeded,omitempty"`
	// Deleted marks a soft-deleted resource (a Key Vault vault or secret): it holds its name
	// until it is recovered.
	Deleted bool `json:"deleted,omitempty"`
}

// OpenStore opens (creating it if needed) the store in dir.
func OpenStore(dir string) (*Store, error) {
	if err := os.MkdirAll(filepath.Join(dir, "resources"), 0o755); err != nil {
		return nil, err
	}
	return &Store{dir: dir}, nil
}

func (s *Store) path(id string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(id)))
	return filepath.Join(s.dir, "resources", hex.EncodeToString(sum[:8])+".json")
}

// Get returns the resource with the ARM id, or nil.
func (s *Store) Get(id string) (*Resource, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	data, err := os.ReadFile(s.path(id))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var r Resource
	return &r, json.Unmarshal(data, &r)
}

// Put writes a resource.
func (s *Store) Put(r *Resource) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(s.path(r.ID), data, 0o644)
}

// Delete removes a resource.
func (s *Store) Delete(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	err := os.Remove(s.path(id))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}

// SoftDelete marks a resource deleted but keeps it, holding its name.
func (s *Store) SoftDelete(id string) error {
	r, err := s.Get(id)
	if err != nil || r == nil {
		return err
	}
	r.Deleted = true
	return s.Put(r)
}

// All returns every live resource (not soft-deleted), sorted by id.
func (s *Store) All() ([]Resource, error) {
	all, err := s.everything()
	return slices.DeleteFunc(all, func(r Resource) bool { return r.Deleted }), err
}

// SoftDeleted returns the soft-deleted resources, sorted by id.
func (s *Store) SoftDeleted() ([]Resource, error) {
	all, err := s.everything()
	return slices.DeleteFunc(all, func(r Resource) bool { return !r.Deleted }), err
}

func (s *Store) everything() ([]Resource, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	files, err := filepath.Glob(filepath.Join(s.dir, "resources", "*.json"))
	if err != nil {
		return nil, err
	}
	var all []Resource
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var r Resource
		if err := json.Unmarshal(data, &r); err != nil {
			return nil, err
		}
		all = append(all, r)
	}
	slices.SortFunc(all, func(a, b Resource) int { return strings.Compare(a.ID, b.ID) })
	return all, nil
}

// Seed puts resources that existed before any stack: writes to them are recorded.
func (s *Store) Seed(seeds ...fakearm.Seed) error {
	for _, seed := range seeds {
		properties := maps.Clone(seed.Properties)
		properties["id"] = seed.ID
		if err := s.Put(&Resource{ID: seed.ID, Type: seed.Type, Properties: properties, Seeded: true}); err != nil {
			return err
		}
	}
	return nil
}

// CountCreation counts one more creation of the resource with the ARM id, whatever was deleted
// in between, and returns how many there were (1 for the first).
func (s *Store) CountCreation(id string) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	file := strings.TrimSuffix(s.path(id), ".json") + ".created"
	data, err := os.ReadFile(file)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return 0, err
	}
	n := len(data) + 1 // one byte a creation
	return n, os.WriteFile(file, append(data, '+'), 0o644)
}

// Log appends a line to one of the store's logs ("calls" or "writes").
func (s *Store) Log(log, format string, args ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, err := os.OpenFile(filepath.Join(s.dir, log+".log"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return
	}
	defer f.Close()
	fmt.Fprintf(f, format+"\n", args...)
}

// Lines returns the lines of a log.
func (s *Store) Lines(log string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	data, err := os.ReadFile(filepath.Join(s.dir, log+".log"))
	if err != nil {
		return nil
	}
	return strings.FieldsFunc(string(data), func(r rune) bool { return r == '\n' })
}
