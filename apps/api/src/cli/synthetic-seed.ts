import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { hashPassword } from '@enlace/auth';
import { SyntheticDataRepository, UsersRepository, type SyntheticResult, type SyntheticUser } from '@enlace/persistence';
import { COUNTRY_CODES, type Role } from '@enlace/workflows';
import { syntheticPlan } from './synthetic-plan.js';

/** The offices that act on synthetic requests: one fiscal, cancillería and central authority per country. */
const SYNTHETIC_ROLES: { role: Role; label: string }[] = [
  { role: 'fiscal', label: 'fiscal' },
  { role: 'cancilleria', label: 'cancilleria' },
  { role: 'central_authority', label: 'autoridad' },
];

/**
 * Synthetic users (…@synthetic.enlace) nobody can sign in as: their password is random and thrown
 * away. Existing ones are reused, so a second seeding adds requests, not users.
 */
async function syntheticUsers(users: UsersRepository): Promise<SyntheticUser[]> {
  const passwordHash = await hashPassword(randomBytes(24).toString('base64url'));
  const validUntil = `${new Date().getUTCFullYear() + 5}-12-31`;
  const result: SyntheticUser[] = [];
  for (const country of COUNTRY_CODES) {
    for (const { role, label } of SYNTHETIC_ROLES) {
      const user = await users.ensure({
        email: `synthetic.${label}.${country.toLowerCase()}@synthetic.enlace`,
        name: `${label} ${country} (sintético)`,
        role,
        country,
        office: 'Datos sintéticos',
        passwordHash,
        liaisonStatus: role === 'fiscal' ? 'authorized' : 'none',
        liaisonValidUntil: role === 'fiscal' ? validUntil : null,
      });
      result.push({ id: user.id, role, country });
    }
  }
  return result;
}

/**
 * Seeding writes in bulk, a statement for each step (minutes a million requests: at 5,000,000, 9 min 23 s for the
 * requests, 8 min 8 s for their history, 15 min 26 s for the stage visits): unless the operator set them, the seeder's bounds
 * are not the request path's but an hour between statements, and for one statement an hour or 15 min a million
 * requests, whichever is longer (ten million: 2 h 30 min), so that a large seeding is not cancelled after hours of work.
 */
export function bulkBounds(count: number): Record<'ENLACE_DB_STATEMENT_TIMEOUT_MS' | 'ENLACE_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', string> {
  const statementMs = Math.max(3_600_000, Math.ceil((count / 1e6) * 15 * 60_000));
  return { ENLACE_DB_STATEMENT_TIMEOUT_MS: String(statementMs), ENLACE_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '3600000' };
}

/**
 * What seeding costs per million requests on 2 cores (PostgreSQL 15, measured by this repository's bench): the time,
 * the database's size after it, and its most while it runs (the working tables and the index sorts, freed at the end).
 * At 1,000,000: 882-1,073 s and 11 GB; at 3,000,000: 2,386-2,879 s, 33.2 GB after and 37.9 GB at its most; at
 * 5,000,000: 3,347 s (669 a million), 53 GB after and 67 GB at its most. The time a million falls as the count grows
 * and moves with the machine's day: said as a range rounded outward from the fastest a million measured (669 s, at
 * 5,000,000) and the slowest (1,073 s, at 1,000,000).
 */
export const SEEDING_PER_MILLION = { seconds: { least: 660, most: 1080 }, bytes: 11e9, peakBytes: 14e9 };
/** Left free beyond the peak: PostgreSQL's write-ahead log and whatever else writes on that disk meanwhile. */
const DISK_MARGIN_BYTES = 2e9;

