// Fuzz (issue 9): over 10,000 generated updates through the real bot — every production middleware, a
// real Redis, the fake Bot API over HTTP — from an organisation's people and a stranger: hostile texts
// (oversized, emoji, RTL, zero-width, HTML-looking, control characters), junk commands, random,
// truncated and forged button data, presses on messages that do not exist, media, edits, group and
// channel messages, other update types, replays; mixed with real navigation (the buttons the bot
// just sent, plausible answers) so the fuzz reaches deep screens.
//
// Seeded and bounded: FUZZ_SEED and FUZZ_UPDATES override the defaults; every failure names the
// seed, the step and the update, with the updates of that user just before it.
//
// Pass: no update fails (nothing thrown, no error logged), every private message, edit and button
// press from a member (or a stranger) is answered, the fake Bot API refuses no call, and the notes
// saved before the fuzz are byte-identical in Redis after it.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Update } from 'grammy/types';
import type { BotError } from 'grammy';
import type { BotContext } from '../../src/bot/context.ts';
import { ADMIN, buttons, Harness, invitationCode, openCase } from '../support/bot-harness.ts';
import type { ApiCall, FakeMessage } from '../support/fake-bot-api.ts';
import { fillNote } from '../support/note-driver.ts';
import { svgToPng } from '../../src/export/rasterise.ts';
import { hostileText, junkCommand, randomData, REAL_COMMANDS, Rng, swapped, TEXT_KINDS, truncated, Updates, type Person } from '../support/fuzz.ts';
import { STRANGER_REPLIES } from '../../src/bot/middleware/access.ts';
import { intakeForm } from '../../src/cases/intake-form.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20250314);

// The bot's ids (cases, notes, tokens, invitations) from the seed too, so a run is repeatable: the
// same seed presses the same buttons. (Only ids: encryption keeps its random IVs.)
vi.mock('../../src/store/ids.ts', async () => {
  const { Rng } = await import('../support/fuzz.ts');
  const r = new Rng(Number(process.env.FUZZ_SEED ?? 20250314) ^ 0x5eed);
  return {
    newId(length = 10): string {
      let out = '';
      for (let i = 0; i < length; i++) out += r.int(0, 35).toString(36);
      return out;
    },
  };
});
const UPDATES = Number(process.env.FUZZ_UPDATES ?? 10_000);

const SUP = 5001;
const WORKERS = [6001, 6002, 6003];
const STRANGER = 7001;

type Role = 'admin' | 'supervisor' | 'worker' | 'stranger';
interface Actor extends Person {
  role: Role;
}
const ACTORS: Actor[] = [
  { id: ADMIN, firstName: 'Ani', role: 'admin' },
  { id: SUP, firstName: 'Rina', role: 'supervisor' },
  { id: WORKERS[0]!, firstName: 'Budi', role: 'worker' },
  { id: WORKERS[1]!, firstName: 'Dewi', role: 'worker' },
  { id: WORKERS[2]!, firstName: 'Eko', role: 'worker' },
  { id: STRANGER, firstName: 'Orang', role: 'stranger' },
];
const ACTOR_WEIGHTS = { [ADMIN]: 12, [SUP]: 16, [WORKERS[0]!]: 20, [WORKERS[1]!]: 20, [WORKERS[2]!]: 20, [STRANGER]: 5 } as Record<string, number>;

/** What a step sends; weights per step. */
const KIND_WEIGHTS = {
  drive: 14, // what a person finishing the task would do: answer the current question, save, open the case
  'nav-button': 24, // a real button of the user's newest screen (sometimes an older one)
  'plausible-answer': 8,
  'real-command': 8,
  'hostile-text': 10,
  'junk-command': 5,
  'cb-random': 3,
  'cb-truncated': 3,
  'cb-swapped': 4,
  'cb-other-user': 4,
  'cb-missing-message': 3,
  'cb-stale': 3,
  'sticker-photo-voice': 3,
  'other-message': 4,
  edited: 3,
  group: 2,
  channel: 1,
  'other-update': 2,
  replay: 3,
};
type Kind = keyof typeof KIND_WEIGHTS;

/** A reply the user sees (or the press is answered): what "answered" means. */
const REPLY_METHODS = new Set(['sendMessage', 'editMessageText', 'editMessageReplyMarkup', 'answerCallbackQuery', 'sendDocument', 'sendPhoto']);

