import 'reflect-metadata';
import { loadConfig } from '@enlace/config';
import { prepareRuntime } from '@enlace/embedded';
import { Database, HistoryRepository, createDataSource } from '@enlace/persistence';

/**
 * `npm run audit:verify`: walks every request's hash chain and names the first history row that does
 * not match. Exit 0 when all verify, 1 when one does not, 2 when the check could not run.
 */
async function main(): Promise<number> {
  const runtime = await prepareRuntime(loadConfig());
  const dataSource = createDataSource(runtime.config.databaseUrl!, 2);
  try {
    await dataSource.initialize();
    const { checked, firstBreak } = await new HistoryRepository(new Database(dataSource)).verifyAll();
    if (firstBreak) {
      console.error(
        `audit:verify FAILED after ${checked} good rows: history row id=${firstBreak.id} ` +
          `(request ${firstBreak.requestId}, seq ${firstBreak.seq}) does not match: ${firstBreak.problem}`,
      );
      return 1;
    }
    console.log(`audit:verify OK: ${checked} history rows, every chain intact`);
    return 0;
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
