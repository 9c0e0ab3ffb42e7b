// Notes kept as their answers (src/cases/note-codec.ts, src/store/note-pack.ts): packed against
// their flow version, compressed, sealed as bytes. Lossless for every question of every built-in flow
// (an item that reads otherwise than its version would make it keeps what differs); a note of a
// version this process lacks is an error, never blank; and notes stored in today's format (a fixture
// written by the code of before, test/fixtures/notes-v2/) render and report exactly as they did,
// before and after `npm run rotate-key` packs them.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load-flows.ts';
import { connectRegistry, loadBuiltins } from '../../src/catalog/registry.ts';
import type { Catalog } from '../../src/catalog/catalog.ts';
import { buildNote, reviseNote } from '../../src/cases/note-builder.ts';
import { FlowVersionMissingError, noteCodec } from '../../src/cases/note-codec.ts';
import type { AnswerValue, Question } from '../../src/engine/types.ts';
import { DataCipher } from '../../src/store/crypto.ts';
import { NoteSealer } from '../../src/store/note-pack.ts';
import type { CaseRecord, NoteRecord } from '../../src/store/records.ts';
import { KeyRotation } from '../../src/privacy/rotate.ts';
import { renderNote } from '../../src/bot/render/note.ts';
import { noteView } from '../../src/export/institution-report.ts';
import { createI18n } from '../../src/bot/create-bot.ts';
import { Harness, TEST_DATA_KEY } from '../support/bot-harness.ts';

const CASE = { id: 'k1', initials: 'Si', age: 42, setting: 'bapas' } as CaseRecord;

/** A value of each kind of question: some text, the first options, the top of a scale. */
function valueFor(q: Question, i: number): AnswerValue | null {
  switch (q.type) {
    case 'text':
      return `Jawaban ${i}: klien bercerita tentang keluarganya <b>dan</b> pekerjaan.`;
    case 'choice':
      return q.options[i % q.options.length]!.value;
    case 'multi':
      return q.options.slice(0, 2).map((o) => o.value);
    case 'yesno':
      return i % 2 === 0;
    case 'scale':
      return q.max;
    case 'number':
      return 3;
    case 'date':
      return '2026-12-01';
    default:
      return null;
  }
}

function notesOf(catalog: Catalog): NoteRecord[] {
  const out: NoteRecord[] = [];
  for (const flow of catalog.flows) {
    for (const stage of flow.stages) {
      const items = stage.questions.map((question, i) => ({ question, value: i % 7 === 6 ? null : valueFor(question, i) }));
      out.push(buildNote(flow, stage, { ...CASE, flowId: flow.id } as CaseRecord, items, { id: `n${out.length}`, authorId: 9, now: '2026-12-01T03:00:00.000Z' }));
    }
  }
  return out;
}

