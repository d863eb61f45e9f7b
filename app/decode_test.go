package app

import (
	"encoding/json"
	"strings"
	"testing"
)

// argTypes makes a fresh value of every mutator's argument type.
var argTypes = map[string]func() any{
	OfferSend:             func() any { return new(SendOfferArgs) },
	OfferAccept:           func() any { return new(AcceptOfferArgs) },
	OfferCounter:          func() any { return new(CounterOfferArgs) },
	OfferDecline:          func() any { return new(DeclineOfferArgs) },
	OfferWithdraw:         func() any { return new(WithdrawOfferArgs) },
	TalkCancel:            func() any { return new(CancelTalkArgs) },
	TalkReschedule:        func() any { return new(RescheduleTalkArgs) },
	TalkProposeTime:       func() any { return new(ProposeTimeArgs) },
	TalkAcceptTime:        func() any { return new(TimeAnswerArgs) },
	TalkDeclineTime:       func() any { return new(TimeAnswerArgs) },
	TalkWithdrawTime:      func() any { return new(TimeAnswerArgs) },
	TalkMarkHeld:          func() any { return new(TalkArgs) },
	TalkMarkNoShow:        func() any { return new(TalkArgs) },
	SurveySubmit:          func() any { return new(SubmitSurveyArgs) },
	ProfileUpdate:         func() any { return new(UpdateProfileArgs) },
	BookmarkSet:           func() any { return new(SetBookmarkArgs) },
	MailSet:               func() any { return new(MailSettings) },
	SelfAssessmentSubmit:  func() any { return new(SelfAssessmentArgs) },
	ProgrammeSurveySubmit: func() any { return new(ProgrammeSurveyArgs) },
	MessageSend:           func() any { return new(SendMessageArgs) },
	MessageRead:           func() any { return new(ReadMessagesArgs) },
	SuggestionDismiss:     func() any { return new(DismissSuggestionArgs) },
}

func TestEveryMutatorIsRegistered(t *testing.T) {
	if len(MutatorNames()) != len(argTypes) {
		t.Fatalf("%d mutators registered, %d argument types known", len(MutatorNames()), len(argTypes))
	}
	for name := range argTypes {
		if _, ok := Lookup(name); !ok {
			t.Errorf("%s is not registered", name)
		}
		if !strings.HasSuffix(name, ".v1") {
			t.Errorf("%s has no version suffix", name)
		}
	}
}

func TestDecodeArgs(t *testing.T) {
	var a SendOfferArgs
	if err := DecodeArgs([]byte(`{"id":"x","slots":["2026-12-01T10:00:00+09:00"]}`), &a); err != nil || len(a.Slots) != 1 {
		t.Fatalf("valid arguments: %v %+v", err, a)
	}
	for _, bad := range []string{``, `{`, `{"id":1}`, `{"nope":1}`, `{} {}`, `{"slots":"x"}`, "{\"id\":\"\xff\"}"} {
		if err := DecodeArgs([]byte(bad), &a); CodeOf(err) != CodeBadArgs {
			t.Errorf("%q: %v, want bad_args", bad, err)
		}
	}
	if err := DecodeArgs([]byte(`"`+strings.Repeat("x", MaxArgsBytes)+`"`), &a); CodeOf(err) != CodeTooLarge {
		t.Errorf("oversized: %v", err)
	}
}

// FuzzDecodeArgs decodes arbitrary bytes as every argument type: each
// attempt succeeds or is a typed rejection, never a panic, and what
// decodes encodes again.
func FuzzDecodeArgs(f *testing.F) {
	for _, s := range []string{`{}`, `null`, `{"id":"a","slots":[]}`, `{"satisfaction":7,"recommend":10}`,
		`{"modes":["online"],"themes":["DX"]}`, `{"start":"2026-12-01T10:00:00Z","place":null}`, `{"on":true}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		for name, mk := range argTypes {
			v := mk()
			err := DecodeArgs(raw, v)
			if err != nil {
				if c := CodeOf(err); c != CodeBadArgs && c != CodeTooLarge {
					t.Fatalf("%s: %v is not a typed rejection", name, err)
				}
				continue
			}
			if _, err := json.Marshal(v); err != nil {
				t.Fatalf("%s: decoded %q but cannot encode it: %v", name, raw, err)
			}
		}
	})
}
