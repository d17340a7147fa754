// Package repo tests the repository itself: what is generated is marked so.
package repo

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// root is the repository's top folder.
func root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// generatedMark is Go's convention for a generated file (https://go.dev/s/generatedcode), which
// every generator of this project writes on its files' first lines.
var generatedMark = regexp.MustCompile(`^// Code generated .* DO NOT EDIT\.$`)

// unmarked are generated Go files whose generator writes no mark: Pulumi's Go code generator
// writes the package's doc.go from the schema's description.
var unmarked = []string{"sdk/go/azuremanagedredis/doc.go"}

// Every file a generator wrote is marked generated in .gitattributes (so that reviews and
// GitHub's statistics leave it out), and no file written by hand is.
func TestEveryGeneratedFileIsMarked(t *testing.T) {
	dir := root()
	out, err := exec.Command("git", "-C", dir, "ls-files").Output()
	if err != nil {
		t.Skipf("not a git checkout: %v", err)
	}
	files := strings.Fields(string(out))
	check := exec.Command("git", "-C", dir, "check-attr", "--stdin", "linguist-generated")
	check.Stdin = strings.NewReader(strings.Join(files, "\n"))
	attrs, err := check.Output()
	if err != nil {
		t.Fatal(err)
	}
	marked := map[string]bool{}
	for _, line := range strings.Split(string(attrs), "\n") {
		if path, value, ok := strings.Cut(line, ": linguist-generated: "); ok {
			marked[path] = value == "true" || value == "set"
		}
	}
	goFiles := 0
	for _, f := range files {
		if !strings.HasSuffix(f, ".go") {
			continue
		}
		goFiles++
		generated := hasGeneratedMark(t, filepath.Join(dir, f))
		switch {
		case generated && !marked[f]:
			t.Errorf("%s is generated but not marked in .gitattributes", f)
		case !generated && marked[f] && !slices.Contains(unmarked, f):
			t.Errorf("%s is marked generated in .gitattributes but has no generated mark", f)
		}
	}
	if goFiles < 100 {
		t.Fatalf("only %d Go files listed", goFiles)
	}
}

func hasGeneratedMark(t *testing.T, path string) bool {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	lines := bufio.NewScanner(f)
	for i := 0; i < 5 && lines.Scan(); i++ {
		if generatedMark.MatchString(lines.Text()) {
			return true
		}
	}
	return false
}
