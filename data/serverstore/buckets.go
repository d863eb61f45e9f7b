package serverstore

import (
	"encoding/json"
	"fmt"

	"crosstalk/app"
	"crosstalk/data"
	"crosstalk/data/internal/codec"
)

// source is one table's rows in a kind of bucket. cond selects the
// bucket's rows with ?1 the bucket's id, and ends in a WHERE clause; ev is
// the row's version within the bucket; cols and scan make the row's app
// value, or json, when set, is an SQL expression that makes its JSON
// directly (cols and scan are then unused).
type source struct {
	table string
	from  string // FROM and WHERE, with ?1 the bucket id
	ev    string // effective version expression
	cols  string
	scan  func(codec.Scanner) (any, error)
	json  string
}

// participantJSON is the JSON of app.Participant made by SQLite from the
// row p, as encoding/json would decode it, without cohorts: memberships
// travel as rows of their own. Redacted, a profile that is not visible
// keeps only what the people who already talk with its owner need: the
// name, reading, age band, company and role, and that it is hidden (a
// user bucket sends it so to the people of the owner's offers and talks;
// a cohort bucket lists no hidden profile at all). Its owner gets the
// whole profile from their own user bucket, with their mail (ownJSON).
//
// No JSON made here but ownJSON carries the person's e-mail address
// (participants.email), whether mail to it fails and why, or their mail
// choices: not a cohort bucket, not another person's user bucket, and not
// their company's bucket either. HR knows the address its import file
// gave, but the person may have confirmed another one of their own
// since, and no screen of HR needs it: the address stays between the
// person and the server (sync/e2e's TestMailAccountOnlyInOwnBucket).
func participantJSON(redact bool) string {
	return `json_object(` + participantFields(redact) + `)`
}

// ownJSON is participantJSON(false) with the person's mail account
// (app.MailAccount), for their own user bucket only.
const ownJSON = `json_object(` + participantFieldsFull + `,
		'mail', json_object('email', p.email, 'failing', json(CASE WHEN p.email_failed_at > 0 THEN 'true' ELSE 'false' END),
			'reason', p.email_error, 'mode', p.mail_mode, 'language', p.mail_language,
			'weekly', json(CASE WHEN p.mail_weekly THEN 'true' ELSE 'false' END)))`

// participantFieldsFull are the members of an unredacted profile.
const participantFieldsFull = `'id', p.id, 'companyId', p.company_id, 'name', p.name, 'kana', p.kana,
		'ageBand', p.age_band, 'jobRole', p.job_role,
		'themes', json(p.themes), 'interests', p.interests,
		'intro', p.intro, 'modes', json(p.modes),
		'freeTimes', p.free_times, 'freeWeek', json(p.free_week),
		'visible', json(CASE WHEN p.visible THEN 'true' ELSE 'false' END), 'role', p.role,
		'offersReceived', json(CASE WHEN p.offers_received THEN 'true' ELSE 'false' END)`

// participantFields are the members of participantJSON.
func participantFields(redact bool) string {
	if !redact {
		return participantFieldsFull
	}
	hide := func(expr, blank string) string {
		return `CASE WHEN p.visible THEN ` + expr + ` ELSE ` + blank + ` END`
	}
	return `'id', p.id, 'companyId', p.company_id, 'name', p.name, 'kana', p.kana,
		'ageBand', p.age_band, 'jobRole', ` + hide(`p.job_role`, `''`) + `,
		'themes', json(` + hide(`p.themes`, `'[]'`) + `), 'interests', ` + hide(`p.interests`, `''`) + `,
		'intro', ` + hide(`p.intro`, `''`) + `, 'modes', json(` + hide(`p.modes`, `'[]'`) + `),
		'freeTimes', ` + hide(`p.free_times`, `''`) + `, 'freeWeek', json(` + hide(`p.free_week`, `'[]'`) + `),
		'visible', json(CASE WHEN p.visible THEN 'true' ELSE 'false' END), 'role', p.role,
		'offersReceived', json(CASE WHEN p.visible AND p.offers_received THEN 'true' ELSE 'false' END)`
}

const companyJSON = `json_object('id', c.id, 'name', c.name, 'industry', c.industry)`

