// Small: the vocabulary read from the machine, the report shapes and the CSV, with no Nest and no database.
import type { StageFiguresRow } from '@enlace/persistence';
import { isIsoDate } from '@enlace/workflows';
import { daysLate } from './overdue.service.js';
import {
  AUTHORITY_DECISION_STAGE,
  CANCILLERIA_DECISION_STAGE,
  DEADLINE_STAGES,
  STAGES,
  measureTypesOf,
  urgentDeadlineOf,
} from './stages.js';
import { overdueCsv, suppressOverdueCount, suppressStage, turnaroundCsv, turnaroundItems, type TurnaroundReport } from './turnaround-report.js';

const row = (overrides: Partial<StageFiguresRow>): StageFiguresRow => ({
  stage: 'draft',
  visits: 1,
  finished: 1,
  open: 0,
  overdue: 0,
  medianHours: 1,
  p90Hours: 1,
  maxHours: 1,
  firstVisitsDecided: 0,
  firstVisitsReturned: 0,
  visitsDecided: 0,
  visitsRefused: 0,
  ...overrides,
});

describe('the stages, as the machine and the service levels define them', () => {
  it('are the states a request waits in, in lifecycle order, without the final ones', () => {
    expect(STAGES).toEqual([
      'draft',
      'standardized',
      'pending_authorization',
      'authorized',
      'sent_to_requested_cancilleria',
      'received_by_requested_cancilleria',
      'transmitted',
      'acknowledged',
      'conditions_proposed',
      'postponed',
      'returned_for_correction',
      'info_requested',
      'executed',
    ]);
    expect(DEADLINE_STAGES.every((s) => STAGES.includes(s as never))).toBe(true);
  });

  it('place the returned share where RETURN leaves and the refused share where REFUSE leaves', () => {
    expect([CANCILLERIA_DECISION_STAGE, AUTHORITY_DECISION_STAGE]).toEqual(['pending_authorization', 'acknowledged']);
  });

  it('read the kinds of measure once each, and an urgent date only when urgent and real', () => {
    expect(measureTypesOf({ measures: [{ type: 'testimony', description: 'a' }, { type: 'bank_records', description: 'b' }, { type: 'testimony', description: 'c' }] })).toEqual([
      'bank_records',
      'testimony',
    ]);
    expect(measureTypesOf({})).toEqual([]);
    expect(urgentDeadlineOf({ urgency: { urgent: true, deadline: '2026-04-30' } })).toBe('2026-04-30');
    expect(urgentDeadlineOf({ urgency: { urgent: false, deadline: '2026-04-30' } })).toBeUndefined();
    expect(urgentDeadlineOf({ urgency: { urgent: true, deadline: '2026-02-30' } })).toBeUndefined();
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-2-1')).toBe(false);
  });
});

describe('days late', () => {
  const due = new Date('2026-03-09T11:00:00Z');
  it('counts every started day, from the first instant after the due time', () => {
    expect(daysLate(due, due)).toBe(0);
    expect(daysLate(due, new Date(due.getTime() + 1))).toBe(1);
    expect(daysLate(due, new Date('2026-03-10T11:00:00Z'))).toBe(1);
    expect(daysLate(due, new Date('2026-03-10T11:00:01Z'))).toBe(2);
  });
});

describe('the turnaround report', () => {
  it('lists every stage when grouped by stage, in hours, with the shares on their stage only', () => {
    const items = turnaroundItems(
      [
        row({ stage: 'pending_authorization', medianHours: 27, p90Hours: 332.0000001, maxHours: 334, firstVisitsDecided: 3, firstVisitsReturned: 1 }),
        row({ stage: 'acknowledged', visitsDecided: 0, visitsRefused: 0 }),
      ],
      'stage',
    );
    expect(items.map((i) => i.stage)).toEqual(STAGES);
    expect(items[0]).toMatchObject({ stage: 'draft', visits: 0, medianHours: null, decided: null, returnedShare: null });
    expect(items[2]).toMatchObject({ medianHours: 27, p90Hours: 332, maxHours: 334, decided: 3, returned: 1, returnedShare: 0.3333, refused: null });
    // Nothing decided yet: no share rather than a division by zero.
    expect(items[7]).toMatchObject({ stage: 'acknowledged', decided: 0, refused: 0, refusedShare: null, returned: null });
  });

  it('sorts pairs, then stages in lifecycle order', () => {
    const items = turnaroundItems(
      [
        row({ stage: 'transmitted', requestingCountry: 'GT', requestedCountry: 'MX' }),
        row({ stage: 'draft', requestingCountry: 'HN', requestedCountry: 'MX' }),
        row({ stage: 'draft', requestingCountry: 'GT', requestedCountry: 'MX' }),
      ],
      'countryPair',
    );
    expect(items.map((i) => `${i.requestingCountry}-${i.requestedCountry} ${i.stage}`)).toEqual(['GT-MX draft', 'GT-MX transmitted', 'HN-MX draft']);
  });

  it('writes CSV with the JSON columns, empty cells for null, and quotes where RFC 4180 needs them', () => {
    const report: TurnaroundReport = {
      asOf: '2026-03-16T09:00:00.000Z',
      scope: { kind: 'region' },
      filter: { from: null, to: null, requestedCountry: null },
      groupBy: 'measure',
      unit: 'hours',
      suppressedBelow: null,
      items: turnaroundItems([row({ measure: 'other, "special"' })], 'measure'),
    };
    expect(turnaroundCsv(report)).toBe(
      'measure,stage,visits,finished,open,overdue,medianHours,p90Hours,maxHours,decided,returned,returnedShare,refused,refusedShare,suppressed\r\n' +
        '"other, ""special""",draft,1,1,0,0,1,1,1,,,,,,false\r\n',
    );
    // Held back (fewer than 5): the group is named, every figure empty.
    const held = { ...report, suppressedBelow: 5, items: report.items.map((i) => suppressStage(i, 5)) };
    expect(turnaroundCsv(held).split('\r\n')[1]).toBe('"other, ""special""",draft,,,,,,,,,,,,,true');
  });

  it("exports a supervisor's late requests, and only the counts for the admin", () => {
    const base = { asOf: '', scope: { kind: 'region' as const }, filter: { requestedCountry: null, stage: null }, total: 1, page: 1, pageSize: 100, suppressedBelow: null };
    const counts = [{ stage: 'transmitted', requestingCountry: 'GT', requestedCountry: 'MX', overdue: 1, maxDaysLate: 3, suppressed: false }];
    expect(overdueCsv({ ...base, counts })).toBe('stage,requestingCountry,requestedCountry,overdue,maxDaysLate,suppressed\r\ntransmitted,GT,MX,1,3,false\r\n');
    expect(overdueCsv({ ...base, counts: counts.map((c) => suppressOverdueCount(c, 5)) })).toBe(
      'stage,requestingCountry,requestedCountry,overdue,maxDaysLate,suppressed\r\ntransmitted,GT,MX,,,true\r\n',
    );
    expect(overdueCsv({ ...base, counts, items: [] }).split('\r\n')[0]).toBe(
      'requestId,reference,requestingCountry,requestedCountry,stage,enteredAt,dueAt,daysLate,responsibleCountry,office',
    );
  });
});
