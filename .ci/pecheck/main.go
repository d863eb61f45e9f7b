// Command pecheck checks a Windows build of the app: a PE file for the GUI
// subsystem (no console window opens with it), carrying an icon and
// version information, whose version is the one FyneApp.toml gives.
//
//	go run ./.ci/pecheck [-version 0.1.0] crosstalk.exe
//
// It prints what it found and exits 1 when a check fails. It reads the PE
// optional header and the resource section with debug/pe, nothing else.
package main

import (
	"debug/pe"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
)

// Resource types (winuser.h).
const (
	rtIcon      = 3
	rtGroupIcon = 14
	rtVersion   = 16
	rtManifest  = 24
)

// subsystemGUI is IMAGE_SUBSYSTEM_WINDOWS_GUI; 3 is the console.
const subsystemGUI = 2

// Report is what Check found.
type Report struct {
	Machine     uint16
	Subsystem   uint16
	Icons       int      // RT_ICON images
	IconSizes   []string // from the first RT_GROUP_ICON: "16x16 32bpp", …
	Manifest    bool
	FileVersion string // VS_FIXEDFILEINFO's, "a.b.c.d"; "" without RT_VERSION
}

func (r Report) String() string {
	return fmt.Sprintf("machine 0x%x, subsystem %d (%s), %d icon images %v, version info %q, manifest %v",
		r.Machine, r.Subsystem, subsystemName(r.Subsystem), r.Icons, r.IconSizes, r.FileVersion, r.Manifest)
}

func subsystemName(s uint16) string {
	switch s {
	case subsystemGUI:
		return "Windows GUI"
	case 3:
		return "Windows console"
	}
	return "other"
}

// Check reads path and reports every problem: not the GUI subsystem, no
// icon, no version information, or a version other than want (when want
// is not "").
func Check(path, want string) (Report, error) {
	var r Report
	f, err := pe.Open(path)
	if err != nil {
		return r, err
	}
	defer f.Close()
	r.Machine = f.FileHeader.Machine
	var dir pe.DataDirectory
	switch oh := f.OptionalHeader.(type) {
	case *pe.OptionalHeader64:
		r.Subsystem = oh.Subsystem
		if len(oh.DataDirectory) > pe.IMAGE_DIRECTORY_ENTRY_RESOURCE {
			dir = oh.DataDirectory[pe.IMAGE_DIRECTORY_ENTRY_RESOURCE]
		}
	case *pe.OptionalHeader32:
		r.Subsystem = oh.Subsystem
		if len(oh.DataDirectory) > pe.IMAGE_DIRECTORY_ENTRY_RESOURCE {
			dir = oh.DataDirectory[pe.IMAGE_DIRECTORY_ENTRY_RESOURCE]
		}
	default:
		return r, errors.New("no optional header: not an executable")
	}
	var problems []string
	if r.Subsystem != subsystemGUI {
		problems = append(problems, fmt.Sprintf("subsystem %d (%s), want %d (Windows GUI): a console window would open", r.Subsystem, subsystemName(r.Subsystem), subsystemGUI))
	}
	res, err := readResources(f, dir)
	if err != nil {
		problems = append(problems, err.Error())
	} else {
		r.Icons = len(res.leaves(rtIcon))
		r.Manifest = len(res.leaves(rtManifest)) > 0
		if groups := res.leaves(rtGroupIcon); len(groups) > 0 {
			r.IconSizes = iconSizes(groups[0])
		}
		if vs := res.leaves(rtVersion); len(vs) > 0 {
			r.FileVersion = fixedVersion(vs[0])
		}
		if r.Icons == 0 || len(r.IconSizes) == 0 {
			problems = append(problems, "no icon resource (RT_ICON with RT_GROUP_ICON)")
		}
		if r.FileVersion == "" {
			problems = append(problems, "no version information (RT_VERSION)")
		} else if want != "" && !strings.HasPrefix(r.FileVersion+".", want+".") {
			problems = append(problems, fmt.Sprintf("file version %s, want %s", r.FileVersion, want))
		}
	}
	if len(problems) > 0 {
		return r, errors.New(strings.Join(problems, "; "))
	}
	return r, nil
}

// resources is the resource tree: type → the data of each name/language.
type resources map[uint32][][]byte

func (r resources) leaves(typ uint32) [][]byte { return r[typ] }

