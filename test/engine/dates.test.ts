import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, formatDate, isoFromParts, parseDate } from '../../src/engine/dates.ts';

// A Friday. Every relative date below is computed from it, never from the real clock.
const TODAY = '2025-03-14';

describe('parseDate: relative words', () => {
  it.each([
    ['hari ini', '2025-03-14'],
    ['Hari Ini', '2025-03-14'],
    ['  hari   ini ', '2025-03-14'],
    ['sekarang', '2025-03-14'],
    ['kemarin', '2025-03-13'],
    ['Kemarin.', '2025-03-13'],
    ['kemaren', '2025-03-13'],
    ['kemarin lusa', '2025-03-12'],
    ['besok', '2025-03-15'],
    ['lusa', '2025-03-16'],
    ['3 hari lalu', '2025-03-11'],
    ['3 hari yang lalu', '2025-03-11'],
    ['14 hari lalu', '2025-02-28'],
    ['2 hari lagi', '2025-03-16'],
    ['today', '2025-03-14'],
    ['yesterday', '2025-03-13'],
  ])('%j → %s', (text, iso) => {
    expect(parseDate(text, TODAY)).toBe(iso);
  });

  // #26 point 20: the time of day a worker adds is dropped, the day kept
  it.each([
    ['kemarin sore', '2025-03-13'],
    ['Kemarin malam', '2025-03-13'],
    ['tadi pagi', '2025-03-14'],
    ['pagi tadi', '2025-03-14'],
    ['sore ini', '2025-03-14'],
    ['semalam', '2025-03-13'],
    ['tadi malam', '2025-03-13'],
    ['malam ini', '2025-03-14'],
    ['this morning', '2025-03-14'],
    ['Senin lalu', '2025-03-10'],
    ['senin pagi', '2025-03-10'],
    ['Kamis sore', '2025-03-13'],
    ['2 hari lalu sore', '2025-03-12'],
  ])('%j with a time of day → %s', (text, iso) => {
    expect(parseDate(text, TODAY, 'past')).toBe(iso);
  });

  it('relative words ignore the direction', () => {
    expect(parseDate('kemarin', TODAY, 'future')).toBe('2025-03-13');
    expect(parseDate('besok', TODAY, 'past')).toBe('2025-03-15');
  });

  it('crosses month and year boundaries', () => {
    expect(parseDate('kemarin', '2025-03-01')).toBe('2025-02-28');
    expect(parseDate('kemarin', '2024-03-01')).toBe('2024-02-29');
    expect(parseDate('besok', '2024-12-31')).toBe('2025-01-01');
    expect(parseDate('3 hari lalu', '2025-01-02')).toBe('2024-12-30');
  });
});

describe('parseDate: numeric dates (day first)', () => {
  it.each([
    ['12/3/2024', '2024-03-12'],
    ['12-3-2024', '2024-03-12'],
    ['12.3.24', '2024-03-12'],
    ['12/03/2024', '2024-03-12'],
    ['1/8/2024', '2024-08-01'],
    ['29/2/2024', '2024-02-29'],
    ['12/3', '2025-03-12'],
    ['1-8', '2025-08-01'],
    ['2024-03-12', '2024-03-12'],
    ['2024-3-12', '2024-03-12'],
  ])('%j → %s', (text, iso) => {
    expect(parseDate(text, TODAY)).toBe(iso);
  });

  it('a date without a year is in the current year of "today"', () => {
    expect(parseDate('12/3', '2023-06-01')).toBe('2023-03-12');
    expect(parseDate('12 maret', '2023-06-01')).toBe('2023-03-12');
  });
});

describe('parseDate: month names', () => {
  it.each([
    ['12 Maret 2024', '2024-03-12'],
    ['12 maret', '2025-03-12'],
    ['12 MARET 2024', '2024-03-12'],
    ['1 Agustus 2024', '2024-08-01'],
    ['1 agt 2024', '2024-08-01'],
    ['12 Mar 2024', '2024-03-12'],
    ['12 Mar. 2024', '2024-03-12'],
    ['12 maret 24', '2024-03-12'],
    ['5 Pebruari 2025', '2025-02-05'],
    ['17 Mei 2024', '2024-05-17'],
    ['25 Desember 2024', '2024-12-25'],
    ['12 March 2024', '2024-03-12'],
    ['Selasa, 11 Maret', '2025-03-11'],
    ['29 Februari 2024', '2024-02-29'],
  ])('%j → %s', (text, iso) => {
    expect(parseDate(text, TODAY)).toBe(iso);
  });
});

