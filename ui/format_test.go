package ui

import (
	"errors"
	"testing"

	"crosstalk/app"
	"crosstalk/ui/internal/testapp"
)

func TestJapaneseWords(t *testing.T) {
	testapp.Japanese(t)
	for _, c := range []struct{ got, want string }{
		{ModeName(app.ModeInPerson), "対面"},
		{ErrorText(app.Reject(app.CodeRecipientBusy, "")), "お相手は今、多くのオファーを受けています。しばらくしてからもう一度お送りください。"},
		{ErrorText(errors.New("disk on fire")), "思いがけない問題が起きました。しばらくしてから、もう一度お試しください。"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
