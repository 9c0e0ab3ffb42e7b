// The playground's clock: real time plus an offset that only time travel (⏩) moves, and only forward
// (jobs already run stay run). It is handed to everything that reads the time through a clock — the
// bot (deps.clock), the reminder workers (`now`), the simulator (message dates) and the page — so a
// reminder fired by time travel is judged by the same rules (due, late, already noted) and says the
// same ("last note 7 days ago") as a real one. Nothing global is changed: BullMQ keeps the real clock
// and time travel promotes the job it fires (time-travel.ts).
export class PlaygroundClock {
  private offsetMs = 0;

  /** ms since the epoch, playground time */
  readonly nowMs = (): number => Date.now() + this.offsetMs;

  /** the bot's Clock */
  readonly now = (): Date => new Date(this.nowMs());

  /** Moves the clock so that it reads `at` (never backwards). */
  jumpTo(at: number): void {
    this.offsetMs = Math.max(this.offsetMs, at - Date.now());
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
