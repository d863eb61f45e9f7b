// Package icaltest reads calendar files in tests with a strict parser,
// Debian's python3-icalendar (run by /usr/bin/python3, whatever python3
// comes first on PATH), so that what the app and the server write is
// checked by a program that is not ours.
package icaltest

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// python is the Python that has Debian's python3-icalendar: the
// system's, whatever python3 comes first on PATH.
const python = "/usr/bin/python3"

// check reads the calendar file named by its argument with the
// icalendar library and fails (exit 1, the reason on stderr) on anything
// it cannot read: a line it cannot parse, a component that recorded
// errors, a property that does not decode to its type, a required
// property missing. It prints each event's values as icalendar decodes
// them, as JSON.
const check = `
import datetime, json, sys
import icalendar

with open(sys.argv[1], 'rb') as f:
    raw = f.read()
raw.decode('utf-8')  # strictly UTF-8
cal = icalendar.Calendar.from_ical(raw)
problems = []
for comp in cal.walk():
    for err in getattr(comp, 'errors', []):
        problems.append('%s: %s' % (comp.name, err))
    for name in comp:
        try:
            comp.decoded(name)
        except Exception as e:
            problems.append('%s.%s does not decode: %r' % (comp.name, name, e))
for name in ('VERSION', 'PRODID'):
    if name not in cal:
        problems.append('VCALENDAR lacks ' + name)
for ev in cal.walk('VEVENT'):
    for name in ('UID', 'DTSTAMP', 'DTSTART', 'DTEND'):
        if name not in ev:
            problems.append('VEVENT lacks ' + name)
if problems:
    sys.stderr.write('\n'.join(problems) + '\n')
    sys.exit(1)

def text(v):
    return str(v, 'utf-8') if isinstance(v, bytes) else str(v)

events = []
for ev in cal.walk('VEVENT'):
    out = {}
    for name in ('UID', 'SUMMARY', 'LOCATION', 'DESCRIPTION', 'STATUS', 'URL'):
        if name in ev:
            out[name] = text(ev.decoded(name))
    for name in ('DTSTART', 'DTEND'):
        out[name] = ev.decoded(name).isoformat()
    if 'SEQUENCE' in ev:
        out['SEQUENCE'] = int(ev.decoded('SEQUENCE'))
    out['METHOD'] = text(cal.decoded('METHOD')) if 'METHOD' in cal else ''
    out['ALARMS'] = [[text(a.decoded('TRIGGER')), text(a.decoded('DESCRIPTION'))] for a in ev.walk('VALARM')]
    events.append(out)
json.dump(events, sys.stdout, ensure_ascii=False)
`

// Parse reads the calendar file data with Debian's python3-icalendar, a
// strict parser, fails the test on anything it cannot read, and returns
// each event's values as icalendar decodes them: UID, SUMMARY, LOCATION,
// DESCRIPTION, STATUS, URL (strings), DTSTART and DTEND (ISO 8601),
// SEQUENCE (a number), the file's METHOD, and ALARMS ([trigger, text]
// pairs).
func Parse(t testing.TB, data []byte) []map[string]any {
	t.Helper()
	if _, err := os.Stat(python); err != nil {
		t.Fatalf("%s is missing; this test reads the calendar file with Debian's python3-icalendar. "+
			"Install it with: apt-get install -y --no-install-recommends python3-icalendar (.ci/run installs it)", python)
	}
	path := filepath.Join(t.TempDir(), "talks.ics")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, python, "-c", check, path)
	cmd.Env = append(os.Environ(), "PYTHONDONTWRITEBYTECODE=1", "PYTHONIOENCODING=utf-8")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if strings.Contains(stderr.String(), "No module named 'icalendar'") {
			t.Fatalf("%s has no icalendar module. Install it with: apt-get install -y --no-install-recommends python3-icalendar (.ci/run installs it)", python)
		}
		t.Fatalf("python3-icalendar does not accept the calendar file: %v\n%s\n%s", err, stderr.String(), data)
	}
	var events []map[string]any
	if err := json.Unmarshal(stdout.Bytes(), &events); err != nil {
		t.Fatalf("the check's output: %v\n%s", err, stdout.String())
	}
	return events
}
