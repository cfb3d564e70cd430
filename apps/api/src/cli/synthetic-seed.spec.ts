// What `npm run seed -- --synthetic N` says before it writes anything, at the measured rate (SEEDING_PER_MILLION: its
// sentences below are written for 660 to 1,080 s, 11 GB after and 14 GB at most a million),
// and when it refuses to start.
import { loadConfig } from '@enlace/config';
import { bulkBounds, seedingForecast } from './synthetic-seed.js';

describe('the seeding forecast', () => {
  it('says the time, the size after and at most, and the free space of the database disk', () => {
    expect(seedingForecast(5_000_000, { dir: '/var/lib/postgresql/15/main', freeBytes: 78.4e9 })).toEqual({
      line:
        'Seeding 5,000,000 synthetic requests: about 55 to 90 min, 55 GB on the database\'s disk and up to 70 GB while it runs, at the rate measured on 2 cores; ' +
        '78.4 GB free there. Interrupted before its last step (the vacuum), it leaves no request written.',
      refusal: null,
    });
  });

  it('says "under a minute" for a few thousand, and that the disk was not checked where it cannot be read', () => {
    expect(seedingForecast(6000, null).line).toBe(
      'Seeding 6,000 synthetic requests: under a minute, 66 MB on the database\'s disk and up to 84 MB while it runs, at the rate measured on 2 cores; ' +
        'the free space there cannot be read from here (PostgreSQL on another machine, or a role that may not read data_directory): not checked. ' +
        'Interrupted before its last step (the vacuum), it leaves no request written.',
    );
    expect(seedingForecast(10_000_000, null).refusal).toBeNull();
    expect(seedingForecast(10_000_000, null).line).toMatch(/^Seeding 10,000,000 synthetic requests: about 110 to 180 min, 110 GB on the database's disk and up to 140 GB/);
    expect(seedingForecast(1_000_000, null).line).toMatch(/^Seeding 1,000,000 synthetic requests: about 11 to 18 min, 11 GB /);
    // Where the fastest rate is under a minute and the slowest over it: the minutes begun, at most.
    expect(seedingForecast(80_000, null).line).toMatch(/^Seeding 80,000 synthetic requests: up to 2 min, /);
    // A few: the megabytes begun, never "0 GB"; and one request is one.
    expect(seedingForecast(1000, null).line).toMatch(/^Seeding 1,000 synthetic requests: under a minute, 11 MB on the database's disk and up to 14 MB while/);
    expect(seedingForecast(1, null).line).toMatch(/: under a minute, 1 MB on the database's disk and up to 1 MB while/);
    expect(seedingForecast(1, null).line).toMatch(/^Seeding 1 synthetic request: under a minute, /);
    // Whole megabytes, and a thousand of them said as a gigabyte.
    expect(seedingForecast(35_000, null).line).toMatch(/: under a minute, 385 MB on the database's disk and up to 490 MB while/);
    expect(seedingForecast(90_909, null).line).toMatch(/: up to 2 min, 1 GB on the database's disk and up to 1.3 GB while/);
  });

  it('refuses what the disk cannot hold at its peak with 2 GB to spare, and says how many would fit', () => {
    expect(seedingForecast(10_000_000, { dir: '/var/lib/postgresql/15/main', freeBytes: 78.4e9 }).refusal).toBe(
      'Not seeded: seeding 10,000,000 synthetic requests needs up to 140 GB on the database\'s disk while it runs (and 2 GB kept free), ' +
        'and 78.4 GB are free there (/var/lib/postgresql/15/main): about 5,400,000 fit. Nothing was written.',
    );
    // 14 GB and the 2 kept: just enough, and just not.
    expect(seedingForecast(1_000_000, { dir: '/d', freeBytes: 16e9 }).refusal).toBeNull();
    expect(seedingForecast(1_000_000, { dir: '/d', freeBytes: 15.9e9 }).refusal).toMatch(/: about 990,000 fit\. Nothing was written\.$/);
    expect(seedingForecast(1_000_000, { dir: '/d', freeBytes: 2e9 }).refusal).toMatch(/are free there \(\/d\): not even a thousand fit\. Nothing was written\.$/);
  });

  it('gives a statement an hour, or 15 min a million requests where that is longer, and the configuration takes it', () => {
    expect(loadConfig({}, bulkBounds(6000)).database).toMatchObject({ statementTimeoutMs: 3_600_000, idleInTransactionTimeoutMs: 3_600_000 });
    expect(loadConfig({}, bulkBounds(10_000_000)).database).toMatchObject({ statementTimeoutMs: 9_000_000, idleInTransactionTimeoutMs: 3_600_000 });
    // The operator's own setting wins.
    expect(loadConfig({ ENLACE_DB_STATEMENT_TIMEOUT_MS: '600000' }, bulkBounds(10_000_000)).database.statementTimeoutMs).toBe(600_000);
  });
});
