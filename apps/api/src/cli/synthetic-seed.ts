import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { hashPassword } from '@enlace/auth';
import { SyntheticDataRepository, UsersRepository, spokenDuration, type SyntheticResult, type SyntheticUser } from '@enlace/persistence';
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
 * `npm run seed -- --synthetic N`: N synthetic requests created over the two years before now, in
 * every pair and every stage, with realistic times in each stage (see synthetic-plan.ts).
 */
/**
 * Seeding writes in bulk (a synthetic million takes minutes per statement): unless the operator set
 * them, the seeder's statement and idle-in-transaction bounds are an hour, not the request path's.
 */
export const BULK_BOUNDS = { ENLACE_DB_STATEMENT_TIMEOUT_MS: '3600000', ENLACE_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '3600000' } as const;

/**
 * What seeding costs per million requests, measured on 2 cores (PostgreSQL 15, this repository's bench, 1,000,000
 * requests: 882-1,073 s and 11 GB; 5,000,000: see the README): said before it starts, and the disk checked against it.
 */
export const SEEDING_PER_MILLION = { seconds: 1000, bytes: 11e9 };

const GB = 1e9;

/** Refused before anything is written: the database's disk cannot hold what seeding `count` requests writes. */
export class NotEnoughDisk extends Error {}

export async function seedSynthetic(
  app: INestApplicationContext,
  count: number,
  now = new Date(),
  log: (line: string) => void = () => {},
): Promise<SyntheticResult & { seconds: number }> {
  if (!Number.isInteger(count) || count < 1) throw new Error('--synthetic needs a positive whole number of requests');
  const started = Date.now();
  const repository = app.get(SyntheticDataRepository);
  const millions = count / 1e6;
  const needs = millions * SEEDING_PER_MILLION.bytes;
  const disk = await repository.databaseDisk();
  const free = disk ? `; ${(disk.freeBytes / GB).toFixed(1)} GB free there` : '';
  log(
    `Seeding ${count.toLocaleString('en')} synthetic requests: about ${spokenDuration(millions * SEEDING_PER_MILLION.seconds * 1000)} and ` +
      `${(needs / GB).toFixed(1)} GB on the database's disk, at the rate measured on 2 cores (${Math.round(SEEDING_PER_MILLION.seconds / 60)} min and ` +
      `${SEEDING_PER_MILLION.bytes / GB} GB a million)${free}. One transaction: interrupted, it leaves nothing.`,
  );
  // A full disk stops PostgreSQL for every database it serves: refused before a row is written.
  if (disk && needs > disk.freeBytes) {
    throw new NotEnoughDisk(
      `Not seeded: ${count.toLocaleString('en')} synthetic requests need about ${(needs / GB).toFixed(0)} GB on the database's disk, ` +
        `and ${(disk.freeBytes / GB).toFixed(0)} GB are free there (${disk.dir}). Nothing was written: seed fewer, or make room.`,
    );
  }
  const users = await syntheticUsers(app.get(UsersRepository));
  const result = await repository.seed(syntheticPlan(count, now), users, log);
  return { ...result, seconds: Math.round((Date.now() - started) / 100) / 10 };
}