interface Sent {
  n: number;
  kind: string;
  update: Record<string, unknown>;
  /** the update reached the bot's handlers for the first time (not a replay) */
  fresh: boolean;
}

interface Example {
  n: number;
  actor: string;
  kind: string;
  update: string;
  calls: string[];
  error?: string;
  before: string[];
}

interface Finding {
  count: number;
  examples: Example[];
}

function short(v: unknown, max = 160): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > max ? `${s.slice(0, max)}…(${s.length} chars)` : s;
}

/** An update for a report: long strings cut, the noise (dates, names) left out. */
function describeUpdate(u: Record<string, unknown>): string {
  return JSON.stringify(u, (k, v: unknown) => {
    if (k === 'date' || k === 'edit_date' || k === 'first_name' || k === 'language_code' || k === 'is_bot' || k === 'chat_instance') return undefined;
    if (typeof v === 'string' && v.length > 120) return `${v.slice(0, 60)}…(${v.length} chars)`;
    return v;
  });
}

function describeCall(c: ApiCall): string {
  const p = c.payload;
  const what = p['text'] ?? p['caption'] ?? p['callback_query_id'];
  const status = c.response === undefined ? 'pending' : c.response.ok ? 'ok' : `REJECTED ${c.response.error_code} ${c.response.description}`;
  return `${c.method} chat=${String(p['chat_id'] ?? '')} msg=${String(p['message_id'] ?? '')} [${status}] ${what === undefined ? '' : short(what, 100)}`;
}

/** Ids in messages and data made comparable: a finding's signature names the kind, not the instance. */
function signature(s: string): string {
  return s.replace(/\d+/g, 'N').replace(/[a-z0-9]{8,}/g, 'ID').slice(0, 200);
}