describe('a note kept as its answers', () => {
  it('reads back exactly as written, for every question of every built-in flow, revised or not', async () => {
    const catalog = await loadCatalog();
    const codec = noteCodec(catalog);
    const sealer = new NoteSealer(new DataCipher([TEST_DATA_KEY]), codec);
    const notes = notesOf(catalog);
    expect(notes.length).toBeGreaterThan(30);
    let whole = 0;
    let packed = 0;
    for (const n of notes) {
      const revised = reviseNote(n, { ...n, items: n.items.map((it) => (it.type === 'text' && it.value ? { ...it, value: `${String(it.value)} (diubah)` } : it)) }, '2026-12-02T03:00:00.000Z', { id: 9, name: 'Budi' });
      for (const note of [n, revised]) {
        const stored = sealer.seal(note, '{u:9}:notes:k1', note.id);
        // bytes, not base64 (src/store/crypto.ts: encryptBytes)
        expect(Buffer.isBuffer(stored) && stored[0]).toBe(0x03);
        expect(sealer.open(stored, '{u:9}:notes:k1', note.id)).toEqual(note);
        whole += JSON.stringify(note).length;
        packed += stored.length;
      }
      // nothing of the flow's wording is kept for an item its version makes again
      expect(JSON.stringify(codec.pack(n))).not.toContain(JSON.stringify(n.items[0]!.label));
    }
    expect(packed / whole).toBeLessThan(0.35);
  });

  it('keeps what its version would say otherwise (a note of older wording), and without the version it is an error, never blank', async () => {
    const catalog = await loadCatalog();
    const codec = noteCodec(catalog);
    const [n] = notesOf(catalog);
    const older: NoteRecord = { ...n!, items: n!.items.map((it, i) => (i === 1 ? { ...it, label: { id: 'Pertanyaan lama?', en: 'An old question?' }, display: [{ id: 'Pilihan lama' }] } : it)) };
    const packed = JSON.parse(JSON.stringify(codec.pack(older)));
    expect(packed.i[1][2]).toEqual({ label: { id: 'Pertanyaan lama?', en: 'An old question?' }, display: [{ id: 'Pilihan lama' }] });
    expect(codec.unpack(packed)).toEqual(older);
    // a process without that version: the note is not shown blank
    const without = noteCodec({ version: () => undefined } as unknown as Catalog);
    expect(() => without.unpack(packed)).toThrow(FlowVersionMissingError);
    // packed where the version is unknown, a note keeps everything and reads anywhere
    const selfContained = JSON.parse(JSON.stringify(without.pack(older)));
    expect(without.unpack(selfContained)).toEqual(older);
    // … and the same where the version is known: nothing it would add (a flag the item never had)
    const plain: NoteRecord = { ...n!, items: n!.items.map((it) => { const { summary: _s, ...rest } = it; return rest as typeof it; }) };
    expect(codec.unpack(JSON.parse(JSON.stringify(without.pack(plain))))).toEqual(plain);
  });

  it('two notes read share nothing a reader could change: the items made once per answer are copied out', async () => {
    const catalog = await loadCatalog();
    const codec = noteCodec(catalog);
    const [n] = notesOf(catalog);
    const packed = JSON.stringify(codec.pack(n!));
    const expected = structuredClone(n);
    const [a, b] = [codec.unpack(JSON.parse(packed)), codec.unpack(JSON.parse(packed))];
    const shown = a.items.findIndex((it) => it.display?.length && Array.isArray(it.value));
    expect(shown).toBeGreaterThanOrEqual(0);
    // a reader changes its own copy: a multi answer's values, an option's label as shown
    (a.items[shown]!.value as string[]).push('diubah');
    a.items[shown]!.display![0]!.id = 'DIUBAH';
    a.items.forEach((it) => Object.assign(it, { summary: 'x' }));
    expect(b).toEqual(expected);
    expect(codec.unpack(JSON.parse(packed))).toEqual(expected);
    expect(n).toEqual(expected);
  });

  it('written in a version another instance just published: the reader loads it and reads the note whole', async () => {
    const catalog = await loadCatalog();
    const [n] = notesOf(catalog);
    const cipher = new DataCipher([TEST_DATA_KEY]);
    const stored = new NoteSealer(cipher, noteCodec(catalog)).seal(n!, '{u:9}:notes:k1', n!.id);
    // this process has not loaded that version yet
    let loaded = false;
    const lagging = { version: (id: string, v: number) => (loaded ? catalog.version(id, v) : undefined) } as unknown as Catalog;
    const asked: string[] = [];
    const sealer = new NoteSealer(cipher, noteCodec(lagging), async (id, v) => {
      asked.push(`${id}@${v}`);
      loaded = true;
      return true;
    });
    expect(() => sealer.open(stored, '{u:9}:notes:k1', n!.id)).toThrow(FlowVersionMissingError);
    expect(await sealer.withFlows(() => sealer.open(stored, '{u:9}:notes:k1', n!.id))).toEqual(n);
    expect(asked).toEqual([`${n!.flowId}@${n!.flowVersion}`]);
  });
});

