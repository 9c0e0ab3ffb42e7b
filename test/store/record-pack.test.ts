// Cases and sessions as stored (src/store/record-pack.ts): compressed where it pays, sealed as bytes
// bound to their place, and what was stored before still read.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DataCipher, SealedValueError } from '../../src/store/crypto.ts';
import { DEFLATE_FROM, openRecord, openRecordJson, openRecords, sealRecord, sealRecordJson } from '../../src/store/record-pack.ts';

const cipher = new DataCipher([randomBytes(32)]);
const CASES = '{u:7}:cases';
const SESSION = '{u:7}:session';

/** a case as the bot keeps it after a few notes (the plan of the last, an answer offered again) */
const aCase = {
  id: 'k3j4m5n6p7', ownerId: 7, initials: 'Si', age: 42, gender: 'l', setting: 'bapas',
  problem: 'Relasi dengan keluarga renggang sejak ditahan; ibu dan kakak belum mau menerima klien kembali.',
  facts: { peran: 'pk', program: 'pembebasan_bersyarat', akhir_bimbingan: '2027-05-20', penjamin: 'orang_tua', penjamin_setuju: 'tertulis' },
  flowId: 'bapas-eic', stageId: 'eic', status: 'active', createdAt: '2026-09-03T02:00:00.000Z', updatedAt: '2026-12-01T06:00:00.000Z', noteCount: 5,
  monitoring: { cadence: 'monthly' }, lastNoteAt: '2026-12-01T06:00:00.000Z', lastHeldAt: '2026-12-01T06:00:00.000Z', missedInRow: 0,
  lastNote: { noteId: 'eb78xw65gz', date: '2026-12-01', stageId: 'eic', held: true, next: 'Klien akan menyusun jadwal harian sederhana agar waktunya terisi dengan kegiatan yang bermanfaat.' },
  carry: { fase_program: { id: 'fase_program', type: 'choice', label: { id: 'Fase program pembimbingan klien?', en: "Phase of the client's guidance programme?" }, value: 'lanjutan', summary: true, display: [{ id: 'Tahap lanjutan', en: 'Continuing' }] } },
};

/** what the plaintext of a sealed record begins with (its coding byte) and how long it is */
function inside(sealed: Buffer, key: string, field: string): { coding: number; bytes: number } {
  const plain = cipher.decryptBytes(sealed, key, field);
  return { coding: plain[0]!, bytes: plain.length };
}

describe('a case or a session as stored', () => {
  it('a case: deflated with the dictionary, sealed as bytes, a quarter of the text it was, and reads back the same', () => {
    const sealed = sealRecord(cipher, 'case', aCase, CASES, aCase.id);
    expect(sealed[0]).toBe(0x03);
    expect(inside(sealed, CASES, aCase.id).coding).toBe(1);
    const before = cipher.seal(aCase, CASES, aCase.id);
    expect(sealed.length).toBeLessThan(before.length / 2.5);
    expect(openRecord(cipher, sealed, CASES, aCase.id)).toEqual(aCase);
    // its words are nowhere in what is stored
    for (const plain of ['Relasi', 'pembebasan', 'jadwal']) expect(sealed.toString('latin1')).not.toContain(plain);
  });

  it('a session: kept as it is below 2 KB (written at every answer), deflated above it (a draft carrying a whole note)', () => {
    const idle = { lang: 'id', reminders: { weekday: 1, hour: 9, zone: 'Asia/Jakarta', paused: false } };
    const small = sealRecord(cipher, 'session', idle, SESSION, 'data');
    expect(inside(small, SESSION, 'data')).toEqual({ coding: 0, bytes: 1 + JSON.stringify(idle).length });
    // bytes, not base64: smaller than the text of before
    expect(small.length).toBeLessThan(cipher.seal(idle, SESSION, 'data').length);
    expect(openRecord(cipher, small, SESSION, 'data')).toEqual(idle);

    const revising = { lang: 'en', activity: { kind: 'note-edit', caseId: aCase.id, original: { items: Array.from({ length: 14 }, (_, i) => ({ id: `q${i}`, type: 'longtext', label: { id: 'Apa yang dibicarakan dalam sesi ini?', en: 'What was discussed?' }, value: 'Klien bercerita bahwa hubungannya dengan ibunya mulai membaik sejak kunjungan terakhir ke rumah.' })) } } };
    const json = JSON.stringify(revising);
    expect(json.length).toBeGreaterThan(DEFLATE_FROM.session);
    const big = sealRecordJson(cipher, 'session', json, SESSION, 'data');
    expect(inside(big, SESSION, 'data').coding).toBe(1);
    expect(big.length).toBeLessThan(json.length / 4);
    expect(openRecordJson(cipher, big, SESSION, 'data')).toBe(json);
  });

  it('is bound to its key and field: copied to another case, another user or tampered with, it does not open', () => {
    const sealed = sealRecord(cipher, 'case', aCase, CASES, aCase.id);
    expect(() => openRecord(cipher, sealed, CASES, 'another1')).toThrow(SealedValueError);
    expect(() => openRecord(cipher, sealed, '{u:8}:cases', aCase.id)).toThrow(SealedValueError);
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1]! ^= 1;
    expect(() => openRecord(cipher, flipped, CASES, aCase.id)).toThrow(SealedValueError);
    // under a key this process does not have
    expect(() => openRecord(new DataCipher([randomBytes(32)]), sealed, CASES, aCase.id)).toThrow(/no data key with id/);
  });

  it('reads the text format of before, as a string or as the bytes a Buffer command gives', () => {
    const v2 = cipher.seal(aCase, CASES, aCase.id);
    expect(openRecord(cipher, v2, CASES, aCase.id)).toEqual(aCase);
    expect(openRecord(cipher, Buffer.from(v2), CASES, aCase.id)).toEqual(aCase);
    const hash = { [aCase.id]: Buffer.from(v2), second: sealRecord(cipher, 'case', { ...aCase, id: 'second' }, CASES, 'second') };
    expect(Object.values(openRecords<{ id: string }>(cipher, CASES, hash)).map((c) => c.id)).toEqual([aCase.id, 'second']);
  });

  it('refuses a coding it does not know, naming where (a value of a later version), rather than reading it as something else', () => {
    const later = cipher.encryptBytes(Buffer.from([7, 1, 2, 3]), CASES, aCase.id);
    expect(() => openRecord(cipher, later, CASES, aCase.id)).toThrow(/coded as 7, which this version does not read/);
  });
});
