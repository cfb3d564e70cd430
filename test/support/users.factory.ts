import { hashPassword } from '@enlace/auth';
import type { LiaisonStatus } from '@enlace/persistence';
import type { CountryCode, Role } from '@enlace/workflows';
import { DEMO_PASSWORD, type TestApp } from './test-app.js';

export interface TestUser {
  email: string;
  name: string;
  role: Role;
  country: CountryCode | null;
  office: string | null;
  liaisonStatus: LiaisonStatus;
  liaisonValidUntil: string | null;
}

let passwordHash: Promise<string> | undefined;

/** A user beyond the demo directory (e.g. a cancillería officer of Mexico), with overridable defaults. */
export function buildUser(overrides: Partial<TestUser> = {}): TestUser {
  const role = overrides.role ?? 'fiscal';
  const country = overrides.country === undefined ? 'MX' : overrides.country;
  return {
    email: `${role}.${(country ?? 'xx').toLowerCase()}.${Math.random().toString(36).slice(2, 8)}@test.enlace`,
    name: `${role} ${country ?? ''}`.trim(),
    role,
    country,
    office: role === 'admin' ? null : 'Oficina de prueba',
    liaisonStatus: 'none',
    liaisonValidUntil: null,
    ...overrides,
  };
}

/** Inserts the user (password: the demo one, so `t.login(email)` works) and returns its id. */
export async function addUser(t: TestApp, overrides: Partial<TestUser> = {}): Promise<{ id: string; email: string }> {
  const user = buildUser(overrides);
  passwordHash ??= hashPassword(DEMO_PASSWORD);
  const [row] = await t.sql<{ id: string }>(
    `INSERT INTO users (email, name, role, country, office, password_hash, liaison_status, liaison_valid_until)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [user.email, user.name, user.role, user.country, user.office, await passwordHash, user.liaisonStatus, user.liaisonValidUntil],
  );
  return { id: row.id, email: user.email };
}

export async function userId(t: TestApp, email: string): Promise<string> {
  const [row] = await t.sql<{ id: string }>('SELECT id FROM users WHERE email = $1', [email]);
  return row.id;
}
