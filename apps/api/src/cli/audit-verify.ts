import 'reflect-metadata';
import { loadConfig } from '@enlace/config';
import { prepareRuntime } from '@enlace/embedded';
import { Database, createDataSource } from '@enlace/persistence';
import { verifyAuditChains } from './audit-chains.js';

/**
 * `npm run audit:verify`: walks every request's hash chain and the directory's, and names the first
 * history row that does not match. Exit 0 when all verify, 1 when one does not, 2 when the check
 * could not run.
 */
async function main(): Promise<number> {
  const runtime = await prepareRuntime(loadConfig(), { joinRunning: true });
  const dataSource = createDataSource(runtime.config.databaseUrl!, 2);
  try {
    await dataSource.initialize();
    const report = await verifyAuditChains(new Database(dataSource));
    (report.code === 0 ? console.log : console.error)(report.message);
    return report.code;
  } finally {
    await dataSource.destroy().catch(() => {});
    await runtime.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`audit:verify could not run: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
