//go:build windows

package widgets

import (
	"runtime"

	"golang.org/x/sys/windows"
)

// On Windows the file dialogs are the system's (GetOpenFileName and
// GetSaveFileName, through github.com/sqweek/dialog): HR expects its
// Desktop, Documents and OneDrive there, in the system's language.
func init() {
	nativeFiles = windowsFiles
	documentsDirOS = func() string {
		d, err := windows.KnownFolderPath(windows.FOLDERID_Documents, 0)
		if err != nil {
			return ""
		}
		return d
	}
}

func windowsFiles(save bool, req FileRequest) (string, error) {
	// The common dialogs want a single-threaded COM apartment on the
	// thread that runs them.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if err := windows.CoInitializeEx(0, windows.COINIT_APARTMENTTHREADED); err == nil {
		defer windows.CoUninitialize()
	}
	return runNative(save, req)
}
