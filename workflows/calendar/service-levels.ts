// Service levels: how long each stage of a request may take, so that a delay shows (the 2013 review
// found requests to the United States took about ten months, and offices could not even say how
// many were pending). The times are reviewed data in service-levels.json; this module turns a stage
// entered at some instant into a due date on the calendar of the office that must act.
import { COUNTRY_CODES, type CountryCode } from '../request/request.types.js';
import { DataReader, deepFreeze, isIsoDate, readJsonFile, type DataSource } from '../rules/data-file.reader.js';
import { countryTimeZone } from '../rules/offices.js';
import { daysBetween, endOfLocalDay, localDate } from './local-day.js';
import { addCalendarDays, addWorkingDays } from './working-days.js';

export const SERVICE_LEVEL_STAGES = [
  'pending_authorization',
  'authorized',
  'sent_to_requested_cancilleria',
  'received_by_requested_cancilleria',
  'transmitted',
  'acknowledged',
  'info_requested',
  'returned_for_correction',
  'conditions_proposed',
] as const;
export type ServiceLevelStage = (typeof SERVICE_LEVEL_STAGES)[number];

export const DEADLINE_BASES = ['working_days', 'calendar_days'] as const;
export type DeadlineBasis = (typeof DEADLINE_BASES)[number];

/** Which side's office holds the request during the stage, and so whose calendar counts. */
export const RESPONSIBLE_SIDES = ['requesting', 'requested'] as const;
export type ResponsibleSide = (typeof RESPONSIBLE_SIDES)[number];

export const RESPONSIBLE_OFFICES = ['cancilleria', 'central_authority', 'fiscal'] as const;
export type ResponsibleOffice = (typeof RESPONSIBLE_OFFICES)[number];

/** The channel a request's route runs on (workflows/rules/channels.ts), as far as a stage's office depends on it. */
export const ROUTE_CHANNELS = ['central_authority', 'diplomatic'] as const;
export type StageChannel = (typeof ROUTE_CHANNELS)[number];

export interface ServiceTime {
  readonly basis: DeadlineBasis;
  readonly days: number;
  readonly source: string;
  readonly why: string;
}

export interface ServiceLevel extends ServiceTime {
  readonly stage: ServiceLevelStage;
  /** The event whose transition starts the clock. */
  readonly startedBy: string;
  readonly responsible: ResponsibleSide;
  readonly office: ResponsibleOffice;
  /**
   * Another office than `office` on a route's channel: an authorized request is transmitted by the
   * requesting central authority between central authorities, by the cancillería on the diplomatic one.
   */
  readonly officeByChannel?: Readonly<Partial<Record<StageChannel, ResponsibleOffice>>>;
}

/** Per ordered pair "REQUESTING-REQUESTED" (e.g. "GT-MX"), per stage: another time than the default. */
export type ServiceLevelOverrides = Readonly<Record<string, Readonly<Partial<Record<ServiceLevelStage, ServiceTime>>>>>;

export interface ServiceLevelTable {
  readonly version: string;
  readonly sources: readonly DataSource[];
  readonly stages: readonly ServiceLevel[];
  readonly overrides: ServiceLevelOverrides;
}

