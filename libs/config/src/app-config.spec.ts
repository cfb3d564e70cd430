import { availableParallelism } from 'node:os';
import { ConfigError, childEnvironment, defaultRenderThreads, loadConfig } from './app-config.js';

describe('loadConfig: where PDFs render', () => {
  it('renders in lower-priority processes when everything runs in one process, in threads beside a production API', () => {
    // One core left to the request path, two renderers at most, each at nice 10.
    expect(loadConfig({})).toMatchObject({ mode: 'embedded', renderProcesses: true, renderNice: 10, renderThreads: defaultRenderThreads(availableParallelism()) });
    expect(loadConfig({ ENLACE_RENDER_THREADS: '1' })).toMatchObject({ renderThreads: 1 });
    expect(loadConfig({ DATABASE_URL: 'postgres://db/enlace' })).toMatchObject({ mode: 'external', renderProcesses: false });
    expect(loadConfig({ ENLACE_RENDER_PROCESSES: 'false', ENLACE_RENDER_NICE: '19' })).toMatchObject({ renderProcesses: false, renderNice: 19 });
  });

  it('leaves the request path a core: one renderer on one or two cores, two from three cores up', () => {
    expect([1, 2, 3, 4, 16].map(defaultRenderThreads)).toEqual([1, 1, 2, 2, 2]);
  });

  it('refuses a setting it cannot read, naming it', () => {
    expect(() => loadConfig({ ENLACE_RENDER_PROCESSES: 'yes' })).toThrow(new ConfigError('ENLACE_RENDER_PROCESSES must be true or false, got "yes"'));
    expect(() => loadConfig({ ENLACE_RENDER_NICE: '20' })).toThrow(ConfigError);
    expect(() => loadConfig({ ENLACE_RENDER_NICE: '20' })).toThrow(/ENLACE_RENDER_NICE/);
  });
});

describe('loadConfig: where the API listens', () => {
  it('listens on loopback alone with npm start, on every interface with DATABASE_URL (a container, a load balancer), and where HOST says', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ DATABASE_URL: 'postgres://db/enlace' }).host).toBe('0.0.0.0');
    expect(loadConfig({ DATABASE_URL: 'postgres://db/enlace', HOST: '127.0.0.1' }).host).toBe('127.0.0.1');
  });
});

describe('loadConfig: bounded waits', () => {
  it('bounds every wait on PostgreSQL and the queues by default, each setting overridable', () => {
    expect(loadConfig({})).toMatchObject({
      database: { connectTimeoutMs: 5000, statementTimeoutMs: 10_000, idleInTransactionTimeoutMs: 10_000 },
      queueTimeoutMs: 5000,
      queueConnectTimeoutMs: 30_000,
      retryAfterSeconds: 5,
      outboxLeaseMs: 10_000,
      jobMaxStalls: 5,
    });
    expect(loadConfig({ ENLACE_DB_STATEMENT_TIMEOUT_MS: '2500', ENLACE_RETRY_AFTER_SECONDS: '2' })).toMatchObject({
      database: { statementTimeoutMs: 2500 },
      retryAfterSeconds: 2,
    });
    expect(() => loadConfig({ ENLACE_DB_CONNECT_TIMEOUT_MS: '0' })).toThrow(/ENLACE_DB_CONNECT_TIMEOUT_MS/);
  });

  it('takes a program’s own defaults (the seeder’s hour-long bounds) where the operator set nothing, and the operator’s value where they did', () => {
    const bulk = { ENLACE_DB_STATEMENT_TIMEOUT_MS: '3600000' };
    expect(loadConfig({}, bulk).database.statementTimeoutMs).toBe(3_600_000);
    expect(loadConfig({ ENLACE_DB_STATEMENT_TIMEOUT_MS: '20000' }, bulk).database.statementTimeoutMs).toBe(20_000);
  });
});

describe('loadConfig: started by npm', () => {
  it('knows that npm started the process (it then stops when npm has gone), and that nothing did otherwise', () => {
    expect(loadConfig({ npm_lifecycle_event: 'start' }).startedByNpm).toBe(true);
    expect(loadConfig({}).startedByNpm).toBe(false);
  });
});

describe('childEnvironment', () => {
  it('hands a child process this environment with the overrides set, and those given as undefined removed', () => {
    const env = childEnvironment({ LC_MESSAGES: 'C', PATH: undefined });
    expect(env.LC_MESSAGES).toBe('C');
    expect('PATH' in env).toBe(false);
    expect(env.HOME).toBe(process.env.HOME);
  });
});
