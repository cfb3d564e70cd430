import { existsSync } from 'node:fs';

/**
 * The compiled project in dist/, for tests that run its processes (the worker, the CLIs, npm start).
 * The global setup builds it once per run, before any test, so that no test rebuilds dist/ while
 * another one is starting a process from it.
 */
export async function buildOnce(): Promise<void> {
  if (!existsSync('dist/apps/api/src/main.js')) throw new Error('dist/ is missing: the global setup builds it (npm run build)');
}
