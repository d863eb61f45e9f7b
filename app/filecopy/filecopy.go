// Package filecopy copies a file so that its copy is whole or absent.
package filecopy

import (
	"io"
	"os"
)

// Copy copies src to dst through a temporary file beside dst (dst plus
// ".part"), synced to the disk and then renamed into place: dst is never
// seen half written, and a failed copy leaves no temporary file. The copy
// is readable by its owner only.
func Copy(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp := dst + ".part"
	out, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
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
