import { readFileSync } from 'node:fs';
import { DataFileError } from '../rules/data-file.reader.js';
import { SERVICE_LEVELS, advanceCopyDeadline, datedDeadline, deadlineFor, parseServiceLevels, type DeadlineInput } from './service-levels.js';

const at = (iso: string): Date => new Date(iso);
const rawFile = (): Record<string, any> =>
  JSON.parse(readFileSync(new URL('./service-levels.json', import.meta.url), 'utf8')) as Record<string, any>;

const gtToMx = (stage: string, enteredAt: string, extra: Partial<DeadlineInput> = {}): DeadlineInput => ({
  stage,
  enteredAt: at(enteredAt),
  requestingCountry: 'GT',
  requestedCountry: 'MX',
  ...extra,
});

describe('the service levels shipped', () => {
  it('are the nine agreed times', () => {
    expect(SERVICE_LEVELS.stages.map(({ stage, responsible, office, basis, days }) => ({ stage, responsible, office, basis, days }))).toEqual([
      { stage: 'pending_authorization', responsible: 'requesting', office: 'cancilleria', basis: 'working_days', days: 5 },
      { stage: 'authorized', responsible: 'requesting', office: 'cancilleria', basis: 'working_days', days: 2 },
      { stage: 'sent_to_requested_cancilleria', responsible: 'requested', office: 'cancilleria', basis: 'working_days', days: 3 },
      { stage: 'received_by_requested_cancilleria', responsible: 'requested', office: 'cancilleria', basis: 'working_days', days: 5 },
      { stage: 'transmitted', responsible: 'requested', office: 'central_authority', basis: 'calendar_days', days: 7 },
      { stage: 'acknowledged', responsible: 'requested', office: 'central_authority', basis: 'calendar_days', days: 90 },
      { stage: 'info_requested', responsible: 'requesting', office: 'fiscal', basis: 'calendar_days', days: 15 },
      { stage: 'returned_for_correction', responsible: 'requesting', office: 'fiscal', basis: 'calendar_days', days: 15 },
      { stage: 'conditions_proposed', responsible: 'requesting', office: 'fiscal', basis: 'calendar_days', days: 15 },
    ]);
    expect(SERVICE_LEVELS.overrides).toEqual({});
  });
});

