// Package filecopy writes files so that each is whole or absent: a copy
// of another file, or what a function writes.
package filecopy

import (
	"io"
	"os"
)

// Copy copies src to dst through a temporary file beside dst, as Write
// does. The copy is readable by its owner only.
func Copy(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	return Write(dst, 0o600, func(w io.Writer) error {
		_, err := io.Copy(w, in)
		return err
	})
}

// Write writes dst with write through a temporary file beside it (dst
// plus ".part"), synced to the disk and then renamed into place: dst is
// never seen half written, an existing dst is replaced only by a whole
// new one, and a failed write leaves no temporary file. A new dst has
// the permissions perm.
func Write(dst string, perm os.FileMode, write func(io.Writer) error) error {
	tmp := dst + ".part"
	out, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, perm)
	if err != nil {
		return err
	}
	err = write(out)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, dst)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
