// Records read sealed (encrypted) and opened only when a handler looks at one. A worker may have
// dozens of cases, and most updates (an answer to the current question) touch one: opening every
// case on every update was most of the read's CPU. Each record is opened once, on first access;
// the object otherwise behaves as a plain one (keys, values, assignment, delete, JSON).
export function lazyRecords<T, S = string | Buffer>(sealed: Record<string, S>, open: (s: S, field: string) => T): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [key, raw] of Object.entries(sealed)) {
    Object.defineProperty(out, key, {
      enumerable: true,
      configurable: true,
      get() {
        const value = open(raw, key);
        Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
        return value;
      },
      set(value: T) {
        Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
      },
    });
  }
  return out;
}
