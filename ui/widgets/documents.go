package widgets

import (
	"bufio"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// documentsDirOS is the system's own Documents folder where the system
// can say (Windows: the known folder, wherever OneDrive or a policy moved
// it), or "".
var documentsDirOS func() string

// DocumentsDir is the person's Documents folder, where file dialogs
// start: the system's, then the XDG user folder on Linux, then
// ~/Documents or ~/ドキュメント, then the home folder.
func DocumentsDir() string {
	if documentsDirOS != nil {
		if d := documentsDirOS(); isDir(d) {
			return d
		}
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	var tries []string
	if runtime.GOOS != "windows" && runtime.GOOS != "darwin" {
		tries = append(tries, xdgUserDir(home, "XDG_DOCUMENTS_DIR"))
	}
	tries = append(tries, filepath.Join(home, "Documents"), filepath.Join(home, "ドキュメント"))
	for _, d := range tries {
		if d != "" && isDir(d) {
			return d
		}
	}
	return home
}

// xdgUserDir reads one folder of $XDG_CONFIG_HOME/user-dirs.dirs (as
// xdg-user-dirs writes it: XDG_DOCUMENTS_DIR="$HOME/ドキュメント"), or "".
func xdgUserDir(home, key string) string {
	config := os.Getenv("XDG_CONFIG_HOME")
	if config == "" {
		config = filepath.Join(home, ".config")
	}
	f, err := os.Open(filepath.Join(config, "user-dirs.dirs"))
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(strings.TrimSpace(sc.Text()), "=")
		if !ok || k != key {
			continue
		}
		v = strings.Trim(v, `"`)
		if rest, ok := strings.CutPrefix(v, "$HOME"); ok {
			v = home + rest
		}
		if filepath.IsAbs(v) {
			return v
		}
	}
	return ""
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
