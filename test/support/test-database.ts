import { randomBytes } from 'node:crypto';
import { withPgClient } from '@enlace/embedded';

/**
 * A database of its own for one test file, made empty and dropped at the end, so that files run in
 * parallel without seeing each other's rows.
 */
export async function createTestDatabase(adminUrl = process.env.DATABASE_URL!): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = new URL(adminUrl);
  const name = `enlace_test_${randomBytes(5).toString('hex')}`;
  await withClient(admin.toString(), (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(admin.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withClient(admin.toString(), (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

export const withClient = withPgClient;
