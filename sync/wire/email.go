package wire

// A person's own e-mail address (issue 17): any role enters a new one
// (POST PathEmailStart EmailStartRequest: EmailStartResponse), the server
// mails a six-digit code to it, and the person types the code back
// (POST PathEmailConfirm EmailConfirmRequest: EmailConfirmResponse). Only
// then is the address theirs, which their devices pull in their own user
// bucket. Refusals are AdminErrors with a reason: app.CodeBadArgs (not an
// address), app.CodeEmailTooMany (too many codes in an hour),
// app.CodeMailOff (the server sends no mail), app.CodeEmailCodeWrong,
// app.CodeEmailCodeExpired (or none waiting), app.CodeEmailCodeLocked
// (too many wrong codes: ask for a new one). Each call is for the
// caller's own address only: no request names a person.
const (
	PathEmailStart   = "/v1/email/start"
	PathEmailConfirm = "/v1/email/confirm"
)

// EmailStartRequest asks for a code at a new address.
type EmailStartRequest struct {
	Address string `json:"address"`
}

// EmailStartResponse says how long the code mailed works.
type EmailStartResponse struct {
	ValidSeconds int64 `json:"validSeconds"`
}

// EmailConfirmRequest gives back the code mailed.
type EmailConfirmRequest struct {
	Code string `json:"code"`
}

// EmailConfirmResponse is the address now the person's.
type EmailConfirmResponse struct {
	Address string `json:"address"`
}
