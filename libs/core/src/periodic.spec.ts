import { Periodic } from './periodic.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Periodic', () => {
  it('runs its work every turn, one run at a time, and a shutdown waits for the run in progress', async () => {
    let runs = 0;
    let inFlight = 0;
    let most = 0;
    let finished = 0;
    const work = async () => {
      runs += 1;
      inFlight += 1;
      most = Math.max(most, inFlight);
      await tick(45); // longer than a turn: the turns due meanwhile are not doubled
      inFlight -= 1;
      finished += 1;
    };
    const periodic = new Periodic(10, work, () => undefined);
    periodic.start(true);
    while (runs < 3) await tick(5);
    await periodic.stop();
    expect(most).toBe(1);
    expect(runs).toBeGreaterThanOrEqual(2);
    // stop() came back only once the run it found had finished, and no run starts after it.
    expect(finished).toBe(runs);
    await tick(40);
    expect(finished).toBe(runs);
  });

  it('reports a failed run and tries again at the next turn', async () => {
    const failures: unknown[] = [];
    let attempts = 0;
    const periodic = new Periodic(
      10,
      async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('database away');
      },
      (error) => failures.push(error),
    );
    periodic.start(true);
    while (attempts < 2) await tick(5);
    await periodic.stop();
    expect(failures.map(String)).toEqual(['Error: database away']);
    expect(attempts).toBeGreaterThanOrEqual(2);
  });

  it('gives a run asked for its result, shared with the run in progress, and its failure', async () => {
    let runs = 0;
    const periodic = new Periodic(
      60_000,
      async () => {
        runs += 1;
        await tick(20);
        if (runs === 2) throw new Error('database away');
        return runs;
      },
      () => undefined,
    );
    const [first, same] = await Promise.all([periodic.run(), periodic.run()]);
    expect([first, same, runs]).toEqual([1, 1, 1]);
    await expect(periodic.run()).rejects.toThrow('database away');
    await expect(periodic.run()).resolves.toBe(3);
    await periodic.stop();
  });
});
