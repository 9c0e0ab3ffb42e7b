// Counts events per key in fixed windows, in this process: how often someone was answered lately.
// Bounded: at most `capacity` keys are remembered (the oldest window is forgotten first), so a flood
// of distinct senders costs a fixed amount of memory.
export class WindowCounter {
  private readonly windows = new Map<number, { start: number; count: number }>();
  private readonly windowMs: number;
  private readonly capacity: number;

  constructor(windowMs: number, capacity = 10_000) {
    this.windowMs = windowMs;
    this.capacity = capacity;
  }

  /** Counts one event of `key` at `now` (ms); returns the key's count in its current window. */
  hit(key: number, now: number): number {
    const w = this.windows.get(key);
    if (w && now - w.start < this.windowMs) {
      w.count++;
      return w.count;
    }
    this.windows.delete(key);
    if (this.windows.size >= this.capacity) this.windows.delete(this.windows.keys().next().value!);
    // a Map keeps insertion order: re-inserted windows go last, so the first key is the oldest window
    this.windows.set(key, { start: now, count: 1 });
    return 1;
  }
}