// A cohort bucket holds its listed members only (migration 009): the
// visible participants who have joined (participants.listed). Anyone else
// — hidden, not yet joined, HR, the secretariat — reaches a device only
// through its user bucket, as a person of the user's offers and talks.
//
// A cohort bucket's participants and companies are read by their own
// version, through an index. The writers keep a participant's version at
// or above each of their memberships', and raise a company's with its
// first listed member in a cohort and with a member who moves to it
// (migration 003, data.Tx.MembersWritten, data.Tx.CompaniesChanged). A
// person who becomes listed has their memberships, row and company raised
// (data.Tx.ListingsChanged). So a member who joins arrives with the
// membership, and a company with its first member (its later changes bump
// its version). One who is no longer listed leaves a 'listings' tombstone
// in each of their cohorts, the cohort bucket's only tombstones: a member
// who leaves while not listed tells the cohort's readers nothing.
var (
	srcOfferUser = source{table: "offers", from: `FROM offers o WHERE (o.from_id = ?1 OR o.to_id = ?1)`, ev: `o.version`,
		cols: codec.OfferCols, scan: func(sc codec.Scanner) (any, error) { return codec.ScanOffer(sc) }}
	srcTalkUser = source{table: "talks", from: `FROM talks t WHERE (t.a_id = ?1 OR t.b_id = ?1)`, ev: `t.version`,
		cols: codec.TalkCols, scan: func(sc codec.Scanner) (any, error) { return codec.ScanTalk(sc) }}
	srcSurveyUser = source{table: "surveys", from: `FROM surveys sv WHERE sv.author_id = ?1`, ev: `sv.version`,
		cols: surveyCols, scan: func(sc codec.Scanner) (any, error) { return scanSurvey(sc) }}
	// The programme survey and self-assessments of the user (issue 18):
	// like surveys, only their author's own devices receive them.
	srcProgrammeSurveyUser = source{table: "programme_surveys", from: `FROM programme_surveys ps WHERE ps.author_id = ?1`,
		ev: `ps.version`, cols: programmeSurveyCols, scan: func(sc codec.Scanner) (any, error) { return scanProgrammeSurvey(sc) }}
	srcSelfAssessmentUser = source{table: "self_assessments", from: `FROM self_assessments sa WHERE sa.author_id = ?1`,
		ev: `sa.version`, cols: selfAssessmentCols, scan: func(sc codec.Scanner) (any, error) { return scanSelfAssessment(sc) }}
	// The message threads of the user's offers and talks, and how far
	// each side has read them (issue 19): only the two people of the
	// offer receive them.
	srcMessageUser = source{table: "messages", from: `FROM messages m WHERE (m.author_id = ?1 OR m.to_id = ?1)`,
		ev: `m.version`, cols: codec.MessageCols, scan: func(sc codec.Scanner) (any, error) { return codec.ScanMessage(sc) }}
	srcMessageReadUser = source{table: "message_reads", from: `FROM message_reads r WHERE (r.reader_id = ?1 OR r.other_id = ?1)`,
		ev: `r.version`, cols: codec.MessageReadCols, scan: func(sc codec.Scanner) (any, error) { return codec.ScanMessageRead(sc) }}
	// The user's dismissed suggestions (issue 19), private to them; the
	// introductions of the user by the secretariat, which reach only the
	// two people introduced.
	srcDismissalUser = source{table: "suggestion_dismissals", from: `FROM suggestion_dismissals d WHERE d.owner_id = ?1`,
		ev: `d.version`, cols: codec.DismissalCols, scan: func(sc codec.Scanner) (any, error) { return codec.ScanDismissal(sc) }}
	srcIntroductionUser = source{table: "introductions", from: `FROM introductions i WHERE (i.a_id = ?1 OR i.b_id = ?1)`,
		ev: `i.version`, cols: codec.IntroductionCols, scan: func(sc codec.Scanner) (any, error) { return codec.ScanIntroduction(sc) }}
	srcBookmarkUser = source{table: "bookmarks", from: `FROM bookmarks b WHERE b.owner_id = ?1`, ev: `b.version`,
		json: `json_object('ownerId', b.owner_id, 'targetId', b.target_id)`}
	srcSelf = source{table: "participants", from: `FROM participants p WHERE p.id = ?1`, ev: `p.version`,
		json: ownJSON}
	// The user's own company (a cohort bucket sends it too, but only
	// while the user is in one).
	srcCompanySelf = source{table: "companies",
		from: `FROM companies c JOIN participants p ON p.company_id = c.id WHERE p.id = ?1`,
		ev:   `max(c.version, p.version)`, json: companyJSON}
	// The people of the user's offers and talks, and their companies, as
	// a cohort bucket has them: an offer or talk with someone who has
	// left every cohort of the user still shows who it is with.
	srcPeopleUser = source{table: "participants",
		from: `FROM participants p JOIN ` + counterparts + ` x ON x.other = p.id WHERE 1`,
		ev:   `max(p.version, x.v)`, json: participantJSON(true)}
	// The memberships of the user and of the people of their offers and
	// talks, in the cohorts the user is in: the user's own whether
	// listed or not, and the others' so that the device can check an
	// answer to an offer (both in the cohort) with someone hidden. They
	// come again when the user joins the cohort (um) or the other becomes
	// a counterpart (x).
	srcMembersUser = source{table: "cohort_members",
		from: `FROM cohort_members m JOIN (SELECT ?1 AS other, 0 AS v UNION ALL SELECT other, v FROM ` + counterparts + `) x
			ON m.participant_id = x.other
			JOIN cohort_members um ON um.cohort_id = m.cohort_id AND um.participant_id = ?1
			JOIN participants p ON p.id = m.participant_id WHERE 1`,
		ev: `max(m.version, x.v, um.version)`, json: membershipJSONListed}
	srcCompaniesUser = source{table: "companies",
		from: `FROM companies c JOIN (SELECT p.company_id AS company, max(max(p.version, x.v)) AS v
			FROM participants p JOIN ` + counterparts + ` x ON x.other = p.id GROUP BY p.company_id) y
			ON y.company = c.id WHERE 1`,
		ev: `max(c.version, y.v)`, json: companyJSON}

	srcCohort = source{table: "cohorts", from: `FROM cohorts WHERE id = ?1`, ev: `version`, cols: codec.CohortCols,
		scan: func(sc codec.Scanner) (any, error) { return codec.ScanCohort(sc) }}
	srcMembersCohort = source{table: "cohort_members",
		from: `FROM cohort_members m JOIN participants p ON p.id = m.participant_id WHERE m.cohort_id = ?1 AND p.listed`,
		ev:   `m.version`, json: membershipJSON}
	srcPeopleCohort = source{table: "participants",
		from: `FROM participants p INDEXED BY participants_version
			WHERE p.listed AND EXISTS (SELECT 1 FROM cohort_members m WHERE m.cohort_id = ?1 AND m.participant_id = p.id)`,
		ev: `p.version`, json: participantJSON(true)}
	srcCompaniesCohort = source{table: "companies",
		from: `FROM companies c WHERE EXISTS (SELECT 1 FROM participants p WHERE p.company_id = c.id AND p.listed
			AND EXISTS (SELECT 1 FROM cohort_members m WHERE m.cohort_id = ?1 AND m.participant_id = p.id))`,
		ev: `c.version`, json: companyJSON}

	srcCompany       = source{table: "companies", from: `FROM companies c WHERE c.id = ?1`, ev: `c.version`, json: companyJSON}
	srcPeopleCompany = source{table: "participants", from: `FROM participants p WHERE p.company_id = ?1`,
		ev: `p.version`, json: participantJSON(false)}
	srcMembersCompany = source{table: "cohort_members",
		from: `FROM cohort_members m JOIN participants p ON p.id = m.participant_id WHERE p.company_id = ?1`,
		ev:   `m.version`, json: membershipJSONNoFlags}
	srcCohortsCompany = source{table: "cohorts",
		from: `FROM cohorts JOIN (SELECT m.cohort_id, max(m.version) AS mv FROM cohort_members m
			JOIN participants p ON p.id = m.participant_id WHERE p.company_id = ?1 GROUP BY m.cohort_id) x
			ON x.cohort_id = cohorts.id WHERE 1`,
		ev: `max(cohorts.version, x.mv)`, cols: codec.CohortCols, scan: func(sc codec.Scanner) (any, error) { return codec.ScanCohort(sc) }}
)

