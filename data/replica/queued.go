package replica

// queuedCol is a column of a query over offers o: whether a change of o
// waits in the outbox, its sending (offer.send.v1, whose id is the
// offer's) or an answer (offer.*.v1, whose offerId is).
const queuedCol = `EXISTS (SELECT 1 FROM outbox q WHERE q.name LIKE 'offer.%'
	AND coalesce(json_extract(q.args, '$.offerId'), json_extract(q.args, '$.id')) = o.id)`

// queuedTalkCol is a column of a query over talks t: whether a change of
// t (talk.*.v1, whose talkId is its id) waits in the outbox.
const queuedTalkCol = `EXISTS (SELECT 1 FROM outbox q WHERE q.name LIKE 'talk.%'
	AND json_extract(q.args, '$.talkId') = t.id)`
