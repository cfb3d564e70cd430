import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig, type AppConfig } from '@enlace/config';
import { DEMO_USERS, DemoDirectory } from '@enlace/directory';
import { prepareRuntime } from '@enlace/embedded';
import { platformImports } from '@enlace/platform';
import { bulkBounds, seedSynthetic } from './synthetic-seed.js';

@Module({})
class SeedModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: SeedModule, imports: platformImports(config, { consume: false, boundedWaits: false }) };
  }
}

const USAGE = 'usage: npm run seed -- --demo | --synthetic N';

/**
 * `npm run seed -- --demo`: the contract's demo directory, into whatever database is configured.
 * `npm run seed -- --synthetic N`: N synthetic requests for measuring turnaround (synthetic-seed.ts).
 */
async function main(argv: string[]): Promise<void> {
  const synthetic = argv.includes('--synthetic') ? Number(argv[argv.indexOf('--synthetic') + 1]) : undefined;
  if (!argv.includes('--demo') && synthetic === undefined) throw new Error(USAGE);
  const runtime = await prepareRuntime(loadConfig(undefined, bulkBounds(synthetic ?? 0)), { joinRunning: true });
  const app = await NestFactory.createApplicationContext(SeedModule.forRoot(runtime.config), { logger: ['error', 'warn'] });
  try {
    if (argv.includes('--demo')) {
      const created = await app.get(DemoDirectory).seed(runtime.config.demoPassword, new Date());
      console.log(`Demo directory: ${created} users created, ${DEMO_USERS.length - created} already there`);
    }
    if (synthetic !== undefined) console.log(JSON.stringify(await seedSynthetic(app, synthetic, new Date(), (line) => console.error(line))));
  } finally {
    await app.close();
    await runtime.stop();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
