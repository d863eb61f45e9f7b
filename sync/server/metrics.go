package server

import (
	"context"
	"math"
	"net/http"
	"strconv"
	gosync "sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"crosstalk/app"
	"crosstalk/sync/mail"
	"crosstalk/sync/wire"
)

// metrics are the server's Prometheus series, in a registry of its own
// (not the global one), so that a process may run several servers, as
// the tests do. MetricsHandler serves them.
//
//	crosstalk_requests_total{endpoint,status}          requests answered
//	crosstalk_request_duration_seconds{endpoint}       their latency (a poke waits up to PokeWait)
//	crosstalk_request_errors_total{endpoint,code}      non-2xx answers by wire error code
//	crosstalk_pushes_total                             push requests processed
//	crosstalk_mutations_total{result}                  pushed mutations: applied, rejected, duplicate
//	crosstalk_rejections_total{code}                   business rejections by code (app.Code)
//	crosstalk_pulls_total                              pull requests answered
//	crosstalk_pull_rows_total                          rows and tombstones sent
//	crosstalk_pull_resets_total                        bucket pages sent as a reset (after a restore, pruned tombstones)
//	crosstalk_active_devices{window}                   devices with a request in the last 15m, 24h
//
// and, when mail is on (Options.Mail), since the server started:
//
//	crosstalk_mail_queued_total                        mails queued in the outbox
//	crosstalk_mail_sent_total                          mails the relay accepted
//	crosstalk_mail_retried_total                       temporary failures, tried again later
//	crosstalk_mail_failed_total                        mails given up (refused for good, too many attempts, address failing)
//	crosstalk_mail_uncertain_total                     mails the relay may have, not sent again (a stop while ending DATA)
//	crosstalk_mail_outbox_queued                       mails waiting in the outbox now
//
// and Go's and the process's own (go_*, process_*).
type metrics struct {
	reg        *prometheus.Registry
	requests   *prometheus.CounterVec
	duration   *prometheus.HistogramVec
	errors     *prometheus.CounterVec
	pushes     prometheus.Counter
	mutations  *prometheus.CounterVec
	rejections *prometheus.CounterVec
	pulls      prometheus.Counter
	pullRows   prometheus.Counter
	pullResets prometheus.Counter

	mu   gosync.Mutex
	seen map[string]time.Time // device → last request, for active devices
	now  func() time.Time
}

// Windows of crosstalk_active_devices.
var activeWindows = []struct {
	label string
	d     time.Duration
}{{"15m", 15 * time.Minute}, {"24h", 24 * time.Hour}}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "crosstalk_requests_total", Help: "Requests answered, by endpoint and HTTP status.",
		}, []string{"endpoint", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "crosstalk_request_duration_seconds", Help: "Time to answer a request, by endpoint; a poke waits for a change.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"endpoint"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "crosstalk_request_errors_total", Help: "Answers other than 2xx, by endpoint and wire error code.",
		}, []string{"endpoint", "code"}),
		pushes: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "crosstalk_pushes_total", Help: "Push requests processed.",
		}),
		mutations: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "crosstalk_mutations_total", Help: "Pushed mutations: applied, rejected (processed with a code) or duplicate (answered from the stored result).",
		}, []string{"result"}),
		rejections: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "crosstalk_rejections_total", Help: "Mutations rejected by a business rule, by code.",
		}, []string{"code"}),
		pulls: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "crosstalk_pulls_total", Help: "Pull requests answered.",
		}),
		pullRows: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "crosstalk_pull_rows_total", Help: "Rows and tombstones sent in pulls.",
		}),
		pullResets: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "crosstalk_pull_resets_total", Help: "Bucket pages sent as a reset (a new epoch after a restore, pruned tombstones, a cursor ahead of the server).",
		}),
		seen: map[string]time.Time{},
		now:  time.Now,
	}
	m.reg.MustRegister(m.requests, m.duration, m.errors, m.pushes, m.mutations, m.rejections,
		m.pulls, m.pullRows, m.pullResets,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	for _, w := range activeWindows {
		m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "crosstalk_active_devices", Help: "Devices that made an authenticated request within the window (since the server started).",
			ConstLabels: prometheus.Labels{"window": w.label},
		}, func() float64 { return float64(m.active(w.d)) }))
	}
	// Series that exist from the start read 0 rather than missing.
	for _, r := range []string{"applied", "rejected", "duplicate"} {
		m.mutations.WithLabelValues(r)
	}
	return m
}

