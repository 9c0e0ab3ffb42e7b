import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX, finishMulti, parseAnswer, type Parsed, type RawAnswer } from '../../src/engine/answers.ts';
import type { Env, FileRef, LocalizedText, Question } from '../../src/engine/types.ts';

const env: Env = { today: '2025-03-14' }; // a Friday
const L = (id: string, en?: string): LocalizedText => (en ? { id, en } : { id });

const text = (t: string): RawAnswer => ({ kind: 'text', text: t });
const button = (value: string): RawAnswer => ({ kind: 'choice', value });
const file = (kind: FileRef['kind'], fileId = 'AgAD-test'): RawAnswer => ({ kind: 'file', file: { fileId, kind } });

const okOf = (r: Parsed) => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value;
};
const errOf = (r: Parsed) => {
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.value)}`);
  return r.error;
};

// ── questions used below ─────────────────────────────────────────────────────
const shortText: Question = { id: 'tempat', type: 'text', max: 10, prompt: L('Di mana?') };
const plainText: Question = { id: 'catatan', type: 'text', prompt: L('Catatan?') };
const longText: Question = { id: 'uraian', type: 'longtext', prompt: L('Uraian?') };
const initials: Question = { id: 'inisial', type: 'initials', prompt: L('Inisial klien?') };
const kontak: Question = {
  id: 'jenis_kontak',
  type: 'choice',
  prompt: L('Jenis kontak?'),
  options: [
    { value: 'tatap_muka', label: L('Tatap muka', 'Face to face') },
    { value: 'kunjungan_rumah', label: L('Kunjungan rumah', 'Home visit') },
    { value: 'telepon', label: L('Telepon / video', 'Phone / video') },
    { value: 'kelompok', label: L('Kelompok', 'Group') },
  ],
};
const hadir: Question = {
  id: 'yang_hadir',
  type: 'multi',
  prompt: L('Siapa saja yang hadir?'),
  max: 3,
  options: [
    { value: 'klien', label: L('Klien', 'Client') },
    { value: 'keluarga', label: L('Keluarga', 'Family') },
    { value: 'pembimbing', label: L('Pembimbing', 'Probation officer') },
    { value: 'staf_lain', label: L('Staf lembaga lain', 'Other staff') },
  ],
};
const hadirMin2: Question = { ...hadir, min: 2 } as Question;
const yesno: Question = { id: 'sesi_terlaksana', type: 'yesno', prompt: L('Sesi terlaksana?') };
const scale: Question = { id: 'keterbukaan', type: 'scale', min: 1, max: 5, prompt: L('Seberapa terbuka?') };
const usia: Question = { id: 'usia', type: 'number', integer: true, min: 1, max: 110, prompt: L('Usia?') };
const durasi: Question = { id: 'durasi', type: 'number', prompt: L('Berapa jam?') };
const tanggalSesi: Question = { id: 'tanggal_sesi', type: 'date', allow: 'past', prompt: L('Tanggal sesi?') };
const pertemuan: Question = { id: 'pertemuan', type: 'date', allow: 'future', prompt: L('Pertemuan berikutnya?') };
const tanggalBebas: Question = { id: 'tanggal', type: 'date', prompt: L('Tanggal?') };
const dokumentasi: Question = { id: 'dokumentasi', type: 'file', prompt: L('Kirim foto') };
const hanyaFoto: Question = { id: 'foto', type: 'file', accept: ['photo'], prompt: L('Kirim foto') };

describe('text and longtext', () => {
  it('trims and accepts typed text', () => {
    expect(parseAnswer(plainText, text('  di rumah klien  '), env)).toEqual({ ok: true, value: 'di rumah klien' });
    expect(okOf(parseAnswer(shortText, text(' 1234567890 '), env))).toBe('1234567890');
  });

  it('empty or blank → empty', () => {
    expect(parseAnswer(plainText, text(''), env)).toEqual({ ok: false, error: { code: 'empty' } });
    expect(errOf(parseAnswer(longText, text(' \n\t '), env)).code).toBe('empty');
    // punctuation alone says nothing: refused, as empty would be
    for (const t of ['-', ' . ', '…', '—?!']) expect(errOf(parseAnswer(plainText, text(t), env)).code).toBe('no-words');
    expect(parseAnswer(plainText, text('- 3x -'), env)).toEqual({ ok: true, value: '- 3x -' });
  });

  it('too long → too-long with max and length', () => {
    expect(parseAnswer(shortText, text('12345678901'), env)).toEqual({
      ok: false,
      error: { code: 'too-long', params: { max: 10, length: 11 } },
    });
  });

  it('uses the default maxima (text 300, longtext 2000)', () => {
    expect(DEFAULT_MAX).toEqual({ text: 300, longtext: 2000 });
    expect(parseAnswer(plainText, text('a'.repeat(300)), env).ok).toBe(true);
    expect(errOf(parseAnswer(plainText, text('a'.repeat(301)), env))).toEqual({ code: 'too-long', params: { max: 300, length: 301 } });
    expect(parseAnswer(longText, text('a'.repeat(2000)), env).ok).toBe(true);
    expect(errOf(parseAnswer(longText, text('a'.repeat(2001)), env))).toEqual({ code: 'too-long', params: { max: 2000, length: 2001 } });
  });

  it('a file or a button where text is asked → expected-text', () => {
    expect(errOf(parseAnswer(plainText, file('photo'), env))).toEqual({ code: 'expected-text' });
    expect(errOf(parseAnswer(longText, file('voice'), env))).toEqual({ code: 'expected-text' });
    expect(errOf(parseAnswer(plainText, button('x'), env))).toEqual({ code: 'expected-text' });
  });
});

describe('initials', () => {
  it.each([
    ['Si', 'Si'],
    ['BZG', 'BZG'],
    ['R.O.', 'RO'],
    ['  s. a. ', 'sa'],
    ['A', 'A'],
    ['ABCDE', 'ABCDE'],
  ])('%j → %j', (typed, value) => {
    expect(parseAnswer(initials, text(typed), env)).toEqual({ ok: true, value });
  });

  it.each(['Siti Aminah', 'ABCDEF', 'A1', '', '-', 'Al-Fatih'])('%j → initials', (typed) => {
    expect(parseAnswer(initials, text(typed), env)).toEqual({ ok: false, error: { code: 'initials' } });
  });

  it('a file or a button → expected-text', () => {
    expect(errOf(parseAnswer(initials, file('photo'), env)).code).toBe('expected-text');
    expect(errOf(parseAnswer(initials, button('Si'), env)).code).toBe('expected-text');
  });
});

describe('choice', () => {
  it('accepts the button value', () => {
    expect(parseAnswer(kontak, button('telepon'), env)).toEqual({ ok: true, value: 'telepon' });
  });

  // #26 point 16: a number picks an option only where the options are shown numbered
  it.each([
    ['1', 'tatap_muka'],
    ['  4 ', 'kelompok'],
  ])('typed %j → %s where the options are numbered', (typed, value) => {
    expect(parseAnswer({ ...kontak, numbered: true } as Question, text(typed), env)).toEqual({ ok: true, value });
  });

  it.each(['1', '4'])('typed %j where the buttons show no numbers → expected-choice', (typed) => {
    expect(parseAnswer(kontak, text(typed), env)).toEqual({ ok: false, error: { code: 'expected-choice' } });
  });

  it.each([
    ['Tatap muka', 'tatap_muka'],
    ['TATAP MUKA', 'tatap_muka'],
    ['telepon / video', 'telepon'],
    ['kunjungan_rumah', 'kunjungan_rumah'],
    ['kun', 'kunjungan_rumah'],
    ['tel', 'telepon'],
    ['ke', 'kelompok'],
    ['Face to face', 'tatap_muka'],
    ['home', 'kunjungan_rumah'],
    ['group', 'kelompok'],
  ])('typed %j → %s (by value, label or label prefix)', (typed, value) => {
    expect(parseAnswer(kontak, text(typed), env)).toEqual({ ok: true, value });
  });

  it.each(['0', '5', 'k', 'kantor', '', '1, 2'])('typed %j is ambiguous or unknown → expected-choice', (typed) => {
    expect(parseAnswer(kontak, text(typed), env)).toEqual({ ok: false, error: { code: 'expected-choice' } });
  });

  it('an unknown button value or a file → expected-choice', () => {
    expect(errOf(parseAnswer(kontak, button('surat'), env)).code).toBe('expected-choice');
    expect(errOf(parseAnswer(kontak, file('photo'), env)).code).toBe('expected-choice');
  });
});

describe('multi', () => {
  it('accepts one button value (the engine builds selections with toggle/done)', () => {
    expect(parseAnswer(hadir, button('keluarga'), env)).toEqual({ ok: true, value: ['keluarga'] });
  });

  it.each([
    ['1, 3', ['klien', 'pembimbing']],
    ['3,1', ['klien', 'pembimbing']],
    ['1; 2', ['klien', 'keluarga']],
    ['1/4', ['klien', 'staf_lain']],
    ['1, 1', ['klien']],
  ])('typed %j → %j where the options are numbered', (typed, value) => {
    expect(parseAnswer({ ...hadir, numbered: true } as Question, text(typed), env)).toEqual({ ok: true, value });
  });

  it.each([
    ['klien dan keluarga', ['klien', 'keluarga']],
    ['Keluarga, Klien', ['klien', 'keluarga']],
    ['client and family', ['klien', 'keluarga']],
    ['kel', ['keluarga']],
    ['staf', ['staf_lain']],
  ])('typed %j → %j (option order, no duplicates)', (typed, value) => {
    expect(parseAnswer(hadir, text(typed), env)).toEqual({ ok: true, value });
  });

  it.each(['', '9', '1 2', 'klien, tetangga', 'k'])('typed %j → expected-choice', (typed) => {
    expect(errOf(parseAnswer(hadir, text(typed), env))).toEqual({ code: 'expected-choice' });
  });

  it('too few → multi-too-few with min; too many → multi-too-many with max', () => {
    expect(parseAnswer(hadirMin2, text('klien'), env)).toEqual({ ok: false, error: { code: 'multi-too-few', params: { min: 2 } } });
    expect(parseAnswer(hadir, text('klien, keluarga, pembimbing, staf'), env)).toEqual({ ok: false, error: { code: 'multi-too-many', params: { max: 3 } } });
    expect(parseAnswer(hadirMin2, text('klien, keluarga'), env)).toEqual({ ok: true, value: ['klien', 'keluarga'] });
  });

  it('finishMulti checks a button selection, drops unknown values and keeps option order', () => {
    const q = hadir as Extract<Question, { type: 'multi' }>;
    expect(finishMulti(q, [])).toEqual({ ok: false, error: { code: 'multi-too-few', params: { min: 1 } } });
    expect(finishMulti(q, ['staf_lain', 'klien'])).toEqual({ ok: true, value: ['klien', 'staf_lain'] });
    expect(finishMulti(q, ['ghost'])).toEqual({ ok: false, error: { code: 'multi-too-few', params: { min: 1 } } });
    expect(finishMulti(q, ['klien', 'keluarga', 'pembimbing', 'staf_lain'])).toEqual({
      ok: false,
      error: { code: 'multi-too-many', params: { max: 3 } },
    });
  });

  it('a file → expected-text', () => {
    expect(errOf(parseAnswer(hadir, file('photo'), env)).code).toBe('expected-text');
  });

  // Regression, was a bug (src/engine/answers.ts, parseAnswer case 'multi'): typed text is split on "/", ",", ";",
  // "dan" and "and" BEFORE matching labels, so typing the full label of an option that contains one
  // of them fails. The real flows are full of such labels ("Cemas / takut", "Marah / kesal",
  // "Perlahan dan konsisten", "Formal (IPSPI, lembaga)" …). Worse, "Rujukan medis / lainnya"
  // (permensos-napza, program_direncanakan) silently becomes TWO options: ['rujukan', 'lainnya'].
  const emosi: Question = {
    id: 'kondisi_emosi',
    type: 'multi',
    prompt: L('Bagaimana kondisi emosi klien?'),
    options: [
      { value: 'tenang', label: L('Tenang', 'Calm') },
      { value: 'cemas', label: L('Cemas / takut', 'Anxious / afraid') },
      { value: 'marah', label: L('Marah / kesal', 'Angry / upset') },
      { value: 'diam_pasrah', label: L('Diam dan pasrah') },
    ],
  };
  it('typing the full label of a multi option that contains "/" selects that option', () => {
    // before the fix: { ok: false, error: { code: 'expected-choice' } } ("kesal" matches no option)
    expect(parseAnswer(emosi, text('Marah / kesal'), env)).toEqual({ ok: true, value: ['marah'] });
  });
  it('typing the full label of a multi option that contains "dan" selects that option', () => {
    // before the fix: { ok: false, error: { code: 'expected-choice' } } ("pasrah" matches no option)
    expect(parseAnswer(emosi, text('Diam dan pasrah'), env)).toEqual({ ok: true, value: ['diam_pasrah'] });
  });
  it('the label "Rujukan medis / lainnya" is one option, not two', () => {
    const program: Question = {
      id: 'program_direncanakan',
      type: 'multi',
      prompt: L('Program apa yang direncanakan?'),
      options: [
        { value: 'konseling', label: L('Konseling / psikososial') },
        { value: 'rujukan', label: L('Rujukan medis / lainnya') },
        { value: 'lainnya', label: L('Lainnya') },
      ],
    };
    // before the fix: { ok: true, value: ['rujukan', 'lainnya'] }
    expect(parseAnswer(program, text('Rujukan medis / lainnya'), env)).toEqual({ ok: true, value: ['rujukan'] });
  });
});

describe('yesno', () => {
  it.each([
    ['ya', true],
    ['Ya', true],
    ['YA ', true],
    ['iya', true],
    ['y', true],
    ['sudah', true],
    ['oke', true],
    ['tidak', false],
    ['Tidak', false],
    ['tdk', false],
    ['nggak', false],
    ['gak', false],
    ['enggak', false],
    ['belum', false],
    ['n', false],
  ])('typed %j → %s', (typed, value) => {
    expect(parseAnswer(yesno, text(typed), env)).toEqual({ ok: true, value });
  });

  it('buttons send "true" / "false"', () => {
    expect(parseAnswer(yesno, button('true'), env)).toEqual({ ok: true, value: true });
    expect(parseAnswer(yesno, button('false'), env)).toEqual({ ok: true, value: false });
  });

  it.each(['mungkin', 'ya tidak', '', '1'])('typed %j → not-yesno', (typed) => {
    expect(parseAnswer(yesno, text(typed), env)).toEqual({ ok: false, error: { code: 'not-yesno' } });
  });

  it('an unknown button or a file → not-yesno / expected-choice', () => {
    expect(errOf(parseAnswer(yesno, button('maybe'), env)).code).toBe('not-yesno');
    expect(errOf(parseAnswer(yesno, file('photo'), env)).code).toBe('expected-choice');
  });
});

describe('scale', () => {
  it('accepts a button or a typed point on the scale', () => {
    expect(parseAnswer(scale, button('4'), env)).toEqual({ ok: true, value: 4 });
    expect(parseAnswer(scale, text('3'), env)).toEqual({ ok: true, value: 3 });
    expect(parseAnswer(scale, text(' 5 '), env)).toEqual({ ok: true, value: 5 });
    expect(parseAnswer(scale, text('1'), env)).toEqual({ ok: true, value: 1 });
  });

  it.each(['0', '6', '2.5', '2,5', 'tinggi', ''])('typed %j → not-on-scale with min and max', (typed) => {
    expect(parseAnswer(scale, text(typed), env)).toEqual({ ok: false, error: { code: 'not-on-scale', params: { min: 1, max: 5 } } });
  });

  it('an unknown button or a file', () => {
    expect(errOf(parseAnswer(scale, button('9'), env))).toEqual({ code: 'not-on-scale', params: { min: 1, max: 5 } });
    expect(errOf(parseAnswer(scale, file('photo'), env)).code).toBe('expected-choice');
  });
});

describe('number', () => {
  it('accepts numbers, with a unit word or a decimal comma', () => {
    expect(parseAnswer(usia, text('42'), env)).toEqual({ ok: true, value: 42 });
    expect(parseAnswer(usia, text('42 tahun'), env)).toEqual({ ok: true, value: 42 });
    expect(parseAnswer(usia, text('3.0'), env)).toEqual({ ok: true, value: 3 });
    expect(parseAnswer(durasi, text('2,5'), env)).toEqual({ ok: true, value: 2.5 });
    expect(parseAnswer(durasi, text('1.5 jam'), env)).toEqual({ ok: true, value: 1.5 });
    expect(parseAnswer(durasi, text('-3'), env)).toEqual({ ok: true, value: -3 });
  });

  it.each(['abc', '', 'dua puluh', '12 13'])('typed %j → not-a-number', (typed) => {
    expect(parseAnswer(usia, text(typed), env)).toEqual({ ok: false, error: { code: 'not-a-number' } });
  });

  it('not-integer, below-min, above-max', () => {
    expect(parseAnswer(usia, text('2,5'), env)).toEqual({ ok: false, error: { code: 'not-integer' } });
    expect(parseAnswer(usia, text('0'), env)).toEqual({ ok: false, error: { code: 'below-min', params: { min: 1 } } });
    expect(parseAnswer(usia, text('111'), env)).toEqual({ ok: false, error: { code: 'above-max', params: { max: 110 } } });
    expect(parseAnswer(usia, text('110'), env)).toEqual({ ok: true, value: 110 });
  });

  it('a file → expected-text', () => {
    expect(errOf(parseAnswer(usia, file('photo'), env)).code).toBe('expected-text');
  });
});

describe('date', () => {
  it('returns ISO dates relative to env.today', () => {
    expect(parseAnswer(tanggalSesi, text('kemarin'), env)).toEqual({ ok: true, value: '2025-03-13' });
    expect(parseAnswer(tanggalSesi, text('hari ini'), env)).toEqual({ ok: true, value: '2025-03-14' });
    expect(parseAnswer(tanggalSesi, text('12/3/2024'), env)).toEqual({ ok: true, value: '2024-03-12' });
    expect(parseAnswer(pertemuan, text('besok'), env)).toEqual({ ok: true, value: '2025-03-15' });
    expect(parseAnswer(pertemuan, text('hari ini'), env)).toEqual({ ok: true, value: '2025-03-14' });
    expect(parseAnswer(tanggalBebas, text('besok'), env)).toEqual({ ok: true, value: '2025-03-15' });
    expect(parseAnswer(tanggalBebas, text('kemarin'), env)).toEqual({ ok: true, value: '2025-03-13' });
  });

  it('weekday names follow the allowed direction', () => {
    expect(okOf(parseAnswer(tanggalSesi, text('Senin'), env))).toBe('2025-03-10');
    expect(okOf(parseAnswer(pertemuan, text('Senin'), env))).toBe('2025-03-17');
  });

  it('not a date → not-a-date (also for a button)', () => {
    expect(parseAnswer(tanggalSesi, text('kapan-kapan'), env)).toEqual({ ok: false, error: { code: 'not-a-date' } });
    expect(parseAnswer(tanggalSesi, text('31/2/2024'), env)).toEqual({ ok: false, error: { code: 'not-a-date' } });
    expect(errOf(parseAnswer(tanggalSesi, button('2025-03-14'), env)).code).toBe('not-a-date');
  });

  it('allow: past refuses a future date → date-in-future', () => {
    expect(parseAnswer(tanggalSesi, text('besok'), env)).toEqual({ ok: false, error: { code: 'date-in-future' } });
    expect(errOf(parseAnswer(tanggalSesi, text('senin depan'), env)).code).toBe('date-in-future');
  });

  it('allow: future refuses a past date → date-in-past', () => {
    expect(parseAnswer(pertemuan, text('kemarin'), env)).toEqual({ ok: false, error: { code: 'date-in-past' } });
    expect(errOf(parseAnswer(pertemuan, text('senin lalu'), env)).code).toBe('date-in-past');
  });

  it('a date more than five years away is taken for a typo → date-out-of-range', () => {
    expect(parseAnswer(tanggalBebas, text('12/3/2042'), env)).toEqual({ ok: false, error: { code: 'date-out-of-range' } });
    expect(errOf(parseAnswer(tanggalBebas, text('1/1/1924'), env)).code).toBe('date-out-of-range');
    expect(errOf(parseAnswer(tanggalSesi, text('1/1/2019'), env)).code).toBe('date-out-of-range');
    expect(errOf(parseAnswer(pertemuan, text('14/3/2031'), env)).code).toBe('date-out-of-range');
    expect(okOf(parseAnswer(pertemuan, text('14/3/2030'), env))).toBe('2030-03-14');
    expect(okOf(parseAnswer(tanggalSesi, text('1/1/2021'), env))).toBe('2021-01-01');
  });

  it('a file → expected-text', () => {
    expect(errOf(parseAnswer(tanggalSesi, file('photo'), env)).code).toBe('expected-text');
  });
});

describe('file', () => {
  it('accepts photo, voice and document by default and returns the file reference', () => {
    for (const kind of ['photo', 'voice', 'document'] as const) {
      expect(parseAnswer(dokumentasi, file(kind), env)).toEqual({ ok: true, value: { fileId: 'AgAD-test', kind } });
    }
    const withCaption: RawAnswer = { kind: 'file', file: { fileId: 'x', kind: 'photo', caption: 'kegiatan' } };
    expect(okOf(parseAnswer(dokumentasi, withCaption, env))).toEqual({ fileId: 'x', kind: 'photo', caption: 'kegiatan' });
  });

  it('another kind → file-kind with the accepted kinds', () => {
    expect(parseAnswer(dokumentasi, file('video'), env)).toEqual({
      ok: false,
      error: { code: 'file-kind', params: { accept: 'photo, voice, document' } },
    });
    expect(parseAnswer(hanyaFoto, file('voice'), env)).toEqual({ ok: false, error: { code: 'file-kind', params: { accept: 'photo' } } });
  });

  it('text or a button → expected-file', () => {
    expect(parseAnswer(dokumentasi, text('fotonya nanti'), env)).toEqual({ ok: false, error: { code: 'expected-file' } });
    expect(errOf(parseAnswer(dokumentasi, button('x'), env)).code).toBe('expected-file');
  });
});
