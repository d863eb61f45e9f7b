package main

import (
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// The module's layout (DESIGN.md §2) as rules on what each package may
// import: the dependencies point ui → app ← data, sync → app, data; the
// shared widgets know no view, the administration's views not the
// participant's, and the server no GUI.

// pkg is one package of the module and what it imports.
type pkg struct {
	ImportPath string
	Imports    []string
	Deps       []string
}

// rule forbids the packages For selects to import (directly, or among
// their dependencies when Deep) what Not selects.
type rule struct {
	For, Not func(path string) bool
	Deep     bool
	Why      string
}

// under selects the package root and the packages below it.
func under(root string) func(string) bool {
	return func(p string) bool { return p == root || strings.HasPrefix(p, root+"/") }
}

// is selects exactly the packages named.
func is(paths ...string) func(string) bool {
	return func(p string) bool { return slices.Contains(paths, p) }
}

// anyOf selects what any of fs selects.
func anyOf(fs ...func(string) bool) func(string) bool {
	return func(p string) bool {
		for _, f := range fs {
			if f(p) {
				return true
			}
		}
		return false
	}
}

// except selects what f selects and g does not.
func except(f, g func(string) bool) func(string) bool {
	return func(p string) bool { return f(p) && !g(p) }
}

// not selects what f does not.
func not(f func(string) bool) func(string) bool { return func(p string) bool { return !f(p) } }

// ours selects the module's own packages.
var ours = under("crosstalk")

var layoutRules = []rule{
	{For: under("crosstalk/app"), Not: except(ours, under("crosstalk/app")), Why: "app knows nothing of ours but itself"},
	{For: under("crosstalk/data"), Not: anyOf(under("crosstalk/sync"), under("crosstalk/ui")), Why: "data serves app only"},
	{For: is("crosstalk/data"), Not: anyOf(under("crosstalk/data/serverstore"), under("crosstalk/data/replica")), Why: "the shared store knows neither side"},
	{For: under("crosstalk/data/replica"), Not: under("crosstalk/data/serverstore"), Why: "a device's replica does not hold the server's storage"},
	{For: under("crosstalk/data/serverstore"), Not: under("crosstalk/data/replica"), Why: "the server's storage does not hold a replica"},
	{For: under("crosstalk/sync"), Not: under("crosstalk/ui"), Why: "sync serves the app, not the views"},
	{For: under("crosstalk/sync/server"), Not: under("fyne.io"), Deep: true, Why: "the server has no GUI libraries"},
	{For: under("crosstalk/ui/widgets"), Not: anyOf(is("crosstalk/ui"), under("crosstalk/ui/admin"), under("crosstalk/ui/desktop"), under("crosstalk/data"), under("crosstalk/sync")), Why: "the general widgets know no view"},
	{For: under("crosstalk/ui/admin"), Not: anyOf(is("crosstalk/ui"), under("crosstalk/ui/desktop"), under("crosstalk/data"), under("crosstalk/sync/server"), under("crosstalk/sync/client")), Why: "the administration's views do not reach the participant's, nor storage"},
	{For: is("crosstalk/ui"), Not: anyOf(under("crosstalk/ui/desktop"), under("crosstalk/data"), under("crosstalk/sync/server"), under("crosstalk/sync/client")), Why: "the participant's views talk to app services only"},
	{For: not(anyOf(is("crosstalk"), under("crosstalk/ui"))), Not: under("crosstalk/ui"), Why: "nothing but the desktop entry imports ui"},
	{For: not(is("crosstalk")), Not: is("crosstalk/ui/desktop"), Why: "only main starts the desktop life cycle"},
}

// violations lists every import of pkgs that a rule forbids.
func violations(pkgs []pkg, rules []rule) []string {
	var out []string
	for _, p := range pkgs {
		for _, r := range rules {
			if !r.For(p.ImportPath) {
				continue
			}
			imports := p.Imports
			if r.Deep {
				imports = p.Deps
			}
			for _, imp := range imports {
				if r.Not(imp) {
					out = append(out, p.ImportPath+" imports "+imp+": "+r.Why)
				}
			}
		}
	}
	return out
}

// TestLayout checks the module's packages, as go list reads them with the
// build tags the app is built with, against the layout's rules.
func TestLayout(t *testing.T) {
	out, err := exec.Command("go", "list", "-tags", "migrated_fynedo", "-json", "./...").Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("go list: %v: %s", err, ee.Stderr)
		}
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	var pkgs []pkg
	for {
		var p pkg
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	want := []string{"crosstalk/app", "crosstalk/data", "crosstalk/data/replica", "crosstalk/data/serverstore",
		"crosstalk/sync/server", "crosstalk/ui", "crosstalk/ui/admin", "crosstalk/ui/widgets", "crosstalk/ui/desktop"}
	for _, w := range want {
		if !slices.ContainsFunc(pkgs, func(p pkg) bool { return p.ImportPath == w }) {
			t.Errorf("go list found no package %s", w)
		}
	}
	for _, v := range violations(pkgs, layoutRules) {
		t.Error(v)
	}
}

// The rules catch what they are for: each forbidden import below is
// reported, and the allowed ones are not.
func TestLayoutRulesCatchViolations(t *testing.T) {
	pkgs := []pkg{
		{ImportPath: "crosstalk/ui/widgets", Imports: []string{"crosstalk/ui", "crosstalk/ui/theme"}},
		{ImportPath: "crosstalk/ui/admin", Imports: []string{"crosstalk/ui", "crosstalk/ui/widgets"}},
		{ImportPath: "crosstalk/app", Imports: []string{"crosstalk/data", "crosstalk/app/jtext"}},
		{ImportPath: "crosstalk/app/roster", Imports: []string{"crosstalk/sync/wire"}},
		{ImportPath: "crosstalk/sync/server", Imports: []string{"crosstalk/ui/widgets"}, Deps: []string{"crosstalk/ui/widgets", "fyne.io/fyne/v2"}},
		{ImportPath: "crosstalk/data/replica", Imports: []string{"crosstalk/data/serverstore", "crosstalk/data"}},
		{ImportPath: "crosstalk/sync/client", Imports: []string{"crosstalk/ui/desktop"}},
		{ImportPath: "crosstalk", Imports: []string{"crosstalk/ui/desktop"}},
		{ImportPath: "crosstalk/ui/desktop", Imports: []string{"crosstalk/ui", "crosstalk/data/replica", "crosstalk/sync/client"}},
	}
	got := strings.Join(violations(pkgs, layoutRules), "\n")
	for _, want := range []string{
		"crosstalk/ui/widgets imports crosstalk/ui:",
		"crosstalk/ui/admin imports crosstalk/ui:",
		"crosstalk/app imports crosstalk/data:",
		"crosstalk/app/roster imports crosstalk/sync/wire:",
		"crosstalk/sync/server imports crosstalk/ui/widgets:",
		"crosstalk/sync/server imports fyne.io/fyne/v2:",
		"crosstalk/data/replica imports crosstalk/data/serverstore:",
		"crosstalk/sync/client imports crosstalk/ui/desktop:",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("not reported: %s…", want)
		}
	}
	for _, allowed := range []string{"imports crosstalk/ui/theme", "imports crosstalk/app/jtext", "crosstalk/ui/admin imports crosstalk/ui/widgets",
		"crosstalk imports", "crosstalk/ui/desktop imports", "crosstalk/data/replica imports crosstalk/data:"} {
		if strings.Contains(got, allowed) {
			t.Errorf("reported, though allowed: %s", allowed)
		}
	}
}