// watchMail adds the mail sender's series.
func (m *metrics) watchMail(svc *mail.Service) {
	for _, c := range []struct {
		name, help string
		value      func(mail.Stats) uint64
	}{
		{"crosstalk_mail_queued_total", "Mails queued in the outbox.", func(s mail.Stats) uint64 { return s.Queued }},
		{"crosstalk_mail_sent_total", "Mails the SMTP relay accepted.", func(s mail.Stats) uint64 { return s.Sent }},
		{"crosstalk_mail_retried_total", "Temporary delivery failures, tried again later.", func(s mail.Stats) uint64 { return s.Retried }},
		{"crosstalk_mail_failed_total", "Mails given up: refused for good, too many attempts, or to an address that failed.", func(s mail.Stats) uint64 { return s.Failed }},
		{"crosstalk_mail_uncertain_total", "Mails the relay may have (the sender stopped while ending DATA): not sent again.", func(s mail.Stats) uint64 { return s.Uncertain }},
	} {
		m.reg.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{Name: c.name, Help: c.help},
			func() float64 { return float64(c.value(svc.Stats())) }))
	}
	m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "crosstalk_mail_outbox_queued", Help: "Mails waiting in the outbox (state queued).",
	}, func() float64 {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		n, err := svc.Waiting(ctx)
		if err != nil {
			return math.NaN()
		}
		return float64(n)
	}))
}

// endpointName is a request path as a label: the protocol's endpoints,
// and "other" for anything else, so that a scan of random paths cannot
// grow the series.
func endpointName(path string) string {
	switch path {
	case wire.PathRedeem:
		return "redeem"
	case wire.PathPush:
		return "push"
	case wire.PathPull:
		return "pull"
	case wire.PathPoke:
		return "poke"
	case wire.PathHealth:
		return "health"
	}
	return "other"
}

// request records one answered request.
func (m *metrics) request(path string, status int, code string, device string, d time.Duration) {
	ep := endpointName(path)
	m.requests.WithLabelValues(ep, statusText(status)).Inc()
	m.duration.WithLabelValues(ep).Observe(d.Seconds())
	if status >= 300 && code != "" {
		m.errors.WithLabelValues(ep, code).Inc()
	}
	if device != "" {
		m.mu.Lock()
		m.seen[device] = m.now()
		m.mu.Unlock()
	}
}

// active counts the devices seen within d, and forgets those older than
// the longest window.
func (m *metrics) active(d time.Duration) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	longest := activeWindows[len(activeWindows)-1].d
	n := 0
	for dev, at := range m.seen {
		age := now.Sub(at)
		if age > longest {
			delete(m.seen, dev)
			continue
		}
		if age <= d {
			n++
		}
	}
	return n
}

// pushed records one processed push.
func (m *metrics) pushed(applied, duplicate int, codes []app.Code) {
	m.pushes.Inc()
	m.mutations.WithLabelValues("applied").Add(float64(applied))
	m.mutations.WithLabelValues("duplicate").Add(float64(duplicate))
	m.mutations.WithLabelValues("rejected").Add(float64(len(codes)))
	for _, c := range codes {
		m.rejections.WithLabelValues(string(c)).Inc()
	}
}

// pulled records one answered pull.
func (m *metrics) pulled(rows, resets int) {
	m.pulls.Inc()
	m.pullRows.Add(float64(rows))
	m.pullResets.Add(float64(resets))
}

func statusText(code int) string {
	if code >= 100 && code < 600 {
		return strconv.Itoa(code)
	}
	return "other"
}

// MetricsHandler serves the server's metrics in Prometheus's text format.
// It is not part of Handler: serve it on a listener of its own, on
// loopback unless a scraper elsewhere needs it (crosstalk-server's
// -metrics-addr).
func (s *Server) MetricsHandler() http.Handler {
	return promhttp.HandlerFor(s.metrics.reg, promhttp.HandlerOpts{Registry: s.metrics.reg})
}
