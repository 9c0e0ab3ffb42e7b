// The playground's movable clock. Imported first by src/playground/main.ts, it makes Date.now()
// of this whole process "real time + offset": the bot (deps.clock), the reminder workers (`now`),
// luxon (DateTime.now() reads Date.now()), BullMQ (it stamps jobs and promotes delayed ones with
// Date.now()) and the embedded Bot API (message dates) then all agree on what time it is, so a
// reminder fired by time travel is judged by the same rules (due, late, already noted) as a real one.
// `new Date()` without arguments is not shifted; nothing on these paths uses it.
const realNow = Date.now.bind(Date);
let offsetMs = 0;

Date.now = () => realNow() + offsetMs;

export const playgroundClock = {
  now: (): Date => new Date(Date.now()),
  offsetMs: (): number => offsetMs,
  /** Moves the clock so that Date.now() is `at` (never backwards: jobs already run stay run). */
  jumpTo(at: number): void {
    offsetMs = Math.max(offsetMs, at - realNow());
  },
  reset(): void {
    offsetMs = 0;
  },
};