/** Validates a service-levels file; throws DataFileError. The `overridesExample` block is checked but never applied. */
export function parseServiceLevels(raw: unknown, file = 'service-levels.json'): ServiceLevelTable {
  const r = new DataReader(file);
  const root = r.object(raw, '', ['version', 'sources', 'stages', 'overrides'], ['review', 'overridesExample']);
  const version = r.isoDate(root.version, 'version');
  const sources = r.sources(root.sources, 'sources');
  const sourceIds = sources.map((s) => s.id);

  const time = (value: Record<string, unknown>, path: string): ServiceTime => ({
    basis: r.oneOf(value.basis, DEADLINE_BASES, `${path}.basis`),
    days: r.integer(value.days, `${path}.days`, 1),
    source: r.oneOf(value.source, sourceIds, `${path}.source`),
    why: r.string(value.why, `${path}.why`),
  });

  const stages = r.array(root.stages, 'stages').map((value, i): ServiceLevel => {
    const path = `stages[${i}]`;
    const s = r.object(value, path, ['stage', 'startedBy', 'responsible', 'office', 'basis', 'days', 'source', 'why'], ['officeByChannel']);
    let officeByChannel: Partial<Record<StageChannel, ResponsibleOffice>> | undefined;
    if (s.officeByChannel !== undefined) {
      const byChannel = r.object(s.officeByChannel, `${path}.officeByChannel`, [], ROUTE_CHANNELS);
      officeByChannel = Object.fromEntries(
        Object.entries(byChannel).map(([channel, office]) => [channel, r.oneOf(office, RESPONSIBLE_OFFICES, `${path}.officeByChannel.${channel}`)]),
      );
    }
    return {
      stage: r.oneOf(s.stage, SERVICE_LEVEL_STAGES, `${path}.stage`),
      startedBy: r.string(s.startedBy, `${path}.startedBy`),
      responsible: r.oneOf(s.responsible, RESPONSIBLE_SIDES, `${path}.responsible`),
      office: r.oneOf(s.office, RESPONSIBLE_OFFICES, `${path}.office`),
      ...(officeByChannel && { officeByChannel }),
      ...time(s, path),
    };
  });
  r.unique(stages.map((s) => s.stage), 'stages', 'stage');

  const overridesAt = (value: unknown, path: string): ServiceLevelOverrides => {
    const byPair = r.map(value, path);
    return Object.fromEntries(
      Object.entries(byPair).map(([pair, perStage]) => {
        const at = `${path}.${pair}`;
        const [from, to, extra] = pair.split('-');
        if (extra !== undefined || !COUNTRY_CODES.includes(from as CountryCode) || !COUNTRY_CODES.includes(to as CountryCode) || from === to) {
          r.fail(at, 'expected a key "REQUESTING-REQUESTED" of two different member countries, e.g. "GT-MX"');
        }
        const byStage = r.object(perStage, at, [], stages.map((s) => s.stage));
        return [pair, Object.fromEntries(Object.entries(byStage).map(([stage, t]) => [stage, time(r.object(t, `${at}.${stage}`, ['basis', 'days', 'source', 'why']), `${at}.${stage}`)]))];
      }),
    );
  };
  const overrides = overridesAt(root.overrides, 'overrides');
  if (root.overridesExample !== undefined) overridesAt(root.overridesExample, 'overridesExample');

  return deepFreeze({ version, sources, stages, overrides });
}

export const SERVICE_LEVELS: ServiceLevelTable = parseServiceLevels(readJsonFile(new URL('./service-levels.json', import.meta.url)));

/** The service level of `stage` for the ordered pair, after any override; undefined when the stage has none. */
export function serviceLevelFor(
  stage: string,
  requestingCountry: CountryCode,
  requestedCountry: CountryCode,
  table: ServiceLevelTable = SERVICE_LEVELS,
): ServiceLevel | undefined {
  const level = table.stages.find((s) => s.stage === stage);
  if (!level) return undefined;
  const override = table.overrides[`${requestingCountry}-${requestedCountry}`]?.[level.stage];
  return override ? { ...level, ...override } : level;
}

export interface DeadlineInput {
  /** The state the request entered (a state without a service level gives no deadline). */
  stage: string;
  /** When it entered that state. */
  enteredAt: Date;
  requestingCountry: CountryCode;
  requestedCountry: CountryCode;
  /** The request's `urgency.deadline` (YYYY-MM-DD), when it is urgent. */
  urgentDeadline?: string;
  /** The channel of the request's route, when it has one: it may decide whose office acts. */
  channel?: StageChannel;
}

export interface Deadline {
  dueAt: Date;
  /** Whose office must act, and on whose calendar working days are counted. */
  responsibleCountry: CountryCode;
  office: ResponsibleOffice;
  basis: DeadlineBasis;
  days: number;
  /** True when the urgent date came before the service level and set dueAt. */
  tightenedByUrgency: boolean;
}

/**
 * When the stage entered at `enteredAt` is due, or null for a stage with no service level (draft,
 * standardized, and the final states). Working days are counted on the responsible office's
 * calendar: the requesting country's for the cancillería's stages and for an answer to a request
 * for information, the requested country's for the central authority's. Days are that office's
 * own (its clock, countryTimeZone): entered at 18:30 on a Friday in Guatemala is entered on Friday,
 * and the due time keeps the local time of day. An urgent request is due by its date needed at the
 * latest: dueAt is the earlier of the service level and the end of that day on the responsible
 * office's clock (23:59:59.999 there); an urgent date already past gives a dueAt in the past, which
 * is the point (the delay shows at once).
 */
