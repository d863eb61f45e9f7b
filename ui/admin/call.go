package admin

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2/lang"

	"crosstalk/app"
	"crosstalk/ui/widgets"
)

// errorText is what the user reads about a failed administration
// call: the offline sentence, the rejection's own sentence, or a plain
// sentence with what to do.
func errorText(err error) string {
	if errors.Is(err, app.ErrOffline) {
		return lang.X("admin.offline", "The server cannot be reached. Please check the network and try again.")
	}
	var r *app.Rejection
	if errors.As(err, &r) {
		const missing = "\x00"
		if s := lang.X("reject."+string(r.Code), missing); s != missing {
			return s
		}
		return lang.X("admin.rejected", "The server did not accept this. Please check the content and try again.")
	}
	return lang.X("admin.failed", "This could not be done. Please try again later; if it keeps happening, please contact the secretariat.")
}

// callTimeout bounds one call to the server, so that a view never waits
// for ever.
const callTimeout = 2 * time.Minute

// callServer runs work with a bounded context off the UI goroutine and
// done on it.
func callServer[T any](work func(ctx context.Context) (T, error), done func(T, error)) {
	widgets.Background(func() (T, error) {
		ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
		defer cancel()
		return work(ctx)
	}, done)
}
