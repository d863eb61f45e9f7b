package assets

import (
	"bytes"
	"os"
	"regexp"
	"testing"

	"github.com/BurntSushi/toml"
)

// FyneApp.toml names the app for the packager (the .exe's version
// information, the .app's Info.plist) and, through its ID, every user's
// data folder: the ID never changes, the icon is this package's, and
// version and build are set.
func TestFyneAppToml(t *testing.T) {
	raw, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	var meta struct {
		Details struct {
			ID, Name, Icon, Version string
			Build                   int
		}
	}
	if _, err := toml.Decode(string(raw), &meta); err != nil {
		t.Fatal(err)
	}
	d := meta.Details
	if d.ID != "jp.crosstalk.app" {
		t.Errorf("ID %q: changing it loses every user's data folder", d.ID)
	}
	if d.Name != "CrossTalk" || !regexp.MustCompile(`^\d+\.\d+\.\d+$`).MatchString(d.Version) || d.Build < 1 {
		t.Errorf("details incomplete: %+v", d)
	}
	icon, err := os.ReadFile("../" + d.Icon)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(icon, iconPNG) {
		t.Errorf("FyneApp.toml's icon %s is not the app's icon", d.Icon)
	}
}