describe('deadlineFor', () => {
  it("gives the cancillería 5 working days on the requesting country's calendar", () => {
    // Monday 23 November 2026: US Thanksgiving (Thursday 26) delays a US cancillería, not a Guatemalan one.
    expect(deadlineFor(gtToMx('pending_authorization', '2026-11-23T14:00:00Z'))).toEqual({
      dueAt: at('2026-11-30T14:00:00Z'),
      responsibleCountry: 'GT',
      office: 'cancilleria',
      basis: 'working_days',
      days: 5,
      tightenedByUrgency: false,
    });
    expect(
      deadlineFor({ ...gtToMx('pending_authorization', '2026-11-23T14:00:00Z'), requestingCountry: 'US', requestedCountry: 'GT' })?.dueAt,
    ).toEqual(at('2026-12-01T14:00:00Z'));
  });

  it('gives the authorized stage to whoever transmits on the route: the central authority between central authorities, the cancillería on the diplomatic channel', () => {
    const entered = gtToMx('authorized', '2026-03-02T15:00:00Z');
    expect(deadlineFor({ ...entered, channel: 'central_authority' })).toMatchObject({ office: 'central_authority', responsibleCountry: 'GT' });
    expect(deadlineFor({ ...entered, channel: 'diplomatic' })).toMatchObject({ office: 'cancilleria', responsibleCountry: 'GT' });
    // A request without a route (submitted before routes existed) keeps the stage's own office.
    expect(deadlineFor(entered)).toMatchObject({ office: 'cancilleria' });
    // Stages without a channel rule ignore the channel.
    expect(deadlineFor({ ...gtToMx('transmitted', '2026-03-02T15:00:00Z'), channel: 'diplomatic' })).toMatchObject({ office: 'central_authority', responsibleCountry: 'MX' });
  });

  it('gives the requested cancillería 3 working days to record the note and 5 to forward it, on its own calendar', () => {
    // Wednesday 25 November 2026, a US cancillería: Thanksgiving (Thursday 26) is not a working day there.
    const toUs = (stage: string) => ({ ...gtToMx(stage, '2026-11-25T15:00:00Z'), requestedCountry: 'US' as const, channel: 'diplomatic' as const });
    expect(deadlineFor(toUs('sent_to_requested_cancilleria'))).toMatchObject({ office: 'cancilleria', responsibleCountry: 'US', dueAt: at('2026-12-01T15:00:00Z') });
    expect(deadlineFor(toUs('received_by_requested_cancilleria'))).toMatchObject({ office: 'cancilleria', responsibleCountry: 'US', days: 5 });
  });

  it('refuses an office by channel that is not an office, or a channel that is not one', () => {
    const file = (officeByChannel: unknown) => ({
      version: '2026-12-01',
      sources: [{ id: 's', title: 'S', citation: 'c' }],
      stages: [{ stage: 'authorized', startedBy: 'AUTHORIZE', responsible: 'requesting', office: 'cancilleria', basis: 'working_days', days: 2, source: 's', why: 'w', officeByChannel }],
      overrides: {},
    });
    expect(() => parseServiceLevels(file({ central_authority: 'embassy' }))).toThrow(/officeByChannel\.central_authority/);
    expect(() => parseServiceLevels(file({ interpol: 'cancilleria' }))).toThrow(/officeByChannel/);
    expect(parseServiceLevels(file({ central_authority: 'central_authority' })).stages[0].officeByChannel).toEqual({ central_authority: 'central_authority' });
  });

  it('gives 2 working days to transmit, across Holy Week in Guatemala', () => {
    expect(deadlineFor(gtToMx('authorized', '2026-03-31T15:00:00Z'))).toMatchObject({ dueAt: at('2026-04-06T15:00:00Z'), responsibleCountry: 'GT' });
  });

  it("gives the requested central authority 7 calendar days to acknowledge and 90 to execute", () => {
    expect(deadlineFor(gtToMx('transmitted', '2026-12-21T09:00:00Z'))).toMatchObject({
      dueAt: at('2026-12-28T09:00:00Z'),
      responsibleCountry: 'MX',
      office: 'central_authority',
      basis: 'calendar_days',
      days: 7,
    });
    expect(deadlineFor(gtToMx('acknowledged', '2026-01-05T09:00:00Z'))).toMatchObject({ dueAt: at('2026-04-05T09:00:00Z'), responsibleCountry: 'MX', days: 90 });
  });

  it('gives the requesting fiscal 15 calendar days to answer a request for information', () => {
    expect(deadlineFor(gtToMx('info_requested', '2026-02-10T18:00:00Z'))).toMatchObject({
      dueAt: at('2026-02-25T18:00:00Z'),
      responsibleCountry: 'GT',
      office: 'fiscal',
    });
  });

  it.each(['draft', 'standardized', 'executed', 'closed', 'rejected', 'refused', 'withdrawn', 'no_such_state'])('gives no deadline in %s', (stage) => {
    expect(deadlineFor(gtToMx(stage, '2026-02-10T18:00:00Z'))).toBeNull();
  });

  it("tightens to the end of an urgent request's date needed, on the responsible office's clock", () => {
    // Mexico's central authority: 23:59:59.999 in Mexico City (UTC-6) on 1 December.
    expect(deadlineFor(gtToMx('acknowledged', '2026-11-23T14:00:00Z', { urgentDeadline: '2026-12-01' }))).toMatchObject({
      dueAt: at('2026-12-02T05:59:59.999Z'),
      days: 90,
      tightenedByUrgency: true,
    });
    // The urgent date beats even the working-day count of the cancillería (Guatemala's: the end of its 24 November).
    expect(deadlineFor(gtToMx('pending_authorization', '2026-11-23T14:00:00Z', { urgentDeadline: '2026-11-24' }))?.dueAt).toEqual(
      at('2026-11-25T05:59:59.999Z'),
    );
    // The United States' central authority: the end of the day in New York (EDT, UTC-4, in summer).
    const gtToUs = (urgentDeadline: string) => deadlineFor({ ...gtToMx('acknowledged', '2026-05-04T14:00:00Z', { urgentDeadline }), requestedCountry: 'US' })?.dueAt;
    expect(gtToUs('2026-06-01')).toEqual(at('2026-06-02T03:59:59.999Z'));
    expect(gtToUs('2026-07-31')).toEqual(at('2026-08-01T03:59:59.999Z'));
  });

  it('is not overdue in the last evening of an urgent date needed', () => {
    const dueAt = deadlineFor(gtToMx('pending_authorization', '2026-11-23T14:00:00Z', { urgentDeadline: '2026-11-24' }))!.dueAt;
    expect(dueAt.getTime()).toBeGreaterThan(at('2026-11-25T00:30:00Z').getTime()); // 18:30 on the 24th in Guatemala
    expect(dueAt.getTime()).toBeLessThan(at('2026-11-25T06:00:00Z').getTime()); // midnight there
  });

  it.each([
    // entered (UTC), entered in Guatemala, due (UTC), due in Guatemala
    ['2026-03-06T23:30:00Z', 'Friday 6 March 17:30', '2026-03-13T23:30:00Z', 'Friday 13 March 17:30'],
    ['2026-03-07T00:30:00Z', 'Friday 6 March 18:30', '2026-03-14T00:30:00Z', 'Friday 13 March 18:30'],
    ['2026-04-01T23:30:00Z', 'Holy Wednesday 1 April 17:30', '2026-04-10T23:30:00Z', 'Friday 10 April 17:30'],
    ['2026-04-02T00:30:00Z', 'Holy Wednesday 1 April 18:30', '2026-04-11T00:30:00Z', 'Friday 10 April 18:30'],
    ['2026-03-07T06:30:00Z', 'Saturday 7 March 00:30', '2026-03-16T06:30:00Z', 'Monday 16 March 00:30'],
  ])("counts the cancillería's 5 working days from Guatemala's day: entered %s (%s), due %s (%s)", (entered, _local, due) => {
    expect(deadlineFor(gtToMx('pending_authorization', entered))).toMatchObject({ dueAt: at(due), responsibleCountry: 'GT' });
  });

  it('counts calendar days on the responsible office\'s clock across a change of the clocks', () => {
    // Acknowledged by the US central authority at 23:30 EST on Monday 5 January: due 90 days later at 23:30 EDT, on 5 April.
    expect(deadlineFor({ ...gtToMx('acknowledged', '2026-01-06T04:30:00Z'), requestedCountry: 'US' })).toMatchObject({
      dueAt: at('2026-04-06T03:30:00Z'),
      responsibleCountry: 'US',
    });
    // Mexico City keeps UTC-6 all year since 2022: 23:30 on 5 January, due 23:30 on 5 April.
    expect(deadlineFor(gtToMx('acknowledged', '2026-01-06T05:30:00Z'))?.dueAt).toEqual(at('2026-04-06T05:30:00Z'));
  });

  it('keeps the service level when the urgent date is later', () => {
    expect(deadlineFor(gtToMx('transmitted', '2026-11-23T14:00:00Z', { urgentDeadline: '2027-06-01' }))).toMatchObject({
      dueAt: at('2026-11-30T14:00:00Z'),
      tightenedByUrgency: false,
    });
  });

  it('shows an urgent date already past as overdue at once', () => {
    const deadline = deadlineFor(gtToMx('transmitted', '2026-11-23T14:00:00Z', { urgentDeadline: '2026-11-20' }));
    expect(deadline?.dueAt.getTime()).toBeLessThan(at('2026-11-23T14:00:00Z').getTime());
  });

  it('refuses an urgent date that is not YYYY-MM-DD', () => {
    expect(() => deadlineFor(gtToMx('transmitted', '2026-11-23T14:00:00Z', { urgentDeadline: '01/12/2026' }))).toThrow(RangeError);
  });
});

