import type { AppConfig } from '@enlace/config';
import type { ReadyFigures } from './ready-figures.js';
import { ReadyFiguresRefresher } from './ready-figures-refresher.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ReadyFiguresRefresher', () => {
  it('refreshes every refresh when that is shorter than its check, and a shutdown stops the refresh at its next figure and waits for it', async () => {
    const asked: (() => boolean)[] = [];
    let finish: (recomputed: number) => void = () => undefined;
    const ready = {
      refresh: (stopping: () => boolean) => {
        asked.push(stopping);
        return new Promise<number>((resolve) => (finish = resolve));
      },
    } as unknown as ReadyFigures;
    const refresher = new ReadyFiguresRefresher(ready, { figures: { refreshMs: 1000 } } as AppConfig);
    refresher.onApplicationBootstrap();
    const started = Date.now();
    while (asked.length === 0 && Date.now() - started < 9500) await tick(20);
    // About a second after the start (the refresh, shorter than the 10 s check; 8 s leaves room for a loaded machine), once.
    expect(asked).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(8000);
    expect(asked[0]()).toBe(false);

    let stopped = false;
    const stopping = refresher.onModuleDestroy().then(() => (stopped = true));
    // The figure in progress is told to stop after it, and the shutdown waits for it.
    expect(asked[0]()).toBe(true);
    await tick(50);
    expect(stopped).toBe(false);
    finish(1);
    await stopping;
    expect(stopped).toBe(true);
    await tick(1200);
    expect(asked).toHaveLength(1);
  });
});
