// Runs after every other project of the suite (vitest project "privacy-check", sequence.groupOrder 1):
// reads everything the server side wrote during this run (tests/support/log-capture.ts) and proves
// that no ID number, phone number or medical note is in it. Capturing nothing is a broken capture,
// not a pass: the suite always drives the unexpected-error and database-unavailable paths
// (tests/privacy/error-paths.test.ts, and on PostgreSQL tests/faults/db-faults.test.ts).
import { describe, expect, it } from 'vitest';
import { findLeaks, logEvents, readCapture, shownSafely } from '../support/log-scan.js';

describe('what the server wrote during the whole suite', () => {
  const dir = process.env.LOG_CAPTURE_DIR;

  it('was captured: log lines from the unexpected-error and database-unavailable paths are there', () => {
    expect(dir, 'LOG_CAPTURE_DIR is set by tests/support/log-capture-setup.ts').toBeTruthy();
    const { files, lines } = readCapture(dir!);
    const events = logEvents(lines);
    const count = (event: string) => events.filter((e) => e.event === event).length;
    console.log(`[privacy] ${files.length} worker capture file(s), ${lines.length} lines, ${events.length} log events: unexpected_error ×${count('unexpected_error')}, db_unavailable ×${count('db_unavailable')}, data_exception ×${count('data_exception')}`);
    expect(lines.length).toBeGreaterThan(0);
    expect(count('unexpected_error')).toBeGreaterThan(0);
    expect(count('db_unavailable')).toBeGreaterThan(0);
  });

  it('holds no ID number, phone number or medical note', () => {
    const { files } = readCapture(dir!);
    const leaks = files.flatMap((f) => findLeaks(f.text, f.file));
    expect(leaks.map(shownSafely)).toEqual([]);
  });
});