// counterparts is the people the user ?1 has offers or talks with, as
// other, each with v the newest version of those offers and talks: their
// profiles are sent again whenever one changes, so that a new offer never
// arrives without its sender.
const counterparts = `(SELECT other, max(v) AS v FROM (
		SELECT CASE WHEN o.from_id = ?1 THEN o.to_id ELSE o.from_id END AS other, o.version AS v
			FROM offers o WHERE o.from_id = ?1 OR o.to_id = ?1
		UNION ALL
		SELECT CASE WHEN t.a_id = ?1 THEN t.b_id ELSE t.a_id END, t.version
			FROM talks t WHERE t.a_id = ?1 OR t.b_id = ?1)
	GROUP BY other)`

// membershipJSON carries at_cap (migration 018), a boolean and no count,
// as the cohort buckets send it: of listed people only.
const membershipJSON = `json_object('cohortId', m.cohort_id, 'participantId', m.participant_id,
	'atCap', json(CASE WHEN m.at_cap THEN 'true' ELSE 'false' END))`

// membershipJSONListed is membershipJSON for a row joined with its
// participant p: at_cap is told of the user (?1) and of people listed,
// the same as their cohort bucket says, and never of anyone else (a
// hidden counterpart).
const membershipJSONListed = `json_object('cohortId', m.cohort_id, 'participantId', m.participant_id,
	'atCap', json(CASE WHEN m.at_cap AND (p.listed OR p.id = ?1) THEN 'true' ELSE 'false' END))`