describe('overrides per ordered pair', () => {
  // The file's own example, applied on purpose: GT -> MX acknowledged in 60 calendar days.
  const raw = rawFile();
  const withOverride = parseServiceLevels({ ...raw, overrides: raw.overridesExample });

  it('applies to that pair and stage only', () => {
    expect(deadlineFor(gtToMx('acknowledged', '2026-01-05T09:00:00Z'), withOverride)).toMatchObject({ dueAt: at('2026-03-06T09:00:00Z'), days: 60 });
    expect(deadlineFor({ ...gtToMx('acknowledged', '2026-01-05T09:00:00Z'), requestingCountry: 'MX', requestedCountry: 'GT' }, withOverride)).toMatchObject({
      days: 90,
    });
    expect(deadlineFor(gtToMx('transmitted', '2026-01-05T09:00:00Z'), withOverride)).toMatchObject({ days: 7 });
  });

  it('never applies the example shipped in the file', () => {
    expect(deadlineFor(gtToMx('acknowledged', '2026-01-05T09:00:00Z'))).toMatchObject({ days: 90 });
  });

  it.each([
    ['a pair with itself', { 'GT-GT': {} }, /overrides\.GT-GT: expected a key "REQUESTING-REQUESTED"/],
    ['an unknown country', { 'GT-XX': {} }, /overrides\.GT-XX/],
    ['a stage without service level', { 'GT-MX': { draft: raw.overridesExample['GT-MX'].acknowledged } }, /overrides\.GT-MX: unknown key "draft"/],
    ['zero days', { 'GT-MX': { acknowledged: { ...raw.overridesExample['GT-MX'].acknowledged, days: 0 } } }, /overrides\.GT-MX\.acknowledged\.days/],
  ])('refuses %s', (_what, overrides, message) => {
    expect(() => parseServiceLevels({ ...raw, overrides })).toThrow(DataFileError);
    expect(() => parseServiceLevels({ ...raw, overrides })).toThrow(message);
  });
});