// readResources walks the three levels of the resource directory (type,
// name, language) to the data entries.
func readResources(f *pe.File, dir pe.DataDirectory) (resources, error) {
	if dir.VirtualAddress == 0 || dir.Size == 0 {
		return nil, errors.New("no resource section")
	}
	var sec *pe.Section
	for _, s := range f.Sections {
		if dir.VirtualAddress >= s.VirtualAddress && dir.VirtualAddress < s.VirtualAddress+max(s.VirtualSize, s.Size) {
			sec = s
		}
	}
	if sec == nil {
		return nil, errors.New("the resource directory is in no section")
	}
	raw, err := sec.Data()
	if err != nil {
		return nil, err
	}
	base := dir.VirtualAddress - sec.VirtualAddress
	if int(base) >= len(raw) {
		return nil, errors.New("resource directory out of its section")
	}
	rsrc := raw[base:]
	out := resources{}
	var walk func(off uint32, depth int, typ uint32) error
	walk = func(off uint32, depth int, typ uint32) error {
		if depth > 3 || int(off)+16 > len(rsrc) {
			return errors.New("resource directory damaged")
		}
		named := binary.LittleEndian.Uint16(rsrc[off+12:])
		ids := binary.LittleEndian.Uint16(rsrc[off+14:])
		for i := uint32(0); i < uint32(named)+uint32(ids); i++ {
			e := off + 16 + 8*i
			if int(e)+8 > len(rsrc) {
				return errors.New("resource entry out of bounds")
			}
			name := binary.LittleEndian.Uint32(rsrc[e:])
			target := binary.LittleEndian.Uint32(rsrc[e+4:])
			t := typ
			if depth == 0 {
				t = name // a type's ID (a named type has the high bit set and matches none)
			}
			if target&0x80000000 != 0 {
				if err := walk(target&0x7fffffff, depth+1, t); err != nil {
					return err
				}
				continue
			}
			if int(target)+16 > len(rsrc) {
				return errors.New("resource data entry out of bounds")
			}
			rva := binary.LittleEndian.Uint32(rsrc[target:])
			size := binary.LittleEndian.Uint32(rsrc[target+4:])
			start := int64(rva) - int64(sec.VirtualAddress)
			if start < 0 || start+int64(size) > int64(len(raw)) {
				return errors.New("resource data out of its section")
			}
			out[t] = append(out[t], raw[start:start+int64(size)])
		}
		return nil
	}
	return out, walk(0, 0, 0)
}

// iconSizes lists a GRPICONDIR's images.
func iconSizes(b []byte) []string {
	if len(b) < 6 || binary.LittleEndian.Uint16(b[2:]) != 1 {
		return nil
	}
	n := int(binary.LittleEndian.Uint16(b[4:]))
	var out []string
	for i := 0; i < n && 6+14*(i+1) <= len(b); i++ {
		e := b[6+14*i:]
		w, h := int(e[0]), int(e[1])
		if w == 0 {
			w = 256
		}
		if h == 0 {
			h = 256
		}
		out = append(out, fmt.Sprintf("%dx%d %dbpp", w, h, binary.LittleEndian.Uint16(e[6:])))
	}
	return out
}

// fixedVersion finds VS_FIXEDFILEINFO (signature 0xFEEF04BD) in a
// VS_VERSIONINFO and returns its file version.
func fixedVersion(b []byte) string {
	for i := 0; i+16 <= len(b); i += 4 { // the structure is 32-bit aligned
		if binary.LittleEndian.Uint32(b[i:]) == 0xFEEF04BD {
			ms := binary.LittleEndian.Uint32(b[i+8:])
			ls := binary.LittleEndian.Uint32(b[i+12:])
			return fmt.Sprintf("%d.%d.%d.%d", ms>>16, ms&0xffff, ls>>16, ls&0xffff)
		}
	}
	return ""
}

func main() {
	want := flag.String("version", "", "the version the file must carry (major.minor.patch)")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: pecheck [-version x.y.z] file.exe")
		os.Exit(2)
	}
	r, err := Check(flag.Arg(0), *want)
	fmt.Printf("%s: %s\n", flag.Arg(0), r)
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: FAIL: %v\n", flag.Arg(0), err)
		os.Exit(1)
	}
	fmt.Printf("%s: ok: a Windows GUI program with its icon and version information\n", flag.Arg(0))
}