// membershipJSONNoFlags is a membership without at_cap, for HR's company
// bucket: HR has no use of it, and it would tell, person by person, who
// has a full set of offers waiting.
const membershipJSONNoFlags = `json_object('cohortId', m.cohort_id, 'participantId', m.participant_id,
	'atCap', json('false'))`

// bucketKind lists what each kind of bucket holds, and which tombstones
// (a pull from the start is sent none: it holds nothing to delete).
var bucketKinds = map[string]struct {
	sources    []source
	tombstones string // FROM and WHERE over tombstones ts, with ?1 the bucket id; the WHERE is one term
}{
	data.BucketUser: {[]source{srcSelf, srcCompanySelf, srcCompaniesUser, srcPeopleUser, srcMembersUser, srcOfferUser, srcTalkUser, srcSurveyUser,
		srcProgrammeSurveyUser, srcSelfAssessmentUser, srcBookmarkUser, srcMessageUser, srcMessageReadUser,
		srcDismissalUser, srcIntroductionUser, srcDevicesUser},
		`FROM tombstones ts WHERE (ts.tbl = 'bookmarks' AND ts.row_key >= ?1 || '/' AND ts.row_key < ?1 || '0'
			OR ts.tbl = 'cohort_members' AND ts.row_key IN (SELECT c.id || '/' || ?1 FROM cohorts c
				UNION ALL SELECT um.cohort_id || '/' || x.other FROM cohort_members um JOIN ` + counterparts + ` x
					WHERE um.participant_id = ?1))`},
	data.BucketCohort: {[]source{srcCohort, srcCompaniesCohort, srcPeopleCohort, srcMembersCohort},
		`FROM tombstones ts WHERE ts.tbl = 'listings' AND ts.row_key >= ?1 || '/' AND ts.row_key < ?1 || '0'`},
	data.BucketCompany: {[]source{srcCompany, srcCohortsCompany, srcPeopleCompany, srcMembersCompany},
		`FROM tombstones ts WHERE ts.tbl = 'cohort_members' AND substr(ts.row_key, instr(ts.row_key, '/') + 1) IN
			(SELECT id FROM participants WHERE company_id = ?1)`},
}

// withTail scans extra trailing columns after a row's own.
type withTail struct {
	sc   codec.Scanner
	tail *int64
}

func (w withTail) Scan(dest ...any) error { return w.sc.Scan(append(dest, w.tail)...) }

const surveyCols = `sv.talk_id, sv.author_id, sv.satisfaction, sv.recommend, sv.comment, sv.created_at`

func scanSurvey(sc codec.Scanner) (app.Survey, error) {
	var s app.Survey
	var created int64
	err := sc.Scan(&s.TalkID, &s.AuthorID, &s.Satisfaction, &s.Recommend, &s.Comment, &created)
	s.CreatedAt = codec.FromMillis(created)
	return s, err
}

const programmeSurveyCols = `ps.cohort_id, ps.author_id, ps.satisfaction, ps.next_round, ps.recommend,
	ps.insight, ps.next_step, ps.created_at`

func scanProgrammeSurvey(sc codec.Scanner) (app.ProgrammeSurvey, error) {
	var s app.ProgrammeSurvey
	var created int64
	err := sc.Scan(&s.CohortID, &s.AuthorID, &s.Satisfaction, &s.NextRound, &s.Recommend, &s.Insight,
		&s.NextStep, &created)
	s.CreatedAt = codec.FromMillis(created)
	return s, err
}

const selfAssessmentCols = `sa.cohort_id, sa.author_id, sa.phase, sa.answers, sa.created_at`

func scanSelfAssessment(sc codec.Scanner) (app.SelfAssessment, error) {
	var a app.SelfAssessment
	var answers string
	var created int64
	if err := sc.Scan(&a.CohortID, &a.AuthorID, &a.Phase, &answers, &created); err != nil {
		return a, err
	}
	a.CreatedAt = codec.FromMillis(created)
	if err := json.Unmarshal([]byte(answers), &a.Answers); err != nil {
		return a, fmt.Errorf("self-assessment of %s by %s: %w", a.CohortID, a.AuthorID, err)
	}
	return a, nil
}
