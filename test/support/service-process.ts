import { spawn, type ChildProcess } from 'node:child_process';

/**
 * The service's own processes as an operator runs them (`npm start`, `node dist/...`), for tests that
 * start, signal and kill them. Each runs in a process group of its own, so that a test can signal the
 * group as a terminal or a process manager would.
 */
export interface ServiceProcess {
  child: ChildProcess;
  base: string;
  output(): string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
}

/** The environment of the tests, less what would switch the service to the external mode. */
export function embeddedEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !['DATABASE_URL', 'REDIS_URL', 'NODE_OPTIONS'].includes(key)) env[key] = value;
  }
  return { ...env, ENLACE_LOG_LEVEL: 'info', ...extra };
}

/**
 * `npm start` less its prestart build, which the global setup already ran (rebuilding dist/ here would
 * rewrite files other tests are starting processes from); or any other command with `command`.
 */
export function startService(env: Record<string, string>, command: string[] = ['npm', 'start', '--ignore-scripts']): ServiceProcess {
  let output = '';
  const child = spawn(command[0], command.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout!.on('data', (chunk) => (output += String(chunk)));
  child.stderr!.on('data', (chunk) => (output += String(chunk)));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return { child, base: `http://127.0.0.1:${env.PORT}/api`, output: () => output, exited };
}

export async function healthyWithin(service: ServiceProcess, ms: number): Promise<number> {
  const started = Date.now();
  let ended = false;
  void service.exited.then(() => (ended = true));
  while (Date.now() - started < ms && !ended) {
    try {
      const response = await fetch(`${service.base}/health`);
      if (response.status === 200) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The service did not answer /api/health within ${ms} ms:\n${service.output()}`);
}

/** Signals the whole process group (a terminal's Ctrl-C, a process manager) or the process alone. */
export function signal(service: ServiceProcess, name: NodeJS.Signals, target: 'group' | 'process' = 'group'): void {
  try {
    process.kill(target === 'group' ? -service.child.pid! : service.child.pid!, name);
  } catch {
    // already gone
  }
}

export async function stopService(service: ServiceProcess): Promise<void> {
  signal(service, 'SIGTERM');
  await service.exited;
}

export async function call(base: string, method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : {}) as Record<string, any> };
}

export async function loginAs(base: string, email: string, password = 'enlace-demo'): Promise<string> {
  const response = await call(base, 'POST', '/auth/login', undefined, { email, password });
  if (response.status !== 200) throw new Error(`login ${email}: ${response.status}`);
  return response.body.accessToken as string;
}

/** Whether a process is still alive (signal 0). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A free-enough HTTP port for a test server: below the ephemeral range, spread to avoid other runs. */
export const testPort = (): number => 23000 + Math.floor(Math.random() * 6000);