describe('a flow version notes were written in', () => {
  it('missing from the registry stops the start, naming it: a note is never shown without its wording', async () => {
    const h = await Harness.start({ registry: true });
    try {
      // a version notes were written in, named by the index, its content gone (a partial restore)
      await h.redis.hset(h.keys.flowIndex, 'zastrow-mezzo@6', 'f00dfeedf00dfeed');
      await expect(connectRegistry(h.redis, h.keys, await loadBuiltins(), { refresh: false })).rejects.toThrow(/flow version zastrow-mezzo@6 is in the registry's index but its content .* is gone/);
    } finally {
      await h.stop();
    }
  });
});

describe('notes, cases and sessions stored in the format of before (test/fixtures/notes-v2)', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('render and report as before; `npm run rotate-key` packs and compresses them, and they still do', async () => {
    const fixture = JSON.parse(readFileSync(new URL('../fixtures/notes-v2/redis.json', import.meta.url), 'utf8')) as { worker: number; caseId: string; keys: Record<string, Record<string, string> | string[]> };
    const expected = JSON.parse(readFileSync(new URL('../fixtures/notes-v2/expected.json', import.meta.url), 'utf8')) as { id: string; chat: string[]; report: { line: string; placed: [string, string][] }; record: NoteRecord }[];
    h = await Harness.start();
    const p = h.redis.pipeline();
    for (const [rel, v] of Object.entries(fixture.keys)) {
      if (Array.isArray(v)) p.rpush(h.prefix + rel, ...v);
      else p.hset(h.prefix + rel, v);
    }
    // a session as the code of before kept it (whole JSON sealed as text), waiting for feedback's text
    const sessionKey = h.keys.session(fixture.worker);
    const session = { lang: 'id', reminders: { weekday: 1, hour: 9, zone: 'Asia/Jakarta', paused: false }, aside: { kind: 'skip-reason', caseId: fixture.caseId, occurrence: 1_700_000_000_000 } };
    p.hset(sessionKey, 'rev', '4', 'data', h.store.cipher.seal(session, sessionKey, 'data'), 'cases', fixture.caseId);
    await p.exec();
    const notesKey = `${h.prefix}{u:${fixture.worker}}:notes:${fixture.caseId}`;
    const casesKey = h.keys.cases(fixture.worker);
    const stored = async () => [...Object.values(await h!.redis.hgetallBuffer(notesKey)), ...Object.values(await h!.redis.hgetallBuffer(casesKey)), (await h!.redis.hgetBuffer(sessionKey, 'data'))!];
    const whole = async () => {
      const ws = await h!.store.load(fixture.worker);
      return { session: ws.session, cases: { ...ws.cases } };
    };
    const i18n = createI18n();
    const t = (k: string, v?: Record<string, string | number>) => i18n.t('id', k, v);
    const shown = async () => {
      const ws = await h!.store.load(fixture.worker, { notesOf: fixture.caseId });
      const c = ws.cases[fixture.caseId]!;
      return expected.map((e) => {
        const n = ws.notes![e.id]!;
        const report = noteView(n, { flow: h!.catalog.get(n.flowId), flowAt: (v) => h!.catalog.version(n.flowId, v), lang: 'id', t });
        return { id: e.id, chat: renderNote(n, c, 'id', t, n.createdAt.slice(0, 10), (iso) => iso.slice(0, 10)), report: { line: report.line, placed: report.placed.map((x) => [x.item.id, x.text]) }, record: n };
      });
    };
    const before = await stored();
    expect(before.every((v) => v.toString().startsWith('v2.'))).toBe(true);
    expect(await shown()).toEqual(expected);
    const records = await whole();
    expect(records.session).toEqual(session);
    expect(records.cases[fixture.caseId]?.initials).toBeTruthy();

    const rotation = new KeyRotation({ redis: h.redis, keys: h.keys, prefix: h.prefix, dataKeys: [TEST_DATA_KEY], notes: noteCodec(h.catalog) });
    const stats = await rotation.run();
    // the notes, the case, the session's data
    expect(stats.converted).toBe(expected.length + 2);
    const after = await stored();
    expect(after.every((v) => v[0] === 0x03)).toBe(true);
    expect(after.reduce((n, v) => n + v.length, 0)).toBeLessThan(before.reduce((n, v) => n + v.length, 0) / 3);
    expect(await shown()).toEqual(expected);
    expect(await whole()).toEqual(records);
    // the session's clear fields are left as they were
    expect(await h.redis.hmget(sessionKey, 'rev', 'cases')).toEqual(['4', fixture.caseId]);
    // done: a second run converts nothing, and nothing is left
    expect((await rotation.run()).converted).toBe(0);
    expect(await rotation.remaining()).toBe(0);
  });
});
