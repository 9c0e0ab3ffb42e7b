// #26 point 6: a report's and a spreadsheet's "held" column tells a contact without the client from a
// session held or missed.
import { describe, expect, it } from 'vitest';
import { heldWord, noteHeld, withoutClient } from '../../src/cases/note-builder.ts';
import { createI18n } from '../../src/bot/create-bot.ts';
import type { NoteRecord } from '../../src/store/records.ts';

const i18n = createI18n();
const note = (value: string): NoteRecord => ({ items: [{ id: 'sesi_dilaksanakan', type: 'choice', label: { id: 'Apakah sesi terlaksana?' }, value }] }) as unknown as NoteRecord;

describe('the held column', () => {
  it.each([
    ['sesuai_rencana', 'id', 'ya'],
    ['ada_perubahan', 'id', 'ya'],
    ['tidak', 'id', 'tidak'],
    ['tanpa_klien', 'id', 'kontak tanpa klien'],
    ['tanpa_klien', 'en', 'contact without the client'],
  ])('%s (%s) → %s', (value, lang, word) => {
    expect(heldWord(note(value), (k) => i18n.t(lang, k)).toLowerCase()).toBe(word);
  });

  it('a contact without the client is not held, and is told apart', () => {
    expect(noteHeld(note('tanpa_klien'))).toBe(false);
    expect(withoutClient(note('tanpa_klien'))).toBe(true);
    expect(withoutClient(note('tidak'))).toBe(false);
  });
});
