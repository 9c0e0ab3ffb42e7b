// The local day of an instant, from a cached zone offset, agrees with luxon's own conversion:
// every hour of two years in the Indonesian zones and in zones with DST (and a half-hour one).
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isoDayIn } from '../../src/bot/time.ts';

describe('isoDayIn', () => {
  it.each(['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata'])('%s agrees with luxon', (zone) => {
    const start = Date.UTC(2025, 0, 1);
    const wrong: string[] = [];
    for (let ms = start; ms < start + 2 * 365 * 86_400_000; ms += 3_600_000 + 7 * 60_000) {
      const expected = DateTime.fromMillis(ms, { zone }).toISODate()!;
      if (isoDayIn(zone, ms) !== expected) wrong.push(`${new Date(ms).toISOString()}: ${isoDayIn(zone, ms)} ≠ ${expected}`);
    }
    expect(wrong).toEqual([]);
  });

  it.each(['Asia/Jakarta', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Europe/Berlin'])('%s: the day remembered within an hour turns at local midnight, minute by minute', (zone) => {
    // around Berlin's DST switch (30 March 2025) and Lord Howe's (6 April 2025), every minute
    const wrong: string[] = [];
    for (const start of [Date.UTC(2025, 2, 29), Date.UTC(2025, 3, 4)]) {
      for (let ms = start; ms < start + 3 * 86_400_000; ms += 60_000) {
        const expected = DateTime.fromMillis(ms, { zone }).toISODate()!;
        if (isoDayIn(zone, ms) !== expected) wrong.push(`${new Date(ms).toISOString()}: ${isoDayIn(zone, ms)} ≠ ${expected}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
