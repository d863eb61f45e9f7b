package userdir

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// CompanyFile is the file HR may hand out beside the app to preset the
// server's address for a whole company: {"server": "https://…"}.
const CompanyFile = "crosstalk.json"

// CompanyFilePaths are where CompanyFile is looked for, first found
// first: beside the executable; and for a macOS bundle
// (…/CrossTalk.app/Contents/MacOS/crosstalk), inside it in
// Contents/Resources, then beside the .app itself. (A macOS app run
// from its download folder before being moved is translocated by
// Gatekeeper to a random read-only place, where the file beside the
// .app is not seen: the copy inside the bundle is.)
func CompanyFilePaths(exe string) []string {
	dir := filepath.Dir(exe)
	paths := []string{filepath.Join(dir, CompanyFile)}
	if filepath.Base(dir) == "MacOS" {
		contents := filepath.Dir(dir)
		bundle := filepath.Dir(contents)
		if filepath.Base(contents) == "Contents" && strings.HasSuffix(bundle, ".app") {
			paths = append(paths, filepath.Join(contents, "Resources", CompanyFile), filepath.Join(filepath.Dir(bundle), CompanyFile))
		}
	}
	return paths
}

// CompanyServer reads the server's address from the first CompanyFile
// found for the executable exe; "" when there is none.
func CompanyServer(exe string) (string, error) {
	for _, p := range CompanyFilePaths(exe) {
		b, err := os.ReadFile(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("%s: %w", p, err)
		}
		var cfg struct {
			Server string `json:"server"`
		}
		if err := json.Unmarshal(b, &cfg); err != nil {
			return "", fmt.Errorf("%s: %w", p, err)
		}
		return strings.TrimSpace(cfg.Server), nil
	}
	return "", nil
}