describe('fuzz: the real bot under generated updates', () => {
  let h: Harness;
  let orgId = '';
  /** the notes saved before the fuzz: key → field → sealed value, as Redis holds them */
  const snapshot = new Map<string, Map<string, string>>();
  const ids = new Set<string>();
  /** the fixture's cases → their owner */
  const fixtureCases = new Map<string, number>();
  let png: Buffer;

  beforeAll(async () => {
    h = await Harness.start({ now: new Date('2025-03-14T03:00:00Z') });
    png = svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30" fill="#2e933c"/></svg>', 40);
    // the organisation: an admin founds it, invites a supervisor, whose own link brings three workers
    await h.say('/lembaga', { firstName: 'Ani' });
    await h.say('Lembaga Uji Fuzz', { firstName: 'Ani' });
    await h.say('/lembaga');
    await h.tap('Undangan baru');
    const [made] = await h.tap('Supervisor · 1 orang');
    await h.say(`/start ${invitationCode(made)}`, { user: SUP, firstName: 'Rina' });
    const [own] = await h.say('/undang', { user: SUP });
    const code = invitationCode(own);
    orgId = code.split('_')[0]!;
    const models = ['Zastrow', 'Skidmore', 'IPWL'];
    for (const [i, w] of WORKERS.entries()) {
      const actor = ACTORS.find((a) => a.id === w)!;
      await h.say(`/start ${code}`, { user: w, firstName: actor.firstName });
      const caseId = await openCase(h, ['Si', 'Bz', 'Ar'][i]!, models[i]!, w);
      await h.say('/catat', { user: w });
      await h.tap(/\(42\)/, w);
      await fillNote(h, { user: w, answers: { langkah_selanjutnya: { type: 'Kunjungan rumah <b>&amp; 👨‍👩‍👧‍👦 عائلة' } } });
      await h.tap('Simpan', w);
      const key = h.keys.notes(w, caseId);
      const fields = await h.redis.hgetall(key);
      expect(Object.keys(fields)).toHaveLength(1);
      snapshot.set(key, new Map(Object.entries(fields)));
      ids.add(caseId);
      fixtureCases.set(caseId, w);
      for (const noteId of Object.keys(fields)) ids.add(noteId);
    }
    ids.add(orgId);
    ids.add(code.split('_')[1]!);
    expect(h.logs.filter((l) => /"level":(50|60)/.test(l))).toEqual([]);
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
  });

  it(`survives ${UPDATES} updates (seed ${SEED})`, async () => {
    const r = new Rng(SEED);
    const make = new Updates(h.fake);
    const sent = new Map<number, Sent[]>(ACTORS.map((a) => [a.id, []]));
    const findings = new Map<string, Finding>();
    const counts: Record<string, number> = {};
    const subCounts: Record<string, number> = {};
    const pressedTags: Record<string, number> = {};
    const changedAt = new Set<string>();
    let replies = 0;
    let checkedForReply = 0;
    const started = Date.now();
    const callsAtStart = h.fake.calls.length;
    const users = ACTORS.map((a) => a.id);

    const note = (key: string, ex: Example): void => {
      const f = findings.get(key) ?? { count: 0, examples: [] };
      f.count++;
      if (f.examples.length < 3) f.examples.push(ex);
      findings.set(key, f);
    };

    /** Messages of this chat with buttons, newest last. */
    const cache = new Map<number, { at: number; ms: FakeMessage[] }>();
    /** The chat's bot messages; read again only when the bot made a call since (fake.messages copies them all). */
    const messagesOf = (chatId: number): FakeMessage[] => {
      const hit = cache.get(chatId);
      if (hit && hit.at === h.fake.calls.length) return hit.ms;
      const ms = h.fake.messages(chatId);
      cache.set(chatId, { at: h.fake.calls.length, ms });
      return ms;
    };
    const withButtons = (chatId: number, last = 12): FakeMessage[] => {
      const ms = messagesOf(chatId);
      const out: FakeMessage[] = [];
      for (let i = ms.length - 1; i >= 0 && out.length < last; i--) if (buttons(ms[i]).length > 0) out.push(ms[i]!);
      return out.reverse();
    };
    const harvest = (m: FakeMessage): void => {
      if (ids.size > 400) return;
      for (const b of buttons(m)) for (const seg of b.callback_data.split(':').slice(1)) if (/^[a-z0-9]{4,16}$/.test(seg) && !/^\d+$/.test(seg)) ids.add(seg);
    };
    const anyRealData = (chatId: number): { message: FakeMessage; data: string } | undefined => {
      const ms = withButtons(chatId, 20);
      if (ms.length === 0) return undefined;
      const m = r.pick(ms);
      harvest(m);
      return { message: m, data: r.pick(buttons(m)).callback_data };
    };

    /**
     * Presses that, by design, dismantle the fixture: someone leaves, is removed, suspended or changes
     * role; a fixture case is deleted or moved to another worker; a member deletes their own data.
     * They are not carried out for real (the press becomes /lanjut), so the team and its saved notes
     * stay for all the updates. Pressed by someone not allowed to (a forged button), they still go.
     */
    const fixtureChanging = (actor: Actor, data: string): boolean => {
      if (actor.role === 'stranger') return false;
      if (data.startsWith(`lv:${orgId}`) || data === 'md:1') return true;
      if (actor.role === 'admin' && new RegExp(`^(o:${orgId}:[yop]|ac:${orgId}:[yt])(:|$)`).test(data)) return true;
      const m = /^dy:([a-z0-9]+)$/.exec(data);
      return m !== null && fixtureCases.get(m[1]!) === actor.id;
    };

    /** Saving a revision of a note saved before the fuzz: that would (rightly) change it. */
    const savesSnapshotNote = async (actor: Actor, data: string): Promise<boolean> => {
      if (!/^f:[^:]+:v:/.test(data)) return false;
      const act = (await h.workspace(actor.id)).session?.activity;
      if (act?.kind !== 'note-edit') return false;
      return [...snapshot.values()].some((fields) => fields.has(act.original.id));
    };

    /** A press; one that would change the fixture (above) becomes /lanjut. */
    const press = async (actor: Actor, messageId: number, data: string) => {
      if (fixtureChanging(actor, data) || (await savesSnapshotNote(actor, data))) {
        subCounts['guarded (press not carried out)'] = (subCounts['guarded (press not carried out)'] ?? 0) + 1;
        return text(actor, '/lanjut');
      }
      return h.fake.pressButton(actor.id, messageId, data);
    };
    const text = (actor: Actor, t: string) => h.fake.sendText(actor.id, t, { firstName: actor.firstName });

    const pressLabelled = (actor: Actor, m: FakeMessage, pred: (data: string) => boolean) => {
      const bs = buttons(m).filter((b) => pred(b.callback_data));
      return bs.length ? press(actor, m.message_id, r.pick(bs).callback_data) : undefined;
    };
    const sentence = () => (r.chance(0.25) ? hostileText(r, r.pick(TEXT_KINDS)) : r.pick(['Klien hadir dan kooperatif.', 'Keluarga mendukung rencana.', 'Dijadwalkan ulang lewat telepon.', 'Kunjungan rumah minggu depan', 'Relasi dengan keluarga membaik']));

    /** One step towards finishing what the user is doing (a case, a note, a review), as a person would. */
    const driveStep = async (actor: Actor): Promise<{ update: Record<string, unknown>; sub: string }> => {
      const ws = await h.workspace(actor.id);
      const act = ws.session?.activity;
      const screens = withButtons(actor.id, 4);
      const newest = screens.at(-1);
      if (ws.session?.aside) return { update: text(actor, sentence()), sub: `aside-${ws.session.aside.kind}` };
      if (!act) {
        // a supervisor answers the newest summary; anyone else picks up the case / stage buttons on screen
        const next = newest && (await pressLabelled(actor, newest, (d) => /^(cg|cn|s[afv]|mv|st|dr:resume):?/.test(d)));
        if (next) return { update: next, sub: 'next-screen' };
        return { update: text(actor, actor.role === 'worker' ? r.pick(['/catat', '/catat', '/kasus_baru']) : r.pick(['/catat', '/kasus_baru', '/riwayat'])), sub: 'start' };
      }
      const prompt = [...screens].reverse().find((m) => buttons(m).some((b) => b.callback_data.startsWith(`f:${act.token}:`)));
      if (!prompt) return { update: text(actor, '/lanjut'), sub: 'lost-prompt' };
      const own = (op: string) => (d: string) => d.startsWith(`f:${act.token}:${op}:`);
      if (buttons(prompt).some((b) => own('n')(b.callback_data))) return { update: await pressLabelled(actor, prompt, own('n'))!, sub: 'keep-going' };
      if (act.form.cursor === null) {
        const saved = await pressLabelled(actor, prompt, own('v'));
        return saved ? { update: saved, sub: 'save' } : { update: text(actor, '/lanjut'), sub: 'lost-prompt' };
      }
      // the intake's questions (the model first, then the client or the group, the facts) are the
      // same whatever models are offered: only the model's options differ, and those are pressed
      const questions = act.kind === 'intake' ? intakeForm(h.catalog).questions : h.catalog.stage(act.flowId, act.stageId, act.flowVersion)?.questions;
      const q = questions?.find((x) => x.id === act.form.cursor);
      const typed = (t: string) => ({ update: text(actor, t), sub: `type-${act.kind === 'intake' ? 'intake-' : ''}${q?.type ?? 'unknown'}` });
      if (q?.optional && r.chance(0.15)) return { update: (await pressLabelled(actor, prompt, own('s'))) ?? text(actor, '/lewati'), sub: 'skip' };
      if (!q) {
        // a question the catalog does not know: buttons where there are choices, else a sentence
        const choice = await pressLabelled(actor, prompt, own('c'));
        return choice ? { update: choice, sub: 'unknown-choice' } : typed(sentence());
      }
      switch (q.type) {
        case 'choice':
        case 'yesno':
        case 'scale':
          return { update: (await pressLabelled(actor, prompt, own('c'))) ?? text(actor, '/lanjut'), sub: `tap-${q.type}` };
        case 'multi': {
          const toggled = r.chance(0.5) ? await pressLabelled(actor, prompt, own('t')) : undefined;
          return { update: toggled ?? (await pressLabelled(actor, prompt, own('d'))) ?? text(actor, '/lanjut'), sub: 'tap-multi' };
        }
        case 'file':
          return { update: h.fake.uploadPhoto(actor.id, { bytes: png, mimeType: 'image/png' }), sub: 'file' };
        case 'number':
          return typed(String(r.int(q.min ?? 0, q.max ?? 10)));
        case 'date':
          return typed(q.allow === 'future' ? r.pick(['besok', 'Senin', '20/3/2025']) : r.pick(['hari ini', 'kemarin', '12/3/2025', '12 Maret 2025']));
        case 'initials':
          return typed(r.pick(['Si', 'BZG', 'Ab', 'Éa']));
        default:
          // a short text (a group's name) gets a short answer, else it is refused every time
          return typed(q.type === 'text' && q.max !== undefined && q.max < 40 ? r.pick(['Mawar', 'TC-3', 'Melati 2']) : sentence());
      }
    };

    /**
     * A press on a message the bot can no longer reach (deleted, say): Telegram then gives the
     * callback an InaccessibleMessage — chat, message_id and date 0, nothing else (Bot API 7.0).
     */
    const pressGone = async (actor: Actor, messageId: number, data: string) => {
      const u = await press(actor, messageId, data);
      const q = u['callback_query'] as { message?: Record<string, unknown> } | undefined;
      if (q?.message) q.message = { chat: q.message['chat'], message_id: messageId, date: 0 };
      return u;
    };
    /** The user's newest message from the bot with buttons: a callback always comes from one of those. */
    const newestScreen = (actor: Actor): number => withButtons(actor.id, 1).at(-1)?.message_id ?? 999_999;

    /** The update of one step, and whether the user must see an answer to it. */
    const generate = async (actor: Actor, kind: Kind): Promise<{ update: Record<string, unknown>; sub: string; mustAnswer: boolean; fresh: boolean }> => {
      const privateMsg = async (u: Record<string, unknown> | Promise<Record<string, unknown>>, sub: string, mustAnswer = true) => ({ update: await u, sub, mustAnswer, fresh: true });
      switch (kind) {
        case 'drive': {
          const { update, sub } = await driveStep(actor);
          return privateMsg(update, sub);
        }
        case 'nav-button': {
          const ms = withButtons(actor.id, 6);
          if (ms.length === 0) return privateMsg(text(actor, r.pick(['/start', '/menu', '/catat'])), 'no-screen-command');
          const m = r.chance(0.75) ? ms.at(-1)! : r.pick(ms);
          harvest(m);
          const choices = buttons(m).filter((b) => !fixtureChanging(actor, b.callback_data));
          if (choices.length === 0) return privateMsg(text(actor, '/menu'), 'no-screen-command');
          const b = r.pick(choices);
          const tag = b.callback_data.split(':')[0]!;
          pressedTags[tag] = (pressedTags[tag] ?? 0) + 1;
          return privateMsg(press(actor, m.message_id, b.callback_data), 'real-button');
        }
        case 'plausible-answer': {
          const last = messagesOf(actor.id).at(-1)?.text ?? '';
          let t: string;
          if (/Tanggal|tanggal|Kapan|date/.test(last)) t = r.pick(['hari ini', 'kemarin', '12/3/2025', '12 Maret 2025', 'Senin', 'besok', '1/1/2020']);
          else if (/Usia|usia|age|berapa/i.test(last)) t = r.pick(['42', '17', '0', '111', 'empat puluh']);
          else if (/Inisial|initials/.test(last)) t = r.pick(['Si', 'BZG', 'Ab', 'Muhammad Rizky', 'X1']);
          else if (/ya\/tidak|Ya|tidak/.test(last) && r.chance(0.3)) t = r.pick(['ya', 'tidak']);
          else t = r.pick(['Klien hadir dan kooperatif.', 'Keluarga mendukung rencana.', 'Dijadwalkan ulang.', 'Tidak ada kendala berarti', 'Kunjungan rumah minggu depan']);
          return privateMsg(text(actor, t), 'typed');
        }
        case 'real-command':
          return privateMsg(text(actor, r.pick(REAL_COMMANDS)), 'command');
        case 'hostile-text': {
          const k = r.pick(TEXT_KINDS);
          return privateMsg(text(actor, hostileText(r, k)), k);
        }
        case 'junk-command':
          return privateMsg(text(actor, junkCommand(r, [...ids])), 'junk');
        case 'cb-random': {
          const target = newestScreen(actor);
          return privateMsg(press(actor, target, randomData(r, [...ids], users)), 'random');
        }
        case 'cb-truncated': {
          const real = anyRealData(actor.id) ?? anyRealData(r.pick(users));
          if (!real) return privateMsg(press(actor, newestScreen(actor), randomData(r, [...ids], users)), 'random');
          return privateMsg(press(actor, real.message.message_id, truncated(r, real.data)), 'truncated');
        }
        case 'cb-swapped': {
          const real = anyRealData(actor.id) ?? anyRealData(r.pick(users));
          if (!real) return privateMsg(press(actor, newestScreen(actor), randomData(r, [...ids], users)), 'random');
          const data = swapped(r, real.data, [...ids], users);
          return privateMsg(press(actor, real.message.message_id, data), 'swapped');
        }
        case 'cb-other-user': {
          const other = r.pick(users.filter((u) => u !== actor.id));
          const real = anyRealData(other);
          if (!real) return privateMsg(press(actor, newestScreen(actor), randomData(r, [...ids], users)), 'random');
          // on the same message id (in the presser's chat, that is another message or none) or on the presser's newest
          // on the presser's newest screen, or on their message of the same id when that is one of the
          // bot's (a callback always comes from a message of the bot's in the presser's own chat)
          const mine = withButtons(actor.id, 40);
          const same = mine.find((m) => m.message_id === real.message.message_id);
          const target = same && r.chance(0.5) ? same.message_id : (mine.at(-1)?.message_id ?? 1);
          return privateMsg(press(actor, target, real.data), 'other-user');
        }
        case 'cb-missing-message': {
          const real = anyRealData(actor.id) ?? anyRealData(r.pick(users));
          const data = real?.data ?? randomData(r, [...ids], users);
          return privateMsg(pressGone(actor, r.pick([999_999, 2_147_483_647, 123_456]), data), 'missing-message');
        }
        case 'cb-stale': {
          const ms = withButtons(actor.id, 40);
          if (ms.length === 0) return privateMsg(press(actor, newestScreen(actor), 'm:home'), 'stale');
          const m = ms[r.int(0, Math.max(0, ms.length - 3))]!;
          const choices = buttons(m).filter((b) => !fixtureChanging(actor, b.callback_data));
          const b = choices.length ? r.pick(choices) : { callback_data: 'm:home' };
          return privateMsg(press(actor, m.message_id, b.callback_data), 'stale');
        }
        case 'sticker-photo-voice': {
          const which = r.pick(['sticker', 'photo', 'voice'] as const);
          if (which === 'sticker') return privateMsg(h.fake.sendSticker(actor.id), 'sticker');
          if (which === 'photo') return privateMsg(h.fake.uploadPhoto(actor.id, { bytes: png, mimeType: 'image/png' }), 'photo');
          return privateMsg(h.fake.uploadVoice(actor.id, { bytes: Buffer.from('OggS-fuzz-voice'), mimeType: 'audio/ogg' }), 'voice');
        }
        case 'other-message': {
          const { kind: k, content } = make.media(r, actor);
          // the second photo of an album is, by design, not answered
          return privateMsg(make.message(actor, content), k, k !== 'album-photo' && k !== 'new-chat-title' && k !== 'story');
        }
        case 'edited':
          // a stranger's edit is not among what must be answered (only their messages and presses)
          return privateMsg(make.edited(actor, r.chance(0.5) ? hostileText(r, r.pick(TEXT_KINDS)) : r.pick(['hari ini', '/catat', 'Si'])), 'edited', actor.role !== 'stranger');
        case 'group': {
          const t = r.chance(0.5) ? r.pick(['/catat', '/start', '/catat@pendamping_test_bot', '/lembaga']) : hostileText(r, r.pick(TEXT_KINDS));
          if (r.chance(0.15)) return { update: make.anonymousGroup(t), sub: 'group-anonymous', mustAnswer: false, fresh: true };
          return { update: make.group(actor, t), sub: 'group', mustAnswer: false, fresh: true };
        }
        case 'channel':
          return { update: make.channelPost(hostileText(r, r.pick(TEXT_KINDS)), r.chance(0.3)), sub: 'channel_post', mustAnswer: false, fresh: true };
        case 'other-update': {
          const { kind: k, update } = make.other(r, actor);
          return { update, sub: k, mustAnswer: k === 'callback-game', fresh: true };
        }
        case 'replay': {
          const past = sent.get(actor.id)!.filter((s) => s.fresh);
          if (past.length === 0) return privateMsg(text(actor, '/menu'), 'no-history-command');
          // mostly a recent one (a batch delivered again), sometimes an old one
          const s = r.chance(0.7) ? past[Math.max(0, past.length - r.int(1, 5))]! : r.pick(past);
          return { update: s.update, sub: 'replay', mustAnswer: false, fresh: false };
        }
      }
    };

    /** when the stranger was answered (the harness clock moves a second an update) */
    const strangerAnswers: number[] = [];
    for (let n = 0; n < UPDATES; n++) {
      h.now = new Date(h.now.getTime() + 1_000);
      const actorId = Number(r.weighted(ACTOR_WEIGHTS));
      const actor = ACTORS.find((a) => a.id === actorId)!;
      const kind = r.weighted(KIND_WEIGHTS);
      const { update, sub, mustAnswer, fresh } = await generate(actor, kind);
      counts[kind] = (counts[kind] ?? 0) + 1;
      subCounts[`${kind}/${sub}`] = (subCounts[`${kind}/${sub}`] ?? 0) + 1;
      const callsBefore = h.fake.calls.length;
      const logsBefore = h.logs.length;
      let thrown: unknown;
      try {
        await h.bot.handleUpdate(update as unknown as Update);
      } catch (err) {
        thrown = err;
        // as production does (src/bot/polling.ts): a failed update goes to bot.catch
        await h.bot.errorHandler(err as BotError<BotContext>);
      }
      const calls = h.fake.calls.slice(callsBefore);
      const history = sent.get(actor.id)!;
      const example = (error?: string): Example => ({
        n,
        actor: `${actor.firstName} (${actor.role}, ${actor.id})`,
        kind: `${kind}/${sub}`,
        update: describeUpdate(update),
        calls: calls.map(describeCall),
        ...(error ? { error } : {}),
        before: history.slice(-12).map((s) => `#${s.n} ${s.kind}: ${describeUpdate(s.update).slice(0, 300)}`),
      });
      const data = (update['callback_query'] as { data?: string } | undefined)?.data;
      const tag = data !== undefined ? ` [button ${/^[a-z]{1,2}(?=:|$)/.exec(data)?.[0] ?? 'junk'}]` : '';
      if (thrown !== undefined) {
        const e = (thrown as BotError).error ?? thrown;
        const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        note(`threw: ${signature(msg)}${tag}`, example(`${msg}\n${e instanceof Error ? e.stack?.split('\n').slice(1, 6).join('\n') : ''}`));
      }
      for (const c of calls) {
        if (c.response && !c.response.ok) note(`rejected ${c.method}: ${signature(c.response.description)}${tag}`, example());
      }
      for (const line of h.logs.slice(logsBefore)) {
        if (!/"level":(50|60)/.test(line)) continue;
        const o = JSON.parse(line) as { msg?: string; err?: { message?: string }; description?: string };
        note(`logged error: ${o.msg} ${signature(o.err?.message ?? o.description ?? '')}${tag}`, example(short(line, 600)));
      }
      // every reply to the stranger counts against their allowance, whatever the update was
      if (actor.role === 'stranger' && calls.some((c) => c.response?.ok === true && REPLY_METHODS.has(c.method) && (String(c.payload['chat_id']) === String(actor.id) || c.method === 'answerCallbackQuery'))) {
        strangerAnswers.push(h.now.getTime());
      }
      if (mustAnswer && thrown === undefined) {
        checkedForReply++;
        const chatId = ((update['message'] ?? update['edited_message'] ?? (update['callback_query'] as { message?: unknown } | undefined)?.message) as { chat?: { id: number } } | undefined)?.chat?.id ?? actor.id;
        const queryId = (update['callback_query'] as { id?: string } | undefined)?.id;
        const answered = calls.some(
          (c) =>
            c.response?.ok === true &&
            REPLY_METHODS.has(c.method) &&
            (String(c.payload['chat_id']) === String(chatId) || (queryId !== undefined && c.payload['callback_query_id'] === queryId)),
        );
        if (answered) replies++;
        else if (!(actor.role === 'stranger' && strangerAnswers.filter((t) => h.now.getTime() - t < 60_000).length >= STRANGER_REPLIES)) {
          // a stranger's flood is answered a few times a minute, then ignored (src/bot/middleware/access.ts)
          note(`unanswered (${actor.role}): ${kind}/${sub}`, example());
        }
      }
      // the saved notes, after every update: the first one that changes one is the finding
      const p = h.redis.pipeline();
      const watched = [...snapshot].flatMap(([key, fields]) => [...fields].map(([field, value]) => ({ key, field, value })));
      for (const w of watched) p.hget(w.key, w.field);
      const now = ((await p.exec()) ?? []).map(([, v]) => v);
      watched.forEach((w, i) => {
        if (now[i] !== w.value && !changedAt.has(`${w.key} ${w.field}`)) {
          changedAt.add(`${w.key} ${w.field}`);
          note('saved note changed by an update', example(`${w.key} ${w.field}`));
        }
      });
      history.push({ n, kind: `${kind}/${sub}`, update, fresh });
      if (history.length > 400) history.splice(0, 100);
    }

    // the notes saved before the fuzz, byte for byte
    const changed: string[] = [];
    for (const [key, fields] of snapshot) {
      const now = await h.redis.hgetall(key);
      for (const [field, value] of fields) if (now[field] !== value) changed.push(`${key} ${field}`);
    }
    if (changed.length) findings.set('saved note changed', { count: changed.length, examples: changed.map((c) => ({ n: -1, actor: '', kind: '', update: c, calls: [], before: [] })) });

    const seconds = (Date.now() - started) / 1000;
    const rejected = h.fake.calls.filter((c) => c.response && !c.response.ok).length;
    // how deep the fuzz went: screens and outcomes reached, by what the bot said
    const fuzzCalls = h.fake.calls.slice(callsAtStart);
    const said = (re: RegExp) => fuzzCalls.filter((c) => c.response?.ok && typeof c.payload['text'] === 'string' && re.test(c.payload['text'])).length;
    const reached = {
      casesOpened: said(/^✅ Kasus <b>.*<\/b> tersimpan|^✅ Case <b>/),
      notesStarted: said(/Pertanyaan 1 dari|Question 1 of/),
      reviews: said(/📋 Periksa sebelum disimpan|📋 Check before saving/),
      notesSaved: said(/tersimpan \(catatan ke-|saved \(note no\./),
      notesRevised: said(/diperbarui \(versi|updated \(version/),
      supervisorSummaries: said(/Catatan sesi baru dari|New session note from/),
      approvals: said(/menyetujui catatan|approved the note/),
      feedbackAsked: said(/tanggapan|feedback/i),
      caseEnded: said(/🏁/),
      orgMenus: said(/🏛/),
      documentsSent: fuzzCalls.filter((c) => c.method === 'sendDocument' && c.response?.ok).length,
      photosSent: fuzzCalls.filter((c) => c.method === 'sendPhoto' && c.response?.ok).length,
      genericErrors: said(/^Maaf, terjadi kesalahan|^Sorry, something went wrong/),
    };
    const summary = {
      reached,
      realButtonTags: pressedTags,
      seed: SEED,
      updates: UPDATES,
      seconds,
      perKind: counts,
      perSubKind: Object.fromEntries(Object.entries(subCounts).sort()),
      checkedForReply,
      answered: replies,
      apiCalls: h.fake.calls.length,
      rejectedCalls: rejected,
      findings: Object.fromEntries([...findings].map(([k, f]) => [k, f.count])),
    };
    console.log(`fuzz summary ${JSON.stringify(summary, null, 1)}`);
    if (process.env.FUZZ_REPORT) {
      const { writeFileSync } = await import('node:fs');
      writeFileSync(process.env.FUZZ_REPORT, JSON.stringify({ summary, findings: Object.fromEntries(findings) }, null, 1));
    }
    const report = [...findings]
      .map(([k, f]) => `■ ${k} ×${f.count}\n${f.examples.slice(0, 1).map((e) => `  step ${e.n} · ${e.actor} · ${e.kind}\n  update: ${e.update}\n  calls:\n${e.calls.map((c) => `    ${c}`).join('\n')}${e.error ? `\n  error: ${e.error}` : ''}\n  before (same user):\n${e.before.map((b) => `    ${b}`).join('\n')}`).join('\n')}`)
      .join('\n\n');
    expect(findings.size, `fuzz (seed ${SEED}, ${UPDATES} updates; rerun with FUZZ_SEED=${SEED}) found:\n\n${report}`).toBe(0);
  }, 240_000);
});
