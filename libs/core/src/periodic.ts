/**
 * Work a process repeats in the background every `ms` (a sweep, a fold): one run at a time (a run
 * still going when the next is due is not doubled), a failure logged by `failed` and retried at the
 * next turn, and stop() waiting for a run in progress, so that a shutdown never cuts one short.
 * The timer does not keep the process alive.
 */
export class Periodic {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly ms: number,
    private readonly work: () => Promise<unknown>,
    private readonly failed: (error: unknown) => void,
  ) {}

  /** Starts the turns; `now`: a first run at once. */
  start(now = false): void {
    this.timer = setInterval(() => void this.run(), this.ms);
    this.timer.unref();
    if (now) void this.run();
  }

  /** One run now, or the one in progress. */
  run(): Promise<void> {
    this.running ??= this.work()
      .then(() => undefined, this.failed)
      .finally(() => (this.running = undefined));
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