describe('parseDate: weekday names', () => {
  it('a bare weekday is the last one for a past (or any) date, the next one for a future date', () => {
    expect(parseDate('Senin', TODAY)).toBe('2025-03-10');
    expect(parseDate('Senin', TODAY, 'past')).toBe('2025-03-10');
    expect(parseDate('Senin', TODAY, 'future')).toBe('2025-03-17');
    expect(parseDate('kamis', TODAY, 'past')).toBe('2025-03-13');
    expect(parseDate('kamis', TODAY, 'future')).toBe('2025-03-20');
    expect(parseDate('sabtu', TODAY, 'past')).toBe('2025-03-08');
    expect(parseDate('sabtu', TODAY, 'future')).toBe('2025-03-15');
    expect(parseDate('ahad', TODAY, 'past')).toBe('2025-03-09');
    expect(parseDate('hari senin', TODAY, 'future')).toBe('2025-03-17');
  });

  it('today\'s own weekday name is today', () => {
    expect(parseDate('Jumat', TODAY, 'past')).toBe(TODAY);
    expect(parseDate("Jum'at", TODAY, 'future')).toBe(TODAY);
  });

  it('"depan" always looks forward and "lalu" always looks back, whatever the direction', () => {
    expect(parseDate('senin depan', TODAY)).toBe('2025-03-17');
    expect(parseDate('senin depan', TODAY, 'past')).toBe('2025-03-17');
    expect(parseDate('Kamis depan', TODAY)).toBe('2025-03-20');
    expect(parseDate('senin lalu', TODAY)).toBe('2025-03-10');
    expect(parseDate('senin lalu', TODAY, 'future')).toBe('2025-03-10');
    expect(parseDate('hari senin lalu', TODAY, 'future')).toBe('2025-03-10');
    expect(parseDate('senin kemarin', TODAY, 'past')).toBe('2025-03-10');
  });

  // Regression, was a bug (src/engine/dates.ts, parseDate, the `forward` line): " kemarin" is stripped as a past
  // marker ("Senin kemarin" = last Monday), but the direction check only looks for " lalu", so with
  // direction 'future' (e.g. "Kapan pertemuan berikutnya?") it silently becomes NEXT Monday.
  it('"senin kemarin" means last Monday even when a future date is asked', () => {
    expect(parseDate('senin kemarin', TODAY, 'future')).toBe('2025-03-10');
  });

  // Regression, was a bug (src/engine/dates.ts, parseDate, weekday branch): on a Friday, "jumat depan" (next Friday)
  // and "jumat lalu" (last Friday) both return today, because diff = 0 counts as "the nearest one"
  // even when the word explicitly says next / last week.
  it('"jumat depan" said on a Friday is the Friday of next week', () => {
    expect(parseDate('jumat depan', TODAY)).toBe('2025-03-21');
  });
  it('"jumat lalu" said on a Friday is the Friday of last week', () => {
    expect(parseDate('jumat lalu', TODAY)).toBe('2025-03-07');
  });
});

describe('parseDate: not a date', () => {
  it.each([
    '31/2/2024',
    '29/2/2025',
    '32/1/2024',
    '13/13/2024',
    '0/3/2024',
    '31 April 2024',
    '29 Februari 2025',
    '12 bulan 2024',
    '2024/03/12',
    'kapan-kapan',
    'minggu-minggu ini',
    '1000 hari lalu',
    '',
    '   ',
  ])('%j → undefined', (text) => {
    expect(parseDate(text, TODAY)).toBeUndefined();
    expect(parseDate(text, TODAY, 'past')).toBeUndefined();
    expect(parseDate(text, TODAY, 'future')).toBeUndefined();
  });
});

describe('formatDate and calendar helpers', () => {
  it('formats in Indonesian by default and in English on request', () => {
    expect(formatDate('2024-03-12')).toBe('12 Maret 2024');
    expect(formatDate('2024-03-12', 'id')).toBe('12 Maret 2024');
    expect(formatDate('2024-03-12', 'en')).toBe('12 March 2024');
    expect(formatDate('2025-08-01')).toBe('1 Agustus 2025');
    expect(formatDate('2025-12-31', 'en')).toBe('31 December 2025');
  });

  it('round-trips: what formatDate writes, parseDate reads back', () => {
    for (const iso of ['2024-01-01', '2024-02-29', '2024-05-17', '2024-08-17', '2025-03-14', '2025-12-25']) {
      expect(parseDate(formatDate(iso), TODAY)).toBe(iso);
      expect(parseDate(formatDate(iso, 'en'), TODAY)).toBe(iso);
    }
  });

  it('isoFromParts rejects impossible dates; addDays and daysBetween agree', () => {
    expect(isoFromParts(2024, 2, 29)).toBe('2024-02-29');
    expect(isoFromParts(2025, 2, 29)).toBeUndefined();
    expect(addDays('2025-03-14', -14)).toBe('2025-02-28');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(daysBetween('2025-03-14', '2025-03-21')).toBe(7);
    expect(daysBetween('2025-03-14', '2024-03-14')).toBe(-365);
    expect(daysBetween('2025-03-14', addDays('2025-03-14', 400))).toBe(400);
  });
});
