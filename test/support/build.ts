import { execFileSync } from 'node:child_process';

let built = false;

/** Compiles the project into dist/ once per test file, for tests that run its processes. */
export async function buildOnce(): Promise<void> {
  if (built) return;
  execFileSync('npm', ['run', 'build'], { stdio: 'ignore' });
  built = true;
}
