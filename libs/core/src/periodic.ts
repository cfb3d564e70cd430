/**
 * Work a process repeats in the background every `ms` (a sweep, a fold): one run at a time (a run
 * still going when the next is due, or asked for, is not doubled: the caller shares it), a turn's
 * failure reported to `failed` and retried at the next turn, and stop() waiting for a run in
 * progress, so that a shutdown never cuts one short. The timer does not keep the process alive.
 */
export class Periodic<T = unknown> {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<T> | undefined;

  constructor(
    private readonly ms: number,
    private readonly work: () => Promise<T>,
    private readonly failed: (error: unknown) => void,
  ) {}

  /** Starts the turns; `now`: a first run at once. */
  start(now = false): void {
    this.timer = setInterval(() => this.turn(), this.ms);
    this.timer.unref();
    if (now) this.turn();
  }

  /** One run now, or the one in progress: its result, or its failure (a turn reports it to `failed` instead). */
  run(): Promise<T> {
    this.running ??= this.work().finally(() => (this.running = undefined));
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  private turn(): void {
    this.run().catch(this.failed);
  }
}
