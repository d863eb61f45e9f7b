package wire

import "crosstalk/app"

// The secretariat's introductions (issue 19): the secretariat introduces
// two participants of a cohort to each other with a short note, and reads
// a cohort's introductions. Both for the secretariat only.
const (
	PathAdminIntroduce     = "/v1/admin/introductions/new" // POST IntroduceRequest: app.Introduction
	PathAdminIntroductions = "/v1/admin/introductions"     // POST IntroductionsRequest: IntroductionsResponse
)

// IntroduceRequest introduces A and B, of CohortID, with Note.
type IntroduceRequest struct {
	CohortID string `json:"cohortId"`
	AID      string `json:"aId"`
	BID      string `json:"bId"`
	Note     string `json:"note"`
}

// IntroductionsRequest asks for a cohort's introductions.
type IntroductionsRequest struct {
	CohortID string `json:"cohortId"`
}

// IntroductionsResponse lists a cohort's introductions, newest first.
type IntroductionsResponse struct {
	Introductions []app.Introduction `json:"introductions"`
}