/** A size on disk: gigabytes to a tenth; under one, the megabytes begun (of whole bytes: 35,000 requests' 385,000,000.00000006 are 385). */
function diskSize(bytes: number): string {
  const megabytes = Math.ceil(Math.round(bytes) / 1e6);
  return megabytes < 1000 ? `${megabytes} MB` : `${(bytes / 1e9).toLocaleString('en', { maximumFractionDigits: 1 })} GB`;
}
const requests = (count: number) => `${count.toLocaleString('en')} synthetic request${count === 1 ? '' : 's'}`;
function aboutMinutes({ least, most }: { least: number; most: number }): string {
  if (most < 60) return 'under a minute';
  if (least < 60) return `up to ${Math.ceil(most / 60).toLocaleString('en')} min`;
  const [from, to] = [least, most].map((seconds) => Math.round(seconds / 60).toLocaleString('en'));
  return `about ${from} to ${to} min`;
}

/**
 * What seeding `count` requests will take, said before it starts, and a refusal where the database's disk (when it can
 * be read from here) cannot hold it while it runs.
 */
export function seedingForecast(count: number, disk: { dir: string; freeBytes: number } | null): { line: string; refusal: string | null } {
  const millions = count / 1e6;
  const peak = millions * SEEDING_PER_MILLION.peakBytes;
  const where = disk
    ? `${diskSize(disk.freeBytes)} free there`
    : "the free space there cannot be read from here (PostgreSQL on another machine, or a role that may not read data_directory): not checked";
  const line =
    `Seeding ${requests(count)}: ${aboutMinutes({ least: millions * SEEDING_PER_MILLION.seconds.least, most: millions * SEEDING_PER_MILLION.seconds.most })}, ` +
    `${diskSize(millions * SEEDING_PER_MILLION.bytes)} on the database's disk and up to ${diskSize(peak)} while it runs, ` +
    `at the rate measured on 2 cores; ${where}. Interrupted before its last step (the vacuum), it leaves no request written.`;
  if (!disk || peak + DISK_MARGIN_BYTES <= disk.freeBytes) return { line, refusal: null };
  // How many would fit, rounded down to two significant digits.
  const fit = Math.max(0, (disk.freeBytes - DISK_MARGIN_BYTES) / SEEDING_PER_MILLION.peakBytes) * 1e6;
  const step = fit < 1000 ? 0 : 10 ** (Math.floor(Math.log10(fit)) - 1);
  const roundedFit = step && Math.floor(fit / step) * step;
  return {
    line,
    refusal:
      `Not seeded: seeding ${requests(count)} needs up to ${diskSize(peak)} on the database's disk while it runs ` +
      `(and ${diskSize(DISK_MARGIN_BYTES)} kept free), and ${diskSize(disk.freeBytes)} are free there (${disk.dir}): ` +
      `${roundedFit > 0 ? `about ${roundedFit.toLocaleString('en')} fit` : 'not even a thousand fit'}. Nothing was written.`,
  };
}

/** Refused before anything is written: the database's disk cannot hold what seeding `count` requests writes. */
export class NotEnoughDisk extends Error {}

/**
 * `npm run seed -- --synthetic N`: N synthetic requests created over the two years before now, in
 * every pair and every stage, with realistic times in each stage (see synthetic-plan.ts). Says first what it will
 * take, then where it stands (SyntheticDataRepository.seed).
 */
export async function seedSynthetic(
  app: INestApplicationContext,
  count: number,
  now = new Date(),
  log: (line: string) => void = () => {},
): Promise<SyntheticResult & { seconds: number }> {
  if (!Number.isInteger(count) || count < 1) throw new Error('--synthetic needs a positive whole number of requests');
  const started = Date.now();
  const repository = app.get(SyntheticDataRepository);
  const forecast = seedingForecast(count, await repository.databaseDisk());
  log(forecast.line);
  // A full disk stops PostgreSQL for every database it serves: refused before a row is written.
  if (forecast.refusal) throw new NotEnoughDisk(forecast.refusal);
  const users = await syntheticUsers(app.get(UsersRepository));
  const result = await repository.seed(syntheticPlan(count, now), users, log);
  return { ...result, seconds: Math.round((Date.now() - started) / 100) / 10 };
}