export function deadlineFor(input: DeadlineInput, table: ServiceLevelTable = SERVICE_LEVELS): Deadline | null {
  const level = serviceLevelFor(input.stage, input.requestingCountry, input.requestedCountry, table);
  if (!level) return null;
  const responsibleCountry = level.responsible === 'requesting' ? input.requestingCountry : input.requestedCountry;
  const timeZone = countryTimeZone(responsibleCountry);
  const serviceDue =
    level.basis === 'working_days'
      ? addWorkingDays(responsibleCountry, input.enteredAt, level.days)
      : addCalendarDays(input.enteredAt, level.days, timeZone);

  let dueAt = serviceDue;
  if (input.urgentDeadline !== undefined) {
    if (!isIsoDate(input.urgentDeadline)) throw new RangeError(`urgentDeadline must be a date YYYY-MM-DD, got "${input.urgentDeadline}"`);
    const urgentDue = endOfLocalDay(input.urgentDeadline, timeZone);
    if (urgentDue.getTime() < serviceDue.getTime()) dueAt = urgentDue;
  }
  return {
    dueAt,
    responsibleCountry,
    office: officeOf(level, input.channel),
    basis: level.basis,
    days: level.days,
    tightenedByUrgency: dueAt !== serviceDue,
  };
}

/** The office that acts in a stage on a route's channel (the stage's own office without one). */
export const officeOf = (level: Pick<ServiceLevel, 'office' | 'officeByChannel'>, channel?: StageChannel): ResponsibleOffice =>
  (channel && level.officeByChannel?.[channel]) || level.office;

/**
 * Stages whose deadline is a date the event that entered them names, not a service level: a
 * postponement states the date until which execution is postponed (UNTOC art. 18(25)), and that date
 * is the requested central authority's to keep: passed with the request still postponed, it is overdue.
 */
export const DATED_STAGES: Readonly<Record<string, { readonly field: string; readonly responsible: ResponsibleSide; readonly office: ResponsibleOffice }>> = {
  postponed: { field: 'until', responsible: 'requested', office: 'central_authority' },
};

/**
 * The deadline of a dated stage entered at `enteredAt` by an event carrying `data`: the end of the
 * date it names on the responsible office's clock (as an urgent request's date needed), counted in
 * calendar days from that office's day of `enteredAt`; null for any other stage, or without a real date.
 */
export function datedDeadline(
  input: Pick<DeadlineInput, 'stage' | 'enteredAt' | 'requestingCountry' | 'requestedCountry'> & { data?: Record<string, unknown> | null },
): Deadline | null {
  const dated = DATED_STAGES[input.stage];
  const date = dated ? input.data?.[dated.field] : undefined;
  if (!dated || typeof date !== 'string' || !isIsoDate(date)) return null;
  const responsibleCountry = dated.responsible === 'requesting' ? input.requestingCountry : input.requestedCountry;
  const timeZone = countryTimeZone(responsibleCountry);
  return {
    dueAt: endOfLocalDay(date, timeZone),
    responsibleCountry,
    office: dated.office,
    basis: 'calendar_days',
    days: Math.max(0, daysBetween(localDate(input.enteredAt, timeZone), date)),
    tightenedByUrgency: false,
  };
}

/**
 * The deadline an unconfirmed urgent advance copy sets on the stage the request waits in before its
 * formal transmission: the end of the day (on the requesting country's clock) by which the formal
 * request must confirm it (UNTOC art.
 * 18(14): "confirmed in writing forthwith"; the days are the route's `advanceCopy.confirmWithinDays`).
 * It is the requesting side's to keep: the stage's own office where the stage has one on that side,
 * else the fiscal who drafts the request.
 */
export function advanceCopyDeadline(
  input: Pick<DeadlineInput, 'stage' | 'enteredAt' | 'requestingCountry' | 'requestedCountry' | 'channel'> & { confirmBy: string },
  table: ServiceLevelTable = SERVICE_LEVELS,
): Deadline | null {
  if (!isIsoDate(input.confirmBy)) return null;
  const level = serviceLevelFor(input.stage, input.requestingCountry, input.requestedCountry, table);
  const timeZone = countryTimeZone(input.requestingCountry);
  return {
    dueAt: endOfLocalDay(input.confirmBy, timeZone),
    responsibleCountry: input.requestingCountry,
    office: level && level.responsible === 'requesting' ? officeOf(level, input.channel) : 'fiscal',
    basis: 'calendar_days',
    days: Math.max(0, daysBetween(localDate(input.enteredAt, timeZone), input.confirmBy)),
    tightenedByUrgency: false,
  };
}

/** The earlier of two deadlines (either may be missing). */
export const earlierDeadline = (a: Deadline | null, b: Deadline | null): Deadline | null => (!a ? b : !b ? a : b.dueAt.getTime() < a.dueAt.getTime() ? b : a);