describe('conditions and postponement (issue 13)', () => {
  it('the answer to conditions is due in 15 days from Guatemala’s central authority on a central-authority route, from the fiscal otherwise', () => {
    const input = gtToMx('conditions_proposed', '2026-11-23T14:00:00Z');
    expect(deadlineFor({ ...input, channel: 'central_authority' })).toMatchObject({ dueAt: at('2026-12-08T14:00:00Z'), responsibleCountry: 'GT', office: 'central_authority' });
    expect(deadlineFor({ ...input, channel: 'diplomatic' })).toMatchObject({ responsibleCountry: 'GT', office: 'fiscal' });
  });

  it('a postponement is due at the end of the date it names, Mexico’s central authority’s to keep; no date, no deadline', () => {
    const input = { stage: 'postponed', enteredAt: at('2026-11-23T14:00:00Z'), requestingCountry: 'GT', requestedCountry: 'MX' } as const;
    expect(datedDeadline({ ...input, data: { until: '2026-12-15' } })).toEqual({
      dueAt: at('2026-12-16T05:59:59.999Z'),
      responsibleCountry: 'MX',
      office: 'central_authority',
      basis: 'calendar_days',
      days: 22,
      tightenedByUrgency: false,
    });
    expect(datedDeadline({ ...input, data: {} })).toBeNull();
    expect(datedDeadline({ ...input, data: { until: '2026-02-30' } })).toBeNull();
    expect(datedDeadline({ ...input, stage: 'acknowledged', data: { until: '2026-12-15' } })).toBeNull();
    expect(deadlineFor(input)).toBeNull();
  });

  it("counts a postponement's days from Mexico's day of the entry, and ends it at Mexico's midnight", () => {
    // 23:30 on 23 November in Mexico City is 24 November in UTC: still 22 days to the 15th.
    const late = { stage: 'postponed', enteredAt: at('2026-11-24T05:30:00Z'), requestingCountry: 'GT', requestedCountry: 'MX' } as const;
    expect(datedDeadline({ ...late, data: { until: '2026-12-15' } })).toMatchObject({ dueAt: at('2026-12-16T05:59:59.999Z'), days: 22 });
    // Postponed by the US central authority until 10 March: the end of that day in New York, already on EDT.
    expect(datedDeadline({ ...late, requestedCountry: 'US', data: { until: '2026-03-10' } })?.dueAt).toEqual(at('2026-03-11T03:59:59.999Z'));
  });

  it("ends an advance copy's confirmation day at the requesting country's midnight", () => {
    const input = { stage: 'authorized', enteredAt: at('2026-11-24T00:30:00Z'), requestingCountry: 'GT', requestedCountry: 'MX', confirmBy: '2026-11-30' } as const;
    // Entered at 18:30 on 23 November in Guatemala: 7 days to the 30th, due at 23:59:59.999 there.
    expect(advanceCopyDeadline(input)).toMatchObject({ dueAt: at('2026-12-01T05:59:59.999Z'), responsibleCountry: 'GT', days: 7 });
  });
});
